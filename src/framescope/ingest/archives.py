"""WARC (and .warc.gz) -> Documents with warcio: every `response` record with status 200 and an HTML or
plain-text body becomes one Document (source "file.warc#N", N the record's position, url = WARC-Target-URI).

`published` is left empty on purpose: WARC-Date is when the page was *captured*, which can be years after
it was published; the cleaner finds the publication date in the page itself (metadata, URL, text).
Requests, metadata, revisits, redirects, images and the like are skipped silently: they are normal in a WARC.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from typing import IO

from framescope.errors import InputError
from framescope.ingest.decode import to_document
from framescope.ingest.options import Context, mb
from framescope.ingest.sniff import kind_of_media_type
from framescope.models import Document, Problem

log = logging.getLogger(__name__)


def from_warc(stream: IO[bytes], source: str, ctx: Context) -> Iterator[Document | Problem]:
    """Stream the records of a WARC file (gzip-compressed per record or not; warcio tells)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _starts_like_warc(stream):
        yield Problem(source, "not a WARC file (it does not start with a WARC/1.x record)")
        return
    cap = ctx.limits.max_file_bytes
    found = 0
    number = 0
    records = ArchiveIterator(stream)
    try:
        for number, record in enumerate(records, 1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            kind = kind_of_media_type(content_type)
            if kind not in ("html", "text"):
                continue
            found += 1
            where = f"{source}#{number}"
            uri = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read(cap + 1)  # de-chunked and decompressed by warcio
            if len(body) > cap:
                yield Problem(where, f"too large: body over {mb(cap)}")
                continue
            try:
                yield to_document(body, where, kind, declared=_charset(content_type), url=uri)
            except InputError as exc:
                yield Problem(exc.source, f"{exc.problem} ({uri})" if uri else exc.problem)
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
        after = f" after record {number}" if number else ""
        yield Problem(source, f"not a readable WARC{after}: {' '.join(str(exc).split())}")
        return
    if records.err_count:  # warcio read on past records whose Content-Length was wrong
        yield Problem(source, f"damaged WARC: {records.err_count} record(s) with a wrong Content-Length")
    elif not found:
        yield Problem(source, "no HTML or text responses with status 200 in this WARC")


def _starts_like_warc(stream: IO[bytes]) -> bool:
    """A WARC starts with "WARC/" (inside the first gzip member for .warc.gz). warcio itself is lenient
    enough to read any text file as one odd record, so we look first. `stream` must be seekable."""
    head = stream.read(5)
    if head.startswith(b"\x1f\x8b"):
        stream.seek(0)
        try:
            with gzip.GzipFile(fileobj=stream) as unzipped:
                head = unzipped.read(5)
        except (OSError, EOFError, zlib.error):
            head = b""
    stream.seek(0)
    return head == b"WARC/"


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None

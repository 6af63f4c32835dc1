"""Bytes whose kind is known (from an extension or a Content-Type) or sniffed -> Documents.

One routing point for everything that arrives as a blob: stdin, fetched URLs, decompressed .gz files and
files whose extension says nothing.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import IO

from framescope.errors import InputError
from framescope.ingest import archives, feeds, records
from framescope.ingest.decode import to_document
from framescope.ingest.options import Context, mb
from framescope.ingest.sniff import sniff
from framescope.models import Document, Problem


def from_bytes(
    data: bytes,
    source: str,
    ctx: Context,
    *,
    kind: str | None = None,
    declared: str | None = None,
    url: str | None = None,
    media_type: str | None = None,
) -> Iterator[Document | Problem]:
    """Route `data` to the reader for its kind ("html", "text", "feed", "json", "csv", "warc", "gzip")."""
    kind = kind or sniff(data)
    try:
        if kind == "gzip":
            inner = gunzip(io.BytesIO(data), source, ctx.limits.max_file_bytes)
            if sniff(inner) == "gzip":
                raise InputError(source, "gzip inside gzip: not an article")
            yield from from_bytes(inner, source, ctx, url=url)
        elif kind == "warc":
            yield from archives.from_warc(io.BytesIO(data), source, ctx)
        elif kind == "feed":
            yield from feeds.from_feed(data, source, ctx, base_url=url)
        elif kind == "json":
            yield from records.from_json_bytes(data, source, ctx)
        elif kind == "csv":
            yield from records.from_csv(io.BytesIO(data), source, ctx)
        elif kind in ("html", "text"):
            yield to_document(data, source, kind, declared=declared, url=url)
        else:
            shown = media_type or kind
            yield Problem(source, f"not an article: content type {shown}")
    except InputError as exc:
        yield Problem(exc.source, exc.problem)


def gunzip(stream: IO[bytes], source: str, cap: int) -> bytes:
    """Decompress at most `cap` bytes (a small .gz can expand to gigabytes)."""
    try:
        with gzip.GzipFile(fileobj=stream) as unzipped:
            data = unzipped.read(cap + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source, f"not a valid gzip file: {' '.join(str(exc).split())}") from None
    if len(data) > cap:
        raise InputError(source, f"too large: over {mb(cap)} when decompressed")
    return data

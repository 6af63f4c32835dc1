"""Sources -> Document. Files, directories, stdin, URLs, RSS/Atom feeds, JSONL/CSV exports and WARC archives.

`ingest()` streams: a Document for every article found, a Problem (one line naming the input) for every
input that cannot be read, and it goes on. See docs/ingest.md for the formats, the column mapping of
JSONL/CSV, the fetch limits and the private-address policy.

    files.py     paths, directories, stdin (the extension or the first bytes choose the reader)
    content.py   routes a blob of bytes by kind
    decode.py    bytes -> str (declared charset, UTF-8, charset-normalizer), binary/empty detection
    sniff.py     kind from bytes or Content-Type
    records.py   JSON, JSONL, CSV/TSV records
    web.py       guarded HTTP fetching (httpx)
    feeds.py     RSS/Atom (feedparser), each entry fetched through web.py
    archives.py  WARC (warcio)
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping

from framescope.errors import InputError
from framescope.ingest.options import Context, Limits
from framescope.models import Document, Problem

__all__ = ["Limits", "ingest"]

log = logging.getLogger(__name__)

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def ingest(
    sources: Iterable[str],
    *,
    allow_private: bool = False,
    columns: Mapping[str, str] | None = None,
    limits: Limits | None = None,
) -> Iterator[Document | Problem]:
    """Yield a Document for every article found in `sources`, and a Problem for every one that cannot be read.

    Each source is a path (file or directory), "-" for standard input, or an http(s) URL (a page or a feed).
    `allow_private` lets URLs reach private, loopback and link-local addresses (off by default: SSRF).
    `columns` overrides the JSONL/CSV column mapping, e.g. {"text": "story_body", "outlet": "paper"}.
    Raises InputError only for a bad `columns` mapping; everything about the inputs is reported as a Problem.
    """
    from framescope.ingest import records

    records.check_columns(columns)
    ctx = Context(allow_private=allow_private, columns=columns, limits=limits or Limits())
    try:
        for source in sources:
            yield from _guarded(os.fspath(source), ctx)
    finally:
        ctx.close()


def _guarded(source: str, ctx: Context) -> Iterator[Document | Problem]:
    """One source; whatever goes wrong with it becomes a Problem, and the next source is read."""
    try:
        for item in _one(source, ctx):
            if isinstance(item, Problem):
                item = Problem(item.source, " ".join(item.message.split()))  # one line, always
                log.info("problem: %s: %s", item.source, item.message)
            yield item
    except InputError as exc:
        yield Problem(exc.source, " ".join(exc.problem.split()))
    except Exception as exc:  # a bug or a library failure on one hostile input must not end the batch
        log.exception("unexpected error while reading %s", source)
        yield Problem(source, f"unexpected error: {type(exc).__name__}: {' '.join(str(exc).split())}")


def _one(source: str, ctx: Context) -> Iterator[Document | Problem]:
    from framescope.ingest import content, files

    if source == "-":
        yield from files.from_stdin(ctx)
        return
    scheme = _SCHEME.match(source)
    if scheme is None:
        yield from files.from_path(source, ctx)
        return
    if scheme.group(1).lower() not in ("http", "https"):
        yield Problem(source, f"unsupported URL scheme {scheme.group(1)!r} (only http and https)")
        return
    from framescope.ingest.sniff import kind_of_media_type

    fetched = ctx.fetcher().fetch(source)
    kind = kind_of_media_type(fetched.media_type)
    yield from content.from_bytes(
        fetched.body,
        source,
        ctx,
        kind=kind,
        declared=fetched.charset,
        url=fetched.final_url,
        media_type=fetched.media_type,
    )

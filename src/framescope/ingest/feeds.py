"""RSS/Atom -> Documents. Each entry's link is fetched through web.py (same guards as any URL) and its page
becomes the Document, with the entry's title, date and author as metadata hints. When the page cannot be had,
the entry's own content or summary stands in if it is long enough to be an article; otherwise a Problem.
"""

from __future__ import annotations

import calendar
import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from framescope.errors import InputError
from framescope.ingest.decode import to_document
from framescope.ingest.options import Context
from framescope.ingest.sniff import kind_of_media_type, sniff
from framescope.models import Document, Problem

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def from_feed(data: bytes, source: str, ctx: Context, *, base_url: str | None = None) -> Iterator[Document | Problem]:
    """Every entry of the feed in `data` (fetched pages, or the entry's own text as a fallback)."""
    import feedparser

    # A stream, never bytes or str: feedparser treats a string argument as a URL or path to open itself,
    # which would bypass our fetch guards.
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception", "")).split())
            yield Problem(source, f"not a readable feed: {reason or 'malformed XML'}")
        else:
            yield Problem(source, "the feed has no entries")
        return
    encoding = parsed.get("encoding")
    for number, entry in enumerate(parsed.entries, 1):
        yield _entry(entry, number, source, ctx, base_url, encoding)


def _entry(
    entry: Any, number: int, source: str, ctx: Context, base_url: str | None, encoding: str | None
) -> Document | Problem:
    link = entry.get("link")
    if link and base_url:
        link = urljoin(base_url, link)
    if link and urlsplit(link).scheme not in ("http", "https"):
        link = None  # feedparser falls back to the entry id, which may be a "urn:uuid:..."
    hints = {
        "title": _clean(entry.get("title")),
        "published": _when(entry),
        "author": _clean(entry.get("author")),
    }
    where = link or f"{source}#{number}"
    if link:
        try:
            fetched = ctx.fetcher().fetch(link)
            kind = kind_of_media_type(fetched.media_type) or sniff(fetched.body)
            if kind not in ("html", "text"):
                shown = fetched.media_type or kind
                raise InputError(link, f"not an article page ({shown})")
            return to_document(fetched.body, link, kind, declared=fetched.charset, url=fetched.final_url, **hints)
        except InputError as exc:
            problem = exc.problem
    else:
        problem = "the entry has no http(s) link"
    own = _own_text(entry, ctx.limits.min_entry_chars)
    if own is None:
        return Problem(where, f"{problem}; the entry's own text is too short to use instead")
    log.info("%s: %s; using the feed entry's own text", where, problem)
    content, fmt = own
    # The text came from the feed itself, so the feed names it (the entry's link stays in `url`).
    return Document(source=f"{source}#{number}", content=content, format=fmt, url=link, encoding=encoding, **hints)


def _own_text(entry: Any, min_chars: int) -> tuple[str, str] | None:
    """The entry's longest content (or its summary) when it holds at least `min_chars` of text."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    best = max(candidates, key=lambda c: _text_length(c[0], c[1]))
    if _text_length(*best) < min_chars:
        return None
    return best[0], "html" if best[1] in _HTML_TYPES else "text"


def _text_length(value: str, media_type: str) -> int:
    if media_type not in _HTML_TYPES:
        return len(value.strip())
    parser = _TextCounter()
    parser.feed(value)
    parser.close()
    return parser.count


class _TextCounter(HTMLParser):
    """Counts the characters of text in an HTML fragment (the markup does not count towards "substantial")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0

    def handle_data(self, data: str) -> None:
        self.count += len(data.strip())


def _when(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:  # feedparser normalizes to a UTC struct_time
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat()
    return _clean(entry.get("published") or entry.get("updated"))


def _clean(value: Any) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None

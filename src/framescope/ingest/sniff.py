"""What a blob of bytes is, when no file extension says so (stdin, URLs, unknown extensions).

Kinds: "gzip", "warc", "feed", "json", "html", "text". Only the first few KB are looked at; the verdict is
a routing decision, and each reader still reports a clear problem when the content does not fit.
"""

from __future__ import annotations

import codecs
import re

_HEAD = 4096

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.I)
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h[1-6]|section|table|!--)[\s>/]", re.I
)
_HTML_CLOSE = re.compile(rb"</(?:p|div|html|body|a|span|article|section|h[1-6]|li|td|b|i|em|strong)>", re.I)
_HTML_CLOSE_STR = re.compile(r"</(?:p|div|html|body|a|span|article|section|h[1-6]|li|td|b|i|em|strong)>", re.I)
_HTML_START_STR = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|section)[\s>/]", re.I)

# Media types -> kind. Anything textual that is not listed here is sniffed; anything listed in BINARY is refused.
MEDIA_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-markdown": "text",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+json": "json",
    "application/json": "json",
    "application/x-ndjson": "json",
    "application/jsonl": "json",
    "application/jsonlines": "json",
    "text/csv": "csv",
    "application/warc": "warc",
    "application/gzip": "gzip",
    "application/x-gzip": "gzip",
}
BINARY_PREFIXES = ("image/", "audio/", "video/", "font/", "model/")
BINARY_TYPES = frozenset({"application/pdf", "application/zip", "application/x-tar", "application/wasm"})


def sniff(data: bytes) -> str:
    """Route `data` by its first bytes."""
    head = data[:_HEAD]
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    head = _ascii_view(head).lstrip()
    if head.startswith((b"{", b"[")):
        return "json"
    if _FEED_ROOT.search(head[:1024]) and not re.search(rb"<html\b", head[:1024], re.I):
        return "feed"
    if _HTML_START.match(head) or head.startswith(b"<?xml") or _HTML_CLOSE.search(head):
        return "html"
    return "text"


def kind_of_media_type(media_type: str | None) -> str | None:
    """The kind a Content-Type names, "binary" for types that are never articles, None when it does not say."""
    if not media_type:
        return None
    media_type = media_type.split(";")[0].strip().lower()
    if media_type in MEDIA_KINDS:
        return MEDIA_KINDS[media_type]
    if media_type.startswith(BINARY_PREFIXES) or media_type in BINARY_TYPES:
        return "binary"
    if media_type.endswith("+xml") or media_type in ("text/xml", "application/xml"):
        return None  # XML: a feed or XHTML; the bytes tell
    return None


def looks_like_html(text: str) -> bool:
    """Whether a record's body string is HTML rather than plain text (a few tags are enough to tell)."""
    head = text[:_HEAD]
    return bool(_HTML_START_STR.match(head) or _HTML_CLOSE_STR.search(head))


def _ascii_view(head: bytes) -> bytes:
    """UTF-16/32 text (with a byte-order mark) re-encoded, so that the byte patterns above can see it."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return head.decode(name, "ignore").encode("utf-8")
    return head.removeprefix(codecs.BOM_UTF8)

"""Structured exports -> Documents: JSON (one record, a list, or an object holding a list), JSONL and CSV/TSV.

Each record is one article. The column mapping (first non-empty wins, names matched case-insensitively):

    body       text | body | content | article | articleBody | content_text | html | content_html
               (html and content_html are read as HTML; other bodies are sniffed for tags)
    title      title | headline
    url        url | link | external_url
    outlet     outlet | source | site | publisher | domain
    published  published | date | published_at | pubdate | datetime | date_published | timestamp
    author     author | byline | authors

`columns` overrides it: {"text": "story_body", "published": "meta.date"} (a dotted name reads nested JSON).
JSONL and CSV are streamed: a bad record becomes a Problem and the next one is read.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import IO, Any

from framescope.errors import InputError
from framescope.ingest.decode import decode, stream_encoding
from framescope.ingest.options import Context, mb
from framescope.ingest.sniff import looks_like_html
from framescope.models import Document, Problem

log = logging.getLogger(__name__)

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "articleBody", "content_text"),
    "html": ("html", "content_html"),
    "title": ("title", "headline"),
    "url": ("url", "link", "external_url"),
    "outlet": ("outlet", "source", "site", "publisher", "domain"),
    "published": ("published", "date", "published_at", "pubdate", "datetime", "date_published", "timestamp"),
    "author": ("author", "byline", "authors"),
}
_BODY_NAMES = ", ".join(FIELDS["text"] + FIELDS["html"])
_SAMPLE = 65536
# Keys under which JSON exports commonly nest their list of records ({"articles": [...]}, JSON Feed "items").
_LIST_KEYS = ("articles", "items", "records", "data", "results", "docs", "documents", "entries", "posts")


def check_columns(columns: Mapping[str, str] | None) -> None:
    """Fail fast on a mapping that names a field we do not have (a typo would silently map nothing)."""
    for name in columns or {}:
        if name not in FIELDS:
            raise InputError("columns", f"unknown field {name!r} (known: {', '.join(FIELDS)})")


def to_document(record: Any, source: str, ctx: Context, *, encoding: str | None = None) -> Document:
    """One record -> Document, or InputError naming the record."""
    if not isinstance(record, Mapping):
        raise InputError(source, f"not a record: expected an object, got {type(record).__name__}")
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    columns = ctx.columns or {}

    body: str | None = None
    fmt = "text"
    for field, as_format in (("text", "text"), ("html", "html")):  # already-extracted text wins over HTML
        value = _body(_lookup(record, lowered, field, columns))
        if value:
            body, fmt = value, as_format
            break
    if body is None:
        raise InputError(source, f"no article text (looked for {_mapped_names(columns)}; map yours with columns)")
    if len(body.encode("utf-8")) > ctx.limits.max_file_bytes:
        raise InputError(source, f"too large: body over {mb(ctx.limits.max_file_bytes)}")
    if fmt == "text" and looks_like_html(body):
        fmt = "html"
    return Document(
        source=source,
        content=body,
        format=fmt,
        url=_scalar(_lookup(record, lowered, "url", columns)),
        title=_scalar(_lookup(record, lowered, "title", columns)),
        outlet=_scalar(_lookup(record, lowered, "outlet", columns)),
        published=_date(_lookup(record, lowered, "published", columns)),
        author=_scalar(_lookup(record, lowered, "author", columns)),
        encoding=encoding,
    )


def from_json_bytes(data: bytes, source: str, ctx: Context) -> Iterator[Document | Problem]:
    """A whole JSON document: one record, a list of records, or an object that holds a list of records."""
    text = decode(data, source)
    try:
        value = json.loads(text.text)
    except json.JSONDecodeError as exc:
        if "\n" in text.text.strip() and exc.msg == "Extra data":  # it is JSON Lines after all
            yield from from_jsonl(io.BytesIO(data), source, ctx)
            return
        yield Problem(source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    yield from _from_value(value, source, ctx, text.encoding)


def from_jsonl(stream: IO[bytes], source: str, ctx: Context) -> Iterator[Document | Problem]:
    """JSON Lines, one record per line, read line by line (`stream` must be seekable)."""
    sample = stream.read(_SAMPLE)
    stream.seek(0)
    try:
        encoding = stream_encoding(sample, source)
    except InputError as exc:
        yield Problem(source, exc.problem)
        return
    if encoding.startswith(("utf-16", "utf-32")):
        yield Problem(source, f"JSON Lines in {encoding} are not supported: convert the file to UTF-8")
        return
    cap = ctx.limits.max_file_bytes
    found = False
    for lineno, raw in enumerate(iter(lambda: stream.readline(cap + 1), b""), 1):
        where = f"{source}#{lineno}"
        if len(raw) > cap and not raw.endswith(b"\n"):
            _skip_line(stream)
            yield Problem(where, f"too large: line over {mb(cap)}")
            continue
        if not raw.strip():
            continue
        found = True
        try:
            record = json.loads(raw.decode(encoding))
            yield to_document(record, where, ctx, encoding=encoding)
        except UnicodeDecodeError as exc:
            yield Problem(where, f"cannot decode as {encoding}: {exc.reason}")
        except json.JSONDecodeError as exc:
            yield Problem(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
        except InputError as exc:
            yield Problem(exc.source, exc.problem)
    if not found:
        yield Problem(source, "empty")


def from_csv(
    stream: IO[bytes], source: str, ctx: Context, *, delimiter: str | None = None
) -> Iterator[Document | Problem]:
    """CSV/TSV with a header row; `source#N` counts data rows from 1 (the header is not a row)."""
    sample = stream.read(_SAMPLE)
    stream.seek(0)
    try:
        encoding = stream_encoding(sample, source)
    except InputError as exc:
        yield Problem(source, exc.problem)
        return
    # Article bodies are long: the csv module's default 128 KB field limit would reject ordinary HTML bodies.
    csv.field_size_limit(max(csv.field_size_limit(), ctx.limits.max_file_bytes))
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    try:
        header_line = text.readline()
        text.seek(0)
    except UnicodeDecodeError as exc:
        yield Problem(source, f"cannot decode the header as {encoding}: {exc.reason}")
        return
    reader = csv.DictReader(text, delimiter=delimiter or _delimiter(header_line))
    try:
        fieldnames = reader.fieldnames or []
    except (csv.Error, UnicodeDecodeError) as exc:
        yield Problem(source, f"unreadable CSV header: {exc}")
        return
    names = {str(n).strip().lower() for n in fieldnames}
    if not any(_key_of(c) in names for c in _body_candidates(ctx.columns or {})):  # say it once, not per row
        yield Problem(source, f"no article text column (looked for {_mapped_names(ctx.columns or {})})")
        return
    row = 0
    while True:
        row += 1
        where = f"{source}#{row}"
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(where, f"bad CSV row: {exc}")
            continue
        except UnicodeDecodeError as exc:
            yield Problem(where, f"cannot decode as {encoding} ({exc.reason}); the rest of the file is skipped")
            return
        try:
            yield to_document(record, where, ctx, encoding=encoding)
        except InputError as exc:
            yield Problem(exc.source, exc.problem)
    if row == 1:
        yield Problem(source, "no records below the header")


# --------------------------------------------------------------------------- helpers


def _from_value(value: Any, source: str, ctx: Context, encoding: str) -> Iterator[Document | Problem]:
    if isinstance(value, Mapping) and not _has_body(value, ctx):
        nested = next((value[k] for k in value if str(k).lower() in _LIST_KEYS and isinstance(value[k], list)), None)
        if nested is not None:
            value = nested
    if isinstance(value, list):
        if not value:
            yield Problem(source, "no records (an empty list)")
        for i, item in enumerate(value, 1):
            try:
                yield to_document(item, f"{source}#{i}", ctx, encoding=encoding)
            except InputError as exc:
                yield Problem(exc.source, exc.problem)
        return
    try:
        yield to_document(value, source, ctx, encoding=encoding)
    except InputError as exc:
        yield Problem(exc.source, exc.problem)


def _has_body(record: Mapping[str, Any], ctx: Context) -> bool:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    columns = ctx.columns or {}
    return any(_body(_lookup(record, lowered, f, columns)) for f in ("text", "html"))


def _body_candidates(columns: Mapping[str, str]) -> list[str]:
    if "text" in columns or "html" in columns:
        return [columns[f] for f in ("text", "html") if f in columns]
    return list(FIELDS["text"] + FIELDS["html"])


def _mapped_names(columns: Mapping[str, str]) -> str:
    return ", ".join(_body_candidates(columns)) if columns else _BODY_NAMES


def _key_of(name: str) -> str:
    return name.split(".")[0].strip().lower()


def _lookup(record: Mapping[str, Any], lowered: Mapping[str, Any], field: str, columns: Mapping[str, str]) -> Any:
    if field in columns:
        return _dotted(record, lowered, columns[field])
    if field in ("text", "html") and ("text" in columns or "html" in columns):
        return None  # the user named the body column: do not guess another one
    for name in FIELDS[field]:
        value = lowered.get(name.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def _dotted(record: Mapping[str, Any], lowered: Mapping[str, Any], path: str) -> Any:
    if path in record:
        return record[path]
    if path.strip().lower() in lowered:
        return lowered[path.strip().lower()]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part, {str(k).lower(): v for k, v in value.items()}.get(part.lower()))
    return value


def _body(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(v.strip() for v in value if v.strip())  # a list of paragraphs
    if isinstance(value, str) and value.strip():
        return value
    return None


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        parts = [p for p in (_scalar(v) for v in value) if p]
        return ", ".join(parts) or None
    if isinstance(value, Mapping):
        for key in ("name", "text", "value", "url", "@value"):
            if key in value:
                return _scalar(value[key])
    return None


def _date(value: Any) -> str | None:
    """Dates pass through as given (the cleaner normalizes them), except Unix timestamps, which become ISO."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) in (10, 13):
        value = int(value.strip())
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds, as JavaScript exports write them
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return _scalar(value)


def _delimiter(header: str) -> str:
    # The header row names columns and rarely holds quoted text, so counting separators in it is reliable;
    # csv.Sniffer looks at the whole sample and is easily misled by commas inside long quoted bodies.
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _skip_line(stream: IO[bytes]) -> None:
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return

"""Paths, directories and stdin -> Documents.

The extension picks the reader (see EXTENSIONS); a trailing .gz is decompressed first. In a directory
(walked recursively, in sorted order, symlinked directories not followed) hidden files and folders, files
with other extensions and the folder's own notes (README.md, LICENSE.txt, CHANGELOG.md: `walked`) are skipped
silently, so that a folder of pages with images and notes beside them, or a dataset as published, just works;
a file named explicitly is read whatever its name and extension, its kind sniffed from its first bytes.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import sys
import zlib
from collections.abc import Iterator
from typing import IO, cast

from framescope.errors import InputError
from framescope.ingest import archives, content, records
from framescope.ingest.options import Context, mb
from framescope.ingest.sniff import sniff
from framescope.models import Document, Problem

log = logging.getLogger(__name__)

STDIN = "<stdin>"

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",  # a feed or XHTML: sniffed
}
# Names (before the first dot, any case) of files that document a folder rather than belong to it: a dataset
# or a repository of articles ships its README, licence and changelog beside them, in .md or .txt. Only names
# no article page is saved under: "history.txt" or "security.html" may well be one, and would go unread.
FOLDER_NOTES = frozenset({"readme", "license", "licence", "copying", "changelog", "contributing", "code_of_conduct"})
_LOOKS_LIKE_HOST = re.compile(r"(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)", re.I)
_STREAMED = ("jsonl", "csv", "tsv", "warc")
_SUPPORTED = ", ".join(sorted(EXTENSIONS)) + " (each also as .gz), .warc.gz"


def kind_of_path(path: str) -> tuple[str | None, bool]:
    """(reader kind or None, gzip-compressed?) from the file name."""
    name = os.path.basename(path).lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return EXTENSIONS.get(os.path.splitext(name)[1]), compressed


def walked(name: str) -> str | None:
    """The reader kind of a file a directory walk comes upon, or None when the walk skips it: a hidden file, a
    file of an unsupported kind, or the folder's own notes (FOLDER_NOTES)."""
    if name.startswith(".") or name.lower().split(".", 1)[0] in FOLDER_NOTES:
        return None
    return kind_of_path(name)[0]


def from_path(path: str, ctx: Context) -> Iterator[Document | Problem]:
    """A file or a directory, as the user named it."""
    try:
        is_dir = os.path.isdir(path)
        os.stat(path)
    except FileNotFoundError:
        hint = " (for a URL, include http:// or https://)" if _LOOKS_LIKE_HOST.match(path) else ""
        yield Problem(path, f"no such file or directory{hint}")
        return
    except OSError as exc:
        yield Problem(path, f"cannot read: {exc.strerror or exc}")
        return
    if is_dir:
        yield from from_directory(path, ctx)
    elif not os.path.isfile(path):
        yield Problem(path, "not a regular file")
    else:
        yield from from_file(path, ctx)


def from_directory(root: str, ctx: Context) -> Iterator[Document | Problem]:
    errors: list[OSError] = []
    count = 0
    notes: list[str] = []  # the folder's notes skipped, named if nothing else is found
    for folder, subfolders, names in os.walk(root, onerror=errors.append):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if walked(name) is None:
                if kind_of_path(name)[0] is not None and not name.startswith("."):
                    notes.append(name)
                log.debug("skipped %s: hidden, the folder's notes or not a supported extension",
                          os.path.join(folder, name))
                continue
            count += 1
            yield from from_file(os.path.join(folder, name), ctx)
    for error in errors:
        yield Problem(str(error.filename or root), f"cannot read: {error.strerror or error}")
    if not count and not errors:
        skipped = f"; skipped as the folder's notes: {', '.join(notes[:3])} (name a file to read it)" if notes else ""
        yield Problem(root, f"no supported files in this directory (looked for {_SUPPORTED}{skipped})")


def from_file(path: str, ctx: Context) -> Iterator[Document | Problem]:
    kind, compressed = kind_of_path(path)
    try:
        if kind in _STREAMED:
            with open(path, "rb") as raw:
                yield from _streamed(kind, raw, path, ctx, compressed)
            return
        cap = ctx.limits.max_json_bytes if kind == "json" else ctx.limits.max_file_bytes
        size = os.path.getsize(path)
        if size > cap:  # checked before reading: a 5 GB file is refused in microseconds
            yield Problem(path, f"too large: {mb(size)} (limit {mb(cap)})")
            return
        with open(path, "rb") as raw:
            data = content.gunzip(raw, path, cap) if compressed else raw.read(cap + 1)
        if len(data) > cap:  # the file grew while we read it
            yield Problem(path, f"too large: over {mb(cap)}")
            return
        route = {"xml": None, "tsv": "csv"}.get(kind, kind) if kind else None
        yield from content.from_bytes(data, path, ctx, kind=route)
    except InputError as exc:
        yield Problem(exc.source, exc.problem)
    except (OSError, EOFError, zlib.error) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else " ".join(str(exc).split())
        yield Problem(path, f"cannot read: {detail or type(exc).__name__}")


def from_stdin(ctx: Context, stream: IO[bytes] | None = None) -> Iterator[Document | Problem]:
    """`-`: read standard input whole (up to the JSON cap: a JSONL export may be piped in) and sniff it."""
    stream = stream if stream is not None else sys.stdin.buffer
    cap = ctx.limits.max_json_bytes
    data = stream.read(cap + 1)
    if len(data) > cap:
        yield Problem(STDIN, f"too large: over {mb(cap)}")
        return
    kind = sniff(data)
    if kind in ("html", "text", "feed") and len(data) > ctx.limits.max_file_bytes:
        yield Problem(STDIN, f"too large: {mb(len(data))} (limit {mb(ctx.limits.max_file_bytes)})")
        return
    yield from content.from_bytes(data, STDIN, ctx, kind=kind)


def _streamed(
    kind: str | None, raw: IO[bytes], path: str, ctx: Context, compressed: bool
) -> Iterator[Document | Problem]:
    if kind == "warc":  # warcio reads per-record gzip itself
        yield from archives.from_warc(raw, path, ctx)
        return
    stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw)) if compressed else raw
    if kind == "jsonl":
        yield from records.from_jsonl(stream, path, ctx)
    else:
        yield from records.from_csv(stream, path, ctx, delimiter="\t" if kind == "tsv" else None)

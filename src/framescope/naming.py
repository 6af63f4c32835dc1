"""How a person is shown who published an article: its outlet, else its URL's host, else its file's name.

One rule for every place that names articles (the terminal, the HTML report, the story list, the web app):
crawls and exports often carry no publisher, and a question mark tells a reader less than "spacenews.com" or
the file the article came from.
"""

from __future__ import annotations

from urllib.parse import urlsplit

FILE_NAME = 24  # characters of a file name shown whole; longer ones (a crawl's 64-character hashes) are cut


def publisher(outlet: str | None, url: str | None, source: str | None) -> str:
    """`outlet`, else the host of `url` (without "www."), else the last part of `source` (a long name cut in the
    middle, its extension kept), else "?"."""
    if outlet:
        return outlet
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:  # a malformed URL names nobody
            host = None
        if host:
            return host.removeprefix("www.")
    name = (source or "").rstrip("/").rsplit("/", 1)[-1]
    if not name:
        return "?"
    if len(name) <= FILE_NAME:
        return name
    stem, dot, ext = name.partition(".")
    ext = dot + ext if len(ext) <= 10 else ""
    return stem[: FILE_NAME - len(ext) - 1] + "…" + ext

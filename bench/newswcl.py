"""Read NewsWCL50 (Hamborg, Zhukova and Gipp, JCDL 2019) as articles with their true events.

NewsWCL50 holds 50 real news articles: 10 events of April and May 2018 (a secret trip to North Korea, the
release of memos, a lawsuit, a state visit, tariffs...), each reported by five US outlets from left to right
(HuffPost, The New York Times, USA Today, Fox News, Breitbart), reports and opinion pieces alike. The events
fall within two weeks and share their actors (the same president in eight of them, North Korea in two, Iran in
two, the Russia inquiry in three): the hard case of story grouping, on real multi-outlet text.

The original repository (fhamborg/NewsWCL50) gives the annotations and `urls.tsv` (event id, outlet code, URL)
but not the texts; a public copy of the texts is in Luisgarchi/NewsWCL50, folder `1-raw-articles`
(`event_<E>/<E>_<OUTLET>.txt`, headline first where the copy kept it). Both are read from paths and never
committed. Publication dates come from the URLs: the /YYYY/MM/DD/ part, or for HuffPost the creation time in
the first eight hex digits of the object id that ends its URLs (`..._us_5ad68f54e4b0...`).
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from framescope.clean import clean
from framescope.errors import FramescopeError
from framescope.models import Article, Document

OUTLETS = {"LL": "HuffPost", "L": "The New York Times", "M": "USA Today", "R": "Fox News", "RR": "Breitbart"}
_FILE = re.compile(r"^(\d+)_(LL|L|M|RR|R)\.txt(?:\.txt)?$")
_URL_DAY = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")
_OBJECT_ID = re.compile(r"_[a-z]{2}_([0-9a-f]{24})(?:$|[/?#])")


@dataclass(frozen=True)
class Doc:
    article: Article
    event: str


def url_date(url: str) -> str | None:
    """The publication date a URL carries, as ISO 8601, or None."""
    m = _URL_DAY.search(url)
    if m:
        return "-".join(m.groups())
    m = _OBJECT_ID.search(url)
    if m:  # a MongoDB object id starts with its creation time in seconds
        return datetime.fromtimestamp(int(m.group(1)[:8], 16), UTC).isoformat()
    return None


def read_urls(path: Path) -> dict[tuple[str, str], str]:
    with path.open(newline="", encoding="utf-8") as f:
        return {(row["Event ID"], row["Outlet"]): row["URL"].strip() for row in csv.DictReader(f, delimiter="\t")}


def read_corpus(texts: Path, urls: Path | None = None) -> Iterator[Doc]:
    """Every article under `texts` (the `1-raw-articles` folder); `urls`: the original `urls.tsv`, for URLs,
    outlets and dates (without it the articles are undated, which leaves the time window no say)."""
    links = read_urls(urls) if urls else {}
    paths = sorted(p for p in texts.rglob("*.txt*") if _FILE.match(p.name))
    if not paths:
        raise SystemExit(f"{texts}: no NewsWCL50 texts (event_<E>/<E>_<OUTLET>.txt) found")
    for path in paths:
        m = _FILE.match(path.name)
        assert m is not None
        event, outlet = m.groups()
        url = links.get((event, outlet))
        doc = Document(
            source=str(path),
            content=path.read_text(encoding="utf-8"),
            format="text",
            url=url,
            outlet=OUTLETS[outlet],
            published=url_date(url) if url else None,
        )
        try:
            article = clean(doc)
        except FramescopeError as exc:
            print(f"  skipped {exc}", file=sys.stderr)
            continue
        yield Doc(article, event)

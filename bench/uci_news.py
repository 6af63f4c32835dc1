"""Read a UCI News Aggregator export (Gasparetti 2017) as headline-only articles with their Google News stories.

The dataset holds headlines of news pages collected by a news aggregator in 2014, each with its outlet,
URL, a millisecond timestamp and the id of the Google News story that grouped it (the CSV columns ID, TITLE,
URL, PUBLISHER, CATEGORY, STORY, HOSTNAME, TIMESTAMP). It is real, dated and multi-outlet: hundreds of
outlets, each story reported by many of them. Two things set it apart from ECB+: there is no article text,
only the headline (what a feed item often is), and a Google News story is broader than one event (a day's
market reports, a company's week). It is read from a path and never committed; the full file is on the UCI
Machine Learning Repository and several public GitHub repositories keep its first rows (for example
pratikaher88/IPythonNotebooks, `uci-news-aggregator.csv`: 6,366 headlines of 88 stories, 10-12 March 2014).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from framescope.models import Article


@dataclass(frozen=True)
class Headline:
    article: Article
    story: str  # the Google News story id


def read_headlines(path: Path) -> Iterator[Headline]:
    """One headline-only article per complete row (a truncated last row, as in partial copies, is skipped)."""
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            title, stamp, story = (row.get(k) or "" for k in ("TITLE", "TIMESTAMP", "STORY"))
            if not (title.strip() and stamp.isdigit() and story):
                continue
            when = datetime.fromtimestamp(int(stamp) / 1000, UTC)
            key = f"{row.get('ID')}:{row.get('URL')}"
            article = Article(
                id="uci-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
                source=f"{path}#{row.get('ID')}",
                text=title.strip(),
                title=title.strip(),
                url=row.get("URL") or None,
                outlet=row.get("PUBLISHER") or None,
                published=when.isoformat(),
                language="en",
            )
            yield Headline(article, story)

"""The time a page was published, which trafilatura's date (htmldate: a day, never a time) leaves out.

Two reports of one day are ordered by their time: which of a wire's page and a portal's copy of it came
first decides which is the original (cluster/roles.py), and the arrival order of the story stage. The page
says the time in its metadata (`article:published_time`, `datePublished` in JSON-LD, `<time datetime>`);
it is taken only where the day it names is the day trafilatura found, so that a time of another date on
the page (a comment's, a related article's) never moves the article to another day.
"""

from __future__ import annotations

import re

from framescope.clean.metadata import iso_date

# meta names and properties that carry an article's publication time, as pages write them
_META_KEYS = frozenset({
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "published_time", "article.published", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
})  # fmt: skip
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_JSON_LD = re.compile(r""""datePublished"\s*:\s*"([^"]{10,40})\"""")
_TIME = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']{10,40})[\"']", re.IGNORECASE)
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def with_time(html: str, day: str | None) -> str | None:
    """`day` (an ISO date) with the time of day the page gives for it, else `day` as it is."""
    if not day or _CLOCK.search(day):
        return day
    for value in _candidates(html):
        found = iso_date(value) if _CLOCK.search(value) else None
        if found and found[:10] == day[:10]:
            return found
    return day


def _candidates(html: str) -> list[str]:
    """Publication times the page states, most trusted first: meta tags, JSON-LD, then <time> elements."""
    found: list[str] = []
    for tag in _META.findall(html):
        attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                 for m in _ATTR.finditer(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _META_KEYS and attrs.get("content"):
            found.append(attrs["content"])
    found += _JSON_LD.findall(html)
    found += _TIME.findall(html)
    return found

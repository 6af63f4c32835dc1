"""A page title without the site's name: "Clymer manual review | MoreBikes" is the headline "Clymer manual review".

A page's <title> (and often its og:title) carries the site's name after a separator, sometimes before it.
Left there, the site's name is in every headline the report, the story list and the web app show, and its
words count twice in each of that site's articles when stories are grouped (the title weighs double), so two
unrelated articles of one site share them. A segment is the site's name only when it is one of the names
the page gives of its publisher (its outlet, its site name, its domain): a section ("Opinion | ...",
"... | Editorial") or the second half of a headline ("Review - shoots for the moon") stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii

# A separator between a headline and a site name: a bar, dash, bullet or guillemet with space around it
# (a hyphen without spaces is part of a word: "Anti-June").
_SEPARATOR = re.compile(r"\s+(?:[|\-\u2013\u2014\u00b7\u2022\u00bb~/]|::)\s+|\s*[|\uff5c]\s*")
# ... and before a headline, also a colon ("Site: Headline").
_LEADING = re.compile(r"\s*(?::|\s(?:[|\-\u2013\u2014\u00b7\u2022\u00bb~]|::))\s+|\s*[|\uff5c]\s*")
MIN_PREFIX = 4  # letters a shortened site name must keep to match a longer one ("Inexhibit", "Inexhibit magazine")
# What a site's name may have after the name a page gives ("SpaceNews.com" for "SpaceNews", "BBC News" for
# "BBC"); anything longer is a headline that starts with the name ("The Guardian view on Hong Kong").
_SITE_WORDS = frozenset({"com", "net", "org", "couk", "news", "online", "magazine", "blog", "tv", "daily", "times"})
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", "", anyascii(text).casefold())


def site_names(names: Iterable[str | None]) -> list[str]:
    """The publisher's names as `is_site_name` compares them: letters and digits, lower case, sorted."""
    return sorted({p for n in names if n and (p := _plain(n))})


def is_site_name(segment: str, names: list[str]) -> bool:
    """Is `segment` one of the publisher's `names` (site_names), or a shortened form of one?"""
    seg = _plain(segment)
    if not seg:
        return False
    for name in names:
        if seg == name:
            return True
        if len(seg) >= MIN_PREFIX and name.startswith(seg):
            return True
        if len(name) >= MIN_PREFIX and seg.startswith(name) and seg[len(name) :] in _SITE_WORDS:
            return True
    return False


def _enough(headline: str) -> bool:
    """What is left is a headline: two words or more, or four characters of a script written without spaces
    (a title that is only the site's name stays whole)."""
    if _UNSPACED.search(headline):
        return len(re.findall(r"\w", headline)) >= 4
    return len(re.findall(r"\w+", headline)) >= 2


def without_site(title: str | None, names: Iterable[str | None]) -> str | None:
    """`title` without a leading or trailing segment that is one of `names` (the publisher's names: outlet,
    site name, domain); the same title when none is."""
    if not title:
        return title
    plain = site_names(names)
    if not plain or is_site_name(title, plain):
        return title  # nothing to go by, or the title is the site's name itself: no headline to keep
    out = title
    # trailing: the longest suffix after a separator that is the site's name ("- Remember 80/90 - Memorabilia")
    for m in _SEPARATOR.finditer(out):
        if is_site_name(out[m.end() :], plain) and _enough(out[: m.start()]):
            out = out[: m.start()].rstrip()
            break
    # leading: the longest prefix that is the site's name, with its separator ("LinkNaija | Nigeria's popular
    # news platform: ...", a name with a separator of its own)
    cuts = [m.end() for m in _LEADING.finditer(out)
            if is_site_name(out[: m.start()], plain) and _enough(out[m.end() :])]
    return out[max(cuts) :].lstrip() if cuts else out

"""Article metadata that the text or the URL gives away: outlet, dateline, publication date, language.

Outlet, in order of trust: a wire dateline ("Minsk (AFP) -" says AFP wrote it, wherever it was republished),
the source's own hint (feed, record), a self-reference in the text ("<Name> covered these developments
earlier", "Subscribe to <Name>"), the site name in the page's metadata, a small table of well-known domains,
and finally the registrable domain of the URL. Only wire agencies are named here; every other outlet name
comes from the document itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, cast

from dateutil import parser as dateparser
from dateutil import tz as dateutil_tz

# Wire agencies and broadcasters that sign datelines: the form in the parentheses -> the name we report.
WIRE_AGENCIES: dict[str, str] = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "tass": "TASS",
    "xinhua": "Xinhua",
    "upi": "UPI",
    "bloomberg": "Bloomberg",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "pti": "PTI",
    "ani": "ANI",
    "ians": "IANS",
    "interfax": "Interfax",
    "ria novosti": "RIA Novosti",
    "anadolu": "Anadolu Agency",
    "aa": "Anadolu Agency",
    "pa": "PA Media",
    "cnn": "CNN",
    "bbc": "BBC",
    "aap": "AAP",
    "cp": "The Canadian Press",
    "kyodo news": "Kyodo",
    "sputnik": "Sputnik",
    "irna": "IRNA",
    "wafa": "WAFA",
}

# Sites whose registrable domain does not read as the outlet's name.
KNOWN_DOMAINS: dict[str, str] = {
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "aljazeera.com": "Al Jazeera",
    "rt.com": "RT",
    "yahoo.com": "Yahoo News",
    "bloomberg.com": "Bloomberg",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "dw.com": "DW",
    "france24.com": "France 24",
    "tass.com": "TASS",
    "xinhuanet.com": "Xinhua",
}

_PLACE = r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?:,\s*(?P<extra>[A-Z][\w.]*(?:\s+[\w.,]+){{0,3}}?))?\s*"
    r"\((?P<agency>[A-Za-z][\w .&-]{0,30}?)\)\s*(?P<dash>[-–—:]+)"
)
_DATELINE_PLAIN = re.compile(
    r"^(?P<place>[A-Z]{3,}(?:[ -][A-Z]{2,}){0,3})(?:,\s*[A-Z][\w.]*(?:\s+[\w.,]+){0,3}?)?\s*[-–—]+"
)

_NAME = r"(?:The[^\S\n]+)?[A-Z][\w&'’.-]*[\w](?:[^\S\n]+(?:[A-Z][\w&'’.-]*[\w]|of|de|the)){0,3}"  # on one line
_SELF_REFERENCES = [
    re.compile(
        rf"\b(?P<name>{_NAME}) (?:has )?(?:already )?covered (?:these|this|those|the) "
        r"(?:developments?|events?|issues?|stor(?:y|ies)|topics?|matters?) (?:earlier|before|previously)"
    ),
    re.compile(
        rf"\b(?P<name>{_NAME}) has (?:already )?(?:warned|written|reported|covered) (?:about |on )?"
        r"(?:this|these|that|those|the) \w+(?: \w+)? (?:before|earlier|previously)"
    ),
    re.compile(rf"\b(?P<name>{_NAME}) (?:has )?(?:previously|earlier) reported\b"),
    re.compile(rf"\b(?P<name>{_NAME}) (?:has )?reached out to\b"),
    re.compile(rf"\b(?P<name>{_NAME}) (?:has )?contacted .{{1,60}} for (?:a )?comment"),
    re.compile(rf"\b[Ss]ubscribe to (?:the )?(?P<name>{_NAME})"),
    re.compile(rf"\b[Ff]ollow (?P<name>{_NAME}) on (?:Twitter|Facebook|X|Instagram|Telegram|YouTube|LinkedIn)\b"),
]
_NOT_WORDS = (
    "he she it they we i you the this that our their his her its us me them him my your all more police "
    "officials a an who which"
)
_NOT_NAMES = frozenset(_NOT_WORDS.split())

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A day, a month by name and a two-digit year ("01-Mar-08", "1 mrt 08"): the one short form whose year is not
# in doubt, as the month is named and the day comes first.
_SHORT_YEAR = re.compile(r"^\d{1,2}[-./ ]+[^\W\d_]{3,9}\.?[-./ ]+\d{2}$")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=/|-|\.|_|$)")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/)")


@dataclass(frozen=True)
class Dateline:
    text: str  # the matched text, kept in the body ("Minsk (AFP) -")
    outlet: str | None  # the agency that signs it, when there is one
    published: str | None  # ISO date when the dateline carries a full date


def find_dateline(paragraph: str) -> Dateline | None:
    """A dateline at the start of `paragraph`: "Minsk (AFP) -", "LONDON (Reuters) —", "WASHINGTON, Jan 5 (AP) —"."""
    m = _DATELINE.match(paragraph)
    if m:
        agency = m.group("agency").strip()
        outlet = WIRE_AGENCIES.get(agency.casefold())
        if outlet is None and not _looks_like_outlet(agency):
            return None  # "Minsk (Belarus) -" or "(file)": not a signature
        extra = m.group("extra") or ""
        return Dateline(m.group(0).strip(), outlet or agency, iso_date(extra) if _YEAR.search(extra) else None)
    m = _DATELINE_PLAIN.match(paragraph)
    if m and len(m.group(0)) < 60:
        return Dateline(m.group(0).strip(), None, None)
    return None


def _looks_like_outlet(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and any(c.isupper() for c in name[1:])


def self_reference(text: str) -> str | None:
    """The outlet a text names as itself ("X covered these developments earlier", "Subscribe to X")."""
    for pattern in _SELF_REFERENCES:
        for m in pattern.finditer(text):
            name = re.sub(r"['’]s$", "", m.group("name").strip())
            core = re.sub(r"^The\s+", "", name)
            # "I’ve reached out to", "We’d contacted": a pronoun with its verb, not a name
            first = re.sub(r"['’](?:ve|ll|d|re|m)$", "", core.split()[0]) if core else ""
            if first and first.casefold() not in _NOT_NAMES:
                return name
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: a well-known name, else the registrable domain ("example.co.uk")."""
    if not url:
        return None
    from tld import get_fld  # bundled public-suffix list: no network

    domain = get_fld(url, fail_silently=True, fix_protocol=True)
    if not isinstance(domain, str):
        return None
    return KNOWN_DOMAINS.get(domain.casefold(), domain.casefold())


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    from tld import get_fld

    domain = get_fld(url, fail_silently=True, fix_protocol=True)
    return domain.casefold() if isinstance(domain, str) else None


def date_from_url(url: str | None) -> str | None:
    """The publication date many sites put in their paths: /2020/02/01/, /2020-02-01-, /20200201/."""
    if not url:
        return None
    for pattern in (_URL_DATE, _URL_DATE_COMPACT):
        m = pattern.search(url)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


# Time-zone abbreviations news pages print after a time ("5:55PM EDT"), in seconds east of UTC, and the
# regional names that stand for two offsets over the year ("ET"), as zones. dateutil must be told what a name
# means: it warns, and will refuse, on names it does not know, and reads the machine's own zone name as local
# time. Any other name is read as no zone.
_TZ_OFFSETS = {
    "UTC": 0, "GMT": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800,
    "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200, "MDT": -21600, "PST": -28800,
    "PDT": -25200, "IST": 19800, "JST": 32400, "AEST": 36000, "AEDT": 39600,
}  # fmt: skip
_TZ_REGIONS = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}


def _tzinfo(name: str | None, offset: int | None) -> tzinfo | int | None:
    if not name:
        return offset
    key = name.upper()
    if key in _TZ_OFFSETS:
        return _TZ_OFFSETS[key]
    if key in _TZ_REGIONS:
        return dateutil_tz.gettz(_TZ_REGIONS[key])
    return None


# Month names of the languages a multilingual pile of news most often holds, with their usual abbreviations
# (Russian in the genitive that dates use, and the nominative). Without them dateutil skips "marzo" in
# "1 de marzo de 2008" as noise. Abbreviations that are English words ("ago", "set") are left out: "posted 2
# hours ago" must not name August.
MONTHS = (
    "enero gennaio janvier januar januari janeiro janv jän genn ene января январь",
    "febrero febbraio février fevrier februar februari fevereiro févr fevr febr fev февраля февраль",
    "marzo mars märz maart março mrz mär mrt марта март",
    "abril aprile avril april abr апреля апрель",
    "mayo maggio mai mei maio magg мая май",
    "junio giugno juin juni junho giu июня июнь",
    "julio luglio juillet juli julho juil lug июля июль",
    "agosto août aout augustus авг августа август",
    "septiembre settembre septembre setembro sett сент сентября сентябрь",
    "octubre ottobre octobre oktober outubro okt ott октября октябрь",
    "noviembre novembre november novembro ноя ноября ноябрь",
    "diciembre dicembre décembre decembre dezember december dezembro dic dez déc дек декабря декабрь",
)


class _ParserInfo(dateparser.parserinfo):
    """dateutil's English names and those of MONTHS."""

    def __init__(self) -> None:
        # set before parserinfo.__init__, which indexes MONTHS (its stub types a month as 2 or 3 names)
        self.MONTHS = cast(
            Any,
            [(*english, *extra.split()) for english, extra in zip(dateparser.parserinfo.MONTHS, MONTHS, strict=True)],
        )
        super().__init__()


_PARSER_INFO = _ParserInfo()


# Text rebuilt from tokens spaces times out ("8: 20 p. m."), and a line may give two dates ("Posted ...
# Updated ..."): the first is when the article came out.
_SPACED_TIME = re.compile(r"(\d)\s*:\s+(\d\d)(?!\d)")
_SPACED_MERIDIEM = re.compile(r"\b([ap])\.\s?m\.", re.IGNORECASE)
_SECOND_DATE = re.compile(r"\s*[-|,;]?\s*\b(?:last\s+)?(?:updated|modified)\b.*$", re.IGNORECASE)


def _tidy(text: str) -> str:
    first = _SECOND_DATE.sub("", text)
    if _YEAR.search(first):
        text = first
    return _SPACED_MERIDIEM.sub(r"\1m", _SPACED_TIME.sub(r"\1:\2", text))


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}\b")


def says_day_and_month(text: str) -> bool:
    """Whether a written date leaves no doubt which number is the day: the month in words, an ISO date, or
    figures of which one is above 12. "10/01/2008" is 1 October in the US and 10 January elsewhere."""
    m = _NUMERIC_DATE.search(text)
    if m is None:
        return True
    a, b = int(m.group(1)), int(m.group(2))
    return a > 12 or b > 12 or a == b


def iso_date(value: str | None) -> str | None:
    """Normalize a date or datetime string to ISO 8601; None when it does not name a day of a known year."""
    if not value:
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.isoformat()
    except ValueError:
        pass
    if not _YEAR.search(text) and not _SHORT_YEAR.match(text):
        return None  # dateutil would fill the year in from today
    text = _tidy(text)
    # Parsed twice with defaults that differ in every field of the day: where the two disagree, the text did
    # not name that field and dateutil filled it in (a wrong date is worse than none).
    try:
        parsed, other = (
            dateparser.parse(text, _PARSER_INFO, fuzzy=True, default=default, tzinfos=_tzinfo)
            for default in (datetime(1900, 1, 1), datetime(1904, 2, 2))
        )
    except (ValueError, OverflowError):
        return None
    if parsed.date() != other.date():
        return None
    has_time = bool(re.search(r"\d:\d\d", text))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def language(text: str) -> str | None:
    """ISO 639-1 code of the body (py3langid, offline), None for text too short to tell."""
    sample = text[:5000]
    if len(sample.strip()) < 20:
        return None
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code)

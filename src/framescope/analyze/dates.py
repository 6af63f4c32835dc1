"""Dates in news text, absolute ("February 1", "1 February 2020", "2020-02-01") and relative ("on Saturday",
"yesterday", "last September", "next week", "three days ago").

Finding is done with patterns (news dates come in few shapes, and the spans must be exact); the values are
computed by dateutil (parsing of the absolute forms, `relativedelta` weekday/month arithmetic for the relative
ones). Each relative or yearless date keeps an expression (`expr`) such as "weekday:5" or "monthday:02-01", so
that it can be resolved again later against another anchor, e.g. the date of the story it belongs to.

dateparser (installed with trafilatura) is not used for resolution: news convention differs from its own on
weekdays ("on Saturday" in a story dated Saturday means that very day, the most recent such weekday on or before
the anchor, where dateparser gives the Saturday a week before), it returns nothing for "last September", and it
reads a bare "10 days" as a date.

A weekday or a bare month reads as the latest one by default (news reports what happened); `facts.find_facts`
marks one as the coming one (mode "ahead") when the parse puts it in a clause about the future ("will meet on
Friday", "is set to take effect on Tuesday", a headline's "Trump to visit Britain in July").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from framescope.analyze.numbers import NumberSpan, format_number, scan_numbers

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip
WEEKDAYS: tuple[weekday, ...] = (MO, TU, WE, TH, FR, SA, SU)
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Month and weekday names must be capitalized (so that the verb "may" and the like are not read as dates).
_MONTH = r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH += r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?))(?![\w])"
_WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w'’])"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d|21\d\d)"
_OPT_YEAR = rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?"
_MONTH_REL = r"last|next|this|in|since|until|by|early|late|mid-|mid|from|during|of"

# Each pattern starts with the words it cannot do without (a month, a weekday, a digit), which keeps the scan
# fast; the optional words before them ("on", "Saturday,", "last") are matched afterwards by _BEFORE.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])"),
    ("mdy", rf"(?P<month>{_MONTH})\s+(?P<d>{_DAYNUM})(?![\w]){_OPT_YEAR}"),
    ("dmy", rf"(?<![\w-])(?P<d>{_DAYNUM})\s+(?:of\s+)?(?P<month>{_MONTH}){_OPT_YEAR}"),
    ("my", rf"(?P<month>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})(?!\d)"),
    ("month", rf"(?P<month>{_MONTH})"),
    ("weekday", rf"(?P<wd>{_WEEKDAY})"),
    ("day", r"(?<![\w])(?P<word>yesterday|today|tomorrow)(?![\w])"),
    ("period", r"(?<![\w])(?P<rel>last|next|this|past|earlier\s+this|later\s+this)\s+"
               r"(?P<unit>week|month|year)(?![\w])"),
    ("ago", r"(?<![\w-])(?P<n>an?)[\s-]+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago(?![\w])"),
]  # fmt: skip
# "three days ago": matched at the end of each number that the text scan found
_AGO_AFTER = re.compile(r"[\s-]+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago(?![\w])", re.I)
_COMPILED = [(name, re.compile(p, re.IGNORECASE)) for name, p in _PATTERNS]
_ON_WEEKDAY = re.compile(rf"(?:(?<![\w])on\s+)?(?:{_WEEKDAY},?\s+)?\Z", re.I)  # "on Saturday, February 1"
_BEFORE = {
    "mdy": _ON_WEEKDAY,
    "dmy": _ON_WEEKDAY,
    "month": re.compile(rf"(?<![\w])(?P<rel>{_MONTH_REL})\s*\Z", re.I),
    "weekday": re.compile(r"(?:(?<![\w])(?P<rel>on|last|next|this|since|by|until|from)\s+)?\Z", re.I),
}
_LOOKBACK = 40  # characters before a match that _BEFORE may claim


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: str | None  # ISO date, "YYYY-MM", "YYYY", "YYYY-Www", or "--MM-DD" for a yearless date
    expr: str | None  # None for an absolute date; else what `resolve` takes
    note: str


def find_dates(text: str, numbers: list[NumberSpan] | None = None) -> list[DateMatch]:
    """Every date expression in `text`, longest first where they overlap, in text order; values unresolved.
    `numbers` is `scan_numbers(text)` when the caller has it already."""
    found: list[DateMatch] = []
    for n in scan_numbers(text) if numbers is None else numbers:
        m = _AGO_AFTER.match(text, n.end)
        if m:
            found.append(_ago(n.start, m.end(), n.value, m.group("unit")))
    for name, rx in _COMPILED:
        for m in rx.finditer(text):
            start = m.start()
            prev = text[start - 1] if start > 0 else " "
            if prev.isalnum() or prev == "_" or (prev == "-" and name in ("iso", "dmy", "ago")):
                continue  # inside a word or a code ("mid-January" is fine, "F-16 May" is no date)
            rel = None
            if name in _BEFORE:
                window = max(0, start - _LOOKBACK)
                before = _BEFORE[name].search(text, window, start)
                if before is None:
                    continue  # "month" needs its preposition
                start = before.start()
                rel = before.groupdict().get("rel")
            dm = _to_match(name, m, start, rel)
            if dm is not None:
                found.append(dm)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMatch] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def _to_match(name: str, m: re.Match[str], start: int, rel: str | None) -> DateMatch | None:
    g = m.groupdict()
    end = m.end()
    if name == "iso":
        try:
            d = date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return DateMatch(start, end, d.isoformat(), None, "absolute date")
    if name in ("mdy", "dmy"):
        month = MONTHS[g["month"].lower().rstrip(".")]
        day = int(re.sub(r"\D", "", g["d"]))
        if g.get("y"):
            try:
                # dateutil reads the matched text itself, so the weekday, ordinals and "of" are all handled
                parsed = dateutil_parser.parse(m.string[start:end], default=datetime(2000, 1, 1), fuzzy=True)
            except (ValueError, OverflowError):
                return None
            return DateMatch(start, end, parsed.date().isoformat(), None, "absolute date")
        try:
            date(2000, month, day)  # a leap year, so that February 29 is allowed
        except ValueError:
            return None
        key = f"{month:02d}-{day:02d}"
        return DateMatch(start, end, f"--{key}", f"monthday:{key}", "date without a year")
    if name == "my":
        month = MONTHS[g["month"].lower().rstrip(".")]
        return DateMatch(start, end, f"{int(g['y']):04d}-{month:02d}", None, "absolute month")
    if name == "month":
        month = MONTHS[g["month"].lower().rstrip(".")]
        rel = (rel or "").lower()
        mode = "last" if rel == "last" else "next" if rel == "next" else "this" if rel == "this" else "near"
        # the span starts at the month name unless the preposition changes the meaning (last/next/this)
        if mode == "near":
            start = m.start("month")
        return DateMatch(start, end, None, f"month:{month:02d}:{mode}", "month without a year")
    if name == "weekday":
        wd = DAYS.index(g["wd"].lower())
        rel = (rel or "").lower()
        mode = rel if rel in ("last", "next") else "recent"
        return DateMatch(start, end, None, f"weekday:{wd}:{mode}", "weekday")
    if name == "day":
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].lower()]
        return DateMatch(start, end, None, f"day:{offset:+d}", "relative day")
    if name == "period":
        rel = g["rel"].lower().split()[-1]
        offset = {"last": -1, "past": -1, "next": 1, "this": 0}[rel]
        return DateMatch(start, end, None, f"period:{g['unit'].lower()}:{offset:+d}", "relative period")
    if name == "ago":
        return _ago(start, end, 1.0, g["unit"])
    return None


def _ago(start: int, end: int, n: float, unit_word: str) -> DateMatch:
    unit = unit_word.lower().rstrip("s")
    if unit == "decade":
        n, unit = n * 10, "year"
    code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    return DateMatch(start, end, None, f"ago:P{format_number(n)}{code}", "time ago")


def resolve(expr: str, ref: date) -> tuple[str | None, str]:
    """Resolve an expression from `find_dates` against the anchor date `ref`: (value, how)."""
    parts = expr.split(":")
    kind = parts[0]
    if kind == "monthday":
        month, day = (int(x) for x in parts[1].split("-"))
        value = _nearest_year(month, day, ref)
        return (value.isoformat() if value else None), f"year taken from {ref.isoformat()} (nearest)"
    if kind == "month":
        month, mode = int(parts[1]), parts[2]
        if mode == "last":
            year = ref.year - 1 if month >= ref.month else ref.year
        elif mode == "next":
            year = ref.year + 1 if month <= ref.month else ref.year
        elif mode == "this":
            year = ref.year
        elif mode == "ahead":  # "will visit in July": the parse says the clause is about the future
            year = ref.year if month >= ref.month else ref.year + 1
        else:  # "in September": news talks about the past more than the future
            year = ref.year if month <= ref.month else ref.year - 1
        how = {"last": "the last", "next": "the next", "this": "this year's", "near": "the latest",
               "ahead": "the coming"}[mode]
        return f"{year:04d}-{month:02d}", f"{how} {MONTH_NAMES[month - 1]} relative to {ref.isoformat()}"
    if kind == "weekday":
        wd: weekday = WEEKDAYS[int(parts[1])]
        mode = parts[2]
        if mode == "next":
            d = ref + relativedelta(days=+1, weekday=wd(+1))
            how = "the next {} after"
        elif mode == "last":
            d = ref + relativedelta(days=-1, weekday=wd(-1))
            how = "the {} before"
        elif mode == "ahead":  # "the tariffs are set to take effect on Tuesday" (future, from the parse)
            d = ref + relativedelta(weekday=wd(+1))
            how = "the first {} on or after"
        else:
            d = ref + relativedelta(weekday=wd(-1))
            how = "the most recent {} on or before"
        return d.isoformat(), how.format(DAYS[int(parts[1])].capitalize()) + f" {ref.isoformat()}"
    if kind == "day":
        d = ref + timedelta(days=int(parts[1]))
        return d.isoformat(), f"{int(parts[1]):+d} day(s) from {ref.isoformat()}"
    if kind == "period":
        unit, offset = parts[1], int(parts[2])
        if unit == "week":
            d = ref + timedelta(weeks=offset)
            iso = d.isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}", f"week {offset:+d} from {ref.isoformat()}"
        if unit == "month":
            d = ref + relativedelta(months=offset)
            return f"{d.year:04d}-{d.month:02d}", f"month {offset:+d} from {ref.isoformat()}"
        return f"{ref.year + offset:04d}", f"year {offset:+d} from {ref.isoformat()}"
    if kind == "ago":
        m = re.fullmatch(r"P([\d.]+)([DWMY])", parts[1])
        if not m:
            return None, "unreadable expression"
        n, code = float(m.group(1)), m.group(2)
        how = f"{format_number(n)}{code} before {ref.isoformat()}"
        if code == "D":
            return (ref - timedelta(days=n)).isoformat(), how
        if code == "W":
            return (ref - timedelta(weeks=n)).isoformat(), how
        if code == "M":
            d = ref - relativedelta(months=int(n))
            return f"{d.year:04d}-{d.month:02d}", how
        return f"{ref.year - int(n):04d}", how
    return None, "unknown expression"


def _nearest_year(month: int, day: int, ref: date) -> date | None:
    """The date with this month and day closest to `ref` (so "February 1" near 2019-12-31 is 2020-02-01)."""
    best: date | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:  # February 29 in a non-leap year
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best


def same_date(a: str, b: str) -> bool | None:
    """Do two date values agree? True/False, or None when their precisions cannot be compared.

    A coarser value agrees with a finer one inside it ("2019-09" and "2019-09-12"); a yearless "--02-01" agrees
    with any full date on that month and day.
    """
    if a.startswith("--") or b.startswith("--"):
        if a.startswith("--") and b.startswith("--"):
            return a == b
        full = b if a.startswith("--") else a
        md = a if a.startswith("--") else b
        return len(full) == 10 and full[4:] == md[1:]
    if "W" in a or "W" in b:
        wa, wb = _to_week(a), _to_week(b)
        return None if wa is None or wb is None else wa == wb
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short)


def _to_week(v: str) -> str | None:
    if "W" in v:
        return v
    if len(v) == 10:
        iso = date.fromisoformat(v).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return None

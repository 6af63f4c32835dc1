"""Quantities in news text: percentages, money, durations, counts ("12 killed", "three soldiers"), years and bare
numbers, each with its exact span and a normalized value and unit.

The text is scanned for numbers once (`numbers.scan_numbers`); each finder then only looks at what follows or
precedes each number ("percent", "dollars", "years", a noun), which keeps the cost at one pass over the text.
The finders work on the text alone, so they run the same with or without a parse; `facts.py` refines counts
with the parse when there is one (lemmas, a modifier between the number and its noun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from framescope.analyze.numbers import NUMBER, NUMBER_RIGHT, NumberSpan, format_number, parse_number


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str
    value: float | str | None
    unit: str | None = None
    note: str | None = None
    expr: str | None = None


_CURRENCY_PREFIX = {"us$": "USD", "a$": "AUD", "c$": "CAD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
                    "usd": "USD", "eur": "EUR", "gbp": "GBP"}  # fmt: skip
_CURRENCY_WORD = {"$": "USD", "€": "EUR", "£": "GBP", "dollar": "USD", "euro": "EUR", "pound": "GBP",
                  "pounds sterling": "GBP", "yen": "JPY", "rouble": "RUB", "ruble": "RUB", "yuan": "CNY",
                  "usd": "USD", "eur": "EUR", "gbp": "GBP", "rub": "RUB", "cny": "CNY", "jpy": "JPY"}  # fmt: skip
_MONEY_PREFIX = re.compile(
    rf"(?<![\w])(?P<cur>US\$|A\$|C\$|\$|€|£|¥|USD|EUR|GBP)[ \t]?(?P<num>{NUMBER}){NUMBER_RIGHT}", re.I
)
# what may follow a number: matched at the number's end
_MONEY_AFTER = re.compile(
    r"[ \t]?(?P<cur>\$|€|£|pounds\s+sterling|dollars?|euros?|pounds?|yen|roubles?|rubles?|yuan"
    r"|USD|EUR|GBP|RUB|CNY|JPY)(?![\w])",
    re.I,
)
_PERCENT_AFTER = re.compile(r"[ \t]?(?P<unit>%|percent(?:age\s+points?)?(?![\w])|per\s?cent(?![\w])|pct(?![\w]))", re.I)
_TIME_UNITS = {"year": ("year", 1), "decade": ("year", 10), "century": ("year", 100), "centurie": ("year", 100),
               "month": ("month", 1), "week": ("week", 1), "day": ("day", 1), "hour": ("hour", 1),
               "minute": ("minute", 1)}  # fmt: skip
_TIME = r"(?P<unit>years?|decades?|centuries|century|months?|weeks?|days?|hours?|minutes?)"
_DURATION_AFTER = re.compile(rf"[\s-]+{_TIME}(?![\w-])(?!\s+(?:old|ago)(?![\w]))", re.I)
# "a decade" is a duration wherever it stands; "a year" only after a word that makes it one ("for a year")
_A_DURATION = re.compile(rf"(?<![\w.])(?P<num>an?|one)\s+{_TIME}(?![\w-])(?!\s+ago(?![\w]))", re.I)
_COUNT_AFTER = re.compile(
    # an optional modifier before a plural noun: "three Dutch soldiers", "12 new cases"
    r"\s+(?:(?P<mod>[A-Za-z][a-z]*[a-rt-z])\s+(?=[a-z]+s(?![\w'’-])))?"
    r"(?P<noun>[A-Za-z][a-z]+(?:-[a-z]+)?)(?![\w'’-])"
    r"(?:\s+(?P<aux>were|was|have\s+been|had\s+been|are|is|being|got)?\s*"
    r"(?P<verb>[a-z]+ed|[a-z]+en|dead|hurt|slain|missing)(?![\w]))?",
    re.I,
)
# what may precede: matched on the few characters before the number, anchored at their end
_DURATION_BEFORE = re.compile(r"(?<![\w])(?:in|for|over|within|after|during|the\s+past|the\s+last)\s+\Z", re.I)
_A_DURATION_BEFORE = re.compile(
    r"(?<![\w])(?:in|for|over|within|after|during|than|about|nearly|almost|the\s+past|the\s+last)\s+\Z", re.I
)
_YEAR_BEFORE = re.compile(
    r"(?:(?<![\w])(?P<prep>in|since|by|until|till|from|of|during|before|after|early|late)\s+|(?P<mid>mid-))\Z", re.I
)
_SINCE_YEAR = re.compile(r"(?<![\w])since\s+(?:the\s+year\s+)?(?P<y>1[6-9]\d\d|20\d\d)(?![\w]|[.,]\d)", re.I)
_YEAR = re.compile(r"(?<![\w])(?P<y>1[89]\d\d|20\d\d)(?![\w%]|[.,:/]\d|\s*(?:percent|per cent))", re.I)
_NOT_BEFORE_NUMBER = set(".,$€£¥:/_")

# the word after a number that makes it a count: anything but function words, units and calendar words
NOT_COUNTED = set(STOP_WORDS) | {
    "percent", "per", "cent", "pct", "dollars", "dollar", "euros", "euro", "pounds", "pound", "yen",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "am", "pm", "gmt", "utc", "times", "minutes", "hours", "days", "weeks",
    "months", "years", "decades", "min", "mins", "sec", "km", "kilometres", "kilometers", "miles",
    "metres", "meters", "kg", "tonnes", "tons", "and", "or", "to", "of", "a.m.", "p.m.", "year", "month",
    "week", "day", "decade", "hour", "minute", "century", "dozen", "dozens", "hundreds", "thousands",
    "millions", "says", "said", "is", "was", "has", "had",
}  # fmt: skip
# words that, right after a counted noun and without an auxiliary, say what happened to them ("12 people killed")
OUTCOMES = {"killed", "dead", "injured", "wounded", "hurt", "arrested", "detained", "missing", "displaced",
            "evacuated", "infected", "affected", "slain", "died", "deaths", "jailed", "held", "rescued"}  # fmt: skip
_QUALIFIERS = [
    (re.compile(r"(?<![\w])(?:more\s+than|over|above|upwards\s+of)\s+\Z", re.I), ">"),
    (re.compile(r"(?<![\w])(?:at\s+least|no\s+fewer\s+than|no\s+less\s+than)\s+\Z", re.I), ">="),
    (re.compile(r"(?<![\w])(?:less\s+than|fewer\s+than|under|below)\s+\Z", re.I), "<"),
    (re.compile(r"(?<![\w])(?:at\s+most|up\s+to|no\s+more\s+than)\s+\Z", re.I), "<="),
    (re.compile(r"(?<![\w])(?:about|around|some|roughly|approximately|nearly|almost|close\s+to|an\s+estimated|"
                r"estimated|more\s+or\s+less)\s+\Z", re.I), "~"),
]  # fmt: skip
_ROUND_NUMBERS = re.compile(r"dozen|decades?|centur", re.I)
_LOOKBACK = 24  # characters before a number that a preposition or a qualifier may take


def _before(rx: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    """The words just before `start` that `rx` (anchored at its end) accepts."""
    return rx.search(text, max(0, start - _LOOKBACK), start)


def qualifier(text: str, start: int, allow_over: bool = True) -> str | None:
    """The bound word just before a number ("more than 12" -> ">", "about 12" -> "~"), if any."""
    for rx, q in _QUALIFIERS:
        m = _before(rx, text, start)
        if m and (allow_over or not m.group(0).lower().startswith(("over", "under"))):
            return q
    return None


def find_money(text: str, numbers: list[NumberSpan]) -> list[Found]:
    out: list[Found] = []
    for m in _MONEY_PREFIX.finditer(text):
        value = parse_number(m.group("num"))
        if value is not None:
            cur = m.group("cur").lower()
            out.append(_money(text, m.start(), m.end(), value, _CURRENCY_PREFIX[cur], cur))
    for n in numbers:
        after = _MONEY_AFTER.match(text, n.end)
        if after:
            cur = re.sub(r"\s+", " ", after.group("cur").lower())
            unit = _CURRENCY_WORD.get(cur) or _CURRENCY_WORD.get(cur.rstrip("s"))
            if unit:
                out.append(_money(text, n.start, after.end(), n.value, unit, cur))
    return out


def _money(text: str, start: int, end: int, value: float, unit: str, cur: str) -> Found:
    note = f"$ read as {unit}" if cur == "$" else None  # the commonest reading; A$, C$ are spelled out
    return Found(start, end, "money", value, unit, note, qualifier(text, start))


def find_percents(text: str, numbers: list[NumberSpan]) -> list[Found]:
    out: list[Found] = []
    for n in numbers:
        m = _PERCENT_AFTER.match(text, n.end)
        if m:
            points = m.group("unit").lower().startswith("percentage")
            unit = "pp" if points else "%"
            out.append(Found(n.start, m.end(), "percent", n.value, unit, None, qualifier(text, n.start)))
    return out


def find_durations(text: str, numbers: list[NumberSpan]) -> list[Found]:
    out: list[Found] = []
    for n in numbers:
        m = _DURATION_AFTER.match(text, n.end)
        if m:
            prep = _before(_DURATION_BEFORE, text, n.start)
            out.append(_duration(text, n.start, prep.start() if prep else n.start, m.end(), n.text, n.value,
                                 m.group("unit"), False))  # fmt: skip
    for m in _A_DURATION.finditer(text):
        prep = _before(_A_DURATION_BEFORE, text, m.start())
        word = m.group("unit").lower()
        if prep is None and _TIME_UNITS[_singular(word)][1] == 1:
            continue  # "a day" alone ("once a day") is no duration; "a decade" is
        start = prep.start() if prep else m.start()
        out.append(_duration(text, m.start(), start, m.end(), m.group("num"), 1.0, word, True))
    return out


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def _duration(text: str, num_start: int, start: int, end: int, num: str, n: float, word: str, article: bool
              ) -> Found:  # fmt: skip
    unit, factor = _TIME_UNITS[_singular(word.lower())]
    value = n * factor
    note = f"{num} {word} = {format_number(value)} {unit}s" if factor != 1 or not num[0].isdigit() else None
    q = qualifier(text, num_start, allow_over=False)
    if q is None and (article or _ROUND_NUMBERS.search(word)):
        q = "~"  # "two-and-a-half decades", "a decade": round figures, not exact counts
    return Found(start, end, "duration", value, unit, note, q)


def find_since_years(text: str, ref_year: int | None) -> list[Found]:
    """ "since 1994": a duration up to the reference year (unresolved while that is unknown)."""
    out: list[Found] = []
    for m in _SINCE_YEAR.finditer(text):
        year = int(m.group("y"))
        if ref_year is not None and ref_year >= year:
            value: float | None = float(ref_year - year)
            note = f"since {year}: {ref_year} - {year} = {ref_year - year} years"
        else:
            value, note = None, f"since {year}: needs a reference year"
        out.append(Found(m.start(), m.end(), "duration", value, "year", note, f"since:{year}"))
    return out


def find_years(text: str) -> list[Found]:
    out: list[Found] = []
    for m in _YEAR.finditer(text):
        before = _before(_YEAR_BEFORE, text, m.start())
        if before is None and m.start() > 0 and text[m.start() - 1] in _NOT_BEFORE_NUMBER | {"-"}:
            continue
        prep = before and (before.group("prep") or before.group("mid"))
        note = f"{prep.lower().rstrip('-')} {m.group('y')}" if prep else "a year"
        out.append(Found(m.start("y"), m.end("y"), "year", int(m.group("y")), "year", note))
    return out


def find_counts(text: str, numbers: list[NumberSpan]) -> list[Found]:
    out: list[Found] = []
    for n in numbers:
        m = _COUNT_AFTER.match(text, n.end)
        if m is None:
            continue
        noun, end = m.group("noun").lower(), m.end("noun")
        mod = (m.group("mod") or "").lower()
        if mod and (noun in NOT_COUNTED or mod in NOT_COUNTED):
            if mod in NOT_COUNTED and mod not in ("more", "other", "further"):
                continue
            if noun in NOT_COUNTED:
                noun, end = mod, m.end("mod")  # "two people has": the noun was the first word
        if noun in NOT_COUNTED or (n.value == 1 and not n.text[0].isdigit()):
            continue  # "one of", "one country": too common to be a stated figure
        if noun.endswith("ed") and len(noun) > 4 and noun not in OUTCOMES:
            continue  # "the 737 landed": a verb, and only outcomes such as "12 killed" count what they follow
        unit = noun
        verb = m.group("verb") if end == m.end("noun") else None
        if verb and (m.group("aux") or verb.lower() in OUTCOMES) and noun not in OUTCOMES:
            unit, end = f"{noun} {verb.lower()}", m.end("verb")
        out.append(Found(n.start, end, "count", n.value, unit, None, qualifier(text, n.start)))
    return out


def find_numbers(text: str, numbers: list[NumberSpan]) -> list[Found]:
    """Bare numbers in digits (spelled-out ones are kept only when they count something: "two" alone is noise)."""
    return [
        Found(n.start, n.end, "number", n.value, None, None, qualifier(text, n.start))
        for n in numbers
        if n.text[0].isdigit()
    ]

"""Numbers as written in news text: "2,500", "1.5 million", "5bn", "twenty-six", "a dozen", "two-and-a-half".

Spelled-out cardinals are converted by text2num (allo-media's maintained parser); this module only adds what
text2num leaves out and news copy uses a lot: digits with a scale word ("1.5 million", "5bn"), "a dozen",
and the "and a half" fraction. `NUMBER` is the regex source that the fact finders embed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

_UNIT_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
]  # fmt: skip
_SCALE_WORDS = ["hundred", "thousand", "million", "billion", "trillion"]


def word_alternation(words: list[str]) -> str:
    """A regex matching any of `words`, written as a trie ("t(?:en|wo|h(?:ree|irty))..."): Python's re tries
    the branches of an alternation one by one at every position, and a trie makes that several times faster."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


_UNITS = word_alternation(_UNIT_WORDS)
_SCALES = "|".join(_SCALE_WORDS)
_WORD = word_alternation(_UNIT_WORDS + _SCALE_WORDS)
_SEP = r"(?:[ \t]+|-)"
# "one hundred and five", "twenty-six", "two thousand five hundred"
_WORDS = rf"(?:{_UNITS}|a(?={_SEP}(?:{_SCALES})))(?:{_SEP}(?:and{_SEP})?{_WORD})*"
_HALF = rf"(?:{_SEP}and{_SEP}a{_SEP}half)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DIGIT_SCALE = r"(?:[ \t]?(?:thousand|million|billion|trillion)\b|(?:bn|mn|tn)\b)"

# One number, case-insensitive; the caller adds the boundaries that suit its context.
NUMBER = (
    rf"(?:(?:{_DIGITS}){_DIGIT_SCALE}?"
    rf"|(?:half{_SEP}a{_SEP}(?:dozen|hundred|thousand|million|billion))"
    rf"|(?:(?:a|{_UNITS}){_SEP})?dozen"
    rf"|{_WORDS}{_HALF}?)"
)

_MULTIPLIERS = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_DIGIT_RE = re.compile(rf"^({_DIGITS})[ \t]?([a-z]*)$")
_SPACE_RE = re.compile(r"[\s-]+")


def parse_number(text: str) -> float | None:
    """The value of one number as matched by `NUMBER`, or None when it is not a number."""
    s = _SPACE_RE.sub(" ", text.strip().lower())
    if not s:
        return None
    m = _DIGIT_RE.match(s)
    if m:
        base = float(m.group(1).replace(",", ""))
        scale = m.group(2)
        if not scale:
            return base
        mult = _MULTIPLIERS.get(scale)
        return base * mult if mult else None
    if s.endswith(" and a half"):
        whole = parse_number(s[: -len(" and a half")])
        return None if whole is None else whole + 0.5
    if s.startswith("half a "):
        whole = parse_number("one " + s[len("half a ") :])
        return None if whole is None else whole / 2
    if s in ("dozen", "a dozen"):
        return 12.0
    if s.endswith(" dozen"):
        times = parse_number(s[: -len(" dozen")])
        return None if times is None else times * 12
    if s.startswith("a "):  # "a hundred", "a million": text2num wants "one"
        s = "one " + s[2:]
    try:
        return float(text2num(s, "en"))
    except ValueError:
        return None


def format_number(value: float) -> str:
    """A compact human form for notes: 26, 2.5, 5000000."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    text: str
    value: float


# A number does not start or end inside a word, a decimal, a code ("F-16"), a time ("10:30"), a fraction or a
# score ("3-1"). The look-behind comes first in the pattern because it is what keeps the scan fast: it rejects a
# position inside a word before the alternation of number words is tried there.
NUMBER_LEFT = r"(?<![\w.,$€£¥:/-])"
NUMBER_RIGHT = r"(?![\w]|[.,:/]\d|-\d)"
_NUMBER_RE = re.compile(rf"{NUMBER_LEFT}(?P<num>{NUMBER}){NUMBER_RIGHT}", re.IGNORECASE)


def scan_numbers(text: str) -> list[NumberSpan]:
    """Every number in `text`, digits or words, with its value: one pass that the fact finders share."""
    out: list[NumberSpan] = []
    for m in _NUMBER_RE.finditer(text):
        value = parse_number(m.group("num"))
        if value is not None:
            out.append(NumberSpan(m.start(), m.end(), m.group("num"), value))
    return out

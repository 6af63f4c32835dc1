"""Find quotation spans from the quote marks alone (no parse): straight and curly, double and single.

Double quotes pair across the whole text, following the newspaper convention for quotes that run over several
paragraphs (the closing mark is left off at the end of a paragraph and an opening mark starts the next one).
Single quotes are mostly apostrophes (we're, countries’, Belarus’, '90s), so they pair only inside one
paragraph, only outside double quotes, and a closing candidate that looks like a plural possessive
("the players’ union") is used only when no better closing mark follows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from framescope.analyze.sentences import paragraph_index, paragraph_spans

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
OPEN_CONTEXT = "([{<—–-/:;,\"“‘'«„"
# Word-initial apostrophes that are elisions, not opening quotes: 'tis, 'em, '90s, rock 'n' roll.
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
ELISION = re.compile(r"(?:tis|twas|em|cause|til|bout|n|round|nuff|sup|kay|ere|\d\d?s?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class MarkedQuote:
    start: int  # first character inside the marks (whitespace trimmed)
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ended without one
    style: str  # "double" | "single"
    paragraphs: int  # how many paragraphs it runs over


class SpanSet:
    """Disjoint (start, end) spans with a fast membership test for an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self._starts = [a for a, _ in self.spans]

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)


def find_marked_quotes(text: str) -> list[MarkedQuote]:
    paras = paragraph_spans(text)
    doubles = _pair_doubles(text, paras)
    singles = _pair_singles(text, paras, doubles)
    quotes = [q for q in doubles + singles if _has_words(text, q)]
    quotes.sort(key=lambda q: (q.open_mark, -(q.end - q.start)))
    # Keep the outermost of nested quotes ('He said "no"' inside a single-quoted quote, or the reverse).
    out: list[MarkedQuote] = []
    for q in quotes:
        if out and q.open_mark < _outer_end(out[-1]):
            continue
        out.append(q)
    return out


def _outer_end(q: MarkedQuote) -> int:
    return q.close_mark + 1 if q.close_mark is not None else q.end


def _has_words(text: str, q: MarkedQuote) -> bool:
    return q.end > q.start and any(c.isalnum() for c in text[q.start : q.end])


def _left(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _right(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _double_role(text: str, i: int, width: int = 1) -> str:
    ch = text[i]
    if ch in DOUBLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    left, right = _left(text, i), _right(text, i + width - 1)
    opens = (left.isspace() or left in OPEN_CONTEXT) and not right.isspace()
    closes = not left.isspace() and (right.isspace() or not right.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _double_marks(text: str) -> list[tuple[int, int]]:
    """(offset, width) of every double quotation mark; two apostrophes ('') count as one (NYT style)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c in DOUBLE_OPEN or c in DOUBLE_CLOSE:
            out.append((i, 1))
        elif c == "'" and text[i + 1 : i + 2] == "'" and text[i + 2 : i + 3] != "'" and _left(text, i) != "'":
            out.append((i, 2))
            i += 1
        i += 1
    return out


def _pair_doubles(text: str, paras: list[tuple[int, int]]) -> list[MarkedQuote]:
    out: list[MarkedQuote] = []
    open_at: int | None = None
    open_width = 1
    open_para = last_para = 0
    for i, width in _double_marks(text):
        role = _double_role(text, i, width)
        para = paragraph_index(paras, i)
        if open_at is not None and para != last_para:
            continues = para == last_para + 1 and i == paras[para][0] and role != "close"
            if continues:
                # Newspaper convention: the quote goes on in this paragraph.
                last_para = para
                continue
            end = paras[last_para][1]
            out.append(_unterminated(text, open_at + open_width, open_at, end, last_para - open_para + 1))
            open_at = None
        if open_at is None:
            if role in ("open", "either"):
                open_at, open_width, open_para, last_para = i, width, para, para
            continue
        if role == "open" and text[i] in DOUBLE_OPEN:
            open_at, open_width, open_para, last_para = i, width, para, para  # the earlier opener was stray
            continue
        out.append(_closed(text, open_at, open_at + open_width, i, "double", para - open_para + 1))
        open_at = None
    if open_at is not None:
        out.append(_unterminated(text, open_at + open_width, open_at, paras[last_para][1], last_para - open_para + 1))
    return out


def _closed(text: str, open_mark: int, inner: int, close_mark: int, style: str, paragraphs: int) -> MarkedQuote:
    start, end = _trim(text, inner, close_mark)
    close_end = close_mark + (2 if text[close_mark : close_mark + 2] == "''" and style == "double" else 1)
    return MarkedQuote(start, end, open_mark, close_end - 1, style, paragraphs)


def _unterminated(text: str, inner: int, open_mark: int, para_end: int, paragraphs: int) -> MarkedQuote:
    start, end = _trim(text, inner, para_end)
    return MarkedQuote(start, end, open_mark, None, "double", paragraphs)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _single_role(text: str, i: int) -> str | None:
    """open | close | possessive (a weak close) | None (an apostrophe)."""
    ch, left, right = text[i], _left(text, i), _right(text, i)
    if left.isalnum() and right.isalnum():
        return None  # we're, don't, O'Brien
    if ch in SINGLE_OPEN or (ch == "'" and (left.isspace() or left in OPEN_CONTEXT)):
        if right.isspace() or ELISION.match(text, i + 1):
            return None
        return "open"
    if ch in SINGLE_CLOSE or ch == "'":
        if left.isspace():
            return None
        if left in "sS" and right == " " and text[i + 2 : i + 3].islower():
            return "possessive"  # countries’ interests: a close only when nothing better follows
        return "close"
    return None


def _pair_singles(text: str, paras: list[tuple[int, int]], doubles: list[MarkedQuote]) -> list[MarkedQuote]:
    inside = SpanSet([(q.open_mark, _outer_end(q)) for q in doubles])

    def in_double(i: int) -> bool:
        return i in inside

    out: list[MarkedQuote] = []
    for p_start, p_end in paras:
        marks = [
            (i, role)
            for i in range(p_start, p_end)
            if text[i] in "'‘’‹›" and not in_double(i) and (role := _single_role(text, i)) is not None
        ]
        k = 0
        while k < len(marks):
            i, role = marks[k]
            if role != "open":
                k += 1
                continue
            closers = []
            j = k + 1
            while j < len(marks) and marks[j][1] != "open":
                closers.append(marks[j])
                j += 1
            strong = [c for c in closers if c[1] == "close"]
            weak = [c for c in closers if c[1] == "possessive"]
            # A weak close before the sentence ends beats a strong one in a later sentence.
            if strong and weak and weak[0][0] < strong[0][0] and _SENTENCE_END.search(text, weak[0][0], strong[0][0]):
                strong = []
            chosen = strong[0] if strong else (closers[0] if closers else None)
            if chosen is None:
                k = j  # an opener with no closer in its paragraph: an apostrophe after all
                continue
            out.append(_closed(text, i, i + 1, chosen[0], "single", 1))
            k = marks.index(chosen) + 1
    return out

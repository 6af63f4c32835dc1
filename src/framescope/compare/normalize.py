"""Text normalization for comparing quotations: words that a reader would call "the same".

A quotation is cut into word tokens that keep their character offsets (so a diff and a note can show the
outlet's own characters), and each token gets a canonical form in which the differences that do not change
what was said disappear: case and punctuation, curly vs straight apostrophes, British vs American spelling
(the `breame` list), country abbreviations (US / U.S. / United States / America), and number formats
(100 percent / 100% / 100 per cent / one hundred percent, 2,500 / 2500).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
from text_to_num import text2num

# Dotted abbreviations first (U.S., U.K.), then numbers with separators, then words with inner apostrophes.
_TOKEN = re.compile(
    r"(?<![^\W\d_])[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W\d_])"  # U.S. / U.S / e.g.
    r"|\d+(?:[.,]\d+)*"  # 100 / 2,500 / 3.5
    r"|%"
    r"|[^\W_]+(?:['’][^\W_]+)*",  # words, we're / we’re
    re.UNICODE,
)
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")

# Names that outlets write in several ways. The key is the casefolded token sequence; the value the canonical
# token. Upper-case-only forms ("US", "UK", "UN") are recognised from the surface in `_upper_abbreviation`
# because "us" and "un" are also ordinary words.
PHRASES: dict[tuple[str, ...], str] = {
    ("united", "states", "of", "america"): "US",
    ("united", "states"): "US",
    ("america",): "US",
    ("usa",): "US",
    ("united", "kingdom"): "UK",
    ("great", "britain"): "UK",
    ("britain",): "UK",
    ("european", "union"): "EU",
    ("united", "nations"): "UN",
    ("per", "cent"): "%",
    ("percent",): "%",
    ("pct",): "%",
}
_MAX_PHRASE = max(len(k) for k in PHRASES)
_UPPER = {"US": "US", "USA": "US", "UK": "UK", "EU": "EU", "UN": "UN"}
_COUNTRIES = frozenset(_UPPER.values())

# Words that text2num reads as parts of a cardinal number ("one hundred and five", "twenty-six").
_NUMBER_WORDS = frozenset(
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
        "billion", "trillion"
    ]
)


@dataclass(frozen=True, slots=True)
class Token:
    norm: str  # canonical form, compared across outlets
    start: int  # offsets into the text that was tokenized
    end: int
    surface: str  # the original characters, text[start:end] (for multiword tokens, the whole phrase)


def plain(word: str) -> str:
    """Case, Unicode compatibility forms and curly apostrophes removed."""
    return unicodedata.normalize("NFKC", word).replace("’", "'").replace("‘", "'").casefold()


def _upper_abbreviation(surface: str) -> str | None:
    letters = surface.replace(".", "")
    if "." in surface and letters.upper() == letters:  # U.S. / U.K. (dotted, capitals)
        return _UPPER.get(letters)
    if surface.isupper() and len(surface) > 1:
        return _UPPER.get(surface)
    return None


def _word_norm(surface: str) -> str:
    if (abbr := _upper_abbreviation(surface)) is not None:
        return abbr
    if surface[0].isdigit():
        return surface.replace(",", "") if _THOUSANDS.match(surface) else surface
    w = plain(surface).replace(".", "")
    return BRITISH_ENGLISH_SPELLINGS.get(w, w)


def _joins(gap: str) -> bool:
    """Number words are one number only when nothing but spaces or a hyphen separates them."""
    return gap.strip(" -\u2010\u2011") == ""


def _number_run(words: list[str]) -> str | None:
    """The digits of a run of number words, or None when text2num does not read it as one number."""
    if not words or words[0] == "and" or words[-1] == "and":
        return None
    try:
        return str(text2num(" ".join(words), "en"))
    except ValueError:
        return None


@lru_cache(maxsize=50_000)  # quotes recur across outlets; bounded for long-running processes
def _tokens_cached(text: str) -> tuple[Token, ...]:
    raw = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    # Hyphenated words ("good-faith", "twenty-six") are split by the regex, so "good faith" and "good-faith"
    # compare equal, and number words joined by hyphens are read as one number below.
    out: list[Token] = []
    i = 0
    while i < len(raw):
        surface, start, end = raw[i]
        low = plain(surface)
        # A run of number words -> one number token.
        if low in _NUMBER_WORDS:
            j = i
            while (
                j < len(raw)
                and (plain(raw[j][0]) in _NUMBER_WORDS or plain(raw[j][0]) == "and")
                and (j == i or _joins(text[raw[j - 1][2] : raw[j][1]]))
            ):
                j += 1
            while j > i + 1 and plain(raw[j - 1][0]) == "and":
                j -= 1
            digits = _number_run([plain(r[0]) for r in raw[i:j]])
            if digits is not None:
                out.append(Token(digits, start, raw[j - 1][2], text[start : raw[j - 1][2]]))
                i = j
                continue
        # Multiword names and "per cent": longest match first.
        for n in range(min(_MAX_PHRASE, len(raw) - i), 0, -1):
            key = tuple(plain(r[0]) for r in raw[i : i + n])
            canon = PHRASES.get(key)
            if canon is not None:
                out.append(Token(canon, start, raw[i + n - 1][2], text[start : raw[i + n - 1][2]]))
                i += n
                break
        else:
            out.append(Token(_word_norm(surface), start, end, surface))
            i += 1
    return tuple(_join_percent(_absorb_article(out, text), text))


def _absorb_article(tokens: list[Token], text: str) -> list[Token]:
    """'the US' / 'the United States' / 'America' are one name: the article goes into the name's token."""
    out: list[Token] = []
    for t in tokens:
        if t.norm in _COUNTRIES and out and out[-1].norm == "the":
            prev = out.pop()
            out.append(Token(t.norm, prev.start, t.end, text[prev.start : t.end]))
        else:
            out.append(t)
    return out


def _join_percent(tokens: list[Token], text: str) -> list[Token]:
    """'100' + '%' -> one token '100%', so that '100 percent' and '100%' differ only in one surface."""
    out: list[Token] = []
    for t in tokens:
        if t.norm == "%" and out and _is_number(out[-1].norm):
            prev = out.pop()
            out.append(Token(prev.norm + "%", prev.start, t.end, text[prev.start : t.end]))
        else:
            out.append(t)
    return out


def _is_number(s: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", s))


def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens of `text` with canonical forms and offsets into `text`."""
    return _tokens_cached(text)


def norms(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokens(text))


def trimmed(text: str) -> str:
    """The quotation as the `exact` relation compares it: whitespace collapsed, trailing punctuation gone."""
    return re.sub(r"\s+", " ", text).strip().rstrip(",.;:!? ").strip()


def same_surface(a: Token, b: Token) -> bool:
    """True when two tokens differ at most in case and punctuation (not an equivalence worth naming)."""
    return re.sub(r"[\W_]+", "", plain(a.surface)) == re.sub(r"[\W_]+", "", plain(b.surface))

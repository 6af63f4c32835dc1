"""Mis-decoded text ("mojibake") put right: UTF-8 read as windows-1252 somewhere upstream ("â€œ" for "“",
"fÃ¼r" for "für"), and windows-1252 punctuation read as Latin-1 (the invisible C1 controls U+0093/U+0094 for
curly quotes, U+0097 for a dash).

Scraped exports and CMS dumps carry both, and decoding the bytes right does not help: the damage was done
before the bytes reached us (a CSV written from text already mis-decoded is valid UTF-8). Left alone, a quote
in C1 controls is no quotation to the quote finder, and "fÃ¼r" is no word to any model. ftfy's encoding fixes
undo it where the text shows the telltale sequences; its other fixes (straightening curly quotes, unescaping
HTML, Unicode normalisation) are not applied: they would change text that is right.
"""

from __future__ import annotations

import re
from functools import cache

import ftfy

# Mojibake that was then put through Unicode compatibility normalisation (NFKC), as some pipelines do: the
# "¼" of "Ã¼" (ü) became "1⁄4" with a fraction slash, which ftfy no longer recognises. A fraction slash right
# after the lead characters of two-byte UTF-8 read as windows-1252 is nothing else.
_NFKC_FRACTION = re.compile("([ÃÄÅ])(1\u20444|1\u20442|3\u20444)")
_FRACTIONS = {"1\u20444": "¼", "1\u20442": "½", "3\u20444": "¾"}


@cache
def _config() -> ftfy.TextFixerConfig:
    # only the encoding steps (fix_encoding_and_explain runs no others); explanations are not needed
    return ftfy.TextFixerConfig(explain=False)


def repair(text: str) -> str:
    """`text` with mis-decoded characters put back; the same string when there is nothing to repair."""
    if text.isascii():  # mojibake is never ASCII: most English lines stop here
        return text
    if "\u2044" in text:
        text = _NFKC_FRACTION.sub(lambda m: m[1] + _FRACTIONS[m[2]], text)
    return ftfy.fix_encoding(text, _config())


def repair_optional(text: str | None) -> str | None:
    return repair(text) if text else text

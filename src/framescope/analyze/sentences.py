"""Sentences of an article, from the parse, with their paragraph index.

spaCy's sentence splitter does not know about our paragraph structure: it happily joins a crosshead to the
paragraph after it, or runs a sentence across a blank line when a paragraph lacks final punctuation. So the
parser's sentences are cut again at every paragraph break and around every heading, and whitespace is trimmed
off both ends, so that `text[start:end]` is exactly the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING

from framescope.analyze.nlp import dateline_end
from framescope.models import Article, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated block, whitespace trimmed; empty blocks are skipped."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in PARAGRAPH_BREAK.finditer(text):
        _add_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def paragraph_index(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the paragraph that holds `offset` (the previous one when it falls in a break)."""
    return max(0, bisect_right([s for s, _ in spans], offset) - 1)


def find_sentences(article: Article, doc: Doc) -> tuple[Sentence, ...]:
    text = article.text
    paragraphs = paragraph_spans(text)
    # Every boundary a sentence may not cross: paragraph edges and heading edges.
    cuts = sorted({c for s, e in paragraphs for c in (s, e)} | {c for h in article.headings for c in (h.start, h.end)})
    out: list[Sentence] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        inner = [c for c in cuts if start < c < end]
        bounds = [start, *inner, end]
        for a, b in pairwise(bounds):
            pieces: list[tuple[int, int]] = []
            _add_trimmed(text, a, b, pieces)
            for s, e in pieces:
                para = paragraph_index(paragraphs, s)
                # A piece with no letter or digit (the closing mark spaCy cut off after '."') belongs to the
                # sentence before it in the same paragraph.
                if out and not any(c.isalnum() for c in text[s:e]) and out[-1].paragraph == para:
                    prev = out[-1]
                    out[-1] = Sentence(start=prev.start, end=e, paragraph=para, text=text[prev.start : e])
                    continue
                out.append(Sentence(start=s, end=e, paragraph=para, text=text[s:e]))
    # The parser is told that a dateline ends a sentence (so that its city is no verb's subject); as a
    # sentence of the article it belongs to the one it introduces. A dateline opens the first paragraph, or
    # the second when a title line comes first (as nlp._paragraph_starts reads it).
    for start, _ in paragraphs[:2]:
        cut = dateline_end(text, start)
        i = next((k for k, sent in enumerate(out) if sent.start == start), None)
        if not cut or i is None or i + 1 >= len(out):
            continue
        head, body = out[i], out[i + 1]
        if head.end <= cut and body.paragraph == head.paragraph:
            out[i : i + 2] = [Sentence(start=head.start, end=body.end, paragraph=head.paragraph,
                                       text=text[head.start : body.end])]
    return tuple(out)

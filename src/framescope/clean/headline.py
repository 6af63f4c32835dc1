"""The headline of a page whose metadata title is not one: a site's or a section's name ("Sports Wire",
"The Calgary Sun online - News, Sports and Entertainment"), as many older pages give in <title>.

Such a title shares no word with the article's opening. The headline is then one of the page's short
stand-alone texts (a heading, or a cell, a span or a font of a page laid out by hand) whose words the opening
repeats: `candidates` collects them from the page before extraction, `pick` chooses among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice
from typing import Any

MAX_CANDIDATES = 600  # short texts read from a page, in page order
MIN_WORDS, MAX_WORDS = 3, 16  # longer stand-alone texts are captions and decks more often than headlines
MAX_DESCENDANTS = 3  # an element holding more is a container: its own short texts are candidates themselves
MIN_SHARED = 2  # content words a headline shares with the opening ...
MIN_SHARE = 0.5  # ... and the share of its content words that is
OPENING_CHARS = 800
_TAGS = ("h1", "h2", "h3", "h4", "h5", "b", "strong", "font", "span", "td", "div", "p", "big", "center")
_WORD = re.compile(r"[^\W\d_]{4,}")
_SEPARATED = re.compile(r"\s[-|>»:·–—]+\s|::|\w:\s|^\S+:\S")
_LABEL = re.compile(r"^\S*:")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\bago\b", re.IGNORECASE)
_SAID = re.compile(r"\bsaid\b", re.IGNORECASE)
# a byline's remains ("By Ann Lee -- Wire", "AP Golf Writer"), a date written out, two sentences (a caption)
_BY = re.compile(r"^By\s+[A-Z]|\b(?:writer|correspondent|reporter|editor|staff)$", re.IGNORECASE)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d\s*(?:st|nd|rd|th)?\s+"
                    r"(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_SENTENCES = re.compile(r"\w\w[.!?]\s+[A-Z]")
_QUOTES = "\"'“‘«„"
_STOPWORDS = (
    "this that with from have has had were will would about after their there they them been into over than "
    "more most also said says what when which while where your just only some such very much news home page "
    "online sport sports world latest today"
)
_STOP = frozenset(_STOPWORDS.split(" "))


def content_words(text: str) -> set[str]:
    return {w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _STOP}


def candidates(tree: Any) -> tuple[str, ...]:
    """Short stand-alone texts of a parsed page (lxml), in page order: not a link's, not a container's."""
    out: list[str] = []
    for el in tree.iter(*_TAGS):
        if len(out) >= MAX_CANDIDATES:
            break
        # counted no further than the bound: a page's outer containers hold thousands of elements
        inner = list(islice(el.iterdescendants(), MAX_DESCENDANTS + 1))
        if len(inner) > MAX_DESCENDANTS or any(d.tag == "a" for d in inner):
            continue
        if any(a.tag == "a" for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if MIN_WORDS <= len(text.split()) <= MAX_WORDS and not text.endswith((".", ",", ";", ":")):
            out.append(text)
    return tuple(dict.fromkeys(out))


def belongs(title: str | None, opening: str) -> bool:
    """Whether a title shares a content word with the article's opening (a headline does)."""
    return bool(title) and bool(content_words(title or "") & content_words(opening[:OPENING_CHARS]))


def not_its_headline(title: str | None, text: str) -> bool:
    """Whether a page's title (None: it has none) is not the headline of its article `text`: it shares no
    content word with the opening and does not read as a headline (reads_as_title)."""
    return not belongs(title, text) and not reads_as_title(title)


def reads_as_title(title: str | None) -> bool:
    """A title of four words or more without a site's separators ("Site - Section", "Site | News") is taken
    for a headline even when the opening does not repeat its words (a feature's pun, a columnist's line)."""
    return bool(title) and len((title or "").split()) >= 4 and not _SEPARATED.search(title or "")


def _not_a_headline(text: str, body: str, first: str) -> bool:
    """A byline or its remains, a date line, a label ("Cast: ...", "Source: ..."), a quotation, two sentences
    (a caption), or a sentence of the article (any but its first paragraph, where extraction may have left
    the headline)."""
    from framescope.clean import boilerplate

    return bool(
        boilerplate.classify(text) or boilerplate.byline(text) or boilerplate.date_label(text, bare=True)
        or _LABEL.match(text) or _CLOCK.search(text) or text[0] in _QUOTES or _SAID.search(text)
        or _BY.search(text) or _MONTH.search(text) or _SENTENCES.search(text)
        or (text != first and text in body)
    )


def pick(texts: Iterable[str], opening: str, body: str = "") -> str | None:
    """The candidate whose content words the opening repeats most (at least MIN_SHARED of them and MIN_SHARE
    of its own), the earliest of equals; never a byline, a date line, a label, a quotation or a sentence of
    the article (`body`, its whole text)."""
    said = content_words(opening[:OPENING_CHARS])
    flat = " ".join(body.split())
    first = " ".join(body.split("\n\n", 1)[0].split())
    best: tuple[float, int] | None = None
    chosen = None
    for text in texts:
        if _not_a_headline(text, flat, first):
            continue
        words = content_words(text)
        shared = len(words & said)
        if shared < MIN_SHARED or shared < MIN_SHARE * len(words):
            continue
        score = (shared / len(words), shared)
        if best is None or score > best:
            best, chosen = score, text
    return chosen

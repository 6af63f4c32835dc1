"""Lines -> body: which lines go (with a reason), the title, the paragraphs and the crossheads.

Input is a list of blocks (runs of lines between blank lines in a text file; for HTML, one block per
extracted paragraph). Lines are kept verbatim, only stripped of surrounding whitespace; a block whose lines
are hard-wrapped (long lines that do not end a sentence) is joined into one paragraph with single spaces,
otherwise every line is a paragraph of its own. Paragraphs are separated by exactly one blank line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from framescope.clean import boilerplate, comments
from framescope.clean.boilerplate import norm_line
from framescope.models import Heading, Removed

# A removal rule that would take more than this share of a document's characters is not boilerplate
# there (several copies of one story from one outlet share every line): the rule is dropped for it.
REPEATED_MAX_SHARE = 0.5

# Where a line that is only a date counts as the article's date: among the first lines or the last ones.
BARE_DATE_HEAD = 6
BARE_DATE_TAIL = 2

_SENTENCE_END = re.compile(r"[.!?:;…\"'”’»)]$")
_HEADLINE_BAD_END = re.compile(r"[.,;:]$")
_DECORATED = re.compile(r"^(?:[-–—•*=~#]+\s*\S.{0,100}?\s*[-–—•*=~#]+|#{1,6}\s+\S.{0,100})$")
_UPDATED = re.compile(r"\b(?:updated|modified|aktualisiert|actualizado|mis à jour)\b", re.IGNORECASE)
_MENU_SEP = re.compile(r"\s[•·]\s")
_MD_HEADING = re.compile(r"^#{1,6}\s+")  # a Markdown "# Title" line is the title without its hashes
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_MINOR = "a an and as at but by for from in into of on or over the to up with vs via per off out de la le du von"
_MINOR_WORDS = frozenset(_MINOR.split())


@dataclass(frozen=True)
class Body:
    text: str
    title: str | None
    removed: tuple[Removed, ...]
    headings: tuple[Heading, ...]
    author: str | None = None
    date_text: str | None = None  # the date of a "Published: ..." line, unparsed
    date_is_update: bool = False  # date_text comes from an "Updated: ..." line (no other date line says more)


def build_body(
    blocks: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    find_title: bool = True,
    repeated: frozenset[str] = frozenset(),
    known_headings: frozenset[str] = frozenset(),
    other_titles: Sequence[str] = (),
) -> Body:
    """Sort the lines of `blocks` into body and removed lines, and lay the body out as paragraphs."""
    lines = [(b, line.strip()) for b, block in enumerate(blocks) for line in block if line.strip()]
    reasons: list[str | None] = [boilerplate.classify(line, repeated=repeated) for _, line in lines]
    _spare_repeated(lines, reasons)
    # readers' comments under the article go before bylines and dates are read: a commenter's signature
    # is neither the article's author nor its date
    start = comments.section_start([line for _, line in lines], [r is None for r in reasons])
    for i in range(len(lines) if start is None else start, len(lines)):
        reasons[i] = reasons[i] or "comments"

    author = date_text = None
    date_is_update = False
    for i, (_, line) in enumerate(lines):
        # A line that is only a date is the article's date where pages print one: around the headline or at
        # the very end. In the body it may be a timeline's entry or a section of a live report.
        bare = i < BARE_DATE_HEAD or i >= len(lines) - BARE_DATE_TAIL
        cell = _line_text(line)  # a page laid out with a table sets its byline and date line in a cell
        if reasons[i] is not None or cell is None:
            continue
        if name := boilerplate.byline(cell):
            reasons[i], author = "byline", author or name
        elif when := boilerplate.date_label(cell, bare=bare):
            reasons[i] = "date"
            update = bool(_UPDATED.search(cell))
            if date_text is None or (date_is_update and not update):  # the publication, not an update
                date_text, date_is_update = when, update

    if title is None and find_title:
        first = next((i for i, r in enumerate(reasons) if r is None), None)
        if first is not None and any(r is None for r in reasons[first + 1 :]):
            head = _line_text(lines[first][1])
            if head and looks_like_headline(head):
                title = _MD_HEADING.sub("", head)
    if title:
        key = norm_line(title)
        keys = {key, *(norm_line(t) for t in other_titles)}  # e.g. a feed's title and the page's own
        for i, (_, line) in enumerate(lines):
            if reasons[i] is None and norm_line(_MD_HEADING.sub("", _line_text(line) or line)) in keys:
                reasons[i] = "duplicate_title"
        # "Analysis: X" as the title, a kicker "Analysis" and "X" as the page's first lines
        for i in [i for i, r in enumerate(reasons) if r is None][:2]:
            if not _title_variant(lines[i][1], key):
                break
            reasons[i] = "duplicate_title"

    removed = tuple(Removed(line, r) for (_, line), r in zip(lines, reasons, strict=True) if r is not None)
    kept: list[list[str]] = [[] for _ in blocks]
    for (b, line), r in zip(lines, reasons, strict=True):
        if r is None:
            kept[b].append(line)
    paragraphs = [p for block in kept for p in _layout(block)]
    text, headings = _assemble(paragraphs, known_headings)
    return Body(text, title, removed, headings, author, date_text, date_is_update)


def _spare_repeated(lines: list[tuple[int, str]], reasons: list[str | None]) -> None:
    """Undo "repeated" when it would take a large part of the document (copies of one story, not chrome)."""
    total = sum(len(line) for _, line in lines) or 1
    hit = sum(len(line) for (_, line), r in zip(lines, reasons, strict=True) if r == "repeated")
    if hit / total > REPEATED_MAX_SHARE:
        for i, r in enumerate(reasons):
            if r == "repeated":
                reasons[i] = boilerplate.classify(lines[i][1])


def _title_variant(line: str, title_key: str) -> bool:
    """A headline-like line that is most of the title, or the title plus a little (a kicker, a site name)."""
    key = norm_line(_MD_HEADING.sub("", line))
    if key and len(key.split()) <= 3 and title_key.startswith(key) and not _SENTENCE_END.search(line):
        return True  # a kicker that opens the title
    if not key or not looks_like_headline(line):
        return False
    if key in title_key:  # the title without its kicker or site name
        return len(key) >= 0.6 * len(title_key)
    return title_key in key and len(title_key) >= 0.8 * len(key)  # the title plus a little


def _line_text(line: str) -> str | None:
    """The text of a line as a headline would be set: a table row's one cell of text (a page laid out with
    a table puts its headline in a cell); None for a row of several cells (a menu, a table's header)."""
    cells = boilerplate.table_cells(line)
    if cells is None:
        return line
    full = [c for c in cells if c]
    return full[0] if len(full) == 1 else None


def looks_like_headline(line: str) -> bool:
    """A first line that reads as a headline: a few words, no sentence-final period (unless it is set in
    title case, as some sites and exports end headlines with one), no dateline."""
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > 250 or len(_MENU_SEP.findall(line)) >= 2:  # "Home • News • Sport"
        return False
    if _HEADLINE_BAD_END.search(line) and not line.endswith("...") and not (line.endswith(".") and _title_cased(line)):
        return False
    from framescope.clean.metadata import find_dateline

    return find_dateline(line) is None


def _layout(block: list[str]) -> list[str]:
    """One paragraph per line, unless the block is hard-wrapped prose (then one paragraph)."""
    if len(block) < 2:
        return block
    inner = block[:-1]
    wrapped = sum(1 for line in inner if len(line) >= 40 and not _SENTENCE_END.search(line))
    if wrapped * 2 > len(inner):
        return [" ".join(block)]
    return block


def _title_cased(line: str) -> bool:
    """Every major word capitalised, and at least four of them: a title-case headline. A sentence of prose
    has lower-case verbs and nouns, and one of three capitalised words can be nothing but names."""
    major = [w for w in _WORD.findall(line) if w.lower() not in _MINOR_WORDS]
    return len(major) >= 4 and all(w[0].isupper() for w in major)


def is_crosshead(paragraph: str) -> bool:
    """A short standalone line between paragraphs: decorated ("- 'Ready to go' -", "## Next") or title case."""
    if len(paragraph) > 100 or "\n" in paragraph:
        return False
    if _DECORATED.match(paragraph):
        return True
    if re.match(r"[-–—•*]\s", paragraph):
        return False  # a list item
    words = _WORD.findall(paragraph)
    if not 1 <= len(words) <= 10 or len(paragraph.split()) > 12:
        return False
    if re.search(r"[.,;:]$", paragraph) or paragraph[:1] in "\"“'‘(":
        return False
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not major:
        return False
    capitalized = sum(1 for w in major if w[0].isupper())
    return capitalized == len(major) and (len(major) >= 2 or paragraph.isupper())


def _assemble(paragraphs: list[str], known: frozenset[str]) -> tuple[str, tuple[Heading, ...]]:
    known_keys = {norm_line(h) for h in known}
    parts: list[str] = []
    headings: list[Heading] = []
    offset = 0
    last = len(paragraphs) - 1
    for i, p in enumerate(paragraphs):
        if (norm_line(p) in known_keys and i < last) or (0 < i < last and is_crosshead(p)):
            headings.append(Heading(p, offset, offset + len(p)))
        parts.append(p)
        offset += len(p) + 2
    return "\n\n".join(parts), tuple(headings)

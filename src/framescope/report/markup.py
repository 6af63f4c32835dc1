"""Cut an article's text into flat segments carrying every annotation that covers them.

Sentences, quotes and framing spans overlap freely; rather than nest HTML elements (which cannot express
overlaps), the text is cut at every annotation boundary and each piece lists the classes, titles and data of
all annotations over it. Paragraph breaks are boundaries too, so segments never cross paragraphs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    cls: str  # one CSS class from our own vocabulary, never from content
    title: str = ""  # shown on hover; escaped by the template like all content
    data: tuple[tuple[str, str], ...] = ()  # data-* attributes (keys are ours, values are escaped)
    lead: str = ""  # an extra class for the first segment only (a marker shown once per mark)


@dataclass(frozen=True)
class Segment:
    text: str
    classes: tuple[str, ...]
    title: str
    data: tuple[tuple[str, str], ...]


def paragraphs(text: str, marks: Iterable[Mark]) -> list[list[Segment]]:
    """The text as paragraphs of segments (paragraphs are separated by blank lines in `Article.text`).

    One sweep over the sorted boundaries: marks enter the active set where they start and leave where they
    end, so the cost grows with the number of boundaries, not with boundaries times marks."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    blocks: list[tuple[int, int]] = []
    pos = 0
    for chunk in text.split("\n\n"):
        blocks.append((pos, pos + len(chunk)))
        pos += len(chunk) + 2
    cuts = {0, len(text)}
    for m in valid:
        cuts.update((m.start, m.end))
    for a, b in blocks:
        cuts.update((a, b))
    starts_at: dict[int, list[Mark]] = defaultdict(list)
    ends_at: dict[int, list[Mark]] = defaultdict(list)
    for m in valid:
        starts_at[m.start].append(m)
        ends_at[m.end].append(m)
    points = sorted(cuts)
    active: dict[int, Mark] = {}
    out: list[list[Segment]] = [[] for _ in blocks]
    block = 0
    for a, b in pairwise(points):
        for m in ends_at.get(a, ()):
            active.pop(id(m), None)
        for m in starts_at.get(a, ()):
            active[id(m)] = m
        while block < len(blocks) and a >= blocks[block][1]:
            block += 1
        if block < len(blocks) and blocks[block][0] <= a and b <= blocks[block][1]:
            out[block].append(_segment(text[a:b], list(active.values()), a))
    return [segs for segs in out if any(s.text.strip() for s in segs)]


def _segment(piece: str, covering: Sequence[Mark], at: int) -> Segment:
    names = [m.cls for m in covering] + [m.lead for m in covering if m.lead and m.start == at]
    classes = tuple(dict.fromkeys(names))
    title = " · ".join(dict.fromkeys(m.title for m in covering if m.title))
    data: dict[str, str] = {}
    for m in covering:
        data.update(m.data)
    return Segment(piece, classes, title, tuple(sorted(data.items())))

"""Inside a story: which articles are copies or light rewrites of one wire text, and which is the original.

Two members are versions of one text when their 5-word-shingle Jaccard (MinHash estimate) is high. In each
such family the wire-credited article (a dateline like "CITY (Agency) -") is the original, else the
earliest, else the first by id; the others are `copy` (near-identical) or `rewrite` (much text shared).
Members outside any family are `report`s of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from framescope.cluster.features import StoryFeatures

COPY = 0.85  # share of the shorter text's shingles in the longer: the same text, trimmed or lightly edited
REWRITE = 0.3  # estimated Jaccard of shingles: much of the text shared, reworded around it


def containment(a: StoryFeatures, b: StoryFeatures, jaccard: float) -> float:
    """Share of the shorter text's shingles in the longer, from the Jaccard estimate and the two sizes."""
    small = min(a.shingles, b.shingles)
    return min(1.0, jaccard * (a.shingles + b.shingles) / ((1.0 + jaccard) * small)) if small else 0.0


def _order(f: StoryFeatures) -> tuple[int, date, str, str]:
    return (0 if f.wire else 1, f.when or date.max, f.order, f.id)


def assign_roles(members: Sequence[StoryFeatures]) -> dict[str, str]:
    n = len(members)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    contained: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(i + 1, n):  # stories are small; a big one would use LSH buckets here
            s = float(members[i].minhash.jaccard(members[j].minhash))
            c = containment(members[i], members[j], s)
            if s >= REWRITE or c >= COPY:
                contained[(i, j)] = c
                parent[find(i)] = find(j)
    families: dict[int, list[int]] = {}
    for i in range(n):
        families.setdefault(find(i), []).append(i)
    roles: dict[str, str] = {}
    for family in families.values():
        if len(family) == 1:
            roles[members[family[0]].id] = "report"
            continue
        origin = min(family, key=lambda k: _order(members[k]))
        roles[members[origin].id] = "original"
        for k in family:
            if k == origin:
                continue
            c = contained.get((min(k, origin), max(k, origin)), 0.0)
            roles[members[k].id] = "copy" if c >= COPY else "rewrite"
    return roles

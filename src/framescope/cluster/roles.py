"""Inside a story: which articles are copies or light rewrites of one wire text, and which is the original.

Two members are versions of one text when their 5-word-shingle Jaccard (MinHash estimate) is high. In each
such family the wire-credited article (a dateline like "CITY (Agency) -") is the original, else the
earliest, else the first by id; the others are `copy` (near-identical) or `rewrite` (much text shared).
Members outside any family are `report`s of their own. Each copy and rewrite names its original and the
share of text they have in common (`Version`): what a reader checks the role against.

Every pair of a story is compared, over the members' MinHash signatures in NumPy, a block of rows at a time
(a story of 1,000 members in 0.1 s, of 6,000 in 6 s). MinHash LSH (bands of rows) would pick the pairs to
compare instead, but at the rewrite bound it cannot be sharp with 128 values: bands of two rows, which keep
99.8% of pairs at that bound, put a quarter of all pairs of a generated story of 3,000 in one bucket or
another, and cost twice the exact comparison (docs/performance.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from framescope.cluster.features import NUM_PERM, StoryFeatures
from framescope.cluster.matrices import agreement
from framescope.models import Version

COPY = 0.85  # share of the shorter text's shingles in the longer: the same text, trimmed or lightly edited
REWRITE = 0.3  # estimated Jaccard of shingles: much of the text shared, reworded around it
_BLOCK = 1 << 22  # signature values compared at once


def containment(a: StoryFeatures, b: StoryFeatures, jaccard: float) -> float:
    """Share of the shorter text's shingles in the longer, from the Jaccard estimate and the two sizes."""
    small = min(a.shingles, b.shingles)
    return min(1.0, jaccard * (a.shingles + b.shingles) / ((1.0 + jaccard) * small)) if small else 0.0


def _order(f: StoryFeatures) -> tuple[int, date, str, str]:
    return (0 if f.wire else 1, f.when or date.max, f.order, f.id)


@dataclass(frozen=True)
class Roles:
    roles: dict[str, str]  # article id -> original | copy | rewrite | report
    versions: dict[str, Version] = field(default_factory=dict)  # copy or rewrite id -> its original


def assign_roles(members: Sequence[StoryFeatures]) -> dict[str, str]:
    return story_roles(members).roles


def story_roles(members: Sequence[StoryFeatures]) -> Roles:
    """The role of each member, and for each copy or rewrite the original it is a version of."""
    n = len(members)
    if n == 1:  # most stories: no pair to compare
        return Roles({members[0].id: "report"})
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    signatures = np.array([m.minhash.hashvalues for m in members], dtype=np.uint32).reshape(n, NUM_PERM)
    sizes = np.array([m.shingles for m in members], dtype=np.float64)
    contained: dict[tuple[int, int], float] = {}
    for left, right, share in _versions(signatures, sizes):
        for i, j, c in zip(left.tolist(), right.tolist(), share.tolist(), strict=True):
            contained[(i, j)] = c
            parent[find(i)] = find(j)
    families: dict[int, list[int]] = {}
    for i in range(n):
        families.setdefault(find(i), []).append(i)
    roles: dict[str, str] = {}
    versions: dict[str, Version] = {}
    for family in families.values():
        if len(family) == 1:
            roles[members[family[0]].id] = "report"
            continue
        origin = min(family, key=lambda k: _order(members[k]))
        roles[members[origin].id] = "original"
        for k in family:
            if k == origin:
                continue
            pair = (min(k, origin), max(k, origin))
            # a member of the family through another version (A ~ B ~ C) was not kept as a pair with the origin
            if pair in contained:
                c = contained[pair]
            else:
                jaccard = float(agreement(signatures[[k]], signatures[[origin]])[0, 0])
                c = containment(members[k], members[origin], jaccard)
            roles[members[k].id] = "copy" if c >= COPY else "rewrite"
            # two decimals, rounded down: a copy shows at least COPY, a rewrite less
            versions[members[k].id] = Version(members[origin].id, math.floor(c * 100 + 1e-9) / 100)
    return Roles(roles, versions)


def _versions(signatures: np.ndarray, sizes: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The pairs (i < j) of a story's members (rows of their MinHash `signatures`, `sizes` their shingle
    counts) that are versions of one text (the Jaccard estimate at least REWRITE, or the containment at least
    COPY), in batches of (i, j, containment), a block of rows at a time."""
    n = len(signatures)
    step = max(1, _BLOCK // max(1, n * NUM_PERM))
    for start in range(0, n, step):
        rows = np.arange(start, min(n, start + step))
        # the estimated Jaccard, as MinHash.jaccard computes it: the share of the values two signatures agree on
        jaccard = agreement(signatures[rows], signatures)
        a, b = np.nonzero(np.arange(n)[None, :] > rows[:, None])
        left, right, jaccard = rows[a], b, jaccard[a, b]
        small = np.minimum(sizes[left], sizes[right])
        share = np.zeros(len(left))  # `containment`, for every pair at once
        np.divide(jaccard * (sizes[left] + sizes[right]), (1.0 + jaccard) * small, out=share, where=small > 0)
        share = np.minimum(share, 1.0)
        keep = (jaccard >= REWRITE) | (share >= COPY)
        yield left[keep], right[keep], share[keep]

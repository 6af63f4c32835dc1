"""Roles inside a story: every pair compared at once over the MinHash signatures gives what comparing the
pairs one by one (datasketch's MinHash.jaccard and the containment bound) gives."""

from __future__ import annotations

from collections import Counter

import pytest

from framescope.cluster import roles
from framescope.cluster.features import StoryFeatures, features_many
from framescope.synth import generate


def one_by_one(members: list[StoryFeatures]) -> dict[str, str]:
    """The roles by the definition, a pair at a time (the first implementation)."""
    n = len(members)
    family = list(range(n))

    def find(x: int) -> int:
        while family[x] != x:
            x = family[x]
        return x

    contained = {}
    for i in range(n):
        for j in range(i + 1, n):
            s = float(members[i].minhash.jaccard(members[j].minhash))
            c = roles.containment(members[i], members[j], s)
            if s >= roles.REWRITE or c >= roles.COPY:
                contained[(i, j)] = c
                family[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    out = {}
    for group in groups.values():
        if len(group) == 1:
            out[members[group[0]].id] = "report"
            continue
        origin = min(group, key=lambda k: roles._order(members[k]))
        out[members[origin].id] = "original"
        for k in group:
            if k != origin:
                c = contained.get((min(k, origin), max(k, origin)), 0.0)
                out[members[k].id] = "copy" if c >= roles.COPY else "rewrite"
    return out


@pytest.mark.parametrize("block", [1 << 22, 128 * 7])  # one block, and blocks of a few rows (7 x 128 values)
def test_all_pairs_at_once_are_the_pairs_one_by_one(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roles, "_BLOCK", block)
    feats = features_many([x.article for x in generate(400, seed=21)])[:150]
    found = roles.assign_roles(feats)
    assert found == one_by_one(feats)
    counts = Counter(found.values())
    assert counts["copy"] and counts["rewrite"] and counts["original"] and counts["report"]


def test_a_story_of_one_and_of_none() -> None:
    [f] = features_many([generate(3, seed=2)[0].article])
    assert roles.assign_roles([f]) == {f.id: "report"}
    assert roles.assign_roles([]) == {}

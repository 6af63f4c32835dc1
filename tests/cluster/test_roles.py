"""Roles inside a story: every pair compared at once over the MinHash signatures gives what comparing the
pairs one by one (datasketch's MinHash.jaccard and the containment bound) gives."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from framescope.cluster import roles
from framescope.cluster.features import StoryFeatures, features_many
from framescope.models import Article
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


def test_each_copy_and_rewrite_names_its_original_and_the_text_shared() -> None:
    feats = features_many([x.article for x in generate(400, seed=21)])[:150]
    found = roles.story_roles(feats)
    assert found.roles == roles.assign_roles(feats)
    versions = {a for a, r in found.roles.items() if r in ("copy", "rewrite")}
    assert set(found.versions) == versions
    by_id = {f.id: f for f in feats}
    for aid, version in found.versions.items():
        assert found.roles[version.of] == "original"
        jaccard = float(by_id[aid].minhash.jaccard(by_id[version.of].minhash))
        shared = roles.containment(by_id[aid], by_id[version.of], jaccard)
        assert version.shared == math.floor(shared * 100 + 1e-9) / 100
        assert (version.shared >= roles.COPY) == (found.roles[aid] == "copy")


def test_a_rewrite_of_a_rewrite_names_the_family_original() -> None:
    # C shares text with B and B with A, but C hardly any with A: C is in A's family through B
    words = [f"w{i}" for i in range(350)]
    texts = [" ".join(words[:200]), " ".join(words[75:275]), " ".join(words[150:350])]
    arts = [Article(id=f"a{i}", source=f"a{i}.txt", text=t, published=f"2024-03-0{i + 1}") for i, t in enumerate(texts)]
    a, b, c = features_many(arts)
    assert float(a.minhash.jaccard(c.minhash)) < roles.REWRITE <= float(b.minhash.jaccard(c.minhash))
    found = roles.story_roles([a, b, c])
    assert found.roles == {"a0": "original", "a1": "rewrite", "a2": "rewrite"}
    assert found.versions["a2"].of == "a0" and found.versions["a2"].shared < roles.REWRITE

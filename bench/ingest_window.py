"""Incremental ingest: what one `framescope ingest` of a week's news costs in a store of many weeks.

    python bench/ingest_window.py [--stored 5000] [--weeks 20] [--new 50] [--runs 3] [--analyze]

Builds a SQLite store of `--stored` generated articles spread over `--weeks` weeks, grouped into stories
(analysis skipped: grouping reads the stored articles, not their analyses), then ingests `--new` generated
articles of one week in the middle of that span with `pipeline.ingest_into_store`, on a fresh copy of the
store per run:

- window: what `ingest_into_store` does now (`stored_neighbourhood`: the new articles' time window, undated
  articles, and whole stories);
- full: the earlier behaviour, every stored article and story regrouped (`stored_everything`);
- subset: the window, but with word and name rarities counted over the loaded articles only (what the
  window did before the store kept the whole store's term counts): shows what those counts buy.

Prints the median wall time of the ingest, the articles and stories loaded, the stories written, and how well
each mode groups the new articles (B-cubed against their generated events). The new articles' analysis costs
the same in both modes; it is stubbed unless `--analyze` is given (spaCy).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from framescope import pipeline
from framescope.models import Analysis, Article
from stories_eval import b_cubed

START = date(2023, 1, 2)


def _stub_analyses(articles: Iterable[Article], **_: Any) -> list[Analysis]:
    return [Analysis(article=a) for a in articles]


def stored_corpus(n: int, weeks: int) -> list[Article]:
    """`n` generated articles whose event days are spread evenly over `weeks` weeks from START."""
    from framescope.synth import generate

    arts = [x.article for x in generate(n, seed=11, start=START)]
    span = max(7, n // 8) + 1  # the days `generate` spreads events over (plus a day of late reports)
    out = []
    for a in arts:
        assert a.published is not None
        day = (date.fromisoformat(a.published) - START).days * (weeks * 7 - 1) // span
        out.append(replace(a, published=(START + timedelta(days=day)).isoformat()))
    return out


def build(path: Path, articles: Sequence[Article]) -> int:
    from framescope.cluster import cluster
    from framescope.store import open_store

    with open_store(str(path)) as store:
        store.write_batch(_stub_analyses(articles))
        stories = cluster(list(articles))
        store.put_stories(stories)
    return len(stories)


def one_run(db: Path, new: Sequence[Article], mode: str) -> dict[str, Any]:
    from framescope.store import open_store

    loaded: list[pipeline.Neighbourhood] = []
    real = pipeline.stored_neighbourhood

    def hood(store: Any, pending: Sequence[Article], window_days: int) -> pipeline.Neighbourhood:
        got = real(store, pending, window_days) if mode != "full" else pipeline.stored_everything(store)
        loaded.append(got)
        return got

    import framescope.cluster as cluster_pkg

    real_cluster = cluster_pkg.cluster

    def subset_cluster(*args: Any, **kwargs: Any) -> Any:
        kwargs.pop("rarities", None)  # rarities of the loaded articles alone
        return real_cluster(*args, **kwargs)

    pipeline.stored_neighbourhood = hood
    if mode == "subset":
        cluster_pkg.cluster = subset_cluster
    try:
        with open_store(str(db)) as store:
            t = time.perf_counter()
            summary = pipeline.ingest_into_store(store, new)
            seconds = time.perf_counter() - t
            membership = {a: s.id for s in store.list_stories(limit=10_000_000) for a in s.articles}
    finally:
        pipeline.stored_neighbourhood = real
        cluster_pkg.cluster = real_cluster
    return {"seconds": seconds, "articles": len(loaded[0].articles), "stories": len(loaded[0].stories),
            "written": summary.stories_touched, "added": summary.added, "membership": membership}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stored", type=int, default=5000, help="articles in the store before the ingest")
    ap.add_argument("--weeks", type=int, default=20, help="weeks the stored articles are spread over")
    ap.add_argument("--new", type=int, default=50, help="articles of one week to ingest")
    ap.add_argument("--runs", type=int, default=3, help="runs per mode, each on a fresh copy (median shown)")
    ap.add_argument("--analyze", action="store_true", help="analyze the new articles with spaCy (else stubbed)")
    args = ap.parse_args()

    from framescope.synth import generate

    if not args.analyze:
        pipeline.analyze_articles = _stub_analyses
    stored = stored_corpus(args.stored, args.weeks)
    middle = START + timedelta(weeks=args.weeks // 2)
    made = generate(args.new, seed=12, start=middle)
    new = [x.article for x in made]
    truth = {x.article.id: x.event for x in made}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.db"
        t = time.perf_counter()
        n_stories = build(base, stored)
        print(f"store: {len(stored)} articles over {args.weeks} weeks, {n_stories} stories "
              f"(built in {time.perf_counter() - t:.1f} s); ingesting {len(new)} articles of the week of {middle}")
        rows: dict[str, list[dict[str, Any]]] = {"full": [], "window": [], "subset": []}
        for run in range(args.runs):
            for mode in rows:
                db = Path(tmp) / f"{mode}-{run}.db"
                shutil.copyfile(base, db)
                rows[mode].append(one_run(db, new, mode))
                db.unlink()
    print(f"{'mode':<8} {'median s':>9} {'runs s':>22} {'loaded articles':>16} {'loaded stories':>15} {'written':>8}")
    for mode, runs in rows.items():
        times = [r["seconds"] for r in runs]
        first = runs[0]
        print(f"{mode:<8} {statistics.median(times):>9.3f} {' '.join(f'{x:.3f}' for x in times):>22} "
              f"{first['articles']:>16.0f} {first['stories']:>15.0f} {first['written']:>8.0f}")
    full, window = (statistics.median(r["seconds"] for r in rows[m]) for m in ("full", "window"))
    print(f"speed-up: {full / window:.1f}x")
    # How far the two groupings differ after the ingest (rarities are counted over different sets of articles),
    # and how well each groups the new articles into their generated events (B-cubed over the new articles).
    b = rows["full"][0]["membership"]
    for mode in ("window", "subset"):
        a = rows[mode][0]["membership"]
        print(f"agreement {mode} vs full, B-cubed F1 over all articles: {b_cubed(a, b)[2]:.4f}; "
              f"over the new articles: {b_cubed({k: a[k] for k in truth}, {k: b[k] for k in truth})[2]:.4f}")
    for mode in rows:
        got = {k: v for k, v in rows[mode][0]["membership"].items() if k in truth}
        p, r, f = b_cubed(got, truth)
        print(f"{mode:<8} new articles vs their true events: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()

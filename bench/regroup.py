"""`framescope regroup`: what moving a store to another link threshold costs, and what it gives.

    python bench/regroup.py [--stored 5000] [--weeks 20] [--threshold 0.7]

Builds a SQLite store of `--stored` generated articles over `--weeks` weeks (analysis stubbed: grouping reads
the stored articles, not their analyses; the comparisons it refreshes are then cheap), grouped at the fitted
threshold by one ingest, then regroups it at `--threshold` and back with `pipeline.regroup_store`. Prints for
each regroup the wall time, the peak resident memory of the process, the stories written, how many stored
story ids survive, and B-cubed F1 of the store against `cluster` at that threshold over the same articles
(1.000: a regroup is the batch grouping) and against the generated events.

    python bench/regroup.py --pages DIR | --gn1 DIR [--threshold 0.7] [--batch 50]

The same on a real pile with blind event labels (bench/data/): the extraction benchmark's pages or the
pages of L3S-GN1, cleaned, ingested `--batch` pages at a time (analysis stubbed), regrouped and back; B-cubed
against the labels, and against `cluster` at the threshold over the same articles.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from framescope import pipeline
from framescope.cluster import cluster
from framescope.models import Article
from framescope.store import open_store
from ingest_window import START, _stub_analyses, stored_corpus
from stories_eval import b_cubed


def labelled_pile(root: Path, labels: str) -> tuple[list[Article], dict[str, str]]:
    """The pages of `root` that bench/data/`labels` labels, cleaned, and their events."""
    from framescope.pipeline import load_articles
    from stories import page_events

    events = page_events(labels)
    articles = [a for a in load_articles([str(root)]) if Path(a.source).name in events]
    return articles, {a.id: events[Path(a.source).name] for a in articles}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stored", type=int, default=5000, help="articles in the store")
    ap.add_argument("--weeks", type=int, default=20, help="weeks the stored articles are spread over")
    ap.add_argument("--threshold", type=float, default=0.7, help="the link threshold to regroup at")
    ap.add_argument("--pages", type=Path, help="the extraction benchmark's pages, with their blind labels")
    ap.add_argument("--gn1", type=Path, help="the pages of L3S-GN1 (input folder), with their blind labels")
    ap.add_argument("--batch", type=int, default=50, help="pages per ingest of a real pile")
    args = ap.parse_args()

    from framescope.synth import generate

    pipeline.analyze_articles = _stub_analyses
    if args.pages or args.gn1:
        from stories import GN1_LABELS, PAGE_LABELS

        root, labels = (args.pages, PAGE_LABELS[1][0]) if args.pages else (args.gn1, GN1_LABELS[0][0])
        articles, events = labelled_pile(root, labels)
        batch = args.batch
        where = f"{root}, blind labels ({labels})"
    else:
        articles = stored_corpus(args.stored, args.weeks)
        # the generated events of stored_corpus's articles (it moves their days, not their ids)
        events = {x.article.id: x.event for x in generate(args.stored, seed=11, start=START)}
        batch = len(articles)
        where = f"{len(articles)} generated articles over {args.weeks} weeks"
    ids = [a.id for a in articles]
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "fs.db")) as store:
        t = time.perf_counter()
        for k in range(0, len(articles), batch):
            pipeline.ingest_into_store(store, articles[k : k + batch])
        got = store.stories_of(ids)
        print(f"store: {where}: {len(articles)} articles in {store.count_stories()} stories at the fitted threshold, "
              f"ingested {batch} at a time in {time.perf_counter() - t:.1f} s; B3 vs events "
              f"{b_cubed(got, events)[2]:.3f}")
        print(f"{'to':<8} {'seconds':>8} {'peak RSS MiB':>13} {'stories':>8} {'written':>8} {'ids kept':>9} "
              f"{'B3 vs batch':>12} {'B3 vs events':>13}")
        for threshold in (args.threshold, None):
            before = set(store.stories_of(ids).values())
            t = time.perf_counter()
            summary = pipeline.regroup_store(store, link_threshold=threshold)
            seconds = time.perf_counter() - t
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            got = store.stories_of(ids)
            batch = {a: s.id for s in cluster(articles, threshold=threshold) for a in s.articles}
            kept = len(before & set(got.values()))
            print(f"{threshold or 'fitted'!s:<8} {seconds:>8.1f} {peak:>13.0f} {summary.stories:>8} "
                  f"{summary.changed:>8} {kept:>4}/{len(before):<4} {b_cubed(got, batch)[2]:>12.3f} "
                  f"{b_cubed(got, events)[2]:>13.3f}")


if __name__ == "__main__":
    main()

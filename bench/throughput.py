"""Throughput of the analyze stage next to spaCy alone on the same texts, in the same run.

    python bench/throughput.py [--synth 2000] [--demo examples] [--batch 32]

Prints articles/s and words/s for (1) spaCy's `nlp.pipe` alone and (2) Framescope's whole analyze stage
(the same parse plus sentences, entities, quotes, facts, framing, genre), and the overhead of (2) over (1),
per corpus: the demo corpus (after ingest and cleaning) and a generated corpus of --synth articles. Goal:
the analysis costs no more than 10 % over spaCy alone. Also prints the peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from framescope.models import Article


def measure(name: str, articles: list[Article], batch: int) -> None:
    from framescope.analyze import analyze_many
    from framescope.analyze.nlp import load_nlp

    nlp = load_nlp()
    words = sum(len(a.text.split()) for a in articles)
    list(nlp.pipe([a.text for a in articles[:8]], batch_size=batch))  # warm both paths
    list(analyze_many(articles[:8], batch_size=batch))
    t = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=batch):
        pass
    spacy_s = time.perf_counter() - t
    t = time.perf_counter()
    n = sum(1 for _ in analyze_many(articles, batch_size=batch))
    ours_s = time.perf_counter() - t
    assert n == len(articles)
    print(f"{name}: {len(articles)} articles, {words} words")
    print(f"  spaCy alone       {len(articles) / spacy_s:8.1f} articles/s {words / spacy_s:9.0f} words/s ({spacy_s:.2f} s)")
    print(f"  analyze stage     {len(articles) / ours_s:8.1f} articles/s {words / ours_s:9.0f} words/s ({ours_s:.2f} s)")
    print(f"  overhead over spaCy: {100 * (ours_s / spacy_s - 1):+.1f} %")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synth", type=int, default=2000)
    ap.add_argument("--demo", type=Path, default=Path(__file__).resolve().parents[1] / "examples")
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args()
    if args.demo and args.demo.exists():
        from framescope.pipeline import load_articles

        measure("demo corpus", load_articles([str(args.demo / d) for d in ("articles", "exports", "feeds")]), args.batch)
    if args.synth:
        from framescope.synth import generate

        measure("generated corpus (framescope.synth, seed 0)", [x.article for x in generate(args.synth)], args.batch)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()

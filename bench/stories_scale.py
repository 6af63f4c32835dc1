"""Story grouping at scale: generated corpora of 10k, 30k and 100k articles (after analysis).

    python bench/stories_scale.py [--sizes 10000 30000 100000]

Prints wall time (features and grouping), peak memory (RSS high-water mark of a fresh process per size, and
of the largest feature worker process it spawned),
articles per second, and the growth exponent between sizes (log t2/t1 / log n2/n1). Goal: 100k in <= 60 s
on 2 cores, <= 2 GiB, growth <= n^1.2.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def one(n: int) -> dict[str, float]:
    from framescope.cluster import cluster
    from framescope.synth import generate
    from stories_eval import b_cubed

    xs = generate(n, seed=17)
    arts = [x.article for x in xs]
    t = time.perf_counter()
    stories = cluster(arts)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    # the feature workers (features_many), reaped by now: the largest one's high-water mark
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pred = {a: s.id for s in stories for a in s.articles}
    f1 = b_cubed(pred, {x.article.id: x.event for x in xs})[2]
    return {"n": n, "seconds": seconds, "peak_mib": peak, "worker_peak_mib": workers, "stories": len(stories), "events": len({x.event for x in xs}),
            "b3_f1": f1}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    rows = []
    for n in args.sizes:  # a fresh process per size, so peak memory is that size's own
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{n:>7} articles: {row['seconds']:7.1f} s  {n / row['seconds']:8.0f} articles/s  "
              f"peak {row['peak_mib']:6.0f} MiB (feature workers {row['worker_peak_mib']:.0f} MiB each)  {row['stories']} stories for {row['events']} events, "
              f"B3 F1 {row['b3_f1']:.3f}", flush=True)
    for a, b in itertools.pairwise(rows):
        k = math.log(b["seconds"] / a["seconds"]) / math.log(b["n"] / a["n"])
        print(f"growth {a['n']} -> {b['n']}: n^{k:.2f}")


if __name__ == "__main__":
    main()

"""Scale benchmark: `--engine local` vs `--engine spark` (local[N]) on generated corpora, at 1 and 2 cores.

    .venv/bin/python bench/scale.py                       # 20k and 100k articles, both engines, 1 and 2 cores
    .venv/bin/python bench/scale.py --sizes 20000 --nlp-sizes 500 1000

Two kinds of run, because the real analysis (spaCy) of 100k articles takes hours on 2 cores:

* **pipeline** runs (`--sizes`): the whole batch — read JSONL, clean (the real `clean_batch`), story grouping
  (the real `cluster`, blocked by time), compare (the real `compare`), Parquet — with the analysis stage
  replaced by an empty `Analysis` per article. It measures the engines' own cost: reading, shuffles,
  serialization, grouping and writing. Comparisons of empty analyses are cheap, so compare is understated.
* **nlp** runs (`--nlp-sizes`): the same batch with the real analysis on smaller corpora: what a user gets.

For each run: wall time (process start to exit, so Spark's JVM start is included), articles per second,
the peak memory of the whole process tree (sum of RSS, sampled every 0.1 s: driver, workers, JVM) and the
peak RSS of the largest single worker process (the figure that must stay flat as the corpus grows).
Each run is a fresh process pinned to N cores (sched_setaffinity), so 1-core runs really have one core.
Inputs are written as 8 JSONL shards (a crawl comes as many files). Everything is ours (framescope.synth).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def write_corpus(folder: Path, n: int, shards: int = 8) -> list[str]:
    from framescope.synth import generate

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"part-{i:02d}.jsonl" for i in range(shards)]
    files = [p.open("w", encoding="utf-8") for p in paths]
    for i, s in enumerate(generate(n, seed=11)):
        a = s.article
        rec = {"title": a.title, "text": a.text, "outlet": a.outlet, "published": a.published,
               "url": f"https://{(a.outlet or 'x').replace(' ', '').lower()}.example/{a.id}"}
        files[i % shards].write(json.dumps(rec) + "\n")
    for f in files:
        f.close()
    return [str(p) for p in paths]


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _cpu(pid: int) -> float:
    """User + system CPU seconds of one process so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def measure(cmd: list[str]) -> dict[str, float]:
    """Run `cmd`; wall seconds, CPU seconds of its process tree (the figure that other load on the machine
    does not distort), peak RSS of the tree and of its largest descendant process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak_tree = peak_worker = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        tree = _children()
        todo, seen = [proc.pid], []
        while todo:
            pid = todo.pop()
            seen.append(pid)
            todo.extend(tree.get(pid, []))
        sizes = {pid: _rss(pid) for pid in seen}
        for pid in seen:
            cpu[pid] = max(cpu.get(pid, 0.0), _cpu(pid))
        peak_tree = max(peak_tree, sum(sizes.values()))
        workers = [v for pid, v in sizes.items() if pid != proc.pid]
        peak_worker = max([peak_worker, *workers])
        time.sleep(0.1)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode:
        raise SystemExit(f"run failed ({proc.returncode}): {' '.join(cmd)}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(wall=time.perf_counter() - start, cpu=sum(cpu.values()), peak_tree_mb=peak_tree / 2**20, peak_worker_mb=peak_worker / 2**20)
    return result


def empty_analysis(articles):  # a module-level stand-in for the analysis, picklable for both engines
    from framescope.models import Analysis

    return [Analysis(article=a) for a in articles]


def one_run(args: argparse.Namespace) -> None:
    """Child mode: one batch, pinned to `--cores` cores; prints the summary as JSON."""
    cores = args.cores[0]
    os.sched_setaffinity(0, set(range(cores)))
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    import logging

    logging.basicConfig(level=logging.ERROR)
    here = str(Path(__file__).resolve().parent)
    sys.path.insert(0, here)
    # importable by name in pool workers and Spark's Python workers (which inherit this environment)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    from framescope.engine import run_batch
    from framescope.engine.work import default_analyze
    from scale import empty_analysis as stand_in

    fn = stand_in if args.mode == "pipeline" else default_analyze
    inputs = args.inputs
    s = run_batch(inputs, Path(args.out), engine=args.engine, workers=cores, analyze_fn=fn,
                  spark_master=f"local[{cores}]" if args.engine == "spark" else None)
    print(json.dumps({"articles": s.articles, "stories": s.stories, "problems": s.problems, "inner": s.seconds}))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="*", default=[20_000, 100_000])
    p.add_argument("--nlp-sizes", type=int, nargs="*", default=[500, 1000])
    p.add_argument("--engines", nargs="*", default=["local", "spark"])
    p.add_argument("--cores", type=int, nargs="*", default=[1, 2])
    p.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    p.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--engine", help=argparse.SUPPRESS)
    p.add_argument("--mode", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    p.add_argument("--inputs", nargs="*", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        one_run(args)
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="framescope-scale-"))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; scratch {work}")
    print("mode      size     engine cores   wall s  inner s   art/s    cpu s  art/cpu-s  tree MB  worker MB  stories")
    results = []
    plan = [("nlp", n) for n in args.nlp_sizes] + [("pipeline", n) for n in args.sizes]
    for mode, n in plan:
        inputs = write_corpus(work / f"corpus-{n}", n)
        for cores in args.cores:
            for engine in args.engines:
                out = work / f"out-{mode}-{n}-{engine}-{cores}"
                cmd = [sys.executable, __file__, "--one", "--engine", engine, "--mode", mode, "--out", str(out),
                       "--cores", str(cores), "--inputs", *inputs]
                r = measure([*cmd])
                r.update(mode=mode, size=n, engine=engine, cores=cores, rate=r["articles"] / r["wall"])
                results.append(r)
                print(f"{mode:8s} {n:6d} {engine:>8s} {cores:5d} {r['wall']:8.1f} {r['inner']:8.1f} "
                      f"{r['rate']:7.0f} {r['cpu']:8.1f} {r['articles'] / r['cpu']:10.0f} {r['peak_tree_mb']:8.0f} "
                      f"{r['peak_worker_mb']:10.0f} {r['stories']:8d}  (load {os.getloadavg()[0]:.1f})", flush=True)
    print("\nspark / local wall-time ratio (lower is better for spark):")
    for mode, n in plan:
        for cores in args.cores:
            got = {r["engine"]: r for r in results if (r["mode"], r["size"], r["cores"]) == (mode, n, cores)}
            if "local" in got and "spark" in got:
                print(f"  {mode:8s} {n:6d} articles, {cores} core(s): wall {got['spark']['wall'] / got['local']['wall']:.2f}, "
                      f"cpu {got['spark']['cpu'] / got['local']['cpu']:.2f}")
    (work / "results.json").write_text(json.dumps(results, indent=1))
    print(f"results: {work / 'results.json'}")


if __name__ == "__main__":
    main()

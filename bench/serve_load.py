"""A bounded load test of the web app on loopback: 50 concurrent clients, fixed request count.

    python bench/serve_load.py [--clients 50] [--requests 2000] [--articles 200]

Builds a store from a generated corpus (framescope.synth: no NLP needed, the analyses are the articles
alone plus their stories), starts the app with uvicorn on 127.0.0.1, and has `--clients` concurrent
clients request the story list, story pages and API records until `--requests` are done. Prints
throughput and p50/p95/p99 latency per route. Only loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx


def build_store(db: str, n: int) -> list[str]:
    from framescope.cluster import cluster
    from framescope.models import Analysis
    from framescope.store import open_store
    from framescope.synth import generate

    arts = [x.article for x in generate(n, seed=23)]
    stories = cluster(arts)
    with open_store(db) as store:
        store.write_batch([Analysis(article=a) for a in arts])
        store.put_stories(stories)
    return [s.id for s in stories]


async def run(base: str, story_ids: list[str], clients: int, total: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"/": [], "/stories/{id}": [], "/api/stories": [], "/api/stories/{id}": []}
    routes = list(timings)
    counter = iter(range(total))

    async def client(k: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            for i in counter:
                route = routes[(i + k) % len(routes)]
                sid = story_ids[i % len(story_ids)]
                path = route.replace("{id}", sid)
                t = time.perf_counter()
                r = await c.get(path)
                timings[route].append(time.perf_counter() - t)
                if r.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {r.status_code}")

    await asyncio.gather(*(client(k) for k in range(clients)))
    return timings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    import uvicorn

    from framescope.serve.app import create_app

    db = str(Path(tempfile.mkdtemp()) / "load.db")
    ids = build_store(db, args.articles)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    t = time.perf_counter()
    timings = asyncio.run(run(f"http://127.0.0.1:{port}", ids, args.clients, args.requests))
    wall = time.perf_counter() - t
    server.should_exit = True
    thread.join(timeout=10)
    every = [x for v in timings.values() for x in v]
    print(f"{len(every)} requests from {args.clients} concurrent clients in {wall:.1f} s: {len(every) / wall:.0f} req/s")
    for route, xs in [("all", every), *timings.items()]:
        q = statistics.quantiles(xs, n=100)
        print(f"  {route:18} n={len(xs):5}  p50 {q[49] * 1000:7.1f} ms  p95 {q[94] * 1000:7.1f} ms  p99 {q[98] * 1000:7.1f} ms")


if __name__ == "__main__":
    main()

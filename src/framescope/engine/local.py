"""The local engine: a process pool on one machine, streaming from the inputs to Parquet.

* Read and chunk in this process (cheap), clean and analyze the chunks in a `ProcessPoolExecutor` whose
  workers load the NLP model once (the initializer); at most two chunks per worker are in flight, so memory
  does not grow with the corpus.
* Analysed rows go to a SQLite file in a scratch folder (the spill): de-duplicated by id as they arrive
  (the first in input order wins), then read back one time block at a time for story grouping, and one story
  at a time for comparison. The pool does both of those too: blocks and stories are independent.
* `workers=1` runs everything in this process (no pool), which is what a 1-core measurement wants.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import sqlite3
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from framescope.engine.inputs import CHUNK_SIZE, SPLIT_ROWS, chunks_of, plan_splits
from framescope.engine.parquet import DatasetWriter, comparison_row, story_row
from framescope.engine.stories import (
    BLOCK_DAYS,
    Block,
    BlockStory,
    blocks_of,
    cluster_block,
    compare_story,
    final_story,
    links,
    roots,
    window_days,
)
from framescope.engine.work import (
    AnalyzeFn,
    Row,
    default_analyze,
    problem_row,
    process_chunk,
    row_analysis,
    row_article,
    warm_up,
)
from framescope.models import Comparison, Problem, Story

log = logging.getLogger(__name__)

STORIES_PER_TASK = 64


class _Inline(Executor):
    """An executor that runs each task at once in this process (workers=1)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


Task = tuple[Callable[..., Any], tuple[Any, ...]]


def _bounded(executor: Executor, tasks: Iterator[Task], depth: int) -> Iterator[Any]:
    """Submit tasks keeping at most `depth` in flight; results come back in submission order."""
    pending: deque[Future[Any]] = deque()
    for fn, args in tasks:
        pending.append(executor.submit(fn, *args))
        while len(pending) >= depth:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class Spill:
    """The scratch SQLite file: analysed rows by id, and which time block each belongs to."""

    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "spill.sqlite3")
        self.db.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE rows (id TEXT PRIMARY KEY, split INTEGER, pos INTEGER, published TEXT, data TEXT);
            CREATE TABLE members (block INTEGER, id TEXT, home INTEGER);
            """
        )

    def add(self, rows: Sequence[Row]) -> None:
        self.db.executemany(
            "INSERT INTO rows VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET split = excluded.split, "
            "pos = excluded.pos, published = excluded.published, data = excluded.data "
            "WHERE (excluded.split, excluded.pos) < (rows.split, rows.pos)",
            [(r["id"], r["seq"][0], r["seq"][1], r["published"], json.dumps(r)) for r in rows],
        )

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM rows").fetchone()[0])

    def assign_blocks(self, block_days: int, window: int) -> list[Block]:
        cur = self.db.execute("SELECT id, published FROM rows")
        while batch := cur.fetchmany(5000):
            self.db.executemany(
                "INSERT INTO members VALUES (?, ?, ?)",
                [(b, aid, int(home)) for aid, pub in batch for b, home in blocks_of(pub, block_days, window)],
            )
        self.db.execute("CREATE INDEX members_block ON members (block)")
        return [r[0] for r in self.db.execute("SELECT DISTINCT block FROM members ORDER BY block")]

    def block(self, block: Block) -> list[tuple[Any, bool]]:
        found = self.db.execute(
            "SELECT r.data, m.home FROM members m JOIN rows r ON r.id = m.id WHERE m.block IS ?", (block,)
        )
        return [(row_article(json.loads(data)), bool(home)) for data, home in found]

    def rows(self, ids: Sequence[str]) -> list[Row]:
        out: list[Row] = []
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            out += [json.loads(d) for (d,) in self.db.execute(f"SELECT data FROM rows WHERE id IN ({marks})", part)]
        return out

    def all_rows(self) -> Iterator[Row]:
        cur = self.db.execute("SELECT data FROM rows ORDER BY id")
        while batch := cur.fetchmany(1000):
            for (data,) in batch:
                yield json.loads(data)

    def close(self) -> None:
        self.db.close()


def _compare_task(items: list[tuple[Story, list[Row]]]) -> list[tuple[Story, Comparison | Problem]]:
    return [compare_story(story, [row_analysis(r) for r in rows]) for story, rows in items]


def _cluster_task(block: Block, members: list[tuple[Any, bool]], threshold: float | None) -> list[BlockStory]:
    return cluster_block(block, members, threshold)


def reconcile(parts: Sequence[BlockStory]) -> list[Story]:
    """Block stories -> final stories (see engine.stories), sorted by first day then id."""
    wanted = {m for s in parts for m in s.overlap}
    home_of = {m: s.key for s in parts for m in s.home if m in wanted}
    root = roots(links(parts, home_of))
    groups: dict[str, list[BlockStory]] = {}
    for s in parts:
        groups.setdefault(root.get(s.key, s.key), []).append(s)
    stories = [final_story(g) for g in groups.values()]
    return sorted(stories, key=lambda s: (s.first_seen or "9999", s.id))


def run_local(
    inputs: Sequence[str],
    out: Path,
    *,
    workers: int | None = None,
    analyze_fn: AnalyzeFn = default_analyze,
    chunk_size: int = CHUNK_SIZE,
    split_rows: int = SPLIT_ROWS,
    block_days: int = BLOCK_DAYS,
    columns: dict[str, str] | None = None,
    link_threshold: float | None = None,
) -> dict[str, int]:
    """Run the batch with a process pool; returns the counts of what was written."""
    n = workers or os.cpu_count() or 1
    window = window_days()
    scratch = Path(tempfile.mkdtemp(prefix=".framescope-spill-", dir=out))
    # spawn, not fork: the workers inherit no threads or open files of this process (pyarrow, SQLite)
    executor: Executor = (
        _Inline()
        if n == 1
        else ProcessPoolExecutor(
            max_workers=n, mp_context=multiprocessing.get_context("spawn"), initializer=warm_up, initargs=(analyze_fn,)
        )
    )
    spill = Spill(scratch)
    counts = {"documents": 0, "rows": 0}
    try:
        with DatasetWriter(out, "problems") as problems:
            if n == 1:
                warm_up(analyze_fn)

            def chunk_tasks() -> Iterator[Task]:
                for number, split in enumerate(plan_splits(inputs, split_rows=split_rows, exclude=str(out))):
                    for item in chunks_of(number, split, chunk_size=chunk_size, columns=columns):
                        if isinstance(item, Problem):
                            problems.write(problem_row(item, "read"))
                        else:
                            counts["documents"] += len(item.docs)
                            yield process_chunk, (item, analyze_fn)

            for rows, bad in _bounded(executor, chunk_tasks(), 2 * n):
                spill.add(rows)
                counts["rows"] += len(rows)
                problems.write_all(bad)
            spill.db.commit()

            with DatasetWriter(out, "articles") as articles:
                articles.write_all(spill.all_rows())
            blocks = spill.assign_blocks(block_days, window)
            parts: list[BlockStory] = []
            tasks = ((_cluster_task, (b, spill.block(b), link_threshold)) for b in blocks)
            for found in _bounded(executor, tasks, 2 * n):
                parts.extend(found)
            stories = reconcile(parts)
            del parts

            def compare_tasks() -> Iterator[Task]:
                for i in range(0, len(stories), STORIES_PER_TASK):
                    batch = stories[i : i + STORIES_PER_TASK]
                    yield _compare_task, ([(s, spill.rows(list(s.articles))) for s in batch],)

            with DatasetWriter(out, "stories") as story_out, DatasetWriter(out, "comparisons") as comparison_out:
                for results in _bounded(executor, compare_tasks(), 2 * n):
                    for story, result in results:
                        story_out.write(story_row(story))
                        if isinstance(result, Problem):
                            problems.write(problem_row(result, "compare"))
                        else:
                            comparison_out.write(comparison_row(result))
            return {
                "documents": counts["documents"],
                "articles": articles.rows,
                "duplicates": counts["rows"] - articles.rows,
                "stories": story_out.rows,
                "comparisons": comparison_out.rows,
                "problems": problems.rows,
            }
    finally:
        executor.shutdown(cancel_futures=True)
        spill.close()
        shutil.rmtree(scratch, ignore_errors=True)

"""Batch engines: the whole pipeline over a big corpus, from inputs to Parquet (and optionally a store).

    from framescope.engine import run_batch
    summary = run_batch(["crawl/"], Path("out"), engine="local")     # or engine="spark"

Both engines run the same functions (`inputs`, `work`, `stories`), so they give the same results on the same
input: `local` with a process pool on one machine, `spark` with PySpark on a cluster (or `local[N]`).
See docs/scaling.md for the output schema, the story blocking and the measured figures.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framescope.engine.inputs import CHUNK_SIZE, SPLIT_ROWS
from framescope.engine.stories import BLOCK_DAYS
from framescope.engine.work import AnalyzeFn, default_analyze
from framescope.errors import FramescopeError, InputError

__all__ = ["ENGINES", "BatchSummary", "run_batch", "store_outputs"]

log = logging.getLogger(__name__)

ENGINES = ("local", "spark")
OUTPUTS = ("articles", "stories", "comparisons", "problems")


@dataclass(frozen=True)
class BatchSummary:
    engine: str
    out: Path
    documents: int  # documents read from the inputs
    articles: int  # articles written (after removing duplicates)
    duplicates: int  # analysed articles dropped because an earlier input had the same id
    stories: int
    comparisons: int
    problems: int  # rows in problems.parquet
    seconds: float
    stored: int = 0  # articles added to the store (--db), 0 when none was given


def run_batch(
    inputs: Sequence[str],
    out: Path,
    *,
    engine: str = "local",
    workers: int | None = None,
    db: str | None = None,
    analyze_fn: AnalyzeFn = default_analyze,
    chunk_size: int = CHUNK_SIZE,
    split_rows: int = SPLIT_ROWS,
    block_days: int = BLOCK_DAYS,
    columns: dict[str, str] | None = None,
    spark_master: str | None = None,
    link_threshold: float | None = None,
) -> BatchSummary:
    """Ingest, clean, analyze, group into stories and compare `inputs`; write Parquet datasets to `out`.

    `workers`: processes (local) or `local[N]` threads when Spark has no master set; default all cores.
    `db`: also store everything there (a SQLite path or a postgresql:// URL). `analyze_fn` replaces the
    analysis stage (tests); it must be a module-level function so that it can be sent to workers.
    `link_threshold`: a user's link threshold in place of the fitted one (see cluster); not with `db`, whose
    stories later ingests extend at the fitted one.
    """
    if engine not in ENGINES:
        raise FramescopeError(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if not inputs:
        raise InputError("inputs", "no inputs given")
    from framescope.ingest.records import check_columns

    check_columns(columns)
    from framescope.engine.stories import window_days

    if block_days <= 2 * window_days():
        raise FramescopeError(f"--block-days {block_days}: must exceed two story windows ({2 * window_days()} days)")
    if workers is not None and workers < 1:
        raise FramescopeError(f"--workers {workers}: must be at least 1")
    if link_threshold is not None and db:
        raise FramescopeError("--link-threshold with --db: a store's stories are grouped at the fitted threshold, "
                              "which its later ingests extend")
    from framescope.cluster.model import check_threshold

    check_threshold(link_threshold)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "the output must be a directory")
    out.mkdir(parents=True, exist_ok=True)
    _refuse_old_output(out)
    started = time.perf_counter()
    options: dict[str, Any] = {
        "workers": workers,
        "analyze_fn": analyze_fn,
        "chunk_size": chunk_size,
        "split_rows": split_rows,
        "block_days": block_days,
        "columns": columns,
        "link_threshold": link_threshold,
    }
    if engine == "local":
        from framescope.engine.local import run_local

        counts = run_local(inputs, out, **options)
    else:
        from framescope.engine.spark import run_spark

        counts = run_spark(inputs, out, master=spark_master, **options)
    stored = store_outputs(out, db) if db else 0
    return BatchSummary(engine=engine, out=out, seconds=time.perf_counter() - started, stored=stored, **counts)


def _refuse_old_output(out: Path) -> None:
    # Never mix two runs in one folder, and never delete what a user left there: ask for a fresh folder.
    old = [name for name in OUTPUTS if (out / f"{name}.parquet").exists()]
    if old:
        raise InputError(str(out), f"already holds a batch output ({old[0]}.parquet): choose an empty folder")


def store_outputs(out: Path, db: str, *, batch: int = 500) -> int:
    """Store a batch output (either engine's) in a Framescope store: analyses in transactions of `batch`
    (idempotent: a second run adds nothing), then the stories and their comparisons."""
    import json

    from framescope.codec import from_dict
    from framescope.engine.parquet import read_rows
    from framescope.engine.work import row_analysis
    from framescope.models import Comparison, Story, Version
    from framescope.store import open_store

    added = 0
    with open_store(db) as store:
        pending = []
        for row in read_rows(out, "articles"):
            pending.append(row_analysis(row))
            if len(pending) >= batch:
                added += len(store.write_batch(pending).added)
                pending = []
        if pending:
            added += len(store.write_batch(pending).added)
        stories = [
            Story(
                id=r["id"],
                articles=tuple(r["articles"]),
                roles=json.loads(r["roles"]),
                first_seen=r["first_seen"],
                last_seen=r["last_seen"],
                history=tuple(r["history"] or ()),
                versions={a: Version(**v) for a, v in json.loads(r.get("versions") or "{}").items()},
            )
            for r in read_rows(out, "stories")
        ]
        store.put_stories(stories)
        for r in read_rows(out, "comparisons"):
            store.put_comparison(from_dict(Comparison, json.loads(r["data"])))
    return added

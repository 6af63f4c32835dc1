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
from typing import TYPE_CHECKING, Any

from framescope.engine.inputs import CHUNK_SIZE, SPLIT_ROWS
from framescope.engine.stories import BLOCK_DAYS
from framescope.engine.work import AnalyzeFn, default_analyze
from framescope.errors import FramescopeError, InputError

if TYPE_CHECKING:
    from framescope.cluster.grouping import Grouping

__all__ = ["ENGINES", "BatchSummary", "run_batch", "store_outputs"]

log = logging.getLogger(__name__)

ENGINES = ("local", "spark")
OUTPUTS = ("articles", "stories", "comparisons", "problems")
GROUPING = "grouping.json"


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
    `link_threshold`: a user's link threshold in place of the fitted one (see cluster). With `db`, it must be
    the one the store's stories are grouped at, as for an ingest (cluster.grouping.settle): checked before any
    work, and recorded with the stories. The grouping is also written to `out`/grouping.json.
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
    grouping = _grouping(db, link_threshold)
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
        "link_threshold": grouping.link_threshold,  # with db, the store's when none was asked
    }
    if engine == "local":
        from framescope.engine.local import run_local

        counts = run_local(inputs, out, **options)
    else:
        from framescope.engine.spark import run_spark

        counts = run_spark(inputs, out, master=spark_master, **options)
    write_grouping(out, grouping)
    stored = store_outputs(out, db) if db else 0
    return BatchSummary(engine=engine, out=out, seconds=time.perf_counter() - started, stored=stored, **counts)


def _grouping(db: str | None, link_threshold: float | None) -> Grouping:
    """How the batch groups (it weighs no embeddings): as asked, which with `db` must agree with the store's."""
    from framescope.cluster.grouping import Grouping, settle

    if not db:
        grouping = Grouping(link_threshold)
        grouping.threshold()  # a threshold outside 0-1 fails here, before any work
        return grouping
    from framescope.store import open_store

    with open_store(db) as store:
        return settle(store.grouping(), has_stories=store.has_stories(), link_threshold=link_threshold,
                      embeddings=False, where=store.target.display)


def write_grouping(out: Path, grouping: Grouping) -> None:
    """`out`/grouping.json: how the batch's stories were grouped (docs/scaling.md), read back by store_outputs."""
    import json

    document = {"schema": "framescope/1", "grouping": grouping.document(), "asked": grouping.record()}
    (out / GROUPING).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def read_grouping(out: Path) -> Grouping:
    """The grouping of a batch output; the fitted one for an output written before grouping.json was."""
    import json

    from framescope.cluster.grouping import Grouping

    path = out / GROUPING
    if not path.exists():
        return Grouping()
    try:
        return Grouping.from_record(json.loads(path.read_text(encoding="utf-8"))["asked"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a batch grouping record ({exc})") from None


def _refuse_old_output(out: Path) -> None:
    # Never mix two runs in one folder, and never delete what a user left there: ask for a fresh folder.
    old = [f"{name}.parquet" for name in OUTPUTS if (out / f"{name}.parquet").exists()]
    old += [GROUPING] if (out / GROUPING).exists() else []
    if old:
        raise InputError(str(out), f"already holds a batch output ({old[0]}): choose an empty folder")


def store_outputs(out: Path, db: str, *, batch: int = 500) -> int:
    """Store a batch output (either engine's) in a Framescope store: analyses in transactions of `batch`
    (idempotent: a second run adds nothing), then the stories and their comparisons, with the output's grouping
    recorded as the store's (refused, before anything is written, if the store's stories are grouped another
    way)."""
    import json

    from framescope.cluster.grouping import settle
    from framescope.codec import from_dict
    from framescope.engine.parquet import read_rows
    from framescope.engine.work import row_analysis
    from framescope.models import Comparison, Story, Version
    from framescope.store import open_store

    made = read_grouping(out)
    added = 0
    with open_store(db) as store:
        recorded, has_stories = store.grouping(), store.has_stories()
        # the output's grouping is a fact, not a wish: given in full, so any difference from the store's is one
        settled = settle(recorded, has_stories=has_stories, link_threshold=made.threshold(),
                         embeddings=made.embeddings, where=store.target.display)
        grouping = made if recorded is None and not has_stories else settled
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
        store.put_stories(stories, grouping=grouping)
        for r in read_rows(out, "comparisons"):
            store.put_comparison(from_dict(Comparison, json.loads(r["data"])))
    return added

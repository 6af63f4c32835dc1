"""`framescope batch`: the command function; cli.py registers it with `app.command()(batch)`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from framescope.engine.stories import BLOCK_DAYS
from framescope.errors import FramescopeError


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(help="JSONL, Parquet or WARC files, directories of them, or anything `compare` reads."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet datasets (must not hold one).")],
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or spark (PySpark).")] = "local",
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Processes, or Spark local[N] threads (default: all cores).")
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Also store the results here (SQLite path or postgresql:// URL).")
    ] = None,
    master: Annotated[
        str | None,
        typer.Option("--master", help="Spark master URL (default: spark-submit's, else local[WORKERS])."),
    ] = None,
    block_days: Annotated[
        int,
        typer.Option("--block-days", help="Days per time block for story grouping (see docs/scaling.md)."),
    ] = BLOCK_DAYS,
    column_map: Annotated[
        list[str] | None,
        typer.Option("--map", help="JSONL/CSV/Parquet field mapping FIELD=COLUMN, e.g. --map text=body."),
    ] = None,
    link_threshold: Annotated[
        float | None,
        typer.Option("--link-threshold", show_default=False,
                     help="Link two articles only from this probability of one event on (between 0 and 1; default: "
                     "the fitted model's, or with --db the store's, which another is refused). Higher suits a broad "
                     "crawl of many sites (docs/quality.md)."),
    ] = None,
) -> None:
    """Run the whole pipeline over a big corpus and write articles, stories, comparisons and problems as Parquet."""
    from framescope.engine import run_batch

    columns: dict[str, str] = {}
    for pair in column_map or []:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise FramescopeError(f"--map {pair!r}: use FIELD=COLUMN, e.g. --map text=body")
        columns[field.strip()] = column.strip()
    err = Console(stderr=True)
    with err.status(f"running the {engine} engine over {len(inputs)} input(s)"):
        s = run_batch(
            inputs,
            out,
            engine=engine,
            workers=workers,
            db=db,
            columns=columns or None,
            spark_master=master,
            block_days=block_days,
            link_threshold=link_threshold,
        )
    Console().print(
        f"{s.articles} articles ({s.duplicates} duplicates dropped), {s.stories} stories, "
        f"{s.comparisons} comparisons, {s.problems} problems in {s.seconds:.1f} s"
        + (f"; {s.stored} new articles stored" if db else "")
        + f"\nParquet written to {s.out}/",
        highlight=False,
    )

"""The Spark engine: the same stage functions as the local engine, distributed by PySpark.

    splits (driver) -> parallelize -> flatMap(read + chunk) [-> repartition when splits are few]
      -> mapPartitions(clean + analyze; the NLP model loads once per Python worker) -> reduceByKey(id: first wins)
      -> flatMap(time blocks, with one window of overlap) -> groupByKey(block) -> cluster each block
      -> links between overlapping block stories (ids only, collected; union-find on the driver, broadcast)
      -> groupByKey(story) -> cogroup with the members' analyses -> compare -> DataFrames -> Parquet

Spark does the scheduling, the shuffles, the retries and the spilling; nothing here queues or schedules.
Every function sent to the executors is a module-level function (or a `partial` of one) from this package,
so executors need Framescope installed (`pip install 'framescope[spark]'`) and nothing else.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framescope.engine.inputs import CHUNK_SIZE, SPLIT_ROWS, Split, chunks_of, plan_splits
from framescope.engine.parquet import SCHEMAS, comparison_row, output_row, story_row
from framescope.engine.stories import (
    BLOCK_DAYS,
    Block,
    BlockStory,
    blocks_of,
    cluster_block,
    compare_story,
    final_story,
    roots,
    window_days,
)
from framescope.engine.work import (
    ARTICLE_FIELDS,
    AnalyzeFn,
    Row,
    default_analyze,
    problem_row,
    process_chunk,
    row_analysis,
    row_article,
    warm_up,
)
from framescope.errors import InputError, MissingDependencyError
from framescope.models import Comparison, Problem, Story

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

INSTALL = "pip install 'framescope[spark]'"
PARTITION_ROWS = 20_000


def _pyspark() -> Any:
    try:
        import pyspark
    except ImportError:
        raise MissingDependencyError(f"the Spark engine needs PySpark: {INSTALL}") from None
    return pyspark


def session(master: str | None = None, workers: int | None = None) -> tuple[SparkSession, bool]:
    """The active SparkSession, or a new one (returned with True: the caller stops what it started).

    Without `master`, a master set by spark-submit (or spark-defaults) is used, else `local[workers or *]`,
    bound to the loopback interface and running executors' Python with this interpreter.
    """
    _pyspark()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("framescope batch")
    if master is None and not SparkConf().contains("spark.master"):
        master = f"local[{workers or '*'}]"
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate(), True


# ---------------------------------------------------------------------------- functions run on executors


def _read(chunk_size: int, columns: dict[str, str] | None, numbered: tuple[int, Split]) -> Iterator[tuple[str, Any]]:
    number, split = numbered
    for item in chunks_of(number, split, chunk_size=chunk_size, columns=columns):
        if isinstance(item, Problem):
            yield ("problem", problem_row(item, "read"))
        else:
            yield ("chunk", item)


def _analyze_partition(analyze_fn: AnalyzeFn, items: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    warmed = False
    for tag, value in items:
        if tag != "chunk":
            yield (tag, value)
            continue
        if not warmed:  # once per partition; load_nlp is cached, so a reused Python worker loads it once
            warm_up(analyze_fn)
            warmed = True
        rows, bad = process_chunk(value, analyze_fn)
        yield ("docs", len(value.docs))
        for row in rows:
            yield ("row", row)
        for p in bad:
            yield ("problem", p)


def _first(a: Row, b: Row) -> Row:
    return a if tuple(a["seq"]) <= tuple(b["seq"]) else b


def _to_blocks(block_days: int, window: int, item: tuple[str, Row]) -> list[tuple[Block, tuple[Row, bool]]]:
    row = item[1]
    slim = {name: row[name] for name in ARTICLE_FIELDS}  # what the story features read; not the analysis
    return [(b, (slim, home)) for b, home in blocks_of(row["published"], block_days, window)]


def _cluster(threshold: float | None, item: tuple[Block, Iterable[tuple[Row, bool]]]) -> list[BlockStory]:
    block, members = item
    return cluster_block(block, [(row_article(slim), home) for slim, home in members], threshold)


def _refs(block_days: int, window: int, s: BlockStory) -> list[tuple[str, tuple[str, str]]]:
    out = [(m, ("overlap", s.key)) for m in s.overlap]
    # only articles near a block edge can be another block's overlap member: the others need no reference
    near_edge = [m for m, d in zip(s.home, s.dates, strict=True) if len(blocks_of(d, block_days, window)) > 1]
    out += [(m, ("home", s.key)) for m in near_edge]
    return out


def _pairs(item: tuple[str, Iterable[tuple[str, str]]]) -> list[tuple[str, str]]:
    refs = list(item[1])
    homes = [k for tag, k in refs if tag == "home"]
    return [(k, h) for tag, k in refs if tag == "overlap" for h in homes]


def _compare(item: tuple[str, tuple[Iterable[Story], Iterable[Row]]]) -> tuple[Story, Comparison | Problem]:
    stories, rows = item[1]
    (story,) = list(stories)
    return compare_story(story, [row_analysis(r) for r in rows])


def _compare_problem(item: tuple[Story, Comparison | Problem]) -> list[Row]:
    return [problem_row(item[1], "compare")] if isinstance(item[1], Problem) else []


def _comparison_tuple(item: tuple[Story, Comparison | Problem]) -> list[tuple[Any, ...]]:
    return [_tuple("comparisons", comparison_row(item[1]))] if isinstance(item[1], Comparison) else []


def _tally(item: tuple[str, Any]) -> tuple[int, int, int]:
    """(documents, analysed rows, problems) of one element of the analysed partitions."""
    tag, value = item
    return (value if tag == "docs" else 0, int(tag == "row"), int(tag == "problem"))


def _tally_compared(item: tuple[Story, Comparison | Problem]) -> tuple[int, int, int]:
    """(stories, comparisons, problems) of one compared story."""
    return (1, int(isinstance(item[1], Comparison)), int(isinstance(item[1], Problem)))


def _add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _tuple(name: str, row: Row) -> tuple[Any, ...]:
    values = output_row(name, row)
    return tuple(values[f] for f in SCHEMAS[name].names)


def _spark_schema(name: str) -> Any:
    import pyarrow as pa
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    fields = []
    for f in SCHEMAS[name]:
        kind = ArrayType(StringType()) if pa.types.is_list(f.type) else StringType()
        fields.append(StructField(f.name, kind, True))
    return StructType(fields)


# ---------------------------------------------------------------------------- the job


def run_spark(
    inputs: Sequence[str],
    out: Path,
    *,
    workers: int | None = None,
    master: str | None = None,
    analyze_fn: AnalyzeFn = default_analyze,
    chunk_size: int = CHUNK_SIZE,
    split_rows: int = SPLIT_ROWS,
    block_days: int = BLOCK_DAYS,
    columns: dict[str, str] | None = None,
    link_threshold: float | None = None,
) -> dict[str, int]:
    """Run the batch on Spark; returns the counts of what was written."""
    _pyspark()
    from pyspark import StorageLevel

    if "-" in inputs:
        raise InputError("-", "standard input cannot be read by Spark executors: write it to a file first")
    window = window_days()
    blocks_of(None, block_days, window)  # checks block_days on the driver, before any task runs
    # Paths stay as given (they name the articles, and so make their ids): on a cluster, give paths that every
    # executor sees at the same place (a shared mount).
    spark, created = session(master, workers)
    sc = spark.sparkContext
    keep = StorageLevel.MEMORY_AND_DISK
    cached: list[Any] = []
    try:
        splits = plan_splits(inputs, split_rows=split_rows, exclude=str(out))
        parallelism = sc.defaultParallelism
        read = sc.parallelize(list(enumerate(splits)), max(1, len(splits))).flatMap(
            partial(_read, chunk_size, columns)
        )
        if len(splits) < 2 * parallelism:  # few big files: spread their chunks over all cores
            read = read.repartition(2 * parallelism)
        processed = read.mapPartitions(partial(_analyze_partition, analyze_fn)).persist(keep)
        cached.append(processed)
        # one pass over the analysed partitions: it runs the analysis and gives the counts that size the shuffles
        documents, analysed, early_problems = processed.map(_tally).fold((0, 0, 0), _add)
        # Shuffle width: every core busy, and partitions of at most ~20k articles (a few hundred MB of rows)
        p = max(parallelism, analysed // PARTITION_ROWS + 1)
        rows = (
            processed.filter(lambda t: t[0] == "row")
            .map(lambda t: (t[1]["id"], t[1]))
            .reduceByKey(_first, p)
            .persist(keep)
        )
        block_stories = (
            rows.flatMap(partial(_to_blocks, block_days, window))
            .groupByKey(p)
            .flatMap(partial(_cluster, link_threshold))
            .persist(keep)
        )
        pairs = block_stories.flatMap(partial(_refs, block_days, window)).groupByKey(p).flatMap(_pairs).collect()
        root = sc.broadcast(roots(pairs))
        finals = (
            block_stories.map(lambda s: (root.value.get(s.key, s.key), s))
            .groupByKey(p)
            .map(lambda kv: final_story(list(kv[1])))
            .persist(keep)
        )
        members = (
            finals.flatMap(lambda st: [(a, st.id) for a in st.articles])
            .join(rows, p)
            .map(lambda kv: (kv[1][0], kv[1][1]))
        )
        compared = finals.map(lambda st: (st.id, st)).cogroup(members, p).map(_compare).persist(keep)
        cached += [rows, block_stories, finals, compared]

        problems = processed.filter(lambda t: t[0] == "problem").map(lambda t: t[1]).union(
            compared.flatMap(_compare_problem)
        )
        datasets = {
            "articles": rows.map(lambda kv: _tuple("articles", kv[1])),
            "stories": compared.map(lambda sc_: _tuple("stories", story_row(sc_[0]))),
            "comparisons": compared.flatMap(_comparison_tuple),
            "problems": problems.map(lambda row: _tuple("problems", row)).coalesce(1),  # few rows: one file
        }
        stories, comparisons, late_problems = compared.map(_tally_compared).fold((0, 0, 0), _add)
        for name, data in datasets.items():
            frame = spark.createDataFrame(data, _spark_schema(name))
            frame.write.mode("errorifexists").parquet(str(out.resolve() / f"{name}.parquet"))
        articles = rows.count()
        root.unpersist()
        return {
            "documents": int(documents),
            "articles": articles,
            "duplicates": analysed - articles,
            "stories": stories,
            "comparisons": comparisons,
            "problems": early_problems + late_problems,
        }
    finally:
        for rdd in cached:
            rdd.unpersist()
        if created:
            spark.stop()

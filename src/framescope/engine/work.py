"""One chunk of Documents -> article rows (article + analysis) and problems, with the project's own stages.

This is the per-task work of every engine: a process-pool worker and a Spark `mapPartitions` task call the
same `process_chunk`, so they produce the same rows. A row is a dict of plain strings (the analysis as
JSON), which pickles small between processes and writes straight to Parquet.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from framescope.codec import from_dict, to_dict
from framescope.engine.inputs import Chunk
from framescope.models import Analysis, Article, Problem

log = logging.getLogger(__name__)

AnalyzeFn = Callable[[Iterable[Article]], Iterable[Analysis]]
Row = dict[str, Any]

ARTICLE_FIELDS = ("id", "source", "url", "outlet", "title", "published", "author", "language", "dateline", "text")


def default_analyze(articles: Iterable[Article]) -> Iterator[Analysis]:
    """The project's analysis stage (spaCy); imported here so that a worker pays for it only when used."""
    from framescope.analyze import analyze_many

    return analyze_many(articles)


def warm_up(analyze_fn: AnalyzeFn) -> None:
    """Load the NLP model once per worker process (a pool initializer, or the first task of a Spark worker)."""
    if analyze_fn is default_analyze:
        from framescope.analyze.nlp import load_nlp

        load_nlp()


def _dumps(value: Any) -> str:
    # sorted keys: the same analysis is the same string in every engine, so outputs compare byte for byte
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def to_row(analysis: Analysis, split: int, position: int) -> Row:
    a = analysis.article
    row: Row = {name: getattr(a, name) for name in ARTICLE_FIELDS}
    row["removed"] = _dumps(to_dict(a.removed))
    row["headings"] = _dumps(to_dict(a.headings))
    rest = to_dict(analysis)
    del rest["article"]
    row["analysis"] = _dumps(rest)
    row["seq"] = (split, position)  # input order: the first occurrence of a duplicate id wins
    return row


def row_article(row: Row) -> Article:
    data = {name: row.get(name) for name in ARTICLE_FIELDS}
    data["removed"] = json.loads(row["removed"]) if row.get("removed") else []
    data["headings"] = json.loads(row["headings"]) if row.get("headings") else []
    return from_dict(Article, data)


def row_analysis(row: Row) -> Analysis:
    data = json.loads(row["analysis"]) if row.get("analysis") else {}
    data["article"] = to_dict(row_article(row))
    return from_dict(Analysis, data)


def problem_row(p: Problem, stage: str) -> Row:
    return {"source": p.source, "stage": stage, "message": " ".join(p.message.split())}


def process_chunk(chunk: Chunk, analyze_fn: AnalyzeFn = default_analyze) -> tuple[list[Row], list[Row]]:
    """Clean and analyze one chunk; returns (article rows, problem rows). A bad document is a problem row
    and the others go on."""
    from framescope.clean import clean_batch

    articles: list[tuple[int, Article]] = []
    problems: list[Row] = []
    # clean_batch gives exactly one result per document, in order: that is how a row keeps its input position
    for offset, out in enumerate(clean_batch(chunk.docs)):
        if isinstance(out, Problem):
            problems.append(problem_row(out, "clean"))
        else:
            articles.append((chunk.first + offset, out))
    rows: list[Row] = []
    for (position, _), analysis in _analyze(articles, analyze_fn, problems):
        rows.append(to_row(analysis, chunk.split, position))
    return rows, problems


def _analyze(
    articles: list[tuple[int, Article]], analyze_fn: AnalyzeFn, problems: list[Row]
) -> Iterator[tuple[tuple[int, Article], Analysis]]:
    if not articles:
        return
    try:
        done = list(analyze_fn([a for _, a in articles]))
        if len(done) != len(articles):
            raise RuntimeError(f"the analysis returned {len(done)} results for {len(articles)} articles")
    except Exception:
        # One article broke the batch: analyze one by one to find it, report it, and keep the others.
        log.warning("a batch of %d articles failed; analyzing them one by one", len(articles))
        for item in articles:
            try:
                (single,) = list(analyze_fn([item[1]]))
            except Exception as exc:
                message = f"could not be analyzed: {type(exc).__name__}: {exc}"
                problems.append(problem_row(Problem(item[1].source, message), "analyze"))
                continue
            yield item, single
        return
    yield from zip(articles, done, strict=True)

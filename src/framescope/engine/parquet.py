"""The Parquet output of a batch: four datasets, one schema each (see docs/scaling.md, "Output").

Each dataset is a directory (`articles.parquet/part-*.parquet`), the layout Spark writes, so readers treat
the output of both engines alike: `pyarrow.parquet.read_table(out / "articles.parquet")`, Spark's
`spark.read.parquet`, DuckDB's `read_parquet('articles.parquet/*.parquet')`. Nested findings are JSON
strings (the same `codec.to_dict` JSON as the store and the JSON report); lists of ids are Parquet lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from framescope.codec import to_dict
from framescope.engine.work import ARTICLE_FIELDS, Row
from framescope.models import Comparison, Story

_STR = pa.string()
_LIST = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    # one row per article (duplicates by id removed, the first in input order kept)
    "articles": pa.schema(
        [(name, _STR) for name in ARTICLE_FIELDS]
        + [("removed", _STR), ("headings", _STR), ("analysis", _STR)]
    ),
    # one row per story
    "stories": pa.schema(
        [("id", _STR), ("articles", _LIST), ("roles", _STR), ("first_seen", _STR), ("last_seen", _STR),
         ("history", _LIST), ("versions", _STR)]
    ),
    # one row per story that could be compared
    "comparisons": pa.schema([("story", _STR), ("articles", _LIST), ("data", _STR)]),
    # one row per input, document, article or story that was skipped, and why
    "problems": pa.schema([("source", _STR), ("stage", _STR), ("message", _STR)]),
}
ROW_GROUP = 2000


def story_row(s: Story) -> Row:
    return {
        "id": s.id,
        "articles": list(s.articles),
        "roles": json.dumps(s.roles, sort_keys=True, ensure_ascii=False),
        "first_seen": s.first_seen,
        "last_seen": s.last_seen,
        "history": list(s.history),
        "versions": json.dumps(to_dict(s.versions), sort_keys=True, ensure_ascii=False),
    }


def comparison_row(c: Comparison) -> Row:
    data = json.dumps(to_dict(c), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return {"story": c.story, "articles": list(c.articles), "data": data}


def output_row(name: str, row: Row) -> Row:
    """Only the schema's columns (article rows carry their input position for de-duplication)."""
    return {field: row.get(field) for field in SCHEMAS[name].names}


class DatasetWriter:
    """Writes one dataset as `<out>/<name>.parquet/part-00000.parquet`, a row group at a time (streaming)."""

    def __init__(self, out: Path, name: str) -> None:
        self.name = name
        self.schema = SCHEMAS[name]
        folder = out / f"{name}.parquet"
        folder.mkdir(parents=True, exist_ok=True)
        self._writer = pq.ParquetWriter(folder / "part-00000.parquet", self.schema)
        self._buffer: list[Row] = []
        self.rows = 0

    def write(self, row: Row) -> None:
        self._buffer.append(output_row(self.name, row))
        self.rows += 1
        if len(self._buffer) >= ROW_GROUP:
            self.flush()

    def write_all(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.write(row)

    def flush(self) -> None:
        if self._buffer:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self.schema))
            self._buffer = []

    def close(self) -> None:
        self.flush()
        self._writer.close()

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def read_rows(out: Path, name: str, *, batch_size: int = 500) -> Iterator[dict[str, Any]]:
    """Stream the rows of one dataset of a batch output (either engine's)."""
    import pyarrow.dataset as ds

    folder = out / f"{name}.parquet"
    if not folder.exists():
        return
    for batch in ds.dataset(folder, format="parquet").to_batches(batch_size=batch_size):
        yield from batch.to_pylist()

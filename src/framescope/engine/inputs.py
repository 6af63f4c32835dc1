"""Inputs -> splits -> chunks of Documents, the same way in every engine.

A *split* is the unit an engine reads in one go: one Parquet file's run of row groups, or one source that
`framescope.ingest` reads (a JSONL/CSV/WARC file, an HTML or text file, a URL, a feed). A *chunk* is up to
`chunk_size` consecutive Documents of one split; it is the unit that is cleaned and analyzed together.

Why chunk boundaries are fixed here and not by the engine: `clean_batch` removes lines repeated across the
documents it sees together (outlet chrome), so what lands in one chunk changes the clean text and so the
article ids. Fixing the chunks by input position makes every engine, and every number of workers, produce
the same articles from the same input.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from framescope.errors import InputError
from framescope.ingest.files import kind_of_path, walked
from framescope.models import Document, Problem

CHUNK_SIZE = 256  # documents cleaned and analyzed together
SPLIT_ROWS = 20_000  # Parquet rows per split (whole row groups; a big row group is one split of its own)
PARQUET_BATCH = 1024  # rows decoded at a time when reading a Parquet split


@dataclass(frozen=True)
class Split:
    kind: str  # "parquet" (row groups of one file) | "ingest" (sources read by framescope.ingest)
    source: str
    row_groups: tuple[int, ...] = ()
    first_row: int = 0  # 0-based number of the split's first row in its file (for "file.parquet#N" names)
    more: tuple[str, ...] = ()  # further sources read after `source` (a run of one-article files)


# One article per file: a directory's run of these is read as one split, so that the cleaner sees an
# outlet's pages together and finds its repeated chrome lines, as `framescope compare DIR` does.
_SINGLE = ("html", "text")


@dataclass(frozen=True)
class Chunk:
    split: int  # the split's position in the plan
    first: int  # position of the chunk's first document in its split
    docs: tuple[Document, ...]


def _is_parquet(path: str) -> bool:
    return path.lower().endswith((".parquet", ".parq"))


def plan_splits(inputs: Sequence[str], *, split_rows: int = SPLIT_ROWS, exclude: str | None = None) -> list[Split]:
    """The splits of `inputs`, in input order; directories are walked in sorted order, hidden entries, the
    folders' notes and files of unsupported kinds skipped, as `framescope.ingest` does (`ingest.files.walked`).
    Missing inputs are left to the reader, which reports them as problems. `exclude` is the output folder: a
    run never reads its own output."""
    skip = os.path.realpath(exclude) if exclude else None
    splits: list[Split] = []
    run: list[str] = []  # consecutive one-article files, read together

    def flush() -> None:
        if run:
            splits.append(Split("ingest", run[0], more=tuple(run[1:])))
            run.clear()

    def add(path: str, kind: str | None) -> None:
        if kind in _SINGLE:
            run.append(path)
            if len(run) >= CHUNK_SIZE:
                flush()
            return
        flush()
        if _is_parquet(path):
            splits.extend(_parquet_splits(path, split_rows))
        else:
            splits.append(Split("ingest", path))

    for source in inputs:
        path = os.fspath(source)
        if not os.path.isdir(path):
            add(path, kind_of_path(path)[0] if os.path.isfile(path) else None)
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(
                d for d in subfolders if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) != skip
            )
            for name in sorted(names):
                kind = walked(name)
                if kind is not None or (_is_parquet(name) and not name.startswith(".")):
                    add(os.path.join(folder, name), kind)
    flush()
    return splits


def _parquet_splits(path: str, split_rows: int) -> list[Split]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:  # not Parquet after all: the reader turns it into a problem naming the file
        return [Split("parquet", path)]
    splits: list[Split] = []
    groups: list[int] = []
    rows = first = seen = 0
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if groups and rows + n > split_rows:
            splits.append(Split("parquet", path, tuple(groups), first))
            groups, rows, first = [], 0, seen
        groups.append(g)
        rows += n
        seen += n
    if groups or not splits:
        splits.append(Split("parquet", path, tuple(groups), first))
    return splits


def read_split(split: Split, *, columns: dict[str, str] | None = None) -> Iterator[Document | Problem]:
    """The Documents of one split, and a Problem for whatever cannot be read (the run goes on)."""
    if split.kind == "parquet":
        yield from _read_parquet(split, columns)
        return
    from framescope.ingest import ingest

    yield from ingest([split.source, *split.more], columns=columns)


def _read_parquet(split: Split, columns: dict[str, str] | None) -> Iterator[Document | Problem]:
    import pyarrow.parquet as pq

    from framescope.ingest import records
    from framescope.ingest.options import Context, Limits

    ctx = Context(columns=columns, limits=Limits())
    try:
        pf = pq.ParquetFile(split.source)
        if not split.row_groups:
            yield Problem(split.source, "no rows in this Parquet file")
            return
        row = split.first_row
        for batch in pf.iter_batches(batch_size=PARQUET_BATCH, row_groups=list(split.row_groups)):
            for record in batch.to_pylist():
                row += 1
                where = f"{split.source}#{row}"
                try:
                    yield records.to_document(record, where, ctx)
                except InputError as exc:
                    yield Problem(exc.source, exc.problem)
    except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError) for a non-Parquet file
        yield Problem(split.source, f"not a readable Parquet file: {' '.join(str(exc).split())}")


def chunks_of(
    number: int, split: Split, *, chunk_size: int = CHUNK_SIZE, columns: dict[str, str] | None = None
) -> Iterator[Chunk | Problem]:
    """Read split `number` and cut its Documents into chunks; reading problems pass through as they come."""
    docs: list[Document] = []
    first = 0
    for item in read_split(split, columns=columns):
        if isinstance(item, Problem):
            yield item
            continue
        docs.append(item)
        if len(docs) >= chunk_size:
            yield Chunk(number, first, tuple(docs))
            first += len(docs)
            docs = []
    if docs:
        yield Chunk(number, first, tuple(docs))

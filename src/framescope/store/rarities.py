"""Corpus-wide term counts for story grouping, kept in the store.

Story grouping weighs words and names by their rarity (document frequency). An ingest regroups only the new
articles' time window (pipeline.stored_neighbourhood); counting rarities over that window alone would weigh
them differently from a grouping of the whole store. So every stored article's terms are counted when it is
stored, in the same transaction, and an ingest hands the counts of the whole store to `cluster`.

Counts depend on the feature definition (framescope.cluster.features): the row VERSION records which
FEATURES_VERSION they were made with. When it is not the running one, an ingest recounts them first
(`Store.rebuild_term_counts()`; by hand: `framescope ingest --rebuild-rarities`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import sqlalchemy as sa

from framescope.cluster import Rarities, document_terms
from framescope.cluster.features import FEATURES_VERSION, StoryFeatures, features_many
from framescope.models import Article
from framescope.store.schema import term_counts

TOTAL = "n"  # the row holding the number of articles counted
VERSION = "v"  # the row holding the FEATURES_VERSION the counts were made with
CHUNK = 500


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def word_term(bucket: int) -> str:
    return f"w:{bucket}"


def key_term(key: str) -> str:
    return f"k:{key}"


def count_terms(articles: Sequence[Article]) -> Counter[str]:
    """The document count of every term of these articles (each article counts a term once), plus TOTAL."""
    counts: Counter[str] = Counter()
    for words, keys in document_terms(features_many(articles)):
        counts.update(word_term(w) for w in words)
        counts.update(key_term(k) for k in keys)
    if articles:
        counts[TOTAL] = len(articles)
    return counts


def add_counts(conn: sa.Connection, counts: Counter[str], insert: object) -> None:
    """Add `counts` to the stored ones. Each row is one atomic upsert (documents = documents + new), so
    concurrent ingests add up instead of overwriting each other."""
    if not counts:
        return
    stmt = insert(conn, term_counts)  # type: ignore[operator]
    stmt = stmt.on_conflict_do_update(
        index_elements=["term"], set_={"documents": term_counts.c.documents + stmt.excluded.documents}
    )
    rows = [{"term": t, "documents": n} for t, n in sorted(counts.items())]  # one order: no upsert deadlocks
    for i in range(0, len(rows), CHUNK):
        conn.execute(stmt, rows[i : i + CHUNK])


def read_counts(conn: sa.Connection, terms: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for part in _chunks(sorted(set(terms))):
        query = sa.select(term_counts.c.term, term_counts.c.documents).where(term_counts.c.term.in_(part))
        found.update((t, int(n)) for t, n in conn.execute(query))
    return found


def read_version(conn: sa.Connection) -> int | None:
    return read_counts(conn, [VERSION]).get(VERSION)


def write_version(conn: sa.Connection, insert: object) -> None:
    stmt = insert(conn, term_counts)  # type: ignore[operator]
    stmt = stmt.on_conflict_do_update(index_elements=["term"], set_={"documents": stmt.excluded.documents})
    conn.execute(stmt, [{"term": VERSION, "documents": FEATURES_VERSION}])


def read_rarities(conn: sa.Connection, feats: Sequence[StoryFeatures]) -> Rarities:
    """The whole store's rarities for the terms of these articles."""
    terms = document_terms(feats)
    wanted = {TOTAL}
    for words, keys in terms:
        wanted.update(word_term(w) for w in words)
        wanted.update(key_term(k) for k in keys)
    found = read_counts(conn, wanted)
    words_found = {int(t[2:]): n for t, n in found.items() if t.startswith("w:")}
    keys_found = {t[2:]: n for t, n in found.items() if t.startswith("k:")}
    return Rarities(n_docs=found.get(TOTAL, 0), words=words_found, keys=keys_found)

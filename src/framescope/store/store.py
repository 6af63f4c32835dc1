"""The store: articles, analyses, stories and comparisons, persisted through one SQLAlchemy Core interface.

Every write that touches more than one row is one transaction; a batch is all or nothing. Reads stream in
chunks by keyset pagination (`WHERE id > last ORDER BY id LIMIT n`), each chunk a short transaction, so a
long iteration neither loads the table nor holds a connection between chunks.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from framescope import codec
from framescope.errors import InputError, StoreError
from framescope.models import Analysis, Article, Comparison, Story
from framescope.naming import publisher
from framescope.store import stories as story_ops
from framescope.store.connect import WRITE, Target, UnencodableError

if TYPE_CHECKING:
    from framescope.cluster import Rarities
    from framescope.cluster.features import StoryFeatures
    from framescope.cluster.grouping import Grouping
from framescope.store.schema import DATA_SCHEMA, analyses, articles, settings, stories, term_counts

log = logging.getLogger(__name__)

CHUNK = 500  # rows per streamed chunk, and ids per IN (...) list (well under every backend's limit)
HEAD_CHARS = 200  # of an article's text that a list of stories reads (article_heads)
# Above every ISO 8601 date and below any text starting with a letter, in bytewise (SQLite, PostgreSQL "C") and
# in linguistic collations alike (these ignore punctuation at first, so the bound is digits, not ':' or '~').
NO_DATE_ABOVE = "9999-12-31T99"


@dataclass(frozen=True)
class BatchResult:
    added: tuple[str, ...]  # ids newly stored, in the order given
    existing: tuple[str, ...]  # ids already stored, skipped (an id given twice in a batch counts once)


def first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _chunks(ids: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def check_iso(name: str, value: str) -> str:
    """Validate an ISO 8601 date or datetime argument (a bad one is an input error, not a SQL one)."""
    try:
        (date if len(value) == 10 else datetime).fromisoformat(value)
    except ValueError:
        raise InputError(name, f"not an ISO 8601 date or datetime: {value!r}") from None
    return value


def insert(conn: sa.Connection, table: sa.Table) -> Any:
    """INSERT with ON CONFLICT support, in the dialect of the connection (SQLite and PostgreSQL share it)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table)
    raise StoreError(f"unsupported database dialect {conn.dialect.name!r}")


class Store:
    """A Framescope store. Use as a context manager, or call `close()`."""

    def __init__(self, engine: sa.Engine, target: Target) -> None:
        self.engine = engine
        self.target = target

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.target.display!r})"

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except (sa.exc.SQLAlchemyError, UnencodableError) as exc:
            raise StoreError(f"{self.target.display}: cannot {action}: {first_line(exc)}") from exc

    @contextlib.contextmanager
    def _write(self, action: str) -> Iterator[sa.Connection]:
        """One write transaction: committed when the block ends, rolled back whole if anything fails."""
        with self._guard(action), self.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _read(self, action: str) -> Iterator[sa.Connection]:
        with self._guard(action), self.engine.connect() as conn, conn.begin():
            yield conn

    def revision(self) -> str | None:
        """The schema revision the database is at (the Alembic revision id)."""
        from framescope.store.migrate import current_revision

        with self._read("read the schema revision") as conn:
            return current_revision(conn)

    # ------------------------------------------------------------------ articles and analyses

    def existing_ids(self, ids: Iterable[str], *, analyzed: bool = False) -> set[str]:
        """The ids among `ids` whose article is stored (with `analyzed=True`: whose analysis is stored)."""
        col = analyses.c.article_id if analyzed else articles.c.id
        found: set[str] = set()
        with self._read("look up article ids") as conn:
            for part in _chunks(_unique(ids)):
                found.update(conn.execute(sa.select(col).where(col.in_(part))).scalars())
        return found

    def count_articles(self) -> int:
        with self._read("count articles") as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())

    def write_articles(self, items: Sequence[Article]) -> BatchResult:
        """Store articles (without analysis) in one transaction; ids already stored are skipped."""
        rows = {a.id: _article_row(a) for a in reversed(items)}  # first occurrence of an id wins
        order = _unique(a.id for a in items)
        firsts = {a.id: a for a in reversed(items)}
        with self._write(f"write a batch of {len(order)} articles") as conn:
            added = self._insert_articles(conn, [rows[i] for i in order])
            self._count_terms(conn, [firsts[i] for i in order if i in added])
        return _result(order, added, len(items))

    def write_batch(self, items: Sequence[Analysis]) -> BatchResult:
        """Store analyses and their articles in ONE transaction: all of the batch or nothing of it.

        An id whose analysis is already stored is skipped and reported in `existing`; an article stored
        earlier without analysis (write_articles) gets its analysis added and counts as added.
        """
        firsts = {a.article.id: a for a in reversed(items)}
        order = _unique(a.article.id for a in items)
        with self._write(f"write a batch of {len(order)} analyses (nothing of it was written)") as conn:
            new_articles = self._insert_articles(conn, [_article_row(firsts[i].article) for i in order])
            self._count_terms(conn, [firsts[i].article for i in order if i in new_articles])
            added: set[str] = set()
            if order:
                stmt = insert(conn, analyses).on_conflict_do_nothing(index_elements=["article_id"])
                result = conn.execute(stmt.returning(analyses.c.article_id), [_analysis_row(firsts[i]) for i in order])
                added.update(result.scalars())
        return _result(order, added, len(items))

    @staticmethod
    def _count_terms(conn: sa.Connection, new: Sequence[Article]) -> None:
        """Add the terms of newly stored articles to the store's rarities, in the caller's transaction."""
        if new:
            from framescope.store.rarities import add_counts, count_terms  # NLP-free but not light: lazily

            add_counts(conn, count_terms(new), insert)

    def rarities(self, feats: Sequence[StoryFeatures]) -> Rarities:
        """The whole store's word and key rarities for the terms of these articles' story features."""
        from framescope.store.rarities import read_rarities

        with self._read("read term counts") as conn:
            return read_rarities(conn, feats)

    def term_counts_current(self) -> bool:
        """Whether the stored rarities were counted with the running story features (see rarities.VERSION)."""
        from framescope.cluster.features import FEATURES_VERSION
        from framescope.store.rarities import read_version

        with self._read("read term counts") as conn:
            return read_version(conn) == FEATURES_VERSION

    def rebuild_term_counts(self, *, chunk_size: int = CHUNK, if_stale: bool = False) -> int:
        """Recount the rarities from every stored article, in one transaction (needed when the story
        features change), and record the features version they were made with; returns the number of
        articles counted. With `if_stale`, only when they were made with another version (checked once the
        transaction holds the store, so two ingests finding them stale recount once)."""
        from framescope.cluster.features import FEATURES_VERSION
        from framescope.store.rarities import add_counts, count_terms, read_version, write_version

        done = 0
        with self._write("rebuild term counts") as conn:
            if conn.dialect.name == "postgresql":
                # Hold off concurrent article inserts (and so their count upserts) until the recount commits,
                # and wait for those under way: else an ingest committing mid-rebuild could be counted twice
                # or not at all. (SQLite's write transaction already excludes every other writer.)
                conn.exec_driver_sql("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")
            if if_stale and read_version(conn) == FEATURES_VERSION:
                return 0
            conn.execute(sa.delete(term_counts))
            write_version(conn, insert)
            query = sa.select(articles.c.id, articles.c.text, articles.c.data).order_by(articles.c.id)
            last: str | None = None
            while True:
                page = query if last is None else query.where(articles.c.id > last)
                rows = conn.execute(page.limit(chunk_size)).all()
                add_counts(conn, count_terms([_article(r) for r in rows]), insert)
                done += len(rows)
                if len(rows) < chunk_size:
                    return done
                last = rows[-1].id

    @staticmethod
    def _insert_articles(conn: sa.Connection, rows: list[dict[str, Any]]) -> set[str]:
        if not rows:
            return set()
        stmt = insert(conn, articles).on_conflict_do_nothing(index_elements=["id"]).returning(articles.c.id)
        return set(conn.execute(stmt, rows).scalars())

    def get_article(self, article_id: str) -> Article | None:
        with self._read(f"read article {article_id}") as conn:
            row = conn.execute(sa.select(articles.c.text, articles.c.data).where(articles.c.id == article_id)).first()
        return None if row is None else _article(row)

    def get_analysis(self, article_id: str) -> Analysis | None:
        with self._read(f"read the analysis of {article_id}") as conn:
            row = conn.execute(_analysis_query().where(analyses.c.article_id == article_id)).first()
        return None if row is None else _analysis(row)

    def article_heads(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str, str]]:
        """(title, publisher, the text's first HEAD_CHARS characters) of each stored id, from their columns
        alone: what a list of stories shows (an untitled story is named by its opening words; the publisher is
        the outlet, else the URL's host or the file's name: naming.publisher)."""
        out: dict[str, tuple[str | None, str, str]] = {}
        opening = sa.func.substr(articles.c.text, 1, HEAD_CHARS).label("opening")
        for part in _chunks(_unique(ids)):
            with self._read("read article titles") as conn:
                rows = conn.execute(
                    sa.select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.url, articles.c.source,
                              opening)
                    .where(articles.c.id.in_(part))
                ).all()
            out.update((r.id, (r.title, publisher(r.outlet, r.url, r.source), r.opening or "")) for r in rows)
        return out

    def iter_articles(self, since: str | None = None, *, chunk_size: int = CHUNK) -> Iterator[Article]:
        """Every stored article in id order (with `since`: published on or after that ISO date), streamed."""
        query = sa.select(articles.c.id, articles.c.text, articles.c.data).order_by(articles.c.id)
        if since is not None:
            query = query.where(articles.c.published >= check_iso("since", since))
        for row in self._keyset(query, articles.c.id, chunk_size, "read articles"):
            yield _article(row)

    def iter_articles_published(
        self, start: str, end: str | None = None, *, chunk_size: int = CHUNK
    ) -> Iterator[Article]:
        """The stored articles published on or after `start` and before `end` (None: up to the last ISO date);
        ISO 8601 dates or datetimes, compared as text like every stored date. In (published, id) order, streamed.

        Paged on (published, id) rather than on id, so every page is a range seek on the `published` index:
        a narrow window in a large table reads only that window, never the whole table."""
        cols = (articles.c.id, articles.c.published, articles.c.text, articles.c.data)
        query = (
            sa.select(*cols)
            .where(articles.c.published >= check_iso("start", start))
            .order_by(articles.c.published, articles.c.id)
        )
        # Without an end, stop above every ISO date: a value starting with a letter is no date.
        query = query.where(articles.c.published < (NO_DATE_ABOVE if end is None else check_iso("end", end)))
        last: Any = None
        while True:
            page = query
            if last is not None:
                # `published >= last` repeats the range start so the index seek begins at the page boundary
                page = query.where(
                    articles.c.published >= last.published,
                    sa.or_(articles.c.published > last.published, articles.c.id > last.id),
                )
            with self._read("read articles by date") as conn:
                rows = conn.execute(page.limit(chunk_size)).all()
            yield from (_article(r) for r in rows)
            if len(rows) < chunk_size:
                return
            last = rows[-1]

    def iter_undated_articles(self, *, chunk_size: int = CHUNK) -> Iterator[Article]:
        """The stored articles without a usable date, in id order, streamed: `published` NULL or empty, or
        text that sorts below '0' or above every ISO date, such as "March 5" (clean writes only ISO dates; a
        hand-made Article may hold other text).

        The ids are found first, by one query whose three tests are each a range on the `published` index
        (paging it by id would make the planner walk the primary key, i.e. the whole table); then the
        articles are read by id in chunks."""
        undated = sa.or_(
            articles.c.published.is_(None),
            articles.c.published < "0",
            articles.c.published > NO_DATE_ABOVE,
        )
        with self._read("find undated articles") as conn:
            ids = sorted(conn.execute(sa.select(articles.c.id).where(undated)).scalars())
        yield from self.get_articles(ids, chunk_size=chunk_size)

    def get_articles(self, ids: Iterable[str], *, chunk_size: int = CHUNK) -> Iterator[Article]:
        """The stored articles with these ids, in the order given (missing ones are skipped), streamed."""
        for part in _chunks(_unique(ids), chunk_size):
            with self._read("read articles") as conn:
                query = sa.select(articles.c.id, articles.c.text, articles.c.data).where(articles.c.id.in_(part))
                by_id = {r.id: r for r in conn.execute(query).all()}
            yield from (_article(by_id[i]) for i in part if i in by_id)

    def iter_analyses(self, ids: Iterable[str] | None = None, *, chunk_size: int = CHUNK) -> Iterator[Analysis]:
        """The stored analyses of `ids` (in that order; missing ones are skipped), or all in id order."""
        if ids is None:
            query = _analysis_query().order_by(analyses.c.article_id)
            for row in self._keyset(query, analyses.c.article_id, chunk_size, "read analyses"):
                yield _analysis(row)
            return
        for part in _chunks(_unique(ids), chunk_size):
            with self._read("read analyses") as conn:
                rows = conn.execute(_analysis_query().where(analyses.c.article_id.in_(part))).all()
            by_id = {r.id: r for r in rows}
            yield from (_analysis(by_id[i]) for i in part if i in by_id)

    def _keyset(self, query: sa.Select[Any], key: sa.ColumnElement[str], size: int, action: str) -> Iterator[Any]:
        last: str | None = None
        while True:
            page = query if last is None else query.where(key > last)
            with self._read(action) as conn:
                rows = conn.execute(page.limit(size)).all()
            yield from rows
            if len(rows) < size:
                return
            last = rows[-1].id

    # ------------------------------------------------------------------ stories and comparisons

    def put_stories(
        self,
        items: Sequence[Story],
        *,
        keep_members: bool = False,
        grouping: Grouping | None = None,
        replace_grouping: bool = False,
    ) -> None:
        """Insert or update stories by id, with their membership; one transaction for the lot.

        With `keep_members`, refuse (raise `StoriesChanged`, write nothing) if a stored article would be left
        in no story: the caller read these stories before someone else added members to them. `grouping`, how
        they were grouped, is recorded as the store's in the same transaction (see `grouping`); a store that
        records another is refused (StoreError, nothing written) unless `replace_grouping` (a regroup)."""
        if not items and grouping is None:
            return
        with self._write(f"write {len(items)} stories") as conn:
            if conn.dialect.name == "postgresql":
                # One story writer at a time (SQLite's write transaction is that already). Under READ COMMITTED
                # two writers could otherwise each move one article into their own story: the second's
                # delete does not see the first's uncommitted row, and its insert then breaks the
                # one-story-per-article index instead of being refused as StoriesChanged and retried.
                conn.exec_driver_sql("LOCK TABLE story_articles IN SHARE ROW EXCLUSIVE MODE")
            story_ops.put_stories(conn, items, insert, keep_members=keep_members)
            if grouping is not None:
                self._record_grouping(conn, grouping, replace=replace_grouping)

    def _record_grouping(self, conn: sa.Connection, grouping: Grouping, *, replace: bool) -> None:
        recorded = self._grouping(conn)
        if recorded == grouping:
            return
        if recorded is not None and not replace:
            # checked again inside the transaction: another process may have regrouped the store since this
            # one read its grouping; writing stories grouped the old way would mix two groupings
            raise StoreError(f"{self.target.display}: its stories were regrouped {recorded.describe()} while "
                             f"this run grouped {grouping.describe()}; nothing was written: run it again")
        stmt = insert(conn, settings).values(name="grouping", value=grouping.record())
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["name"], set_={"value": stmt.excluded.value, "updated_at": sa.func.now()}
        ))

    def grouping(self) -> Grouping | None:
        """How the store's stories are grouped (link threshold, embeddings), as recorded by the ingest or
        regroup that wrote them; None for a store that has recorded none (new, or older than the record)."""
        with self._read("read the store's grouping") as conn:
            return self._grouping(conn)

    @staticmethod
    def _grouping(conn: sa.Connection) -> Grouping | None:
        from framescope.cluster.grouping import Grouping

        row = conn.execute(sa.select(settings.c.value).where(settings.c.name == "grouping")).first()
        return None if row is None else Grouping.from_record(row.value)

    def has_stories(self) -> bool:
        with self._read("read stories") as conn:
            return conn.execute(sa.select(stories.c.id).limit(1)).first() is not None

    def count_stories(self) -> int:
        with self._read("count stories") as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(stories)).scalar_one())

    def list_stories(
        self,
        *,
        query: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Story]:
        """Stories, latest first; `query` words must each match a member's title or outlet; the dates
        keep the stories whose [first_seen, last_seen] window overlaps [date_from, date_to]."""
        if date_from is not None:
            check_iso("date_from", date_from)
        if date_to is not None:
            check_iso("date_to", date_to)
        with self._read("list stories") as conn:
            return story_ops.list_stories(
                conn, query=query, date_from=date_from, date_to=date_to, limit=limit, offset=offset
            )

    def get_story(self, story_id: str) -> Story | None:
        with self._read(f"read story {story_id}") as conn:
            found = story_ops.load_stories(conn, [story_id])
        return found[0] if found else None

    def existing_story_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` of stored stories (their ids alone: a page that links them reads no members)."""
        found: set[str] = set()
        with self._read("look up story ids") as conn:
            for part in _chunks(_unique(ids)):
                found.update(conn.execute(sa.select(stories.c.id).where(stories.c.id.in_(part))).scalars())
        return found

    def get_stories(self, ids: Iterable[str]) -> list[Story]:
        """The stored stories with these ids, each with ALL its members, in the order given (missing ones
        are left out)."""
        with self._read("read stories") as conn:
            return story_ops.load_stories(conn, _unique(ids))

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The story id of each of these articles that is in a story (index look-ups, in chunks)."""
        out: dict[str, str] = {}
        for part in _chunks(_unique(article_ids)):
            with self._read("look up the stories of articles") as conn:
                out.update(story_ops.stories_of(conn, part))
        return out

    def story_of(self, article_id: str) -> str | None:
        with self._read(f"look up the story of {article_id}") as conn:
            return story_ops.story_of(conn, article_id)

    def put_comparison(self, comparison: Comparison) -> None:
        with self._write(f"write the comparison of story {comparison.story}") as conn:
            story_ops.put_comparison(conn, comparison, insert, self.target.display)

    def get_comparison(self, story_id: str) -> Comparison | None:
        with self._read(f"read the comparison of story {story_id}") as conn:
            return story_ops.get_comparison(conn, story_id)


# ---------------------------------------------------------------------- rows <-> models


def _result(order: list[str], added: set[str], given: int) -> BatchResult:
    dupes = given - len(order)
    if dupes:
        log.info("%d ids were given twice in one batch; stored once", dupes)
    return BatchResult(tuple(i for i in order if i in added), tuple(i for i in order if i not in added))


def _article_row(a: Article) -> dict[str, Any]:
    data = codec.to_dict(a)
    del data["text"]  # kept once, in its own column
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "author": a.author,
        "language": a.language,
        "text": a.text,
        "data": data,
        "schema_version": DATA_SCHEMA,
    }


def _analysis_row(a: Analysis) -> dict[str, Any]:
    data = codec.to_dict(a)
    del data["article"]  # the article is in its own table
    return {"article_id": a.article.id, "data": data, "schema_version": DATA_SCHEMA}


def _article(row: Any) -> Article:  # a Row with text and data
    return codec.from_dict(Article, {**row.data, "text": row.text})


def _analysis_query() -> sa.Select[Any]:
    return sa.select(articles.c.id, articles.c.text, articles.c.data, analyses.c.data.label("analysis")).join_from(
        analyses, articles, analyses.c.article_id == articles.c.id
    )


def _analysis(row: Any) -> Analysis:  # a Row of _analysis_query()
    return codec.from_dict(Analysis, {**row.analysis, "article": {**row.data, "text": row.text}})

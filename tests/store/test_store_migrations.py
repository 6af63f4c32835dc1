"""Migrations: recorded once, a no-op on reopen, an older store upgraded, the schema as `schema.py` says."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from alembic import command
from store_samples import make_analysis, make_story

from framescope.errors import StoreError
from framescope.store import migrate, open_store, schema
from framescope.store.connect import create_engine, resolve


def test_migrations_are_recorded_and_run_once(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(store_url) as store:
        assert store.revision() == migrate.head()
        with store.engine.connect() as conn:
            rows = conn.execute(sa.text(f"SELECT version_num FROM {migrate.VERSION_TABLE}")).all()
        assert rows == [(migrate.head(),)]

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("migrations ran on a store that is up to date")

    monkeypatch.setattr(command, "upgrade", must_not_run)
    with open_store(store_url) as store:  # reopen: no migration
        assert store.revision() == migrate.head()


def test_an_older_store_is_upgraded_and_keeps_its_data(store_url: str) -> None:
    target = resolve(store_url)
    engine = create_engine(target)
    try:
        assert migrate.upgrade(engine, target.display, target="0001") == ["0001"]
        with engine.begin() as conn:
            assert migrate.current_revision(conn) == "0001"
            assert "stories" not in sa.inspect(conn).get_table_names()
        with open_store(store_url) as store:  # upgrades 0001 -> head
            assert store.revision() == migrate.head()
        # the upgrade ran once: upgrading again applies nothing
        assert migrate.upgrade(engine, target.display) == []
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        store.write_batch([make_analysis("old")])
        store.put_stories([make_story("s", ["old"])])
        assert store.story_of("old") == "s"


def test_an_older_store_with_rows_is_upgraded(store_url: str) -> None:
    target = resolve(store_url)
    engine = create_engine(target)
    try:
        migrate.upgrade(engine, target.display, target="0001")
        from framescope.store.store import _analysis_row, _article_row

        analysis = make_analysis("kept")
        with engine.begin() as conn:
            conn.execute(sa.insert(schema.articles), [_article_row(analysis.article)])
            conn.execute(sa.insert(schema.analyses), [_analysis_row(analysis)])
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert store.revision() == migrate.head()
        assert store.get_analysis("kept") == analysis


@contextmanager
def at_revision(store_url: str, revision: str) -> Iterator[sa.Connection]:
    """The store migrated up to `revision` only, open in one transaction (to write rows as it held them)."""
    target = resolve(store_url)
    engine = create_engine(target)
    try:
        migrate.upgrade(engine, target.display, target=revision)
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def test_a_store_of_stories_from_before_versions_keeps_them(store_url: str) -> None:
    with at_revision(store_url, "0004") as conn:
        conn.execute(sa.text("INSERT INTO stories (id, history) VALUES ('s', '[]')"))
        conn.execute(sa.text("INSERT INTO story_articles (story_id, article_id, role, position) "
                             "VALUES ('s', 'a', 'original', 0), ('s', 'b', 'copy', 1)"))
    with open_store(store_url) as store:  # upgrades 0004 -> head
        assert store.revision() == migrate.head()
        story = store.get_story("s")
    assert story is not None and story.roles == {"a": "original", "b": "copy"} and story.versions == {}


def test_migrated_schema_matches_the_table_definitions(store: object) -> None:
    engine: sa.Engine = store.engine  # type: ignore[attr-defined]
    insp = sa.inspect(engine)
    assert set(insp.get_table_names()) == {*schema.TABLES, migrate.VERSION_TABLE}
    for table in schema.metadata.sorted_tables:
        assert [c["name"] for c in insp.get_columns(table.name)] == [c.name for c in table.columns], table.name
        assert {i["name"] for i in insp.get_indexes(table.name)} == {i.name for i in table.indexes}, table.name
        fks = {(fk["referred_table"], tuple(fk["constrained_columns"])) for fk in insp.get_foreign_keys(table.name)}
        assert fks == {(fk.column.table.name, (fk.parent.name,)) for fk in table.foreign_keys}, table.name


def test_a_store_from_a_newer_framescope_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    target = resolve(store_url)
    engine = create_engine(target)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = '9999'"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="does not know"):
        open_store(store_url)


def test_every_revision_is_in_order() -> None:
    assert migrate._pending(None, migrate.head()) == ["0001", "0002", "0003", "0004", "0005", "0006"]


def test_a_store_from_before_the_settings_table_records_no_grouping_until_written(store_url: str) -> None:
    from framescope.cluster.grouping import Grouping

    with at_revision(store_url, "0005") as conn:
        assert "settings" not in sa.inspect(conn).get_table_names()
    with open_store(store_url) as store:  # 0005 -> head
        assert store.revision() == migrate.head() and store.grouping() is None
        store.put_stories([make_story("s", ["a"])], grouping=Grouping(0.6, True))
        assert store.grouping() == Grouping(0.6, True)

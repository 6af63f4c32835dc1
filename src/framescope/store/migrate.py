"""Bring a store's schema up to date with Alembic, safely when several processes open it at once.

Opening a store that is already at the head revision only reads the version table. Otherwise one
process takes a lock (SQLite: BEGIN IMMEDIATE, the database's write lock; PostgreSQL: a transaction-level
advisory lock), checks the revision again and runs every pending revision inside that one transaction.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError

from framescope.errors import StoreError
from framescope.store.connect import WRITE
from framescope.store.schema import TABLES

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().with_name("migrations")
VERSION_TABLE = "framescope_schema"
# Key of the PostgreSQL advisory lock that serializes migrations (any constant unique to Framescope).
PG_LOCK_KEY = 0x46524D53  # "FRMS"


def _config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    # configparser interpolates '%': escape it in case the install path holds one
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    rev = _script().get_current_head()
    assert rev is not None, "the store has no migrations"
    return rev


def current_revision(conn: sa.Connection) -> str | None:
    return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def upgrade(engine: sa.Engine, display: str, target: str = "head") -> list[str]:
    """Run the pending migrations up to `target`; return the revisions applied (empty when up to date)."""
    goal = head() if target == "head" else target
    with engine.connect() as conn:
        rev = current_revision(conn)
        conn.rollback()
    if rev == goal:
        return []
    _check_known(rev, display)
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(PG_LOCK_KEY)))
            rev = current_revision(conn)  # another process may have migrated while we waited for the lock
            if rev == goal:
                return []
            if rev is None:
                _check_not_foreign(conn, display)
            pending = _pending(rev, goal)
            log.info("migrating store %s from %s to %s", display, rev or "empty", goal)
            try:
                command.upgrade(_config(conn), goal)
            except CommandError as exc:
                raise StoreError(f"{display}: cannot migrate the store: {exc}") from None
    return pending


def _check_known(rev: str | None, display: str) -> None:
    if rev is None:
        return
    try:
        _script().get_revision(rev)
    except CommandError:
        raise StoreError(
            f"{display}: the store is at schema revision {rev!r}, which this Framescope does not know "
            "(written by a newer version?): upgrade framescope"
        ) from None


def _check_not_foreign(conn: sa.Connection, display: str) -> None:
    """Refuse a database that already holds tables named like ours but was not made by Framescope."""
    clash = sorted(set(TABLES) & set(sa.inspect(conn).get_table_names()))
    if clash:
        raise StoreError(f"{display}: not a Framescope store (it has tables {', '.join(clash)} but no {VERSION_TABLE})")


def _pending(rev: str | None, goal: str) -> list[str]:
    revs = _script().iterate_revisions(goal, rev)  # newest first
    return [r.revision for r in reversed(list(revs))]

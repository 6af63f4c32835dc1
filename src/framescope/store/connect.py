"""Where the store lives and how to connect to it: paths and URLs, defaults, and the engine settings.

SQLite (the default) and PostgreSQL go through the same SQLAlchemy engine interface; what differs is here:
SQLite gets WAL, foreign keys, a busy timeout and explicit transaction control; PostgreSQL needs the
optional psycopg driver.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import StaticPool

from framescope.errors import MissingDependencyError, StoreError

ENV_VAR = "FRAMESCOPE_DB"
FILENAME = "framescope.db"
POSTGRES_INSTALL = "pip install 'framescope[postgres]'"
# How long a SQLite writer waits for another process's write transaction before giving up. Ingest
# batches are short, so a generous wait lets two ingests run side by side instead of failing.
BUSY_TIMEOUT_S = 60.0
# Execution option that makes a SQLite transaction take the write lock at BEGIN (see _on_begin).
WRITE = "framescope_write"


@dataclass(frozen=True)
class Target:
    url: URL
    display: str  # what error messages name: the file path, or the URL without its password
    path: Path | None  # the SQLite file, None for PostgreSQL and in-memory SQLite


def default_db() -> str:
    """`$FRAMESCOPE_DB`, else ./framescope.db if it exists, else framescope.db in the user data dir."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    local = Path.cwd() / FILENAME
    if local.exists():
        return str(local)
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("framescope")) / FILENAME)


def resolve(db: str | None) -> Target:
    """Turn a path, a sqlite:/// URL or a postgresql:// URL (or None: the default) into a Target."""
    spec = default_db() if db is None or not str(db).strip() else str(db).strip()
    if spec == ":memory:":
        return Target(make_url("sqlite://"), ":memory:", None)
    if "://" not in spec:
        path = Path(spec).expanduser()
        return Target(URL.create("sqlite+pysqlite", database=str(path)), str(path), path)
    try:
        url = make_url(spec)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"{spec}: not a database path or URL ({exc})") from None
    backend, _, driver = url.drivername.partition("+")
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            return Target(url.set(drivername="sqlite+pysqlite"), ":memory:", None)
        path = Path(url.database).expanduser()
        return Target(url.set(drivername="sqlite+pysqlite", database=str(path)), str(path), path)
    if backend in ("postgresql", "postgres"):
        driver = driver or "psycopg"
        if importlib.util.find_spec(driver) is None:
            install = POSTGRES_INSTALL if driver == "psycopg" else f"pip install {driver}"
            raise MissingDependencyError(
                f"a PostgreSQL store needs the {driver} driver, which is not installed: {install}"
            )
        url = url.set(drivername=f"postgresql+{driver}")
        return Target(url, url.render_as_string(hide_password=True), None)
    raise StoreError(f"{spec}: unsupported database {backend!r} (use a SQLite path or a postgresql:// URL)")


class UnencodableError(ValueError):
    """A value that JSON cannot hold (raised while a statement is executed, caught by the Store)."""


def _dumps(value: Any) -> str:
    # NaN/Infinity are not JSON and PostgreSQL's JSONB rejects them: fail the same way on both backends.
    # psycopg calls this itself and its errors bypass SQLAlchemy's wrapping: give them one type to catch.
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise UnencodableError(f"a value cannot be stored as JSON: {exc}") from exc


def create_engine(target: Target) -> Engine:
    if target.url.get_backend_name() == "sqlite":
        return _sqlite_engine(target)
    return sa.create_engine(target.url, json_serializer=_dumps, pool_pre_ping=True)


def _sqlite_engine(target: Target) -> Engine:
    if target.path is not None:
        try:
            target.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{target.display}: cannot create its folder ({exc.strerror})") from None
        kwargs: dict[str, Any] = {}
    else:  # one shared connection, else every connection would see its own empty in-memory database
        kwargs = {"poolclass": StaticPool}
    engine = sa.create_engine(
        target.url,
        json_serializer=_dumps,
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
        **kwargs,
    )
    sa.event.listen(engine, "connect", _on_connect)
    sa.event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Python's sqlite3 opens transactions itself and skips DDL (so migrations would not be atomic);
    # switch that off and let _on_begin emit BEGIN, as SQLAlchemy's SQLite documentation recommends.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        # WAL: readers never block the writer and vice versa; two ingests queue on the write lock.
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # durable across application crashes in WAL mode
    finally:
        cur.close()


def _on_begin(conn: sa.Connection) -> None:
    # A write transaction takes the lock at BEGIN (IMMEDIATE): a deferred one that reads first and then
    # writes can fail at once with SQLITE_BUSY when another writer got in between, busy timeout or not.
    write = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

"""The store: SQLite (default) or PostgreSQL behind one interface, with Alembic migrations.

    with open_store() as store:          # ./framescope.db, else the user data dir; $FRAMESCOPE_DB overrides
        result = store.write_batch(analyses)

See docs/store.md for the tables, migrations, defaults and concurrency.
"""

from __future__ import annotations

import time

import sqlalchemy as sa

from framescope.errors import StoreError
from framescope.store.connect import ENV_VAR, create_engine, default_db, resolve
from framescope.store.store import BatchResult, Store, first_line

__all__ = ["ENV_VAR", "BatchResult", "Store", "default_db", "open_store"]


LOCKED_RETRIES = 5


def _upgrade(engine: sa.Engine, display: str) -> None:
    from framescope.store import migrate  # Alembic is imported only when a store is opened

    # Two processes opening a new SQLite store at once race to create it; SQLite can answer "database is
    # locked" at once (without waiting out the busy timeout) to the one that loses a lock upgrade, e.g.
    # while the other switches the file to WAL. Trying again a moment later finds it created or creating.
    for attempt in range(LOCKED_RETRIES):
        try:
            migrate.upgrade(engine, display)
            return
        except sa.exc.OperationalError as exc:
            if engine.dialect.name != "sqlite" or "locked" not in str(exc) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def open_store(db: str | None = None) -> Store:
    """Open (creating it if needed) the store at `db` and run its pending migrations.

    `db` is a SQLite file path, a ``sqlite:///...`` URL or a ``postgresql://...`` URL; None means the
    default (see `default_db`). A file that is not a Framescope database raises StoreError naming it.
    """
    target = resolve(db)
    if target.path is not None and target.path.is_dir():
        raise StoreError(f"{target.display}: is a directory, not a database file")
    engine = create_engine(target)
    try:
        _upgrade(engine, target.display)
    except sa.exc.OperationalError as exc:  # cannot connect, locked, no permission...
        engine.dispose()
        raise StoreError(f"{target.display}: cannot open the store ({first_line(exc)})") from None
    except sa.exc.DatabaseError as exc:  # e.g. SQLite's "file is not a database"
        engine.dispose()
        raise StoreError(f"{target.display}: not a Framescope database ({first_line(exc)})") from None
    except sa.exc.SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{target.display}: cannot open the store ({first_line(exc)})") from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, target)

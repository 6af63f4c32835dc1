"""Opening a store: default locations, URLs, missing driver, and files that are not a store."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.pool import QueuePool

from framescope.errors import MissingDependencyError, StoreError
from framescope.store import Store, connect, default_db, open_store


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.delenv("FRAMESCOPE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # platformdirs' user data dir on Linux
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_env_var_sets_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_env: Path) -> None:
    target = tmp_path / "elsewhere" / "team.db"
    monkeypatch.setenv("FRAMESCOPE_DB", str(target))
    (no_env / "framescope.db").touch()  # the env var wins over ./framescope.db
    with open_store() as store:
        assert store.target.path == target
        assert store.count_articles() == 0
    assert target.exists()


def test_default_is_the_user_data_dir(no_env: Path, tmp_path: Path) -> None:
    with open_store(None) as store:
        assert store.target.path is not None
        assert store.target.path.name == "framescope.db"
        assert str(tmp_path / "xdg") in str(store.target.path)
    assert not (no_env / "framescope.db").exists()


def test_default_prefers_a_local_framescope_db(no_env: Path) -> None:
    open_store(str(no_env / "framescope.db")).close()
    assert Path(default_db()) == no_env / "framescope.db"
    with open_store() as store:
        assert store.target.path == no_env / "framescope.db"


def test_sqlite_url_and_sqlite_settings(tmp_path: Path) -> None:
    path = tmp_path / "u.db"
    with open_store(f"sqlite:///{path}") as store:
        assert store.target.path == path
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == int(connect.BUSY_TIMEOUT_S * 1000)


def test_in_memory_store_works() -> None:
    with open_store(":memory:") as store:
        assert store.count_articles() == 0


def test_context_manager_closes(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "c.db"))
    with store as same:
        assert same is store
    assert isinstance(store, Store)
    pool = store.engine.pool
    assert isinstance(pool, QueuePool) and pool.checkedout() == 0


def test_garbage_file_is_a_one_line_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database, just some text that goes on. " * 200)
    with pytest.raises(StoreError) as info:
        open_store(str(path))
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    assert "not a Framescope database" in message


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))


def test_someone_elses_sqlite_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
    with pytest.raises(StoreError, match="not a Framescope store") as info:
        open_store(str(path))
    assert str(path) in str(info.value)


def test_postgres_without_driver_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        connect.importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real(name, *a)
    )
    with pytest.raises(MissingDependencyError) as info:
        open_store("postgresql://user@localhost/news")
    assert "pip install 'framescope[postgres]'" in str(info.value)


def test_postgres_url_hides_the_password() -> None:
    target = connect.resolve("postgresql://user:secret@db.example:5432/news")
    assert "secret" not in target.display
    assert target.url.drivername == "postgresql+psycopg"
    assert connect.resolve("postgres://u@h/n").url.drivername == "postgresql+psycopg"


def test_unsupported_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://user@localhost/news")

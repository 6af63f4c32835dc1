"""Alembic migrations of the store (run by `framescope.store.migrate`, never by hand-edited SQL)."""

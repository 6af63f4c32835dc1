"""Alembic environment: runs the migrations on the connection `framescope.store.migrate` hands over.

The caller has already begun the transaction (and taken the migration lock), so every pending revision
runs inside that one transaction: a failed upgrade leaves the database at its old revision.
"""

from __future__ import annotations

from alembic import context

from framescope.store.migrate import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    version_table=VERSION_TABLE,
    # SQLite cannot ALTER most things in place: batch mode lets later revisions use op.batch_alter_table,
    # which Alembic turns into copy-and-rename on SQLite and plain ALTER on PostgreSQL.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()

"""Record which story-features version the term counts were made with (store/rarities.py, VERSION).

A new store records the running version: its counts will all be made by it. A store holding articles
records version 1, the features before the marker existed, so its next ingest recounts them once with the
running features (if 0003 has just backfilled them with those, that recount is redundant but harmless).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BEFORE_MARKER = 1


def upgrade() -> None:
    conn = op.get_bind()
    articles = sa.table("articles", sa.column("id"))
    counts = sa.table("term_counts", sa.column("term", sa.String), sa.column("documents", sa.BigInteger))
    if conn.execute(sa.select(articles.c.id).limit(1)).first() is None:
        from framescope.cluster.features import FEATURES_VERSION  # not frozen: a new store counts with today's

        version = FEATURES_VERSION
    else:
        version = BEFORE_MARKER
    conn.execute(sa.delete(counts).where(counts.c.term == "v"))
    op.bulk_insert(counts, [{"term": "v", "documents": version}])


def downgrade() -> None:
    counts = sa.table("term_counts", sa.column("term", sa.String))
    op.execute(sa.delete(counts).where(counts.c.term == "v"))

"""Term counts for story grouping (store/rarities.py), backfilled from the articles already stored.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHUNK = 500


def upgrade() -> None:
    table = op.create_table(
        "term_counts",
        sa.Column("term", sa.String, primary_key=True),
        sa.Column("documents", sa.BigInteger, nullable=False),
    )
    conn = op.get_bind()
    articles = sa.table("articles", sa.column("id"), sa.column("text"), sa.column("data", sa.JSON))
    if conn.execute(sa.select(articles.c.id).limit(1)).first() is None:
        return  # a new store: nothing to count (and no need to load the story features)
    # The backfill counts with today's story features (unlike the DDL above, it is not frozen): a store
    # upgraded later gets the counts of the features of that later version, which is what it groups with.
    from framescope import codec
    from framescope.models import Article
    from framescope.store.rarities import count_terms

    total: Counter[str] = Counter()
    last = None
    while True:
        query = sa.select(articles.c.id, articles.c.text, articles.c.data).order_by(articles.c.id).limit(CHUNK)
        rows = conn.execute(query if last is None else query.where(articles.c.id > last)).all()
        total.update(count_terms([codec.from_dict(Article, {**r.data, "text": r.text}) for r in rows]))
        if len(rows) < CHUNK:
            break
        last = rows[-1].id
    items = [{"term": t, "documents": n} for t, n in sorted(total.items())]
    for i in range(0, len(items), CHUNK):
        op.bulk_insert(table, items[i : i + CHUNK])


def downgrade() -> None:
    op.drop_table("term_counts")

"""Articles and their analyses.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String),
        sa.Column("author", sa.Text),
        sa.Column("language", sa.String),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", Json, nullable=False),
        sa.Column("schema_version", sa.String, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_table(
        "analyses",
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("data", Json, nullable=False),
        sa.Column("schema_version", sa.String, nullable=False),
        sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )


def downgrade() -> None:
    op.drop_table("analyses")
    op.drop_index("ix_articles_outlet", "articles")
    op.drop_index("ix_articles_published", "articles")
    op.drop_table("articles")

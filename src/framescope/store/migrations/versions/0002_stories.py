"""Stories, their membership, and the comparison of each story.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("first_seen", sa.String),
        sa.Column("last_seen", sa.String),
        sa.Column("history", Json, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_stories_first_seen", "stories", ["first_seen"])
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.String, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", sa.String, primary_key=True),
        sa.Column("role", sa.String),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ux_story_articles_article", "story_articles", ["article_id"], unique=True)
    op.create_table(
        "comparisons",
        sa.Column("story_id", sa.String, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("data", Json, nullable=False),
        sa.Column("schema_version", sa.String, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )


def downgrade() -> None:
    op.drop_table("comparisons")
    op.drop_index("ux_story_articles_article", "story_articles")
    op.drop_table("story_articles")
    op.drop_index("ix_stories_last_seen", "stories")
    op.drop_index("ix_stories_first_seen", "stories")
    op.drop_table("stories")

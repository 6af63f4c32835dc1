"""What each copy or rewrite of a story is a version of (Story.versions): the original and the text shared.

Stories stored before this revision get no versions until they are written again (the next ingest that
touches them, or a regroup): their roles stay as they were.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("story_articles") as batch:  # SQLite cannot add columns in all cases otherwise
        batch.add_column(sa.Column("version_of", sa.String))
        batch.add_column(sa.Column("shared", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("story_articles") as batch:
        batch.drop_column("shared")
        batch.drop_column("version_of")

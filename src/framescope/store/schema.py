"""The tables as SQLAlchemy Core objects, for queries.

The DDL that creates them lives in the Alembic migrations (`migrations/versions/`), which are frozen
snapshots: when a table changes, add a migration AND change it here, and the test that compares the
migrated database with this metadata (tests/store/test_store_migrations.py) keeps the two honest.
Types are generic so the same statements run on SQLite and PostgreSQL; JSON is JSONB on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from framescope.models import SCHEMA

# Version of the JSON documents (articles, analyses, stories, comparisons) written into the data columns;
# it is the data model's schema, so a reader can tell which shape of `models` wrote a row.
DATA_SCHEMA = SCHEMA

Json = sa.JSON().with_variant(JSONB(), "postgresql")

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String),  # ISO 8601 as written by clean: sorts and compares as text
    sa.Column("author", sa.Text),
    sa.Column("language", sa.String),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("data", Json, nullable=False),  # every other Article field (removed, headings, dateline...)
    sa.Column("schema_version", sa.String, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Index("ix_articles_published", "published"),
    sa.Index("ix_articles_outlet", "outlet"),
)

analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("data", Json, nullable=False),  # the Analysis without its article (that is in `articles`)
    sa.Column("schema_version", sa.String, nullable=False),
    sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("first_seen", sa.String),
    sa.Column("last_seen", sa.String),
    sa.Column("history", Json, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Index("ix_stories_first_seen", "first_seen"),
    sa.Index("ix_stories_last_seen", "last_seen"),
)

# No foreign key to articles: stories may be grouped from analyses that live only in memory (compare
# without a store), and the store must still keep them. One story per article (unique article_id).
story_articles = sa.Table(
    "story_articles",
    metadata,
    sa.Column("story_id", sa.String, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("article_id", sa.String, primary_key=True),
    sa.Column("role", sa.String),  # None when the Story gave no role for the article
    sa.Column("position", sa.Integer, nullable=False),  # keeps Story.articles in its order
    sa.Column("version_of", sa.String),  # Story.versions: the original a copy or rewrite is a version of ...
    sa.Column("shared", sa.Float),  # ... and the share of text they have in common
    sa.Index("ux_story_articles_article", "article_id", unique=True),
)

comparisons = sa.Table(
    "comparisons",
    metadata,
    sa.Column("story_id", sa.String, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("data", Json, nullable=False),
    sa.Column("schema_version", sa.String, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

# How many stored articles hold each term of the story features ("w:<hashed word bucket>", "k:<name or
# number key>"), and "n", the number of articles counted: the rarities of the whole store, so an ingest
# that regroups only a time window weighs words and names as a grouping of everything would
# (store/rarities.py). Kept in the transaction that stores the articles.
term_counts = sa.Table(
    "term_counts",
    metadata,
    sa.Column("term", sa.String, primary_key=True),
    sa.Column("documents", sa.BigInteger, nullable=False),
)

# Settings of the store as a whole, one JSON value per name: "grouping" is how its stories are grouped (the link
# threshold and embeddings, cluster/grouping.py), recorded by the ingest or regroup that writes them.
settings = sa.Table(
    "settings",
    metadata,
    sa.Column("name", sa.String, primary_key=True),
    sa.Column("value", Json, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

TABLES = tuple(t.name for t in metadata.sorted_tables)

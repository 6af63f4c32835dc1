"""Ordered Alembic revisions; each file is frozen once released: change the schema with a new one."""

"""Stories, their membership and their comparisons in the store (called by `Store` inside its transactions).

A story's members live in `story_articles`, one row per article with its role and position, so that
`story_of`, search and date filters are index look-ups. An article belongs to one story: putting a story
that claims an article moves it there; a story left with no members (merged away) is deleted, and the
comparison of any story whose membership changed is dropped, since it no longer describes the story.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from framescope import codec
from framescope.errors import StoreError
from framescope.models import Comparison, Story, Version
from framescope.store.schema import DATA_SCHEMA, articles, comparisons, stories, story_articles

Insert = Callable[[sa.Connection, sa.Table], Any]
CHUNK = 500
members_t = story_articles


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def merge_history(old: Sequence[str], new: Sequence[str]) -> tuple[str, ...]:
    """Keep the stored history: the new one when it extends it, else the old one plus the new entries."""
    if tuple(new[: len(old)]) == tuple(old):
        return tuple(new)
    seen = set(old)
    return tuple(old) + tuple(h for h in new if h not in seen)


class StoriesChanged(StoreError):
    """put_stories(keep_members=True) would have left stored articles in no story: the stories were changed
    since they were read (by a concurrent ingest). Nothing was written; read them again and regroup."""


def put_stories(conn: sa.Connection, items: Sequence[Story], insert: Insert, *, keep_members: bool = False) -> None:
    latest = {s.id: s for s in items}  # the same id twice in one call: the last one wins
    dropped: set[str] = set()
    for story in latest.values():
        dropped |= _put_one(conn, story, insert)
    if keep_members and dropped:
        _check_none_left_out(conn, dropped)


def _check_none_left_out(conn: sa.Connection, dropped: set[str]) -> None:
    """Raise StoriesChanged if any stored article dropped from a story is now in no story at all. (A member
    that is not a stored article may be dropped: no ingest could place it anyway.)"""
    ids = sorted(dropped)
    left: set[str] = set()
    for part in _chunks(ids):
        stored = set(conn.execute(sa.select(articles.c.id).where(articles.c.id.in_(part))).scalars())
        placed = set(conn.execute(sa.select(members_t.c.article_id).where(members_t.c.article_id.in_(part))).scalars())
        left |= stored - placed
    if left:
        raise StoriesChanged(f"{len(left)} article(s) would be left in no story (e.g. {min(left)}): the stories "
                             "changed since they were read")


def _put_one(conn: sa.Connection, story: Story, insert: Insert) -> set[str]:
    """Write one story; return the articles it had before and no longer has."""
    old = conn.execute(sa.select(stories.c.history).where(stories.c.id == story.id)).first()
    history = list(merge_history(old.history if old else [], story.history))
    stmt = insert(conn, stories).values(
        id=story.id, first_seen=story.first_seen, last_seen=story.last_seen, history=history
    )
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "first_seen": stmt.excluded.first_seen,
                "last_seen": stmt.excluded.last_seen,
                "history": stmt.excluded.history,
                "updated_at": sa.func.now(),
            },
        )
    )
    members = list(dict.fromkeys(story.articles))
    before = set(conn.execute(sa.select(members_t.c.article_id).where(members_t.c.story_id == story.id)).scalars())
    losers: set[str] = set()
    for part in _chunks(members):
        claimed = members_t.c.article_id.in_(part)
        losers.update(
            conn.execute(sa.select(members_t.c.story_id).where(claimed, members_t.c.story_id != story.id)).scalars()
        )
        conn.execute(sa.delete(members_t).where(claimed))
    conn.execute(sa.delete(members_t).where(members_t.c.story_id == story.id))
    if members:
        conn.execute(
            sa.insert(members_t),
            [
                {"story_id": story.id, "article_id": a, "role": story.roles.get(a), "position": i,
                 "version_of": v.of if (v := story.versions.get(a)) else None, "shared": v.shared if v else None}
                for i, a in enumerate(members)
            ],
        )
    if before != set(members):
        conn.execute(sa.delete(comparisons).where(comparisons.c.story_id == story.id))
    for other in losers:
        conn.execute(sa.delete(comparisons).where(comparisons.c.story_id == other))
        left = conn.execute(
            sa.select(sa.func.count()).select_from(members_t).where(members_t.c.story_id == other)
        ).scalar_one()
        if not left:
            conn.execute(sa.delete(stories).where(stories.c.id == other))
    return before - set(members)


def load_stories(conn: sa.Connection, ids: Sequence[str]) -> list[Story]:
    """The stories with these ids, in this order (missing ones left out)."""
    rows: dict[str, Any] = {}
    members: dict[str, list[Any]] = {}
    for part in _chunks(list(dict.fromkeys(ids))):
        rows.update((r.id, r) for r in conn.execute(sa.select(stories).where(stories.c.id.in_(part))))
        query = (
            sa.select(members_t.c.story_id, members_t.c.article_id, members_t.c.role, members_t.c.version_of,
                      members_t.c.shared)
            .where(members_t.c.story_id.in_(part))
            .order_by(members_t.c.story_id, members_t.c.position)
        )
        for m in conn.execute(query):
            members.setdefault(m.story_id, []).append(m)
    out: list[Story] = []
    for sid in ids:
        row = rows.get(sid)
        if row is None:
            continue
        mem = members.get(sid, [])
        out.append(
            Story(
                id=row.id,
                articles=tuple(m.article_id for m in mem),
                roles={m.article_id: m.role for m in mem if m.role is not None},
                first_seen=row.first_seen,
                last_seen=row.last_seen,
                history=tuple(row.history or ()),
                versions={m.article_id: Version(m.version_of, m.shared) for m in mem if m.version_of is not None},
            )
        )
    return out


def day_after(value: str) -> str:
    """The ISO date after a date-only bound: such a bound covers its whole day."""
    return (date.fromisoformat(value) + timedelta(days=1)).isoformat()


def list_stories(
    conn: sa.Connection,
    *,
    query: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
) -> list[Story]:
    start = sa.func.coalesce(stories.c.first_seen, stories.c.last_seen)
    end = sa.func.coalesce(stories.c.last_seen, stories.c.first_seen)
    select = sa.select(stories.c.id)
    for term in (query or "").split():
        matching = (
            sa.select(members_t.c.story_id)
            .join(articles, articles.c.id == members_t.c.article_id)
            .where(
                sa.or_(
                    articles.c.title.icontains(term, autoescape=True),
                    articles.c.outlet.icontains(term, autoescape=True),
                )
            )
        )
        select = select.where(stories.c.id.in_(matching))
    # ISO 8601 strings compare as text; a date-only bound covers its whole day.
    if date_from is not None:
        select = select.where(end >= date_from)
    if date_to is not None:
        select = select.where(start < day_after(date_to) if len(date_to) == 10 else start <= date_to)
    select = select.order_by(sa.func.coalesce(end, "").desc(), stories.c.id).limit(max(0, limit)).offset(max(0, offset))
    ids = list(conn.execute(select).scalars())
    return load_stories(conn, ids)


def story_of(conn: sa.Connection, article_id: str) -> str | None:
    query = sa.select(members_t.c.story_id).where(members_t.c.article_id == article_id)
    return conn.execute(query).scalar_one_or_none()


def stories_of(conn: sa.Connection, article_ids: Sequence[str]) -> dict[str, str]:
    query = sa.select(members_t.c.article_id, members_t.c.story_id).where(members_t.c.article_id.in_(article_ids))
    return {r.article_id: r.story_id for r in conn.execute(query)}


def put_comparison(conn: sa.Connection, comparison: Comparison, insert: Insert, display: str) -> None:
    known = conn.execute(sa.select(stories.c.id).where(stories.c.id == comparison.story)).first()
    if known is None:
        raise StoreError(
            f"{display}: cannot store the comparison of story {comparison.story}: "
            "the story is not stored (put_stories first)"
        )
    stmt = insert(conn, comparisons).values(
        story_id=comparison.story, data=codec.to_dict(comparison), schema_version=DATA_SCHEMA
    )
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["story_id"],
            set_={
                "data": stmt.excluded.data,
                "schema_version": stmt.excluded.schema_version,
                "updated_at": sa.func.now(),
            },
        )
    )


def get_comparison(conn: sa.Connection, story_id: str) -> Comparison | None:
    row = conn.execute(sa.select(comparisons.c.data).where(comparisons.c.story_id == story_id)).first()
    return None if row is None else codec.from_dict(Comparison, row.data)

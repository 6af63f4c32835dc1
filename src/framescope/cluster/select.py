"""Pick stories grouped on the fly by the same rules as the store's story list (store/stories.py
`list_stories`), so `framescope stories SOURCES --query/--from/--to` means what it means over a store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from framescope.models import Article, Story
from framescope.store.store import check_iso
from framescope.store.stories import day_after


def select_stories(
    stories: Sequence[Story],
    articles: Mapping[str, Article],
    *,
    query: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[Story]:
    """The stories of which every word of `query` matches (case-insensitively, as a substring) the title or
    outlet of some member, and whose [first_seen, last_seen] overlaps [date_from, date_to]; a date-only
    `date_to` covers its whole day. Undated stories pass the date bounds only when there are none. Latest
    first (by last seen, undated last, then by id), as the store lists them."""
    if date_from is not None:
        check_iso("date_from", date_from)
    if date_to is not None:
        check_iso("date_to", date_to)
    terms = [t.casefold() for t in (query or "").split()]
    out = []
    for story in stories:
        start = story.first_seen or story.last_seen
        end = story.last_seen or story.first_seen
        if date_from is not None and (end is None or end < date_from):
            continue
        if date_to is not None and (
            start is None or (start >= day_after(date_to) if len(date_to) == 10 else start > date_to)
        ):
            continue
        texts = [f"{a.title or ''}\n{a.outlet or ''}".casefold() for m in story.articles if (a := articles.get(m))]
        if all(any(t in text for text in texts) for t in terms):
            out.append(story)
    out.sort(key=lambda s: s.id)
    out.sort(key=lambda s: s.last_seen or s.first_seen or "", reverse=True)  # stable: ids stay in order
    return out

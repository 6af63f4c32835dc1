"""Story grouping at scale: time blocks that overlap by one window, `cluster` inside each, and a
deterministic reconciliation. Both engines run these functions, so they find the same stories.

Why blocks: `framescope.cluster.cluster` places articles one by one against their candidate neighbours; its
features are stateless, but its state (the index, the rarity counts) is one process's memory. Two articles
further apart in time than the pair model's window are never linked, so the corpus can be cut by time:

* block k holds the articles published on days [k*B, (k+1)*B) (its *home* members) and, as context, those of
  the neighbouring blocks that lie within one window of its edges (B > 2 windows, so only the two
  neighbours);
* every block is clustered on its own (`cluster`, sorted input: the result does not depend on the order the
  engine delivered the rows in);
* a block's story counts only through its home members; a story that also holds a neighbour's article links
  to that article's home story, and linked stories are one story (union-find on their keys);
* a story's id is `story_id` of its earliest member (as `cluster` names a story after its founder), its roles
  are recomputed with `story_roles` when it was joined across blocks.

Undated articles cannot be placed in time: they form one block of their own.
A corpus that fits in one block gets exactly `cluster`'s stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from framescope.models import Analysis, Article, Comparison, Problem, Story, Version

BLOCK_DAYS = 56  # eight windows: a quarter of the articles are also context for a neighbouring block
Block = int | None


def window_days() -> int:
    from framescope.cluster.model import load_model

    return load_model().window_days


def day_of(published: str | None) -> date | None:
    """The date `cluster` reads from `published` (its first ten characters, ISO)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def blocks_of(
    published: str | None, block_days: int = BLOCK_DAYS, window: int | None = None
) -> list[tuple[Block, bool]]:
    """[(block, is_home)]: the article's home block, and the neighbour(s) it is context for."""
    w = window_days() if window is None else window
    if block_days <= 2 * w:
        raise ValueError(f"block_days must exceed two windows ({2 * w} days), got {block_days}")
    d = day_of(published)
    if d is None:
        return [(None, True)]
    n = d.toordinal()
    k = n // block_days
    out: list[tuple[Block, bool]] = [(k, True)]
    if n - k * block_days < w:  # within a window of the block's start: the previous block may link to it
        out.append((k - 1, False))
    if (k + 1) * block_days - n <= w:  # within a window of the next block's first day
        out.append((k + 1, False))
    return out


@dataclass(frozen=True)
class BlockStory:
    key: str  # "<block>:<story id in the block>", unique across blocks
    home: tuple[str, ...]  # home members, in the block story's order
    dates: tuple[str | None, ...]  # their publication dates
    orders: tuple[str, ...]  # their places among the articles of their day (StoryFeatures.order)
    overlap: tuple[str, ...]  # members that belong to a neighbouring block
    roles: Mapping[str, str]
    history: tuple[str, ...]
    versions: Mapping[str, Version] = field(default_factory=dict)


def cluster_block(
    block: Block, members: Iterable[tuple[Article, bool]], threshold: float | None = None
) -> list[BlockStory]:
    """`cluster` on one block (`threshold`: a user's link threshold, see cluster); stories without a home
    member are the neighbours' business and are dropped."""
    from framescope.cluster import cluster
    from framescope.cluster.features import arrival_order

    items = sorted(members, key=lambda m: m[0].id)
    home = {a.id for a, is_home in items if is_home}
    published = {a.id: a.published for a, _ in items}
    order = {a.id: arrival_order(a) for a, is_home in items if is_home}
    out: list[BlockStory] = []
    # one block is one of many parallel tasks: no worker pool of its own
    for st in cluster([a for a, _ in items], workers=1, threshold=threshold):
        mine = tuple(a for a in st.articles if a in home)
        if not mine:
            continue
        out.append(
            BlockStory(
                key=f"{block}:{st.id}",
                home=mine,
                dates=tuple(published[a] for a in mine),
                orders=tuple(order[a] for a in mine),
                overlap=tuple(a for a in st.articles if a not in home),
                roles=dict(st.roles),
                history=st.history,
                versions=dict(st.versions),
            )
        )
    return out


class UnionFind:
    """Union-find over story keys; the smallest key of a set is its root, whatever the order of the links."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def links(stories: Iterable[BlockStory], home_of: Mapping[str, str]) -> list[tuple[str, str]]:
    """(block story, home story of one of its neighbour members): the pairs that are one story."""
    return [(s.key, home_of[m]) for s in stories for m in s.overlap if m in home_of]


def roots(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """key -> root key, for every key that takes part in a link (others are their own root)."""
    uf = UnionFind()
    keys: set[str] = set()
    for a, b in pairs:
        keys.update((a, b))
        uf.union(a, b)
    return {k: uf.find(k) for k in keys}


def _arrival(member: tuple[str, str | None, str]) -> tuple[date, str, str]:
    """(id, date, order) -> the key `cluster` places articles by."""
    from framescope.cluster.features import arrival_key

    return arrival_key(day_of(member[1]), member[2], member[0])


def final_story(parts: Sequence[BlockStory]) -> Story:
    """One story from the block stories that were linked; roles are empty when they must be recomputed
    (joined across blocks), see `complete_roles`."""
    from framescope.cluster.events import story_id

    parts = sorted(parts, key=lambda p: p.key)
    members = sorted({m for p in parts for m in zip(p.home, p.dates, p.orders, strict=True)}, key=_arrival)
    ids = tuple(m for m, _, _ in members)
    days = sorted(d for d in (day_of(p) for _, p, _ in members) if d)
    history = tuple(h for p in parts for h in p.history)
    exact = len(parts) == 1 and not parts[0].overlap
    if len(parts) > 1:
        history += (f"joined across time blocks: {', '.join(p.key for p in parts)}",)
    return Story(
        id=story_id(ids[0]),
        articles=ids,
        roles=dict(parts[0].roles) if exact else {},
        first_seen=days[0].isoformat() if days else None,
        last_seen=days[-1].isoformat() if days else None,
        history=history,
        versions=dict(parts[0].versions) if exact else {},
    )


def complete_roles(story: Story, analyses: Sequence[Analysis]) -> Story:
    """Roles (and versions) for a story joined across blocks: `story_roles` over all its members
    (order-independent)."""
    if story.roles:
        return story
    from framescope.cluster.features import features_of
    from framescope.cluster.roles import story_roles

    found = story_roles([features_of(a) for a in analyses])
    return replace(story, roles=found.roles, versions=found.versions)


def compare_story(story: Story, analyses: Sequence[Analysis]) -> tuple[Story, Comparison | Problem]:
    """Roles completed, then `framescope.compare.compare`; a story that cannot be compared is a problem."""
    from framescope.compare import compare

    story = complete_roles(story, analyses)
    try:
        return story, compare(story, {a.article.id: a for a in analyses})
    except Exception as exc:  # one story must not end the job
        return story, Problem(f"story {story.id}", f"could not be compared: {type(exc).__name__}: {exc}")

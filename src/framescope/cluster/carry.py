"""Carry story ids over from an earlier grouping to a fresh one of the same articles (a store's regroup).

A regroup groups the whole store anew, as a batch run over it would, and then names each new story after
the earlier story it shares most articles with, so links to a story survive a change of operating point.
What moved is written into the histories: a part that left a story that lives on is a split, a story whose
every part went elsewhere was merged into the one that took most of it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from framescope.cluster.events import story_id
from framescope.models import Story

_ID = re.compile(r"\bs[0-9a-f]{12}\b")


def carry_ids(fresh: Sequence[Story], previous: Sequence[Story], why: str) -> list[Story]:
    """`fresh` (a grouping of the articles of `previous` and perhaps more) with the ids of `previous`: each
    earlier id goes to the fresh story holding most of its articles (ties: the fresh story holding the larger
    share of it, then the smaller id), at most one each; a fresh story left without one keeps its own id,
    or a new one if that is taken. `why` ends every note ("regrouped at link threshold 0.7")."""
    old_of = {a: s.id for s in previous for a in s.articles}
    old_members = {s.id: set(s.articles) for s in previous}
    overlap: Counter[tuple[str, str]] = Counter(
        (f.id, old_of[a]) for f in fresh for a in f.articles if a in old_of
    )
    size = {f.id: len(f.articles) for f in fresh}
    ranked = sorted(overlap.items(), key=lambda kv: (-kv[1], -kv[1] / size[kv[0][0]], kv[0][1], kv[0][0]))
    name: dict[str, str] = {}
    taken: set[str] = set()
    for (fid, oid), _ in ranked:
        if fid not in name and oid not in taken:
            name[fid] = oid
            taken.add(oid)
    used = set(old_members)  # an earlier id not carried over is not reused for another story
    for f in fresh:
        if f.id in name:
            continue
        new, k = f.id, 0
        while new in used or new in taken:
            k += 1
            new = story_id(f"{f.articles[0]}#{k}")
        name[f.id] = new
        taken.add(new)
    notes: dict[str, list[str]] = {name[f.id]: [] for f in fresh}
    kept = set(name.values())
    for (fid, oid), count in sorted(overlap.items()):
        sid = name[fid]
        if sid == oid:
            continue
        if oid in kept:
            note = f"split {sid} from {oid}: {count} article(s) {why}"
            notes[oid].append(note)
            notes[sid].append(note)
        elif _first_home(overlap, oid) == fid:
            notes[sid].append(f"merged {oid} into {sid}: {count} of its {len(old_members[oid])} article(s) {why}")
    history = {s.id: s.history for s in previous}
    out = []
    for f in fresh:
        sid = name[f.id]
        own = tuple(_ID.sub(lambda m: name.get(m.group(0), m.group(0)), h) for h in f.history)
        out.append(replace(f, id=sid, history=tuple(history.get(sid, ())) + own + tuple(notes[sid])))
    return out


def _first_home(overlap: Counter[tuple[str, str]], oid: str) -> str:
    """The fresh story that took most of earlier story `oid` (ties: the smaller id)."""
    return min((g for g, o in overlap if o == oid), key=lambda g: (-overlap[(g, oid)], g))

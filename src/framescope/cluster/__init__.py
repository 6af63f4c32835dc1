"""Analyses -> Stories: articles about one event, with syndicated copies and rewrites marked.

`cluster` is the batch entry point; passing the stories of an earlier run as `previous` makes it
incremental: known articles keep their stories (and story ids), new ones are placed among them, and an
earlier story whose parts no longer link is split (the part with its founder keeps the id; recorded).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from framescope.cluster.events import Rarities, StoryBuilder, cohesion_splits, document_terms
from framescope.cluster.features import StoryFeatures, arrival_key, features_many
from framescope.cluster.model import LEXICAL, WITH_EMBEDDINGS, PairModel, at_threshold, load_model
from framescope.cluster.roles import story_roles
from framescope.models import Analysis, Article, Story

__all__ = ["Rarities", "cluster", "document_terms"]


def _arrival(f: StoryFeatures) -> tuple[date, str, str]:
    return arrival_key(f.when, f.order, f.id)


def _features(
    items: Sequence[Analysis | Article] | Sequence[StoryFeatures], embeddings: bool, workers: int | None
) -> list[StoryFeatures]:
    ready = [x for x in items if isinstance(x, StoryFeatures)]
    if not ready:
        return features_many([x for x in items if not isinstance(x, StoryFeatures)], embeddings=embeddings,
                             workers=workers)
    if len(ready) < len(items) or any((f.embedding is not None) != embeddings for f in ready):
        raise ValueError("cluster: features given must be all the items, with embeddings if and only if asked")
    return ready


def cluster(
    items: Sequence[Analysis | Article] | Sequence[StoryFeatures],
    previous: Sequence[Story] = (),
    *,
    embeddings: bool = False,
    rarities: Callable[[Sequence[StoryFeatures]], Rarities] | None = None,
    workers: int | None = None,
    model: PairModel | None = None,
    threshold: float | None = None,
) -> list[Story]:
    """Group articles into stories; `previous` (stories of an earlier run) keeps known ids stable.

    With `embeddings`, the pair model also weighs the MiniLM similarity of titles and ledes (the optional
    `framescope[embeddings]` model; slower, better on same-language pairs: see docs/quality.md).

    `rarities`, when `items` are part of a larger corpus (an ingest's time window of a store), gives the word
    and key document counts of the whole corpus for the terms of these articles' features, so the part is
    weighed as a batch over the whole would weigh it; by default they are counted over `items`.

    `workers`: processes for the per-article features (see features_many: by default all CPUs for big
    inputs); the grouping itself runs in this process.

    `model`: the pair model to group with instead of the shipped one (the fit tries candidates this way); it
    must use embeddings if and only if `embeddings` is set. `items` may be features computed already (with
    embeddings if `embeddings` is set), for a caller that groups the same articles many times.

    `threshold`: the probability of one event from which two articles are linked, in place of the model's
    fitted one (model.at_threshold; FramescopeError outside 0-1)."""
    if model is not None and model.embeddings != embeddings:
        raise ValueError("cluster: the model given and the `embeddings` flag disagree")
    feats = {f.id: f for f in _features(items, embeddings, workers)}
    known = {aid: s.id for s in previous for aid in s.articles if aid in feats}
    history = {s.id: s.history for s in previous}
    model = model or load_model(WITH_EMBEDDINGS if embeddings else LEXICAL)
    builder = StoryBuilder(model if threshold is None else at_threshold(model, threshold))
    if rarities is not None:
        builder.prime_with(rarities(list(feats.values())), list(feats.values()))
    else:
        builder.prime(list(feats.values()))
    # Known articles first, in the order they arrived; then the new ones by date, as an ingest would see them.
    builder.add(sorted((feats[a] for a in known), key=_arrival), assigned=known)
    builder.add(sorted((f for a, f in feats.items() if a not in known), key=_arrival))
    # An article placed before the articles around it arrived may fit a story begun after it better.
    position = {f.id: i for i, f in enumerate(builder.feats)}
    builder.refine(position[a] for a in feats if a not in known)
    # Stories of the earlier run are re-checked with everything now known; a part that no longer links to
    # the rest becomes a story of its own (recorded). Stories made in this run are connected by construction.
    builder.split_unlinked(builder.story_of[position[a]] for a in known)
    # A cut an earlier run made on a story's first articles is undone where, with the articles since, the two
    # parts hold together (a batch run over all of them would not have cut them).
    builder.rejoin(dict.fromkeys(pair for s in previous for pair in cohesion_splits(s.history)))
    # Two events of one kind chained into one story by a few strong links hold together weakly between them.
    builder.split_incoherent(list(builder.stories))
    # and one event's reports that placement left in two stories (no article of either linked to enough of
    # the other's members when it arrived) hold together as one story's parts do.
    builder.join_cohesive()
    published = {f.id: f.when for f in feats.values()}
    stories: list[Story] = []
    for st in builder.stories.values():
        members = [builder.feats[i] for i in st.members]
        dates = sorted(d for d in (published[m.id] for m in members) if d)
        found = story_roles(members)
        stories.append(
            Story(
                id=st.id,
                articles=tuple(m.id for m in members),
                roles=found.roles,
                first_seen=dates[0].isoformat() if dates else None,
                last_seen=dates[-1].isoformat() if dates else None,
                history=tuple(history.get(st.id, ())) + tuple(st.history),
                versions=found.versions,
            )
        )
    stories.sort(key=lambda s: (s.first_seen or "9999", s.id))
    return stories

"""Story -> Comparison: quote ledger, claim alignment, fact checks, coverage and framing contrast."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from framescope.compare.claims import align_claims, claim_summary
from framescope.compare.entities import coverage, resolver_for
from framescope.compare.quotes import quote_ledger
from framescope.models import Analysis, Comparison, FactCheck, PairSimilarity, Story

if TYPE_CHECKING:
    from framescope.cluster.features import StoryFeatures

__all__ = ["claim_summary", "compare", "ordered"]

log = logging.getLogger(__name__)


def ordered(story: Story, analyses: Mapping[str, Analysis]) -> list[Analysis]:
    """The story's analysed articles in comparison order: by publication date (undated last), then source.

    The order decides which quote is `a` in a match (so "b extends a" reads from the earlier report) and the
    column order of reports; it must not depend on article ids, which are hashes.
    """
    members = [analyses[a] for a in dict.fromkeys(story.articles) if a in analyses]
    return sorted(members, key=lambda an: (an.article.published or "9999", an.article.source, an.article.id))


def _facts(story: Story, members: Mapping[str, Analysis]) -> tuple[FactCheck, ...]:
    try:
        from framescope.compare.facts import check_facts  # written separately; optional until it lands
    except ImportError:
        log.debug("compare.facts is not available: no fact checks")
        return ()
    return tuple(check_facts(story, members))


def _framing(story: Story, members: Mapping[str, Analysis]) -> dict[str, Any]:
    try:
        from framescope.compare.framing import contrast
    except ImportError:
        log.debug("compare.framing is not available: no framing contrast")
        return {}
    return dict(contrast(story, members))


def _pairs(
    members: Sequence[Analysis], features: Mapping[str, StoryFeatures] | None, embeddings: bool
) -> tuple[PairSimilarity, ...]:
    from framescope.cluster.features import features_many
    from framescope.cluster.similarity import pair_similarities

    if len(members) < 2:
        return ()
    ids = [an.article.id for an in members]
    if features is not None and all(a in features for a in ids):
        feats = [features[a] for a in ids]
    else:
        feats = features_many(members, embeddings=embeddings, workers=1)
    return pair_similarities(feats)


def compare(
    story: Story,
    analyses: Mapping[str, Analysis],
    *,
    embeddings: bool = False,
    features: Mapping[str, StoryFeatures] | None = None,
) -> Comparison:
    """Compare the articles of one story; `analyses` maps article id -> Analysis (it may hold more).

    `features` (article id -> the story features grouping computed, embeddings included when it used them)
    spares computing them again for how alike each pair is; else they are computed, with the MiniLM
    vectors when `embeddings` is set."""
    members = ordered(story, analyses)
    by_id = {an.article.id: an for an in members}  # the story's members only, in comparison order
    resolve = resolver_for(members)
    matches, groups = quote_ledger(members, resolve)
    return Comparison(
        story=story.id,
        articles=tuple(an.article.id for an in members),
        quote_matches=matches,
        quote_groups=groups,
        claims=align_claims(members, resolve),
        facts=_facts(story, by_id),
        coverage=coverage(members, resolve),
        framing=_framing(story, by_id),
        pairs=_pairs(members, features, embeddings),
    )

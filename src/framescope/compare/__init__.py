"""Story -> Comparison: quote ledger, claim alignment, fact checks, coverage and framing contrast."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from framescope.compare.claims import align_claims, claim_summary
from framescope.compare.entities import coverage, resolver_for
from framescope.compare.quotes import quote_ledger
from framescope.models import Analysis, Comparison, FactCheck, Story

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


def compare(story: Story, analyses: Mapping[str, Analysis]) -> Comparison:
    """Compare the articles of one story; `analyses` maps article id -> Analysis (it may hold more)."""
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
    )

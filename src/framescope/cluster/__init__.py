"""Analyses -> Stories: articles about one event, with syndicated copies and rewrites marked."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from framescope.models import Analysis, Story


def cluster(analyses: Sequence[Analysis]) -> list[Story]:
    """Group analyses into stories.

    Until event clustering lands (issue 4), every input belongs to one story, the earliest article being
    the original and the others separate reports.
    """
    if not analyses:
        return []
    ordered = sorted(analyses, key=lambda a: (a.article.published or "9999", a.article.id))
    ids = tuple(a.article.id for a in ordered)
    roles = {aid: ("original" if i == 0 else "report") for i, aid in enumerate(ids)}
    dates = [a.article.published for a in ordered if a.article.published]
    story_id = "s" + hashlib.sha256(ids[0].encode()).hexdigest()[:12]
    return [Story(id=story_id, articles=ids, roles=roles,
                  first_seen=min(dates) if dates else None, last_seen=max(dates) if dates else None)]

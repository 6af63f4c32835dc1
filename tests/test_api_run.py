"""The public API's `framescope.run`: every stage in memory, on our demo corpus (examples/, our own articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

import framescope
from framescope.errors import FramescopeError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_run_groups_and_compares_and_takes_a_link_threshold() -> None:
    result = framescope.run([str(EXAMPLES)])
    assert len(result.analyses) == 17 and len(result.stories) == 4 == len(result.comparisons)
    strict = framescope.run([str(EXAMPLES)], link_threshold=0.99)
    assert len(strict.stories) > len(result.stories)
    home = {a: s.id for s in result.stories for a in s.articles}
    assert all(len({home[a] for a in s.articles}) == 1 for s in strict.stories)  # it only splits
    with pytest.raises(FramescopeError, match=r"link threshold 1\.5: a probability between 0 and 1"):
        framescope.run([str(EXAMPLES)], link_threshold=1.5)

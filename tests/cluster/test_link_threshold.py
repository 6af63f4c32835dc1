"""A user's link threshold (`cluster(threshold=...)`, `--link-threshold`): the operating point moves, nothing else."""

from __future__ import annotations

import numpy as np
import pytest

from framescope.cluster import cluster
from framescope.cluster.events import StoryBuilder
from framescope.cluster.model import ALL_FEATURES, LEXICAL, WITH_EMBEDDINGS, at_threshold, load_model
from framescope.errors import FramescopeError
from framescope.synth import generate


def test_a_threshold_moves_the_operating_point_and_keeps_the_rest_of_the_model() -> None:
    shipped = load_model(LEXICAL)
    strict = at_threshold(shipped, 0.95)
    assert (strict.threshold, strict.cross_threshold) == (0.95, 0.95)
    assert strict.merge_threshold == max(shipped.merge_threshold, 0.95)  # a merge never on a weaker link
    assert (strict.weights, strict.support, strict.cohesion, strict.window_days) == (
        shipped.weights, shipped.support, shipped.cohesion, shipped.window_days)
    assert at_threshold(shipped, 0.2).merge_threshold == shipped.merge_threshold


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.5, 1.5, float("nan")])
def test_a_threshold_outside_zero_and_one_fails_with_one_line(bad: float) -> None:
    with pytest.raises(FramescopeError, match=r"link threshold .*a probability between 0 and 1 \(the fitted one is"):
        at_threshold(load_model(LEXICAL), bad)


def test_a_stricter_threshold_only_splits_stories_and_copies_stay_together() -> None:
    items = generate(150, seed=5)
    articles = [x.article for x in items]
    default = cluster(articles)
    strict = cluster(articles, threshold=0.99)
    assert cluster(articles, threshold=load_model(LEXICAL).threshold) == default
    assert len(strict) > len(default)
    # each strict story lies within one default story, and a copy stays with its original (links of p = 1)
    home = {a: s.id for s in default for a in s.articles}
    assert all(len({home[a] for a in s.articles}) == 1 for s in strict)
    where = {a: s.id for s in strict for a in s.articles}
    copies = [(a, s.versions[a].of) for s in default for a in s.versions if s.roles.get(a) == "copy"]
    assert copies and all(where[a] == where[of] for a, of in copies)


def test_pairs_in_two_languages_are_judged_at_the_users_threshold_too() -> None:
    # with embeddings, a pair in two languages is judged by the lexical model: at its own threshold by default,
    # at the user's when one is given
    values = np.zeros((2, len(ALL_FEATURES)))
    cross = np.array([True, False])
    _, default = StoryBuilder(load_model(WITH_EMBEDDINGS))._pair_scores(values, cross)
    assert default.tolist() == [load_model(LEXICAL).threshold, load_model(WITH_EMBEDDINGS).threshold]
    _, user = StoryBuilder(at_threshold(load_model(WITH_EMBEDDINGS), 0.8))._pair_scores(values, cross)
    assert user.tolist() == [0.8, 0.8]

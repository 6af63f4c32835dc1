"""Cohesive joins: two stories whose members link to each other, on average, as one story's parts do are one
story (StoryBuilder.join_cohesive); placement can leave one event's reports in two when no article of either
linked to enough of the other's members as it arrived."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from framescope.cluster import cluster
from framescope.cluster.events import StoryBuilder, _Story
from framescope.cluster.features import features_many
from framescope.cluster.model import load_model
from framescope.models import Article, Story

WIRE = (
    "KESTRAL (Lowland Wire) - Health minister Orla Brenvik opened a vaccine plant in the river town of Kestral on "
    "Monday, the first such plant in the province, and said it would make 40 million doses a year. The plant "
    "cost 310 million dollars and will employ about 900 people once all three lines are running. {tail}"
)
TAILS = ("Unions welcomed the jobs.", "Shares in suppliers rose.", "Critics asked who pays for upkeep.",
         "The first doses ship next month.", "Farmers raised concerns about traffic.")


def two_stories(probs: np.ndarray, *, join_mean: float, cohesion: float = 0.5, sizes: tuple[int, int] = (5, 5),
                across: set[tuple[int, int]] | None = None) -> StoryBuilder:
    """A builder holding stories s-a (the first `sizes[0]` articles) and s-b (the rest), whose member links
    are `probs`, and a link placement found between them (article 0 and the first of s-b)."""
    n = sum(sizes)
    feats = features_many([Article(id=f"x{i}", source=f"test://x{i}", text=f"Report number {i}.", language="en")
                           for i in range(n)])
    builder = StoryBuilder(replace(load_model(), cohesion=cohesion, join_mean=join_mean))
    builder.prime(feats)
    builder.add(feats)
    builder.stories = {"s-a": _Story("s-a", list(range(sizes[0])), []),
                       "s-b": _Story("s-b", list(range(sizes[0], n)), [])}
    builder.story_of = ["s-a" if i < sizes[0] else "s-b" for i in range(n)]
    builder.across = {(0, sizes[0])} if across is None else across
    builder._member_probabilities = lambda members: probs[np.ix_(members, members)]  # type: ignore[method-assign]
    builder._between = lambda a, b: probs[np.ix_(a, b)]  # type: ignore[method-assign]
    return builder


def blocks(within: float, between: float, sizes: tuple[int, int] = (5, 5)) -> np.ndarray:
    n = sum(sizes)
    probs = np.full((n, n), between)
    probs[: sizes[0], : sizes[0]] = within
    probs[sizes[0] :, sizes[0] :] = within
    np.fill_diagonal(probs, np.nan)
    return probs


@pytest.mark.parametrize(
    ("within", "between", "join_mean", "joined"),
    [
        (0.9, 0.7, 0.4, True),  # they link nearly as well between as within: one event
        (0.9, 0.3, 0.4, False),  # the mean link between them is below join_mean
        (0.9, 0.42, 0.4, False),  # above join_mean, but a cohesion split would cut them (0.42 < 0.5 * 0.9)
        (0.9, 0.7, 0.0, False),  # join_mean 0: never joined so
    ],
)
def test_two_stories_are_joined_when_they_hold_together_as_one(
    within: float, between: float, join_mean: float, joined: bool
) -> None:
    builder = two_stories(blocks(within, between), join_mean=join_mean)
    assert builder.join_cohesive() == (["s-b"] if joined else [])
    assert sorted(builder.stories) == (["s-a"] if joined else ["s-a", "s-b"])
    if joined:
        story = builder.stories["s-a"]  # founded first: keeps its id
        assert story.members == list(range(10))
        assert set(builder.story_of) == {"s-a"}
        assert story.history == ["merged s-b into s-a: their 5 and 5 articles link 0.70 on average"]


def test_only_stories_placement_found_linked_are_looked_at() -> None:
    builder = two_stories(blocks(0.9, 0.7), join_mean=0.4, across=set())
    assert builder.join_cohesive() == []
    # a link inside one story says nothing about joining
    builder = two_stories(blocks(0.9, 0.7), join_mean=0.4, across={(0, 1)})
    assert builder.join_cohesive() == []


def test_one_article_joins_on_the_mean_of_its_links_alone() -> None:
    """A story of one has no links within; the test is then its mean link to the other and the other's
    cohesion alone."""
    probs = blocks(0.8, 0.5, (4, 1))
    assert two_stories(probs, join_mean=0.4, sizes=(4, 1)).join_cohesive() == ["s-b"]
    probs = blocks(0.8, 0.35, (4, 1))
    assert two_stories(probs, join_mean=0.4, sizes=(4, 1)).join_cohesive() == []


def test_pairs_out_of_window_or_across_languages_are_no_evidence_to_join() -> None:
    probs = blocks(0.9, np.nan)
    assert two_stories(probs, join_mean=0.4).join_cohesive() == []


def test_no_join_where_neither_story_shows_how_its_own_members_hold_together() -> None:
    """Two stories of translations (every pair within each in two languages, so unknown) that link 0.5 between
    their same-language pairs: nothing says that is as strong as their own members' links, so no join (with
    a link 0.3 inside one of them, the same links join)."""
    probs = blocks(np.nan, 0.5, (2, 2))
    assert two_stories(probs, join_mean=0.4, sizes=(2, 2)).join_cohesive() == []
    probs[0, 1] = probs[1, 0] = 0.3
    assert two_stories(probs, join_mean=0.4, sizes=(2, 2)).join_cohesive() == ["s-b"]


def test_the_strongest_pair_is_joined_first_and_the_joined_story_judged_again() -> None:
    """Three stories: a-b link 0.8 on average, b-c 0.6, a-c 0.1. a and b join first; c is then judged against
    the joined story (mean 0.35 < join_mean 0.4) and stays apart, though it would have joined b alone."""
    n = 9
    probs = np.full((n, n), 0.9)
    a, b, c = slice(0, 3), slice(3, 6), slice(6, 9)
    probs[a, b] = probs[b, a] = 0.8
    probs[b, c] = probs[c, b] = 0.6
    probs[a, c] = probs[c, a] = 0.1
    np.fill_diagonal(probs, np.nan)
    builder = two_stories(probs, join_mean=0.4, sizes=(3, 6), across={(0, 3), (3, 6)})
    builder.stories = {"s-a": _Story("s-a", [0, 1, 2], []), "s-b": _Story("s-b", [3, 4, 5], []),
                       "s-c": _Story("s-c", [6, 7, 8], [])}
    builder.story_of = ["s-a"] * 3 + ["s-b"] * 3 + ["s-c"] * 3
    assert builder.join_cohesive() == ["s-b"]
    assert sorted(builder.stories) == ["s-a", "s-c"]


def test_an_ingest_joins_two_stories_of_an_earlier_run_that_its_new_article_links() -> None:
    """Copies of one wire text that an earlier run left in two stories (no cohesion split recorded): a new copy
    links to both, and the two are one story under the id of the one founded first, the join recorded."""
    arts = [Article(id=f"w{i}", source=f"test://w{i}", text=WIRE.format(tail=t), language="en",
                    published="2024-03-04" if i < 2 else "2024-03-05") for i, t in enumerate(TAILS)]
    previous = [Story("s-first", ("w0", "w1"), {}), Story("s-second", ("w2", "w3"), {})]
    model = replace(load_model(), join_mean=0.4, merge_threshold=1.01)  # no merge by a single strong link
    stories = cluster(arts, previous=previous, model=model)
    assert [(s.id, sorted(s.articles)) for s in stories] == [("s-first", ["w0", "w1", "w2", "w3", "w4"])]
    assert any(h.startswith("merged s-second into s-first: their ") for h in stories[0].history)
    # with joins off, the two stay apart, as the earlier run had them
    off = cluster(arts, previous=previous, model=replace(model, join_mean=0.0))
    assert len(off) == 2


def test_a_regrouping_with_no_new_article_joins_them_as_a_batch_run_would() -> None:
    """The same two stories given again with no new article: their articles keep their stories while they
    are placed, but their links to each other are looked at, as a batch run over them looks at them."""
    arts = [Article(id=f"w{i}", source=f"test://w{i}", text=WIRE.format(tail=t), language="en",
                    published="2024-03-04" if i < 2 else "2024-03-05") for i, t in enumerate(TAILS[:4])]
    previous = [Story("s-first", ("w0", "w1"), {}), Story("s-second", ("w2", "w3"), {})]
    model = replace(load_model(), join_mean=0.4, merge_threshold=1.01)
    again = cluster(arts, previous=previous, model=model)
    batch = cluster(arts, model=model)
    assert [(s.id, sorted(s.articles)) for s in again] == [("s-first", ["w0", "w1", "w2", "w3"])]
    assert [sorted(s.articles) for s in batch] == [["w0", "w1", "w2", "w3"]]


def test_the_links_between_two_stories_are_those_of_their_members_together() -> None:
    """`_between` (what a join is judged on first) gives the very links `_member_probabilities` gives the two
    stories' members together: the same probabilities, unknown for pairs in two languages or out of window."""
    texts = [("en", "2024-03-04", t) for t in TAILS[:3]] + [("de", "2024-03-04", "Gesundheitsministerin Orla "
             "Brenvik eröffnete am Montag in Kestral ein Impfstoffwerk für 40 Millionen Dosen im Jahr."),
             ("en", "2024-04-20", TAILS[3]), ("en", None, TAILS[4])]
    arts = [Article(id=f"m{i}", source=f"test://m{i}", text=WIRE.format(tail=t) if lang == "en" else t,
                    language=lang, published=day) for i, (lang, day, t) in enumerate(texts)]
    feats = features_many(arts)
    builder = StoryBuilder()
    builder.prime(feats)
    builder.add(feats)
    a, b = [0, 3], [1, 2, 4, 5]
    together = builder._member_probabilities(sorted(a + b))
    between = builder._between(a, b)
    np.testing.assert_allclose(between, together[np.ix_(a, b)], rtol=1e-6)
    assert np.isnan(between[1]).all()  # the German report against English ones
    assert np.isnan(between[0, 2]) and not np.isnan(between[0, 3])  # 47 days apart; undated
    np.testing.assert_allclose(builder._between(b, a), between.T, rtol=1e-6)

"""carry_ids: a fresh grouping takes the ids of the earlier one by overlap, and says what moved."""

from __future__ import annotations

from framescope.cluster.carry import carry_ids
from framescope.cluster.events import story_id
from framescope.models import Story

WHY = "regrouped at link threshold 0.7"


def story(sid: str, *members: str, history: tuple[str, ...] = ()) -> Story:
    return Story(id=sid, articles=members, roles={m: "report" for m in members}, history=history)


def by_members(stories: list[Story]) -> dict[tuple[str, ...], Story]:
    return {s.articles: s for s in stories}


def test_an_unchanged_grouping_keeps_every_id_and_adds_no_note() -> None:
    before = [story("sa", "a1", "a2", history=("made",)), story("sb", "b1")]
    fresh = [story("x1", "a1", "a2"), story("x2", "b1")]
    out = carry_ids(fresh, before, WHY)
    assert [(s.id, s.articles, s.history) for s in out] == [("sa", ("a1", "a2"), ("made",)), ("sb", ("b1",), ())]


def test_a_split_keeps_the_id_on_the_larger_part_and_notes_it_on_both() -> None:
    before = [story("sa", "a1", "a2", "a3")]
    out = by_members(carry_ids([story("x1", "a1"), story("x2", "a2", "a3")], before, WHY))
    assert out[("a2", "a3")].id == "sa"
    part = out[("a1",)]
    assert part.id == "x1"
    note = f"split x1 from sa: 1 article(s) {WHY}"
    assert out[("a2", "a3")].history == (note,) and part.history == (note,)


def test_a_merge_keeps_the_id_of_the_larger_story_and_notes_the_other() -> None:
    before = [story("sa", "a1", "a2"), story("sb", "b1")]
    [merged] = carry_ids([story("x1", "b1", "a1", "a2")], before, WHY)
    assert merged.id == "sa"
    assert merged.history == (f"merged sb into sa: 1 of its 1 article(s) {WHY}",)


def test_a_new_story_never_takes_an_earlier_id_and_notes_are_renamed() -> None:
    # the fresh grouping named a part after an article that founded an earlier story, whose id went elsewhere
    taken = "s" + "0" * 12
    before = [story(taken, "a1", "a2", "a3")]
    fresh = [story("s" + "1" * 12, "a2", "a3"),
             story(taken, "a1", history=(f"split {taken} from {'s' + '1' * 12}: 1 article(s) hold together apart",))]
    out = by_members(carry_ids(fresh, before, WHY))
    assert out[("a2", "a3")].id == taken
    lone = out[("a1",)]
    assert lone.id == story_id("a1#1") != taken
    # the fresh run's own note speaks of its ids: renamed to the ids they now have
    assert lone.history[0] == f"split {lone.id} from {taken}: 1 article(s) hold together apart"


def test_new_articles_make_new_stories_beside_the_carried_ones() -> None:
    before = [story("sa", "a1")]
    out = by_members(carry_ids([story("x1", "a1", "n1"), story("x2", "n2")], before, WHY))
    assert out[("a1", "n1")].id == "sa" and out[("n2",)].id == "x2"
    assert out[("a1", "n1")].history == () and out[("n2",)].history == ()

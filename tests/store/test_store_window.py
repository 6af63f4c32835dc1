"""The reads an incremental ingest is built on: articles by published date (paged on the index), undated
articles, articles and stories by id, and the story of each of many articles."""

from __future__ import annotations

import pytest
from store_samples import make_article, make_story

from framescope.errors import InputError
from framescope.store.store import Store
from framescope.store.stories import StoriesChanged

DATES = ["2024-03-01", "2024-03-05T09:30:00+00:00", "2024-03-05", "2024-03-07T23:59:00", "2024-03-08", "2024-04-01"]


def _fill(store: Store) -> None:
    arts = [make_article(f"d{i}", published=p) for i, p in enumerate(DATES)]
    arts += [make_article("u-none", published=None), make_article("u-empty", published="")]
    arts += [make_article("u-words", published="March 5, 2024")]
    store.write_articles(arts)


def test_articles_in_a_date_range_are_read_by_published_then_id(store: Store) -> None:
    _fill(store)
    got = [(a.id, a.published) for a in store.iter_articles_published("2024-03-05", "2024-03-08")]
    # the end is exclusive and compared as text, so a datetime late on the last day before it is inside
    assert got == [("d2", "2024-03-05"), ("d1", "2024-03-05T09:30:00+00:00"), ("d3", "2024-03-07T23:59:00")]
    assert [a.id for a in store.iter_articles_published("2024-03-08")] == ["d4", "d5"]  # no upper bound


@pytest.mark.parametrize("chunk", [1, 2, 500])
def test_date_range_pages_do_not_skip_or_repeat_rows_sharing_a_date(store: Store, chunk: int) -> None:
    same_day = [make_article(f"same{i:02d}", published="2024-05-02") for i in range(7)]
    store.write_articles([*same_day, make_article("before", published="2024-05-01")])
    got = [a.id for a in store.iter_articles_published("2024-05-01", "2024-05-03", chunk_size=chunk)]
    assert got == ["before"] + [a.id for a in same_day]


def test_undated_articles_are_those_without_an_iso_date(store: Store) -> None:
    _fill(store)
    assert [a.id for a in store.iter_undated_articles(chunk_size=2)] == ["u-empty", "u-none", "u-words"]


def test_a_bad_date_bound_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="start"):
        list(store.iter_articles_published("last week"))


def test_articles_and_stories_by_id(store: Store) -> None:
    _fill(store)
    assert [a.id for a in store.get_articles(["d3", "missing", "d0", "d3"], chunk_size=1)] == ["d3", "d0"]
    one = make_story("s-one", ["d0", "d1", "d2"])
    two = make_story("s-two", ["d4"])
    store.put_stories([one, two])
    assert store.stories_of(["d0", "d2", "d4", "d5", "nope"]) == {"d0": "s-one", "d2": "s-one", "d4": "s-two"}
    got = store.get_stories(["s-two", "gone", "s-one"])
    assert [s.id for s in got] == ["s-two", "s-one"]
    assert got[1].articles == ("d0", "d1", "d2")  # every member, in the story's order


def test_keep_members_refuses_to_leave_a_stored_article_in_no_story(store: Store) -> None:
    _fill(store)
    store.put_stories([make_story("s-one", ["d0", "d1", "d2"])])
    with pytest.raises(StoriesChanged, match="1 article"):
        store.put_stories([make_story("s-one", ["d0", "d1"]), make_story("s-new", ["d3"])], keep_members=True)
    assert store.get_story("s-new") is None  # nothing of the call was written
    assert store.stories_of(["d2"]) == {"d2": "s-one"}
    # moving the article to another story in the same call is fine, and so is dropping a member never stored
    store.put_stories([make_story("s-one", ["d0", "d1", "ghost"])])
    store.put_stories([make_story("s-one", ["d0", "d1"]), make_story("s-two", ["d2"])], keep_members=True)
    assert store.stories_of(["d0", "d2"]) == {"d0": "s-one", "d2": "s-two"}
    # without keep_members, membership is simply replaced (as before)
    store.put_stories([make_story("s-two", ["d3"])])
    assert "d2" not in store.stories_of(["d2"])

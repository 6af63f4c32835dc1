"""Stories (upsert, membership, search, date filter, history) and comparisons."""

from __future__ import annotations

import pytest
from store_samples import make_article, make_comparison, make_story

from framescope.errors import InputError, StoreError
from framescope.models import Story, Version
from framescope.store import Store


@pytest.fixture
def corpus(store: Store) -> Store:
    store.write_articles(
        [
            make_article("b1", outlet="Riverton Daily", title="Council approves bridge budget", published="2024-03-05"),
            make_article(
                "b2", outlet="Valley Post", title="Bridge money passes despite protests", published="2024-03-06"
            ),
            make_article(
                "f1", outlet="Valley Post", title="Flood warning for the lower valley", published="2024-04-10"
            ),
            make_article("f2", outlet="Coast Herald", title="Rivers rise as storm stalls", published="2024-04-11"),
            make_article("e1", outlet="Coast Herald", title="Election: turnout 50% higher", published="2024-05-20"),
        ]
    )
    store.put_stories(
        [
            make_story("s-bridge", ["b1", "b2"], first="2024-03-05", last="2024-03-06", history=("created",)),
            make_story("s-flood", ["f1", "f2"], first="2024-04-10", last="2024-04-11"),
            make_story("s-vote", ["e1"], first="2024-05-20"),
        ]
    )
    return store


def test_story_round_trip_and_lookup(corpus: Store) -> None:
    story = corpus.get_story("s-bridge")
    assert story == make_story("s-bridge", ["b1", "b2"], first="2024-03-05", last="2024-03-06", history=("created",))
    assert corpus.story_of("b2") == "s-bridge"
    assert corpus.story_of("nobody") is None
    assert corpus.get_story("nope") is None
    assert corpus.existing_story_ids(["s-bridge", "nope", "b1"]) == {"s-bridge"}  # ids only: no article's


def test_list_is_latest_first_with_paging(corpus: Store) -> None:
    assert [s.id for s in corpus.list_stories()] == ["s-vote", "s-flood", "s-bridge"]
    assert [s.id for s in corpus.list_stories(limit=1, offset=1)] == ["s-flood"]
    assert corpus.list_stories(limit=0) == []


def test_search_matches_member_titles_and_outlets(corpus: Store) -> None:
    assert [s.id for s in corpus.list_stories(query="bridge")] == ["s-bridge"]
    assert [s.id for s in corpus.list_stories(query="VALLEY")] == ["s-flood", "s-bridge"]  # outlet or title
    assert [s.id for s in corpus.list_stories(query="coast herald")] == ["s-vote", "s-flood"]
    assert [s.id for s in corpus.list_stories(query="valley storm")] == ["s-flood"]  # every word, any member
    assert corpus.list_stories(query="50%") and corpus.list_stories(query="5_%") == []  # LIKE wildcards escaped
    assert corpus.list_stories(query="absent") == []


def test_date_filter_keeps_overlapping_windows(corpus: Store) -> None:
    assert [s.id for s in corpus.list_stories(date_from="2024-04-11")] == ["s-vote", "s-flood"]
    assert [s.id for s in corpus.list_stories(date_to="2024-04-10")] == ["s-flood", "s-bridge"]
    assert [s.id for s in corpus.list_stories(date_from="2024-03-06", date_to="2024-03-06")] == ["s-bridge"]
    assert [s.id for s in corpus.list_stories(date_from="2024-04-01", date_to="2024-04-30T12:00:00")] == ["s-flood"]
    with pytest.raises(InputError, match="date_to"):
        corpus.list_stories(date_to="yesterday")


def test_upsert_replaces_members_and_keeps_history(corpus: Store) -> None:
    corpus.write_articles([make_article("b3", title="Bridge opens")])
    updated = make_story("s-bridge", ["b1", "b2", "b3"], first="2024-03-05", last="2024-03-09", history=("grew",))
    corpus.put_stories([updated])
    story = corpus.get_story("s-bridge")
    assert story is not None
    assert story.articles == ("b1", "b2", "b3") and story.last_seen == "2024-03-09"
    assert story.history == ("created", "grew")  # the stored history is kept, the new entry appended
    corpus.put_stories([make_story("s-bridge", ["b1", "b2", "b3"], history=("created", "grew", "checked"))])
    assert corpus.get_story("s-bridge").history == ("created", "grew", "checked")  # type: ignore[union-attr]
    assert len(corpus.list_stories()) == 3


def test_an_article_moves_and_an_emptied_story_goes(corpus: Store) -> None:
    corpus.put_stories([make_story("s-flood", ["f1", "f2", "e1"], first="2024-04-10", last="2024-05-20")])
    assert corpus.story_of("e1") == "s-flood"
    assert corpus.get_story("s-vote") is None  # merged away: it had no other member
    corpus.put_stories([make_story("s-split", ["f2"], first="2024-04-11")])
    assert corpus.get_story("s-flood").articles == ("f1", "e1")  # type: ignore[union-attr]


def test_roles_absent_for_an_article_are_not_invented(store: Store) -> None:
    store.put_stories([Story("s", ("a", "b"), {"a": "original"})])
    assert store.get_story("s") == Story("s", ("a", "b"), {"a": "original"})


def test_versions_round_trip_and_follow_the_story(store: Store) -> None:
    story = Story("s", ("a", "b", "c"), {"a": "original", "b": "copy", "c": "rewrite"},
                  versions={"b": Version("a", 0.97), "c": Version("a", 0.41)})
    store.put_stories([story])
    assert store.get_story("s") == story
    # written again with fewer versions (the rewrite is a report of its own now): none is left behind
    again = Story("s", ("a", "b", "c"), {"a": "original", "b": "copy", "c": "report"}, versions={"b": Version("a", 0.97)})
    store.put_stories([again])
    assert store.get_story("s") == again
    assert store.list_stories()[0].versions == {"b": Version("a", 0.97)}


def test_comparison_round_trip_and_invalidation(corpus: Store) -> None:
    comparison = make_comparison("s-bridge", "b1", "b2")
    corpus.put_comparison(comparison)
    assert corpus.get_comparison("s-bridge") == comparison
    corpus.put_comparison(comparison)  # upsert, not a second row
    assert corpus.get_comparison("s-bridge") == comparison
    # same members: the comparison still holds
    corpus.put_stories([make_story("s-bridge", ["b1", "b2"], first="2024-03-05", last="2024-03-06")])
    assert corpus.get_comparison("s-bridge") == comparison
    # members changed: the stale comparison is dropped
    corpus.put_stories([make_story("s-bridge", ["b1"])])
    assert corpus.get_comparison("s-bridge") is None
    assert corpus.get_comparison("nope") is None


def test_comparison_needs_its_story(store: Store) -> None:
    with pytest.raises(StoreError, match="put_stories first"):
        store.put_comparison(make_comparison("ghost", "a", "b"))


def test_article_heads_give_title_outlet_and_the_texts_opening(corpus: Store) -> None:
    """What a list of stories reads of each member, on every backend: an untitled story is named by the
    opening of its text (the first HEAD_CHARS characters, counted in characters, not bytes)."""
    from framescope.store.store import HEAD_CHARS

    corpus.write_articles([make_article("u1", title="", text="Ünïcödé " * 60)])
    heads = corpus.article_heads(["b1", "u1", "missing"])
    assert set(heads) == {"b1", "u1"}
    title, outlet, opening = heads["b1"]
    assert (title, outlet) == ("Council approves bridge budget", "Riverton Daily") and len(opening) == HEAD_CHARS
    assert heads["u1"][2] == ("Ünïcödé " * 60)[:HEAD_CHARS]
    # no outlet: the list names the publisher by the URL's host, else the file's name (naming.publisher)
    from dataclasses import replace

    hosted = replace(make_article("heads-h", outlet=""), url="https://www.harbor-wire.example/2024/bridge")
    filed = replace(make_article("heads-f", outlet=""), url=None, source="/crawl/bridge.txt")
    corpus.write_articles([hosted, filed])
    heads = corpus.article_heads(["heads-h", "heads-f"])
    assert (heads["heads-h"][1], heads["heads-f"][1]) == ("harbor-wire.example", "bridge.txt")

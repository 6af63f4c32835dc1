"""`ingest_into_store` loads only what new articles can link to: the stored articles of their time window,
every undated stored article, and all members of every story those belong to (never part of a story, which
would be written back without its other members). An undated new article falls back to the whole store.

Runs on every backend the `store_url` fixture gives (PostgreSQL when FRAMESCOPE_TEST_PG is set)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from store_samples import make_story

import framescope.pipeline as pipeline
from framescope.cluster import cluster
from framescope.models import Analysis, Article, Story
from framescope.store.schema import stories as stories_t
from framescope.store.store import Store
from framescope.synth import generate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from stories_eval import b_cubed

# One wire text, republished with a different closing line each time: every pair of copies is a near duplicate.
WIRE = (
    "KESTRAL (Lowland Wire) - Health minister Orla Brenvik opened a vaccine plant in the river town of Kestral on "
    "Monday, the first such plant in the province, and said it would make 40 million doses a year.\n\n"
    "The plant cost 310 million dollars and will employ about 900 people once all three lines are running.\n\n"
    "\"This plant means we no longer wait at the back of the queue,\" Brenvik told workers at the opening.\n\n"
    "Regional officials said a second site in the northern hills is planned for the end of the decade.\n\n"
)
TAILS = (
    "Trade unions welcomed the jobs.",
    "Shares in suppliers rose slightly.",
    "Critics asked who will pay for upkeep.",
    "The first doses ship next month.",
    "Farmers near the site raised concerns about traffic.",
    "The mayor declared a local holiday.",
)


def copy(aid: str, day: str | None, k: int) -> Article:
    return Article(id=aid, source=f"test://{aid}", text=WIRE + TAILS[k % len(TAILS)], outlet=f"Outlet {k}",
                   title="Vaccine plant opens in Kestral", published=day, language="en")


def _stub_analyses(articles: Iterable[Article], **_: Any) -> list[Analysis]:
    # Grouping reads the stored articles, not their analyses: an empty analysis per article keeps the test fast.
    return [Analysis(article=a) for a in articles]


@dataclass
class Seen:
    """What each ingest loaded (through the `stored_neighbourhood` seam) and which stories it wrote."""

    loads: list[pipeline.Neighbourhood] = field(default_factory=list)
    written: list[set[str]] = field(default_factory=list)

    @property
    def last(self) -> pipeline.Neighbourhood:
        return self.loads[-1]

    def loaded_ids(self) -> set[str]:
        return {a.id for a in self.last.articles}


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Seen:
    record = Seen()
    monkeypatch.setattr(pipeline, "analyze_articles", _stub_analyses)
    real_hood, real_put = pipeline.stored_neighbourhood, Store.put_stories

    def hood(store: Any, pending: Sequence[Article], window_days: int) -> pipeline.Neighbourhood:
        record.loads.append(real_hood(store, pending, window_days))
        return record.loads[-1]

    def put(self: Store, items: Sequence[Story], **options: Any) -> None:
        record.written.append({s.id for s in items})
        real_put(self, items, **options)

    monkeypatch.setattr(pipeline, "stored_neighbourhood", hood)
    monkeypatch.setattr(Store, "put_stories", put)
    monkeypatch.setattr(pipeline, "WHOLE_STORE_UP_TO", 0)  # these stores are small: windows as in a big one
    return record


def _updated(store: Store) -> dict[str, Any]:
    with store.engine.connect() as conn:
        return {r.id: r.updated_at for r in conn.execute(sa.select(stories_t.c.id, stories_t.c.updated_at))}


def _membership(store: Store) -> dict[str, str]:
    return {a: s.id for s in store.list_stories(limit=100_000) for a in s.articles}


def _block(n: int, seed: int, start: date) -> list[Article]:
    return [x.article for x in generate(n, seed=seed, start=start)]


def test_a_week_of_news_does_not_load_or_rewrite_other_months(store: Store, seen: Seen) -> None:
    january, march, june = (_block(40, 31, date(2021, 1, 4)), _block(40, 32, date(2021, 3, 1)),
                            _block(40, 33, date(2021, 6, 7)))
    for block in (january, march, june):
        pipeline.ingest_into_store(store, block)
    others = {a.id for a in january + june}
    stories_before, updated_before = _membership(store), _updated(store)
    other_stories = {stories_before[a] for a in others}

    new = _block(12, 34, date(2021, 3, 3))  # other events in March's week
    summary = pipeline.ingest_into_store(store, new)

    assert summary.added == 12 and not seen.last.full
    assert seen.loaded_ids() == {a.id for a in march + new}  # the window, nothing from January or June
    assert not seen.written[-1] & other_stories
    after, updated_after = _membership(store), _updated(store)
    assert {a: after[a] for a in others} == {a: stories_before[a] for a in others}
    assert {s: updated_after[s] for s in other_stories} == {s: updated_before[s] for s in other_stories}
    assert set(after) == others | {a.id for a in march + new}  # every article in exactly one story


def test_a_story_reaching_outside_the_window_is_loaded_whole_and_keeps_its_members(
    store: Store, seen: Seen
) -> None:
    # A chain of copies six days apart: each links to the one before, so the story spans 18 days.
    chain = [copy(f"c{i}", f"2024-01-{1 + 6 * i:02d}", i) for i in range(4)]
    for a in chain:
        pipeline.ingest_into_store(store, [a])
    far = _block(10, 41, date(2024, 6, 3))
    pipeline.ingest_into_store(store, far)
    sids = {store.story_of(a.id) for a in chain}
    (sid,) = sids  # one story, and no member lost on the way (one left out would be None here)
    assert sid is not None

    late = copy("c4", "2024-01-25", 4)  # its window [01-18, 02-01] holds only c3 of the chain
    pipeline.ingest_into_store(store, [late])

    story = store.get_story(sid)
    assert story is not None and story.articles == ("c0", "c1", "c2", "c3", "c4")
    assert not seen.last.full
    assert seen.loaded_ids() == {a.id for a in [*chain, late]}  # c0..c2 came with c3's story, `far` did not


def test_a_merge_across_the_window_edge_keeps_every_member_and_drops_the_loser(store: Store, seen: Seen) -> None:
    # Two stored stories of copies (say grouped apart by an earlier model); s-wide reaches outside the window.
    arts = [copy("b0", "2024-03-04", 0), copy("b1", "2024-03-10", 1), copy("a1", "2024-03-10", 2)]
    store.write_batch(_stub_analyses(arts))
    store.put_stories([make_story("s-wide", ["b0", "b1"]), make_story("s-small", ["a1"])])

    new = copy("c", "2024-03-13", 3)  # window [03-06, 03-20]: b1 and a1, not b0
    pipeline.ingest_into_store(store, [new])

    assert store.get_story("s-small") is None  # merged away, deleted
    wide = store.get_story("s-wide")
    assert wide is not None and sorted(wide.articles) == ["a1", "b0", "b1", "c"]
    assert any("merged s-small into s-wide" in h for h in wide.history)
    assert store.get_comparison("s-wide") is not None
    assert seen.loaded_ids() == {"b0", "b1", "a1", "c"}


def test_an_undated_stored_article_is_loaded_and_can_be_joined(store: Store, seen: Seen) -> None:
    pipeline.ingest_into_store(store, [copy("u", None, 0)])
    pipeline.ingest_into_store(store, _block(10, 51, date(2024, 5, 6)))
    pipeline.ingest_into_store(store, [copy("d", "2024-09-02", 1)])
    assert not seen.last.full
    assert seen.loaded_ids() == {"u", "d"}
    assert store.story_of("d") == store.story_of("u")


def test_an_undated_new_article_loads_the_whole_store(store: Store, seen: Seen) -> None:
    stored = [*_block(20, 61, date(2024, 2, 5)), copy("x", "2023-11-20", 0)]
    pipeline.ingest_into_store(store, stored)
    pipeline.ingest_into_store(store, [copy("undated", None, 1)])
    assert seen.last.full
    assert seen.loaded_ids() == {a.id for a in stored} | {"undated"}
    assert store.story_of("undated") == store.story_of("x")  # no date, so no window keeps them apart


def test_an_article_stored_without_a_story_is_grouped_when_ingested_again(store: Store, seen: Seen) -> None:
    first, again = copy("p", "2024-04-01", 0), copy("q", "2024-04-02", 1)
    pipeline.ingest_into_store(store, [first])
    store.write_batch(_stub_analyses([again]))  # a run that died before grouping
    assert store.story_of("q") is None
    summary = pipeline.ingest_into_store(store, [again])
    assert (summary.added, summary.existing) == (0, 1)
    assert store.story_of("q") == store.story_of("p")


def test_small_batch_ingests_match_the_batch_grouping(store: Store, seen: Seen) -> None:
    # Three blocks of events three weeks apart, arriving block by block in batches of 10 (in generation
    # order inside a block, not by date), as a store fed by a crawler would receive them.
    arts = [a for k in range(3) for a in _block(60, 70 + k, date(2022, 1, 3) + timedelta(days=21 * k))]
    batch = cluster(arts)
    stored = 0
    for k in range(0, len(arts), 10):
        pipeline.ingest_into_store(store, arts[k : k + 10])
        stored += 10
        assert len(seen.last.articles) <= stored
    assert any(len(h.articles) < 60 for h in seen.loads[6:])  # later blocks did not load the first ones
    inc = _membership(store)
    assert sorted(inc) == sorted(a.id for a in arts)
    bat = {a: s.id for s in batch for a in s.articles}
    assert b_cubed(inc, bat)[2] >= 0.9


def test_nothing_new_loads_nothing(store: Store, seen: Seen) -> None:
    arts = [copy("r", "2024-07-01", 0)]
    pipeline.ingest_into_store(store, arts)
    loads = len(seen.loads)
    summary = pipeline.ingest_into_store(store, arts)
    assert (summary.added, summary.existing, summary.stories_touched) == (0, 1, 0)
    assert len(seen.loads) == loads


def test_an_ingest_that_raced_another_regroups_instead_of_dropping_its_articles(
    store: Store, seen: Seen, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.ingest_into_store(store, [copy("e0", "2024-08-05", 0)])
    hood = pipeline.stored_neighbourhood  # the recording seam of `seen`
    raced: list[bool] = []

    def read_then_race(store_: Any, pending: Sequence[Article], window_days: int) -> pipeline.Neighbourhood:
        got = hood(store_, pending, window_days)
        if not raced:  # another ingest adds e1 and e2 to the story after this one has read it
            raced.append(True)
            pipeline.ingest_into_store(store_, [copy("e2", "2024-08-07", 2)])
        return got

    monkeypatch.setattr(pipeline, "stored_neighbourhood", read_then_race)
    pipeline.ingest_into_store(store, [copy("e1", "2024-08-06", 1)])
    story = store.get_story(store.story_of("e0") or "")
    assert story is not None and sorted(story.articles) == ["e0", "e1", "e2"]  # e2 was not dropped


def test_a_small_store_is_regrouped_whole_so_early_stories_are_checked_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Up to WHOLE_STORE_UP_TO stored articles an ingest regroups everything (rarities are still settling),
    so a story of January is re-checked by an ingest of June; above it, only the window is loaded."""
    monkeypatch.setattr(pipeline, "analyze_articles", _stub_analyses)
    loads: list[pipeline.Neighbourhood] = []
    real_everything, real_hood = pipeline.stored_everything, pipeline.stored_neighbourhood

    def everything(store: Any) -> pipeline.Neighbourhood:
        loads.append(real_everything(store))
        return loads[-1]

    def hood(store: Any, pending: Sequence[Article], window_days: int) -> pipeline.Neighbourhood:
        loads.append(real_hood(store, pending, window_days))
        return loads[-1]

    monkeypatch.setattr(pipeline, "stored_everything", everything)
    monkeypatch.setattr(pipeline, "stored_neighbourhood", hood)
    january = _block(20, 81, date(2024, 1, 8))
    pipeline.ingest_into_store(store, january)
    june = _block(10, 82, date(2024, 6, 3))
    pipeline.ingest_into_store(store, june)
    assert loads[-1].full and {a.id for a in january} <= {a.id for a in loads[-1].articles}
    assert {store.story_of(a.id) for a in january} == {s.id for s in cluster(january)}  # still grouped right

    monkeypatch.setattr(pipeline, "WHOLE_STORE_UP_TO", 25)  # now the store (30) is over it: a window
    pipeline.ingest_into_store(store, _block(5, 83, date(2024, 6, 5)))
    assert not loads[-1].full and not {a.id for a in january} & {a.id for a in loads[-1].articles}

"""Articles and analyses: round trip, idempotent batches, all-or-nothing batches, streaming reads."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import sqlalchemy as sa
from store_samples import make_analysis, make_article

from framescope.errors import InputError, StoreError
from framescope.models import Fact
from framescope.store import BatchResult, Store


def test_full_analysis_round_trips_unchanged(store: Store) -> None:
    analysis = make_analysis("art-1")
    assert store.write_batch([analysis]) == BatchResult(added=("art-1",), existing=())
    back = store.get_analysis("art-1")
    assert back == analysis
    assert back is not None and back.article == store.get_article("art-1")
    # spans still point at the same text after the trip
    q = back.quotes[0]
    assert back.article.text[q.start : q.end] == q.text
    assert back.framing is not None and back.framing.rates == {"label": 12.5, "hedge": 0.0}
    assert isinstance(back.sentences, tuple) and isinstance(back.genre.signals, tuple)  # type: ignore[union-attr]


def test_missing_ids_read_as_none(store: Store) -> None:
    assert store.get_article("nope") is None
    assert store.get_analysis("nope") is None


def test_same_article_twice_is_one_row(store: Store) -> None:
    first = store.write_batch([make_analysis("a"), make_analysis("b")])
    again = store.write_batch([make_analysis("b"), make_analysis("c")])
    assert first == BatchResult(("a", "b"), ())
    assert again == BatchResult(("c",), ("b",))
    assert store.count_articles() == 3
    assert store.existing_ids(["a", "b", "c", "d"]) == {"a", "b", "c"}


def test_an_id_given_twice_in_one_batch_is_stored_once(store: Store) -> None:
    first = make_analysis("a")
    second = make_analysis("a", title="A different title")
    result = store.write_batch([first, second, make_analysis("b")])
    assert result == BatchResult(("a", "b"), ())
    assert store.count_articles() == 2
    assert store.get_analysis("a") == first  # the first occurrence wins


def test_analysis_fills_an_article_stored_without_one(store: Store) -> None:
    assert store.write_articles([make_article("x"), make_article("y")]) == BatchResult(("x", "y"), ())
    assert store.write_articles([make_article("x")]) == BatchResult((), ("x",))
    assert store.existing_ids(["x", "y"]) == {"x", "y"}
    assert store.existing_ids(["x", "y"], analyzed=True) == set()
    assert store.get_analysis("x") is None

    result = store.write_batch([make_analysis("x")])
    assert result == BatchResult(("x",), ())
    assert store.count_articles() == 2
    assert store.existing_ids(["x", "y"], analyzed=True) == {"x"}
    assert store.get_analysis("x") == make_analysis("x")


def test_empty_batches_are_fine(store: Store) -> None:
    assert store.write_batch([]) == BatchResult((), ())
    assert store.write_articles([]) == BatchResult((), ())
    assert store.existing_ids([]) == set()


def _unserializable(aid: str):  # a value json cannot encode, deep inside the analysis
    a = make_analysis(aid)
    bad = dataclasses.replace(a.facts[0], value={1, 2})  # type: ignore[arg-type]
    return dataclasses.replace(a, facts=(bad, *a.facts[1:]))


def test_failed_batch_writes_nothing(store: Store) -> None:
    store.write_batch([make_analysis("old")])
    with pytest.raises(StoreError) as info:
        store.write_batch([make_analysis("n1"), _unserializable("n2"), make_analysis("old")])
    message = str(info.value)
    assert "\n" not in message and "nothing of it was written" in message
    # the articles of the batch were inserted before the analyses failed: all rolled back
    assert store.count_articles() == 1
    assert store.existing_ids(["n1", "n2"]) == set()
    # the store is still usable and the same batch goes in once fixed
    assert store.write_batch([make_analysis("n1"), make_analysis("n2")]).added == ("n1", "n2")


def test_nan_is_refused_on_every_backend(store: Store) -> None:
    a = make_analysis("nan")
    bad = dataclasses.replace(a, facts=(dataclasses.replace(a.facts[0], value=float("nan")),))
    with pytest.raises(StoreError):
        store.write_batch([bad])
    assert store.count_articles() == 0


@pytest.mark.parametrize(
    "error", [RuntimeError("crash"), sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))]
)
def test_failure_midway_rolls_back_the_batch(store: Store, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    real = sa.Connection.execute
    calls = {"n": 0}

    def failing(self: sa.Connection, statement: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:  # after the articles went in, before the analyses
            raise error
        return real(self, statement, *args, **kwargs)

    monkeypatch.setattr(sa.Connection, "execute", failing)
    with pytest.raises((StoreError, RuntimeError)):
        store.write_batch([make_analysis("m1"), make_analysis("m2")])
    monkeypatch.setattr(sa.Connection, "execute", real)
    assert calls["n"] == 2
    assert store.count_articles() == 0
    assert store.get_article("m1") is None


def test_iter_articles_streams_in_chunks_and_filters_by_date(store: Store) -> None:
    arts = [make_article(f"a{i:03d}", published=f"2024-03-{1 + i % 28:02d}") for i in range(57)]
    arts.append(make_article("undated", published=None))
    store.write_articles(arts)
    streamed = list(store.iter_articles(chunk_size=10))
    assert [a.id for a in streamed] == sorted(a.id for a in arts)
    assert streamed[0] == arts[0]
    since = [a.id for a in store.iter_articles(since="2024-03-20", chunk_size=7)]
    assert sorted(since) == sorted(a.id for a in arts if a.published and a.published >= "2024-03-20")
    assert store.count_articles() == 58


def test_iter_articles_rejects_a_bad_date(store: Store) -> None:
    with pytest.raises(InputError, match="since"):
        list(store.iter_articles(since="last tuesday"))


def test_iter_analyses_by_ids_keeps_order_and_skips_missing(store: Store) -> None:
    store.write_batch([make_analysis(f"z{i:02d}") for i in range(25)])
    store.write_articles([make_article("bare")])
    wanted = ["z07", "missing", "z01", "bare", "z24", "z07"]
    assert [a.article.id for a in store.iter_analyses(wanted, chunk_size=2)] == ["z07", "z01", "z24"]
    every = [a.article.id for a in store.iter_analyses(chunk_size=4)]
    assert every == [f"z{i:02d}" for i in range(25)]  # the bare article has no analysis


def test_facts_keep_their_value_types(store: Store) -> None:
    a = make_analysis("types")
    facts = (
        Fact("types:f1", "three", 0, 5, "count", 3, "people"),
        Fact("types:f2", "2.5%", 0, 4, "percent", 2.5, "%"),
        Fact("types:f3", "1994", 0, 4, "year", "1994"),
        Fact("types:f4", "x", 0, 1, "number", None),
    )
    store.write_batch([dataclasses.replace(a, facts=facts)])
    back = store.get_analysis("types")
    assert back is not None
    assert [(f.value, type(f.value)) for f in back.facts] == [(3, int), (2.5, float), ("1994", str), (None, type(None))]

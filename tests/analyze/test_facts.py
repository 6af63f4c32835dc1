"""Fact extraction: normalization of percentages, money, number words, counts, durations and years; exact spans."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framescope.analyze.facts import find_facts
from framescope.analyze.numbers import parse_number
from framescope.models import Article, Fact


def _facts(text: str, published: str | None = "2020-02-01") -> tuple[Fact, ...]:
    return find_facts(Article(id="t", source="test", text=text, published=published))


def _one(text: str, kind: str, published: str | None = "2020-02-01") -> Fact:
    found = [f for f in _facts(text, published) if f.kind == kind]
    assert len(found) == 1, f"expected one {kind} in {text!r}, got {found}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two", 2),
        ("twenty-six", 26),
        ("twenty six", 26),
        ("one hundred and five", 105),
        ("two thousand five hundred", 2500),
        ("a dozen", 12),
        ("two-and-a-half", 2.5),
        ("two and a half", 2.5),
        ("1.5 million", 1_500_000),
        ("2,500", 2500),
        ("5bn", 5e9),
        ("a hundred", 100),
        ("half a million", 500_000),
        ("banana", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Producers stand ready to deliver 100 percent of the oil.", "100 percent"),
        ("Producers stand ready to deliver 100% of the oil.", "100%"),
        ("Producers stand ready to deliver 100 per cent of the oil.", "100 per cent"),
        ("Producers stand ready to deliver 100 pct of the oil.", "100 pct"),
    ],
)
def test_percent_forms_are_one_value(sentence: str, span: str) -> None:
    fact = _one(sentence, "percent")
    assert (fact.text, fact.value, fact.unit) == (span, 100, "%")


def test_percentage_points_keep_their_own_unit() -> None:
    fact = _one("Support fell by 3.5 percentage points.", "percent")
    assert (fact.value, fact.unit) == (3.5, "pp")


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("The grant is worth $5 million over two years.", "$5 million", 5_000_000, "USD"),
        ("They paid €4.5bn for the port.", "€4.5bn", 4.5e9, "EUR"),
        ("A loan of 5bn euros was agreed.", "5bn euros", 5e9, "EUR"),
        ("The fine was £300,000 in the end.", "£300,000", 300_000, "GBP"),
        ("It costs 20 dollars a month.", "20 dollars", 20, "USD"),
        ("A sum of US$1.2 billion was pledged.", "US$1.2 billion", 1.2e9, "USD"),
    ],
)
def test_money(sentence: str, span: str, value: float, unit: str) -> None:
    fact = _one(sentence, "money")
    assert (fact.text, fact.value, fact.unit) == (span, value, unit)


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("Officials said 12 killed in the blast.", "12 killed", 12, "killed"),
        ("Police said 15 people were killed near the border.", "15 people were killed", 15, "people killed"),
        ("The storm left 40 people injured overnight.", "40 people injured", 40, "people injured"),
        ("Twelve protesters marched to the square.", "Twelve protesters", 12, "protesters"),
        ("Officers arrested three Dutch students outside.", "three Dutch students", 3, "students"),
        ("The town has 2,500 residents and one school.", "2,500 residents", 2500, "residents"),
    ],
)
def test_counts_without_a_parse(sentence: str, span: str, value: float, unit: str) -> None:
    fact = _one(sentence, "count")
    assert (fact.text, fact.value, fact.unit) == (span, value, unit)


@pytest.mark.parametrize(
    ("sentence", "expr"),
    [
        ("More than 12 people were killed.", ">"),
        ("At least 12 people were killed.", ">="),
        ("About 12 people were killed.", "~"),
        ("Up to 12 people were killed.", "<="),
        ("Exactly 12 people were killed.", None),
    ],
)
def test_hedged_counts_keep_their_bound(sentence: str, expr: str | None) -> None:
    assert _one(sentence, "count").expr == expr


def test_one_is_not_a_count() -> None:
    assert not [f for f in _facts("One of the ministers met one envoy.") if f.kind == "count"]


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("He became the first minister to visit the island in 26 years.", "in 26 years", 26, "year"),
        ("Two-and-a-half decades, that is too long.", "Two-and-a-half decades", 25, "year"),
        ("The talks stalled for a decade before the deal.", "for a decade", 10, "year"),
        ("The strike lasted three months in all.", "three months", 3, "month"),
        ("She was held for twenty-six days.", "for twenty-six days", 26, "day"),
        ("Rebuilding could take a century or more.", "a century", 100, "year"),
    ],
)
def test_durations(sentence: str, span: str, value: float, unit: str) -> None:
    fact = _one(sentence, "duration")
    assert (fact.text, fact.value, fact.unit) == (span, value, unit)


def test_round_durations_are_marked_approximate() -> None:
    assert _one("Two-and-a-half decades have passed.", "duration").expr == "~"
    assert _one("It has been 26 years.", "duration").expr is None


def test_an_age_is_not_a_duration() -> None:
    assert not [f for f in _facts("A 26-year-old man was detained.") if f.kind == "duration"]


def test_since_year_is_a_year_and_a_duration() -> None:
    facts = _facts("It was the first visit by a foreign minister since 1994, officials said.")
    duration = next(f for f in facts if f.kind == "duration")
    year = next(f for f in facts if f.kind == "year")
    assert (duration.text, duration.value, duration.unit, duration.expr) == ("since 1994", 26, "year", "since:1994")
    assert "2020 - 1994 = 26" in (duration.note or "")
    assert (year.text, year.value) == ("1994", 1994)


def test_since_year_without_any_reference_stays_unresolved() -> None:
    duration = _one("No envoy had come since 1994.", "duration", published=None)
    assert duration.value is None and duration.expr == "since:1994"


@pytest.mark.parametrize(
    ("sentence", "year"),
    [("Sanctions were imposed in 2006.", 2006), ("By 2030, coal will go.", 2030), ("Prices rose in mid-2019.", 2019)],
)
def test_years(sentence: str, year: int) -> None:
    fact = _one(sentence, "year")
    assert (fact.text, fact.value) == (str(year), year)


def test_bare_numbers_and_codes() -> None:
    facts = _facts("The F-16 flew 3 sorties; COVID-19 cases rose to 4,210.")
    numbers = [(f.kind, f.text) for f in facts]
    assert ("number", "16") not in numbers and ("number", "19") not in numbers
    assert ("number", "4,210") in numbers


def test_fact_ids_are_numbered_per_article() -> None:
    facts = _facts("In 2006, 12 people were killed; 40% fled.")
    assert [f.id for f in facts] == [f"t:f{n}" for n in range(len(facts))]
    assert [f.start for f in facts] == sorted(f.start for f in facts)


_PIECES = [
    "100 percent", "100%", "$5 million", "5bn euros", "12 killed", "15 people were killed", "three soldiers",
    "on Saturday", "yesterday", "last September", "February 1", "December 31, 2019", "2020-02-01", "since 1994",
    "in 26 years", "two-and-a-half decades", "a dozen eggs", "1.5 million", "2,500", "three days ago", "next week",
    "the", "talks", "ended", ",", ".", "\n\n", "“quoted”", "Minister", "and", "of",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25), st.sampled_from([None, "2020-02-01"]))
def test_spans_are_exact_and_inside_the_text(pieces: list[str], published: str | None) -> None:
    text = " ".join(pieces)
    facts = _facts(text, published)
    for f in facts:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
    ends = [(f.start, f.end) for f in facts if f.kind != "year"]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(ends))

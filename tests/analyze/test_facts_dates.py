"""Dates in facts: absolute forms, relative forms around a known publication date, and the inferred reference."""

from __future__ import annotations

from datetime import date

import pytest

from framescope.analyze.dates import resolve, same_date
from framescope.analyze.facts import find_facts, reference_date
from framescope.models import Article, Fact

SATURDAY = "2020-02-01"  # a Saturday


def _dates(text: str, published: str | None = SATURDAY) -> list[Fact]:
    return [f for f in find_facts(Article(id="d", source="test", text=text, published=published)) if f.kind == "date"]


def _one(text: str, published: str | None = SATURDAY) -> Fact:
    found = _dates(text, published)
    assert len(found) == 1, f"expected one date in {text!r}, got {found}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("They met on February 1 in the capital.", "on February 1", "2020-02-01"),
        ("They met on 1 February 2020 in the capital.", "on 1 February 2020", "2020-02-01"),
        ("They met Feb. 1, 2020, in the capital.", "Feb. 1, 2020", "2020-02-01"),
        ("Supplies stopped on December 31, 2019 at midnight.", "on December 31, 2019", "2019-12-31"),
        ("The file is dated 2020-02-01 in the archive.", "2020-02-01", "2020-02-01"),
        ("The law passed in May 2019 after a vote.", "May 2019", "2019-05"),
        ("It happened on the 3rd of March 2018.", "3rd of March 2018", "2018-03-03"),
        ("On Saturday, February 1, 2020 they met.", "On Saturday, February 1, 2020", "2020-02-01"),
    ],
)
def test_absolute_dates(sentence: str, span: str, value: str) -> None:
    fact = _one(sentence)
    assert (fact.text, fact.value) == (span, value)


def test_month_name_as_a_verb_is_not_a_date() -> None:
    assert _dates("They may 5 times refuse, and March on.") == []


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("The minister arrived on Saturday.", "on Saturday", "2020-02-01"),
        ("The minister arrived on Friday.", "on Friday", "2020-01-31"),
        ("The minister arrived Sunday.", "Sunday", "2020-01-26"),
        ("The minister arrived last Saturday.", "last Saturday", "2020-01-25"),
        ("The minister will arrive next Monday.", "next Monday", "2020-02-03"),
        ("The minister arrived yesterday.", "yesterday", "2020-01-31"),
        ("The minister leaves tomorrow.", "tomorrow", "2020-02-02"),
        ("The adviser visited last September.", "last September", "2019-09"),
        ("In September, the sides agreed.", "September", "2019-09"),
        ("A vote is due in January.", "January", "2020-01"),
        ("The envoy returns next week.", "next week", "2020-W06"),
        ("Prices rose last month.", "last month", "2020-01"),
        ("Prices rose last year.", "last year", "2019"),
        ("The deal was signed three days ago.", "three days ago", "2020-01-29"),
        ("The deal was signed two years ago.", "two years ago", "2018"),
        ("The deal was signed a week ago.", "a week ago", "2020-01-25"),
        ("Prices peaked in mid-January.", "January", "2020-01"),
        ("Prices will fall next September.", "next September", "2020-09"),
    ],
)
def test_relative_dates_around_the_publication_date(sentence: str, span: str, value: str) -> None:
    fact = _one(sentence)
    assert (fact.text, fact.value) == (span, value)
    assert fact.expr is not None
    assert "publication date" in (fact.note or "")


def test_a_yearless_date_takes_the_publication_year() -> None:
    fact = _one("They met on December 30.", published="2020-01-02")
    assert fact.value == "2019-12-30"  # the nearest December 30, not the one eleven months ahead


def test_relative_dates_without_any_reference_stay_unresolved() -> None:
    fact = _one("The minister arrived on Saturday.", published=None)
    assert fact.value is None and fact.expr == "weekday:5:recent"
    yearless = _one("They met on February 1.", published=None)
    assert yearless.value == "--02-01"


def test_reference_date_is_inferred_from_the_text() -> None:
    text = "On December 31, 2019 supplies stopped. The envoy arrived on February 1. He left on Saturday."
    article = Article(id="r", source="test", text=text)
    facts = find_facts(article)
    assert reference_date(article, facts) == date(2020, 2, 1)
    by_text = {f.text: f for f in facts}
    assert by_text["on February 1"].value == "2020-02-01"
    assert by_text["on Saturday"].value == "2020-02-01"
    assert "inferred" in (by_text["on Saturday"].note or "")


def test_reference_date_skips_deadlines() -> None:
    text = "On December 31, 2019 supplies stopped. The deal must be signed by March 31, 2025."
    article = Article(id="r", source="test", text=text)
    assert reference_date(article, find_facts(article)) == date(2019, 12, 31)


def test_reference_date_prefers_the_publication_date() -> None:
    article = Article(id="r", source="test", text="On December 31, 2019 it stopped.", published="2020-03-05T10:00:00Z")
    assert reference_date(article, find_facts(article)) == date(2020, 3, 5)


def test_reference_date_is_none_without_full_dates() -> None:
    article = Article(id="r", source="test", text="On Saturday, in 2006, it stopped.")
    assert reference_date(article, find_facts(article)) is None


def test_an_unreadable_publication_date_is_not_an_error() -> None:
    fact = _one("The minister arrived on Saturday.", published="not a date")
    assert fact.value is None


@pytest.mark.parametrize(
    ("expr", "ref", "value"),
    [
        ("weekday:5:recent", date(2020, 2, 3), "2020-02-01"),
        ("monthday:02-01", date(2019, 12, 31), "2020-02-01"),
        ("month:12:next", date(2020, 2, 1), "2020-12"),
        ("ago:P2W", date(2020, 2, 1), "2020-01-18"),
        ("ago:P3M", date(2020, 2, 1), "2019-11"),
        ("period:week:-1", date(2020, 2, 1), "2020-W04"),
    ],
)
def test_resolve(expr: str, ref: date, value: str) -> None:
    assert resolve(expr, ref)[0] == value


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2020-02-01", "2020-02-01", True),
        ("2019-09", "2019-09-12", True),
        ("--02-01", "2020-02-01", True),
        ("--02-01", "2020-02-02", False),
        ("2020-W05", "2020-01-31", True),
        ("2020-W05", "2020-02-03", False),
        ("2019", "2020-02-01", False),
        ("2020-W05", "2020", None),
    ],
)
def test_same_date(a: str, b: str, same: bool | None) -> None:
    assert same_date(a, b) is same


MONDAY = "2018-04-30"


def _parsed_dates(text: str) -> list[tuple[str, str | float | None]]:
    from framescope.analyze.nlp import load_nlp

    article = Article(id="d", source="test", text=text, published=MONDAY)
    return [(f.text, f.value) for f in find_facts(article, load_nlp()(text)) if f.kind == "date"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The tariffs had been set to take effect on Tuesday.", "2018-05-01"),  # planned: the coming Tuesday
        ("The two leaders will meet again on Friday.", "2018-05-04"),
        ("The president plans to visit Britain in July.", "2018-07"),
        ("Trump to visit United Kingdom in July, meet with Prime Minister", "2018-07"),  # a headline's future
        ("The two leaders met on Friday.", "2018-04-27"),  # past: the latest Friday
        ("The committee sued the campaign in November.", "2017-11"),
        ("He said on Friday that the talks would resume.", "2018-04-27"),  # the saying was past
    ],
)
def test_the_parse_tells_a_coming_weekday_or_month(text: str, value: str) -> None:
    (found,) = _parsed_dates(text)
    assert found[1] == value


def test_a_date_in_a_fragment_without_a_verb() -> None:
    # a headline or caption with no verb: the walk up the parse stops at the root (it once looped forever)
    assert _parsed_dates("In July.\n\nMonday") == [("July", "2017-07"), ("Monday", "2018-04-30")]

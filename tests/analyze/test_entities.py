"""Entities: clean edges, fixed labels, one canonical name per real-world entity."""

from __future__ import annotations

import pytest

from framescope.analyze.canonical import capital_of, country_of, person_candidates, seat_of
from framescope.analyze.entities import find_entities
from framescope.analyze.nlp import load_nlp
from framescope.models import Article, Entity


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def entities(nlp, text: str) -> tuple[Entity, ...]:
    a = Article(id="e", source="test", text=text)
    return find_entities(a, nlp(text))


def canon(ents: tuple[Entity, ...], surface: str) -> str:
    found = [e.canonical for e in ents if e.text == surface]
    assert found, f"{surface!r} not among {[e.text for e in ents]}"
    return found[0]


def test_spans_are_exact(nlp) -> None:
    text = "U.S. Secretary of State Jane Smith met Prime Minister Ravi Kumar's team in New Delhi."
    for e in entities(nlp, text):
        assert text[e.start : e.end] == e.text


def test_surname_and_titled_mentions_link_to_the_full_name(nlp) -> None:
    text = ("U.S. Secretary of State Jane Smith arrived on Monday. Smith met the president. "
            "Later, Smith's aides said the talks went well.")
    ents = entities(nlp, text)
    persons = [e for e in ents if e.label == "PERSON"]
    assert {e.canonical for e in persons} == {"Jane Smith"}
    assert "Smith's" not in [e.text for e in ents]  # the possessive stays outside
    assert not any(e.text == "State" for e in ents)  # a title is not an organisation


def test_two_people_with_one_surname_follow_the_one_just_named(nlp) -> None:
    text = ("Bill Carter and Hillary Carter spoke. Bill Carter left first. Carter said nothing. "
            "Then Hillary Carter spoke again. Carter smiled.")
    ents = [e for e in entities(nlp, text) if e.text == "Carter"]
    assert [e.canonical for e in ents] == ["Bill Carter", "Hillary Carter"]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        pytest.param(  # the principal, not the wife named last
            "President Anton Velik arrived in Sorrel on Monday for talks on the port.\n\n"
            "Velik, along with his wife Marta Velik, was greeted by the mayor.\n\n"
            "Velik said the port deal was close. Later Velik met the union.",
            "Anton Velik", id="principal"),
        pytest.param(  # only ever "President Velik"; his wife is named in full once: he is someone of his own
            "President Velik and Marta Velik, his wife, greeted the guests on Monday.\n\n"
            "Velik said the port deal was close.\n\n"
            "Marta Velik opened the new children's ward. Velik spoke about trade.",
            "Velik", id="never-written-in-full"),
    ],
)
def test_a_surname_alone(nlp, text: str, canonical: str) -> None:
    ents = [e for e in entities(nlp, text) if e.text == "Velik"]
    assert ents and {e.canonical for e in ents} == {canonical}


@pytest.mark.parametrize("alias", ["US", "U.S.", "USA", "the United States", "America"])
def test_country_aliases(nlp, alias: str) -> None:
    text = f"Officials in {alias} announced new tariffs on steel imports this week."
    ents = entities(nlp, text)
    assert "United States" in {e.canonical for e in ents if e.label == "GPE"}


def test_capital_as_government_and_as_city(nlp) -> None:
    text = "Moscow says it will respond to the sanctions. Tourists love the parks of Moscow in spring."
    ents = [e for e in entities(nlp, text) if e.text == "Moscow"]
    assert [e.canonical for e in ents] == ["Russia", "Moscow"]


def test_possessive_capital_with_a_policy_noun_means_the_government(nlp) -> None:
    text = "The bloc opposes Beijing's ambitions in the region."
    assert canon(entities(nlp, text), "Beijing") == "China"


def test_seat_of_government(nlp) -> None:
    text = "The Kremlin has called for deeper integration."
    assert canon(entities(nlp, text), "Kremlin") == "Russia"


def test_entities_never_cross_a_line_break(nlp) -> None:
    text = "Meeting with Ravi Kumar\n\nOops. The talks went on."
    for e in entities(nlp, text):
        assert "\n" not in e.text


@pytest.mark.parametrize(
    ("surface", "country"),
    [("U.S.", "United States"), ("the US", "United States"), ("UK", "United Kingdom"), ("Britain", "United Kingdom"),
     ("the States", "United States"), ("us", None), ("Germany", "Germany"), ("Springfield", None)],
)
def test_country_of(surface: str, country: str | None) -> None:
    assert country_of(surface) == country


def test_capital_and_seat_tables() -> None:
    assert capital_of("Washington") == "United States"
    assert capital_of("Beijing") == "China"
    assert seat_of("the Kremlin") == "Russia"
    assert capital_of("Springfield") is None


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("Smith", ["Jane Smith"]), ("Jane Smith", ["Jane Smith"]), ("Jane", []), ("Jones", [])],
)
def test_person_candidates(mention: str, expected: list[str]) -> None:
    assert person_candidates(mention, ["Jane Smith", "Ravi Kumar"]) == expected

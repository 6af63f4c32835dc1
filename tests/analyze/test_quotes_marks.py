"""Quote marks alone: pairing, apostrophes, multi-paragraph quotations (no parse needed)."""

from __future__ import annotations

import pytest

from framescope.analyze.quote_marks import find_marked_quotes


def inner(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_marked_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('He said "yes" and "no".', ["yes", "no"], id="straight-double"),
        pytest.param("He said “yes, of course” today.", ["yes, of course"], id="curly-double"),
        pytest.param("She called it ‘a farce’ on air.", ["a farce"], id="curly-single"),
        pytest.param("She called it 'a farce' on air.", ["a farce"], id="straight-single"),
        pytest.param("The ''old guard'' lost, he said.", ["old guard"], id="two-apostrophes-as-double"),
        pytest.param("- 'Ready for winter' -", ["Ready for winter"], id="crosshead"),
        pytest.param("“Fine.” Then: “Not fine.”", ["Fine.", "Not fine."], id="two-in-a-row"),
        pytest.param("A 6\" pipe and \"quoted words\" here.", ["quoted words"], id="inch-mark"),
        pytest.param("‘He told me “no”,’ she said.", ["He told me “no”,"], id="nested-keeps-outer"),
        pytest.param('"He told me \'never\' twice," she said.', ["He told me 'never' twice,"], id="nested-single"),
    ],
)
def test_pairs(text: str, expected: list[str]) -> None:
    assert inner(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("We're sure it's the players’ union and Belarus’ rules.", id="contractions-possessives"),
        pytest.param("Rock 'n' roll was big in the '90s, 'tis true.", id="elisions"),
        pytest.param("The boss' car and the Jones' house.", id="s-possessive"),
        pytest.param("O'Brien didn't say.", id="names"),
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert inner(text) == []


def test_possessive_inside_a_single_quote_does_not_close_it() -> None:
    text = "He called it ‘the workers’ best deal’ yesterday."
    assert inner(text) == ["the workers’ best deal"]


def test_plural_scare_quote_followed_by_lowercase_word() -> None:
    text = "Other ‘authoritarian states’ that tried the same failed, and their ‘partners’."
    assert inner(text) == ["authoritarian states", "partners"]


def test_multi_paragraph_quote_newspaper_convention() -> None:
    text = "“First paragraph of the speech.\n\n“Second paragraph,” she said.\n\nNarration."
    (q,) = find_marked_quotes(text)
    assert text[q.start : q.end] == "First paragraph of the speech.\n\n“Second paragraph,"
    assert q.paragraphs == 2 and q.close_mark is not None


def test_unclosed_quote_stops_at_its_paragraph() -> None:
    text = "He said “this never closes.\n\nA new paragraph without marks."
    (q,) = find_marked_quotes(text)
    assert text[q.start : q.end] == "this never closes."
    assert q.close_mark is None


def test_marks_are_outside_the_span() -> None:
    text = 'x "  padded words  " y'
    (q,) = find_marked_quotes(text)
    assert text[q.start : q.end] == "padded words"
    assert text[q.open_mark] == '"' and text[q.close_mark] == '"'

"""Fact extraction with the spaCy parse: counts take the lemma of their noun; the parse changes no other value."""

from __future__ import annotations

from typing import Any

import pytest

from framescope.analyze.facts import find_facts
from framescope.models import Article


@pytest.fixture(scope="module")
def nlp() -> Any:
    from framescope.analyze.nlp import load_nlp

    try:
        return load_nlp()
    except Exception as exc:  # the model is an install step; say so instead of failing obscurely
        pytest.skip(f"no spaCy English model: {exc}")


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("Three soldiers crossed the river.", "Three soldiers", 3, "soldier"),
        ("Officers stopped three Dutch soldiers at the border.", "three Dutch soldiers", 3, "soldier"),
        ("Police said 15 people were killed in the attack.", "15 people were killed", 15, "people killed"),
        ("Officials said 12 killed in the blast.", "12 killed", 12, "killed"),
        ("The clinic treated a dozen children.", "a dozen children", 12, "child"),
    ],
)
def test_counts_with_the_parse(nlp: Any, sentence: str, span: str, value: float, unit: str) -> None:
    article = Article(id="p", source="test", text=sentence, published="2020-02-01")
    counts = [f for f in find_facts(article, nlp(sentence)) if f.kind == "count"]
    assert [(f.text, f.value, f.unit) for f in counts] == [(span, value, unit)]


def test_the_parse_keeps_other_facts_as_the_text_gives_them(nlp: Any) -> None:
    text = (
        "On Saturday the minister, the first to visit in 26 years, pledged 100 percent of the oil and $5 million. "
        "Sanctions imposed in 2006 have stood since 2008."
    )
    article = Article(id="p", source="test", text=text, published="2020-02-01")
    with_parse = find_facts(article, nlp(text))
    without = find_facts(article)
    assert [(f.text, f.kind, f.value) for f in with_parse] == [(f.text, f.kind, f.value) for f in without]
    assert all(text[f.start : f.end] == f.text for f in with_parse)


def test_a_verb_after_a_number_is_no_count_with_the_parse(nlp: Any) -> None:
    text = "Under the treaty, section 5 applies to both parties."
    article = Article(id="p", source="test", text=text)
    assert not [f for f in find_facts(article, nlp(text)) if f.kind == "count"]


def test_times_of_day_are_not_figures(nlp: Any) -> None:
    text = "The minister spoke to reporters at 5 p.m. on the steps."
    article = Article(id="p", source="test", text=text)
    assert [f.text for f in find_facts(article, nlp(text)) if f.kind in ("number", "count")] == []


def test_a_parse_of_another_text_is_ignored(nlp: Any) -> None:
    article = Article(id="p", source="test", text="Three soldiers crossed the river.")
    facts = find_facts(article, nlp("Something else entirely."))
    assert [(f.text, f.kind) for f in facts] == [("Three soldiers", "count")]

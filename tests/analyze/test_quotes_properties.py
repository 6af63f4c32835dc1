"""Property: every span that sentences, entities and quotes report lies inside the text and slices to the
reported text, whatever the input (quote marks of every kind, apostrophes, blank lines, headings)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framescope.analyze.entities import find_entities
from framescope.analyze.nlp import load_nlp
from framescope.analyze.quotes import find_quotes
from framescope.analyze.sentences import find_sentences
from framescope.models import Article, Heading

PIECES = [
    "Jane Smith", "Smith", "he", "she", "The minister", "Washington", "the US", "Moscow", "the Kremlin",
    "said", "told reporters", "says", "according to", "added", "warned", "saying:", "called for",
    "the plan", "was", "a good deal", "we're", "countries’", "Belarus’", "'90s", "rock 'n' roll",
    '"', "“", "”", "‘", "’", "'", "''", ",", ".", ":", "?", "—", "-", "(AFP)", "\n\n", "\n\n- 'Ready' -\n\n",
    "  ", "\t", "Ünïcödé", "100%", "2020",
]


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def build(parts: list[str]) -> Article:
    text = " ".join(parts)
    heads = []
    pos = text.find("- 'Ready' -")
    while pos >= 0:
        heads.append(Heading("- 'Ready' -", pos, pos + len("- 'Ready' -")))
        pos = text.find("- 'Ready' -", pos + 1)
    return Article(id="p", source="generated", text=text, headings=tuple(heads))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=0, max_size=40))
def test_spans_slice_to_reported_text(nlp, parts: list[str]) -> None:
    article = build(parts)
    text = article.text
    doc = nlp(text)
    for s in find_sentences(article, doc):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text == s.text.strip()
    entities = find_entities(article, doc)
    for e in entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.canonical
    ids = set()
    for q in find_quotes(article, doc, entities):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in ("full", "fragment", "scare")
        assert 0.0 <= q.confidence <= 1.0
        assert q.id not in ids
        ids.add(q.id)
        if q.speaker is None:
            assert q.confidence == 0.0
        if q.speaker_start is not None:
            assert q.speaker_end is not None
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
        if q.kind == "scare":
            assert q.speaker is None

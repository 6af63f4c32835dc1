"""Coverage of people and organisations per outlet, and one name per person across articles."""

from __future__ import annotations

import pytest

from framescope.compare.entities import NameResolver, coverage, resolver_for
from framescope.models import Analysis, Article, Entity, Quote


def make(aid: str, text: str, entities: list[tuple[str, str, str]], quotes: list[tuple[str, str | None, str]]) -> Analysis:
    ents = []
    for surface, label, canonical in entities:
        pos = text.find(surface)
        while pos >= 0:
            if not any(e.start <= pos < e.end for e in ents):  # "Sorel" inside "Lina Sorel" is one mention
                ents.append(Entity(surface, pos, pos + len(surface), label, canonical))
            pos = text.find(surface, pos + len(surface))
    qs = []
    for n, (qt, speaker, kind) in enumerate(quotes):
        pos = text.find(qt)
        assert pos >= 0
        qs.append(Quote(f"{aid}:q{n}", qt, pos, pos + len(qt), kind, speaker))
    return Analysis(Article(id=aid, source=f"{aid}.txt", text=text), entities=tuple(ents), quotes=tuple(qs))


A = make(
    "a",
    'Governor Lina Sorel met Harbor Council leaders in Velmora. "We will open the bridge in May," Sorel said. '
    '"It is too late and too expensive," said Piet Varo of the Harbor Council. Velmora says it wants "calm".',
    [("Lina Sorel", "PERSON", "Lina Sorel"), ("Sorel", "PERSON", "Lina Sorel"), ("Harbor Council", "ORG", "Harbor Council"),
     ("Velmora", "GPE", "Velmora"), ("Piet Varo", "PERSON", "Piet Varo")],
    [("We will open the bridge in May", "Lina Sorel", "full"), ("It is too late and too expensive", "Piet Varo", "full"),
     ("calm", "Velmora", "fragment")],
)
B = make(
    "b",
    'Sorel promised the bridge for May. "We will open the bridge in May and not a day later," Sorel told us. '
    'The city of Oslin was not mentioned, and nor was any "crisis".',
    [("Sorel", "PERSON", "Sorel"), ("Oslin", "GPE", "Oslin")],
    [("We will open the bridge in May and not a day later", "Sorel", "full"), ("crisis", None, "scare")],
)


def test_resolver_joins_short_names_to_full_ones() -> None:
    r = NameResolver(["Lina Sorel", "Sorel", "Governor Lina Sorel", "Lina Sorel", "Piet Varo"])
    assert r("Sorel") == "Lina Sorel"
    assert r("Governor Lina Sorel") == "Lina Sorel"
    assert r("Piet Varo") == "Piet Varo"
    assert r(None) is None
    assert r("Somebody Else") == "Somebody Else"


def test_resolver_leaves_ambiguous_names_apart() -> None:
    r = NameResolver(["John Smith", "Jane Smith", "Smith"])
    assert r("Smith") == "Smith"
    assert r("John Smith") == "John Smith" and r("Jane Smith") == "Jane Smith"


def test_resolver_ignores_case_and_accents() -> None:
    r = NameResolver(["Zoë Lind", "Zoe Lind", "Zoe Lind"])
    assert r("Zoë Lind") == r("Zoe Lind")


def test_coverage_counts_mentions_quotes_and_voice_share() -> None:
    cov = {c.entity: c for c in coverage([A, B], resolver_for([A, B]))}
    sorel = cov["Lina Sorel"]
    assert sorel.label == "PERSON"
    assert sorel.mentions == {"a": 2, "b": 2}
    assert sorel.quotes == {"a": 1, "b": 1}
    # a quotes 7 + 7 + 1 words: Sorel has 7 of 15; b's only speech quote is Sorel's (the scare quote is not speech).
    assert sorel.quoted_words_share == {"a": pytest.approx(7 / 15, abs=1e-4), "b": 1.0}
    assert cov["Piet Varo"].quotes == {"a": 1}
    assert cov["Harbor Council"].quotes == {} and cov["Harbor Council"].mentions == {"a": 2}


def test_places_count_only_when_they_speak() -> None:
    cov = {c.entity: c for c in coverage([A, B])}
    assert "Velmora" in cov and cov["Velmora"].label == "GPE" and cov["Velmora"].quotes == {"a": 1}
    assert "Oslin" not in cov


def test_most_quoted_first() -> None:
    cov = coverage([A, B])
    assert cov[0].entity == "Lina Sorel"


def test_empty() -> None:
    assert coverage([]) == ()

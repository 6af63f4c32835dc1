"""compare(story, analyses): the whole Comparison, on our own articles, plus the seeds' quote ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framescope.codec import from_dict, to_dict
from framescope.compare import compare, ordered
from framescope.models import Analysis, Article, Comparison, Entity, Quote, Sentence, Story

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def make(aid: str, paragraphs: list[tuple[str, str | None]], *, published: str | None = None,
         source: str | None = None) -> Analysis:
    """paragraphs: (sentence, quote inside it or None); the speaker of every quote is Ana Lind."""
    text, sents, quotes, ents = "", [], [], []
    for n, (sentence, quote) in enumerate(paragraphs):
        if text:
            text += "\n\n"
        start = len(text)
        text += sentence
        sents.append(Sentence(start, len(text), n, sentence))
        if quote:
            q = text.index(quote, start)
            quotes.append(Quote(f"{aid}:q{len(quotes)}", quote, q, q + len(quote), "full", "Ana Lind"))
        for name, label in (("Ana Lind", "PERSON"), ("Harbor Council", "ORG")):
            k = text.find(name, start)
            if k >= 0:
                ents.append(Entity(name, k, k + len(name), label, name))
    art = Article(id=aid, source=source or f"{aid}.txt", text=text, published=published, outlet=f"Outlet {aid}")
    return Analysis(art, tuple(sents), tuple(ents), tuple(quotes))


STORY_A = make("a1", [
    ('Mayor Ana Lind said "the harbour will stay open through the winter" at a Harbor Council meeting on Monday.',
     "the harbour will stay open through the winter"),
    ("The council approved 3 million euros for new cranes at the port.", None),
    ("Fishermen had asked for the harbour to close in December.", None),
], published="2024-03-04")
STORY_B = make("b1", [
    ('"The harbour will remain open through the winter," Ana Lind told the Harbor Council on Monday.',
     "The harbour will remain open through the winter"),
    ("New cranes for the port will cost 3 million euros, the council decided.", None),
], published="2024-03-05")


def story_of(*analyses: Analysis) -> tuple[Story, dict[str, Analysis]]:
    ids = tuple(an.article.id for an in analyses)
    return Story(id="s1", articles=ids, roles={a: "report" for a in ids}), {an.article.id: an for an in analyses}


def test_comparison_of_two_articles() -> None:
    story, analyses = story_of(STORY_B, STORY_A)  # story order is not comparison order
    comp = compare(story, analyses)
    assert isinstance(comp, Comparison)
    assert comp.story == "s1" and comp.articles == ("a1", "b1")  # by publication date
    assert [(m.quotes, m.relation) for m in comp.quote_matches] == [(("a1:q0", "b1:q0"), "altered")]
    assert [g.articles for g in comp.quote_groups] == [("a1", "b1")]
    shared = {(c.article, c.sentence): {(s.article, s.sentence) for s in c.shared_with} for c in comp.claims}
    assert shared[("a1", 1)] == {("b1", 1)}
    assert shared[("a1", 2)] == set()
    lind = next(c for c in comp.coverage if c.entity == "Ana Lind")
    assert lind.quotes == {"a1": 1, "b1": 1} and lind.quoted_words_share == {"a1": 1.0, "b1": 1.0}
    assert isinstance(comp.framing, dict)
    # how alike the two reports are: one pair, scored on 0..1 with the similarities behind it
    [pair] = comp.pairs
    assert pair.articles == ("b1", "a1") or pair.articles == ("a1", "b1")
    assert 0.0 < pair.similarity < 1.0 and pair.level in ("somewhat similar", "very similar")
    assert pair.signals["words"] > 0 and pair.signals["names"] > 0
    assert from_dict(Comparison, json.loads(json.dumps(to_dict(comp)))) == comp  # JSON round trip


def test_one_article() -> None:
    story, analyses = story_of(STORY_A)
    comp = compare(story, analyses)
    assert comp.articles == ("a1",)
    assert comp.quote_matches == () and comp.pairs == ()
    assert [g.quotes for g in comp.quote_groups] == [("a1:q0",)]
    assert len(comp.claims) == 3 and all(c.shared_with == () for c in comp.claims)


def test_story_members_missing_from_analyses_are_skipped() -> None:
    story = Story(id="s", articles=("a1", "gone"), roles={})
    comp = compare(story, {"a1": STORY_A, "zz": STORY_B})
    assert comp.articles == ("a1",)


def test_order_is_date_then_source() -> None:
    x = make("x", [("One sentence here for the test.", None)], source="b.txt")
    y = make("y", [("One sentence here for the test.", None)], source="a.txt")
    z = make("z", [("One sentence here for the test.", None)], published="2024-01-01", source="c.txt")
    story, analyses = story_of(x, y, z)
    assert [an.article.id for an in ordered(story, analyses)] == ["z", "y", "x"]


def test_fifty_articles() -> None:
    arts = []
    for k in range(50):
        wording = "will stay open" if k % 2 else "will remain open"
        arts.append(make(f"n{k:02d}", [
            (f'Ana Lind said "the harbour {wording} through the winter" on Monday.', f"the harbour {wording} through the winter"),
            ("The council approved 3 million euros for new cranes at the port.", None),
            (f"Shop number {k} on the quay stayed closed all day.", None),
        ]))
    story, analyses = story_of(*arts)
    comp = compare(story, analyses)
    assert len(comp.articles) == 50
    assert len(comp.quote_groups) == 1 and len(comp.quote_groups[0].articles) == 50
    assert {m.relation for m in comp.quote_matches} == {"exact", "altered"}
    assert len(comp.quote_matches) < 100
    cranes = [c for c in comp.claims if c.sentence == 1]
    assert all(len(c.shared_with) == 49 for c in cranes)


# --------------------------------------------------------------------------- seeds: the quote ledger


def _seed_analyses() -> dict[str, Analysis]:
    if not (SEEDS / "gold.json").exists():
        pytest.skip(f"../shared/seeds not found: {SEEDS}")
    gold = json.loads((SEEDS / "gold.json").read_text())
    out = {}
    for name, g in gold["articles"].items():
        text = (SEEDS / "articles" / name).read_text()
        quotes, pos = [], 0
        for n, gq in enumerate(g["quotes"]):
            k = text.find(gq["text"], pos)
            k = k if k >= 0 else text.find(gq["text"])
            if k >= 0:
                pos = k + 1
                quotes.append(Quote(f"{name[:3]}:q{n}", gq["text"], k, k + len(gq["text"]), gq["kind"], gq["speaker"]))
        out[name] = Analysis(Article(id=name[:3], source=name, text=text, outlet=name[:3]),
                             quotes=tuple(sorted(quotes, key=lambda q: q.start)))
    return out


@pytest.mark.seeds
def test_seed_quote_ledger() -> None:
    """Quotes as gold.json gives them: the five gold matches come out with the right relations."""
    by_name = _seed_analyses()
    gold = json.loads((SEEDS / "gold.json").read_text())
    ids = {an.article.id: an for an in by_name.values()}
    comp = compare(Story(id="seeds", articles=tuple(sorted(ids, reverse=True)), roles={}), ids)
    text = {q.id: q.text for an in ids.values() for q in an.quotes}
    want = {"exact": "exact", "equivalent": "equivalent", "equivalent, b extends a": "extended", "altered": "altered"}
    for gm in gold["quote_matches"]:
        rel = [m.relation for m in comp.quote_matches
               if text[m.quotes[0]].rstrip(".") == gm["a"].rstrip(".") and text[m.quotes[1]].rstrip(".") == gm["b"].rstrip(".")]
        assert want[gm["relation"]] in rel, gm
    only = gold["only_in_b_quote_sentence"]
    assert any(f"'{only}'" in m.note for m in comp.quote_matches)


def test_empty_story() -> None:
    comp = compare(Story(id="e", articles=(), roles={}), {})
    assert comp.articles == () and comp.quote_matches == () and comp.claims == () and comp.coverage == ()

"""Genre on small articles we wrote: a wire report, an op-ed, a press release, and a tiny text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from framescope.analyze.framing import find_framing
from framescope.analyze.genre import classify_genre
from framescope.analyze.nlp import load_nlp
from framescope.models import Article, Genre, Quote

WIRE = (
    "Velmora (Harbor Wire) - Transport minister Ilsa Varkon on Tuesday opened a new rail bridge over the Sel river, "
    "ending eleven years of construction.\n\n"
    "\"This bridge joins two halves of our country,\" Varkon told a crowd of about 3,000 people.\n\n"
    "Engineers said the bridge would carry 140 trains a day once signalling work is finished in the spring, "
    "according to the rail operator.\n\n"
    "\"We expect the first freight trains in April,\" operator spokesman Tomas Rell said.\n\n"
    "Opposition deputies said the cost overruns, which they put at 35 percent of the budget, should be "
    "investigated. \"The public deserves an account of every cent,\" deputy Mara Olst said.\n\n"
    "The ministry said an audit was already under way and would be published in June."
)
OPED = (
    "I have lived by the Sel river all my life, and I have never seen a bigger waste of public money than this "
    "so-called bridge of the future.\n\n"
    "Why should you, the taxpayer, foot the bill for a minister's vanity project? The answer is simple: you "
    "shouldn't. We were promised a modern railway; we got a shameful monument to arrogance.\n\n"
    "Everyone knows the cost overruns were hidden from us. The cronies who signed these contracts must answer "
    "for them. Our town is on the brink of bankruptcy, and nobody in the capital cares.\n\n"
    "Enough is enough! We must demand an audit before it's too late."
)
RELEASE = (
    "FOR IMMEDIATE RELEASE\n\n"
    "Lantern Rail Systems announces new signalling platform for regional lines\n\n"
    "Velmora, March 3 - Lantern Rail Systems (NASDAQ: LRSY), a provider of signalling technology, today "
    "announced SignalOne, a platform that lets regional operators run more trains on existing track.\n\n"
    "\"SignalOne brings the capacity of a main line to every branch line,\" said Ana Petrel, chief executive of "
    "Lantern Rail Systems.\n\n"
    "The platform will be available to operators from the third quarter.\n\n"
    "About Lantern Rail Systems\n\n"
    "Lantern Rail Systems builds signalling and control software for rail operators in twelve countries.\n\n"
    "Media contact: press@lantern.example, +1 555 0100\n\n"
    "###"
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def quotes_in(text: str) -> tuple[Quote, ...]:
    return tuple(Quote(id=f"g:q{i}", text=m.group(1), start=m.start(1), end=m.end(1), kind="full")
                 for i, m in enumerate(re.finditer(r'"([^"]+)"', text)))


def genre_of(nlp, text: str, title: str | None = None) -> Genre:
    art = Article(id="g", source="test", text=text, title=title)
    doc = nlp(text)
    qs = quotes_in(text)
    return classify_genre(art, doc, qs, find_framing(art, doc, qs, ()))


def test_wire_report(nlp):
    g = genre_of(nlp, WIRE, title="Minister opens Sel rail bridge after eleven years")
    assert g.label == "report"
    assert any("dateline" in s for s in g.signals)
    assert any("reported speech" in s or "attribution" in s for s in g.signals)
    assert 0 < g.confidence <= 1


def test_op_ed(nlp):
    g = genre_of(nlp, OPED, title="Why should we pay for the minister's bridge?")
    assert g.label == "opinion"
    assert any("first person" in s for s in g.signals)
    assert any("question" in s for s in g.signals)


def test_labelled_opinion(nlp):
    g = genre_of(nlp, "Opinion: " + WIRE.split("\n\n", 1)[1])
    assert g.label == "opinion"
    assert any("labelled" in s for s in g.signals)


def test_press_release(nlp):
    g = genre_of(nlp, RELEASE)
    assert g.label == "press_release"
    markers = " ".join(g.signals)
    assert "FOR IMMEDIATE RELEASE" in markers and "About <Company>" in markers and "media contact" in markers


@pytest.mark.parametrize("text", ["", "Short note.", "One two three four five."])
def test_tiny_articles(nlp, text):
    g = genre_of(nlp, text)
    assert g.label == "report" and g.confidence < 0.5 and g.signals


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_demo_corpus_genres():
    """Every document of the project's demo corpus (examples/, fictional, ours) gets the genre its answers
    file gives, through the real ingest, clean and analysis stages."""
    answers = EXAMPLES / "answers.json"
    if not answers.exists():
        pytest.skip(f"demo corpus not found: {answers}")
    from framescope.analyze import analyze_many
    from framescope.pipeline import load_articles

    docs = json.loads(answers.read_text())["documents"]
    sources = sorted({str(EXAMPLES / ref.split("#")[0]) for ref in docs})
    got: dict[str, str] = {}
    for an in analyze_many(load_articles(sources)):
        src = Path(an.article.source.split("#")[0]).resolve()
        ref = str(src.relative_to(EXAMPLES.resolve()))
        if "#" in an.article.source:
            ref += "#" + an.article.source.split("#")[1]
        assert an.genre is not None
        got[ref] = an.genre.label
    wrong = {ref: (d["genre"], got.get(ref)) for ref, d in docs.items() if got.get(ref) != d["genre"]}
    assert not wrong, wrong

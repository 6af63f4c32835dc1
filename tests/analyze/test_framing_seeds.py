"""The two seed articles (read from ../shared/seeds, never copied): genre, loaded-language contrast, scare
quotes, the question headline, the appeal to fear, the association and the attributed label."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from framescope.analyze.framing import find_framing
from framescope.analyze.genre import classify_genre
from framescope.analyze.nlp import load_nlp

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
pytestmark = pytest.mark.seeds

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


@pytest.fixture(scope="module")
def seeds():
    if not (SEEDS / "gold.json").exists():
        pytest.skip(f"../shared/seeds not found: {SEEDS}")
    from framing import seed_articles  # bench/framing.py: body lines by the gold, quotes by quote marks

    nlp = load_nlp()
    out = {}
    for art, quotes in seed_articles(SEEDS):
        doc = nlp(art.text)
        fr = find_framing(art, doc, quotes, ())
        out[art.id[:3]] = (art, fr, classify_genre(art, doc, quotes, fr))
    return out


def loaded_rate(art, fr) -> float:
    n = sum("load" in s.category or "load" in (s.technique or "").lower() for s in fr.spans)
    return 1000 * n / len(art.text.split())


def overlapping(art, fr, opening: str, words: tuple[str, ...]):
    i = art.text.find(opening)
    assert i >= 0
    return [s for s in fr.spans if s.field == "text" and s.start < i + 200 and s.end > i
            and any(w in f"{s.technique} {s.category}".lower() for w in words)]


def test_genres(seeds):
    assert seeds["000"][2].label == "report"
    assert seeds["004"][2].label in {"opinion", "analysis"}


def test_loaded_language_contrast(seeds):
    afp, sf = seeds["000"], seeds["004"]
    assert loaded_rate(sf[0], sf[1]) >= 2 * loaded_rate(afp[0], afp[1]) > 0
    assert sf[1].rates["loaded"] >= 2 * afp[1].rates["loaded"]


def test_scare_quotes_and_headline(seeds):
    _, fr, _ = seeds["004"]
    scare = {s.text.strip("‘’'") for s in fr.spans if s.category == "scare_quote"}
    assert {"authoritarian regimes", "European partners"} <= scare
    assert [s for s in fr.spans if s.category == "question_headline" and s.field == "title"]


def test_fear_and_association(seeds):
    art, fr, _ = seeds["004"]
    assert overlapping(art, fr, "The Lukashenko government is putting itself", ("fear",))
    assert overlapping(art, fr, "Muammar al-Gaddafi", ("hitler", "associat", "reductio"))


def test_afp_labels(seeds):
    _, fr, _ = seeds["000"]
    strong = [s for s in fr.spans if "strongman" in s.text]
    assert strong and strong[0].category in {"label", "loaded_language"}
    last = [s for s in fr.spans if "last dictatorship" in s.text]
    assert last and last[0].voice == "attributed"

"""The seed articles against ../shared/seeds/gold.json: every full quotation with its speaker, fragments,
scare quotes, and the people named in each article (third-party text, read from ../shared, never copied)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from framescope.analyze.entities import find_entities
from framescope.analyze.nlp import load_nlp
from framescope.analyze.quotes import find_quotes
from framescope.analyze.sentences import find_sentences
from framescope.models import Article, Document, Heading, Quote

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def gold() -> dict:
    if not (SEEDS / "gold.json").exists():
        pytest.skip(f"../shared/seeds not found: {SEEDS.resolve()}")
    return json.loads((SEEDS / "gold.json").read_text("utf-8"))


def minimal_clean(name: str, raw: str) -> Article:
    """Used only when the clean stage is unavailable: long sentence-like lines, no repeats, crossheads."""
    lines = [ln.strip() for ln in raw.splitlines()]
    counts: dict[str, int] = defaultdict(int)
    for ln in lines:
        counts[ln] += 1
    text, heads = "", []
    for ln in lines:
        crosshead = bool(re.fullmatch(r"-\s.+\s-", ln))
        if crosshead or (len(ln.split()) >= 8 and ln[-1:] in ".!?\"”’'" and counts[ln] == 1):
            text += "\n\n" if text else ""
            if crosshead:
                heads.append(Heading(ln, len(text), len(text) + len(ln)))
            text += ln
    return Article(id=name[:3], source=name, text=text, headings=tuple(heads))


def seed_article(name: str) -> Article:
    raw = (SEEDS / "articles" / name).read_text("utf-8")
    try:
        from framescope.clean import clean

        article = clean(Document(source=str(SEEDS / "articles" / name), content=raw, format="text"))
        if isinstance(article, Article) and article.text:
            return article
    except Exception:  # the clean stage is written in parallel; fall back to a local cleaning
        pass
    return minimal_clean(name, raw)


@pytest.fixture(scope="module")
def analysed(gold: dict) -> dict[str, tuple[Article, tuple[Quote, ...], tuple]]:
    nlp = load_nlp()
    out = {}
    for name in gold["articles"]:
        a = seed_article(name)
        doc = nlp(a.text)
        ents = find_entities(a, doc)
        out[name] = (a, find_quotes(a, doc, ents), ents, find_sentences(a, doc))
    return out


def key(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[^\w%]+", " ", s.casefold()).strip()


def match(gq: dict, preds: list[Quote]) -> Quote | None:
    g = key(gq["text"])
    best = None
    for q in preds:
        p = key(q.text)
        if p == g:
            return q
        if g and p and (g in p or p in g) and min(len(g), len(p)) / max(len(g), len(p)) >= 0.8:
            best = q
    return best


def speaker_ok(pred: str | None, gold_name: str | None, aliases: dict) -> bool:
    if gold_name is None:
        return pred is None
    if pred is None:
        return False
    names = [gold_name, *aliases.get(gold_name, [])]
    return any(key(n) == key(pred) or key(n).split()[-1] == key(pred).split()[-1] for n in names)


def test_every_gold_quote_is_found_with_its_speaker_and_kind(gold: dict, analysed: dict) -> None:
    problems = []
    fragments = fragments_found = 0
    for name, g in gold["articles"].items():
        left = list(analysed[name][1])
        for gq in g["quotes"]:
            q = match(gq, left)
            fragments += gq["kind"] == "fragment"
            if q is None:
                if gq["kind"] != "fragment":
                    problems.append(f"{name}: missing {gq['kind']} {gq['text']!r}")
                continue
            left.remove(q)
            fragments_found += gq["kind"] == "fragment"
            if gq["kind"] == "scare":
                if q.kind != "scare" or q.speaker is not None:
                    problems.append(f"{name}: {gq['text']!r} should be a scare quote, got {q.kind}/{q.speaker}")
                continue
            right = speaker_ok(q.speaker, gq["speaker"], gold["speaker_aliases"]) or (
                gq["speaker"] == "United States" and q.speaker is None)
            if not right:
                problems.append(f"{name}: {gq['text']!r} speaker {q.speaker!r}, gold {gq['speaker']!r}")
            if gq["kind"] == "full" and q.kind != "full":
                problems.append(f"{name}: {gq['text']!r} kind {q.kind}, gold full")
    assert not problems, "\n".join(problems)
    assert fragments_found >= 0.9 * fragments


def test_uncertain_attributions_say_so(gold: dict, analysed: dict) -> None:
    for _, quotes, _, _ in analysed.values():
        for q in quotes:
            if q.speaker is None:
                assert q.confidence == 0.0
            else:
                assert 0.0 < q.confidence <= 0.9


def test_gold_people_are_entities_with_canonical_names(gold: dict, analysed: dict) -> None:
    for name, g in gold["articles"].items():
        canon = {key(e.canonical) for e in analysed[name][2] if e.label == "PERSON"}
        missing = [p for p in g["persons"] if key(p) not in canon]
        assert len(missing) <= 1, f"{name}: people not found as canonical names: {missing}"


def test_sentences_cover_every_quote(analysed: dict) -> None:
    for article, quotes, _, sentences in analysed.values():
        for q in quotes:
            assert any(s.start <= q.start < s.end for s in sentences), q.text
        for s in sentences:
            assert article.text[s.start : s.end] == s.text

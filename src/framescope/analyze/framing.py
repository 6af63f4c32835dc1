"""Framing signals on spans: loaded language, labels, scare quotes, hedges, technique cues.

`find_framing` gathers cues from three sources — our lexicons (`data/framing/*.json`, matched on surface form
and lemma), rules over the spaCy parse (`framing_rules`), and VADER's valence as a gate for emotive words
the lexicons miss — then decides whose voice each span is in (`framing_voice`) and computes per-1,000-word
rates over the author's voice only. Technique names follow SemEval-2020 Task 11 so results are comparable.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from framescope.analyze import framing_rules as rules
from framescope.analyze.framing_voice import Voices
from framescope.analyze.lexicon import term_matcher
from framescope.models import Article, Entity, Framing, FramingSpan, Quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Categories whose wording itself carries the author's evaluation; their sum is rates["loaded"].
LOADED_CATEGORIES = frozenset({"loaded_language", "label", "loaded_metaphor", "scare_quote"})
CATEGORIES = (
    "loaded_language", "label", "loaded_metaphor", "scare_quote", "question_headline", "hedge", "intensifier",
    "exaggeration", "appeal_to_fear", "flag_waving", "doubt", "association", "causal_oversimplification",
    "slogan", "thought_terminating_cliche", "black_and_white", "bandwagon", "appeal_to_authority", "whataboutism",
)
# |VADER valence| at or above which an unlisted adjective/adverb/verb counts as emotive (tuned on the first
# half of the PTC training articles; see bench/framing.py).
EMOTIVE_THRESHOLD = 2.0
MIN_CONFIDENCE = 0.3


def find_framing(article: Article, doc: Doc, quotes: tuple[Quote, ...], entities: tuple[Entity, ...]) -> Framing:
    text = article.text
    if not text.strip() or len(doc) == 0:
        spans = _title_spans(article)
        return Framing(spans=spans, rates=rates_for(spans, 0))
    cues = rules.scare_quote_cues(text, quotes)
    if is_english(article):  # the lexicons, the sentiment gate and the phrase rules are English
        nlp = _nlp_of(doc)
        hits = term_matcher(nlp)(doc)
        cues += rules.lexicon_cues(doc, hits)
        covered = {i for h in hits for i in range(h.start, h.end)}
        cues += rules.emotive_cues(doc, covered, EMOTIVE_THRESHOLD)
        cues += rules.rhetorical_question_cues(doc)
        cues += rules.slogan_cues(doc)
        cues += rules.enumeration_cues(doc, entities)
        cues += rules.aside_cues(doc)

    voices = Voices(doc, quotes)
    scare_ranges = [(c.start, c.end) for c in cues if c.category == "scare_quote"]
    out: list[FramingSpan] = []
    for cue in _dedupe(cues):
        if cue.confidence < MIN_CONFIDENCE:
            continue
        inside_scare = any(s <= cue.start and cue.end <= e for s, e in scare_ranges)
        voice = "author" if cue.category == "scare_quote" or inside_scare else voices.voice(cue.start, cue.end)
        if voice == "quoted" and cue.source in {"question", "exclamation"}:
            continue  # a question or exclamation inside a quotation is the speaker's sentence form, not a cue
        if voice == "quoted" and cue.source == "sentiment":
            continue  # the sentiment gate is about the outlet's wording; speakers may be as warm as they like
        out.append(FramingSpan(text=text[cue.start:cue.end], start=cue.start, end=cue.end, category=cue.category,
                               technique=cue.technique, reason=cue.reason, confidence=round(cue.confidence, 2),
                               voice=voice, field="text"))
    spans = tuple(sorted(out, key=lambda s: (s.start, s.end, s.category))) + _title_spans(article)
    return Framing(spans=spans, rates=rates_for(spans, len(text.split())))


def is_english(article: Article) -> bool:
    """Unknown language is treated as English (the project's default model is English)."""
    return not article.language or article.language.lower().startswith("en")


def _title_spans(article: Article) -> tuple[FramingSpan, ...]:
    title = article.title
    if not title or not title.strip():
        return ()
    tdoc = None
    if title.rstrip().endswith("?") and is_english(article):
        from framescope.analyze.nlp import load_nlp

        tdoc = load_nlp()(title)
    return tuple(
        FramingSpan(text=title[c.start:c.end], start=c.start, end=c.end, category=c.category, technique=c.technique,
                    reason=c.reason, confidence=c.confidence, voice="author", field="title")
        for c in rules.question_headline(title, tdoc)
    )


def _nlp_of(doc: Doc) -> Language:
    """The project's pipeline (the lexicon matcher is compiled against its vocabulary); `doc` must come from it."""
    from framescope.analyze.nlp import load_nlp

    nlp = load_nlp()
    if doc.vocab is not nlp.vocab:
        raise ValueError("find_framing needs a Doc parsed by framescope.analyze.nlp (same vocabulary)")
    return nlp


def _dedupe(cues: list[rules.Cue]) -> list[rules.Cue]:
    """One span per (category, range); within a category a span inside a longer one is dropped."""
    best: dict[tuple[str, int, int], rules.Cue] = {}
    for c in cues:
        key = (c.category, c.start, c.end)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    by_cat: dict[str, list[rules.Cue]] = {}
    for c in best.values():
        by_cat.setdefault(c.category, []).append(c)
    out = []
    for group in by_cat.values():
        group.sort(key=lambda c: (c.start, -(c.end - c.start)))
        kept: list[rules.Cue] = []
        for c in group:
            if kept and c.start < kept[-1].end:  # overlapping cues of one category are one span
                prev = kept[-1]
                if c.end > prev.end:
                    kept[-1] = replace(prev, end=c.end, confidence=max(prev.confidence, c.confidence))
                continue
            kept.append(c)
        out.extend(kept)
    # a loaded word inside a label or scare quote says the same thing twice; so does a label in scare quotes
    wider = [(c.start, c.end, c.category) for c in out if c.category in {"label", "scare_quote"}]

    def redundant(c: rules.Cue) -> bool:
        if c.category == "loaded_language":
            return any(s <= c.start and c.end <= e for s, e, _ in wider)
        if c.category == "label":
            return any(cat == "scare_quote" and c.start < e and s < c.end for s, e, cat in wider)
        return False

    return [c for c in out if not redundant(c)]


def rates_for(spans: tuple[FramingSpan, ...], words: int) -> dict[str, float]:
    """Spans per 1,000 words of body, author's voice only (title spans count against the body's length).
    "loaded" sums the categories whose wording carries evaluation; "all" counts every author span."""
    counts = Counter(s.category for s in spans if s.voice == "author")
    rates = {c: 0.0 for c in CATEGORIES}
    rates["loaded"] = 0.0
    rates["all"] = 0.0
    if words <= 0:
        return rates
    per = 1000.0 / words
    for cat, n in counts.items():
        rates[cat] = round(n * per, 2)
    rates["loaded"] = round(sum(n for c, n in counts.items() if c in LOADED_CATEGORIES) * per, 2)
    rates["all"] = round(sum(counts.values()) * per, 2)
    return rates

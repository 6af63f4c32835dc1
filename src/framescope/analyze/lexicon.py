"""The framing lexicons in `framescope/data/framing/*.json`, compiled once into spaCy phrase matchers.

Each lexicon file names a category, a SemEval-2020 Task 11 technique (or null), a one-line reason and a base
confidence, and lists terms. A term is a word or phrase; a single word may carry a part-of-speech constraint
("rape/VERB", "may/AUX"). Terms match on the lower-cased surface form and on the lemma, so one entry covers
its inflections ("surrender" matches "surrendering", "national interest" matches "national interests").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

# Lexicons applied by the term matcher; `factual` is a stop list for the sentiment gate, not a lexicon.
LEXICONS = (
    "loaded", "labels", "metaphors", "fear", "hedges", "intensifiers", "exaggeration", "flag_waving", "doubt",
    "cliches", "causal", "black_white", "bandwagon", "authority", "whataboutism", "hated_figures",
)


@dataclass(frozen=True)
class Lexicon:
    name: str
    category: str
    technique: str | None
    reason: str
    confidence: float
    terms: tuple[str, ...]


@dataclass(frozen=True)
class TermHit:
    lexicon: Lexicon
    term: str
    start: int  # token indices into the Doc, end exclusive
    end: int


def _read(name: str) -> dict[str, object]:
    text = resources.files("framescope.data").joinpath("framing", f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


@cache
def lexicons() -> tuple[Lexicon, ...]:
    out = []
    for name in LEXICONS:
        d = _read(name)
        terms = d["terms"]
        assert isinstance(terms, list)
        technique = d.get("technique")
        out.append(Lexicon(
            name=name,
            category=str(d["category"]),
            technique=str(technique) if technique else None,
            reason=str(d["reason"]),
            confidence=float(str(d.get("confidence", 0.5))),
            terms=tuple(str(t).lower() for t in terms),
        ))
    return tuple(out)


@cache
def factual_words() -> frozenset[str]:
    terms = _read("factual")["terms"]
    assert isinstance(terms, list)
    return frozenset(str(t).lower() for t in terms)


def _split(term: str) -> tuple[str, str | None]:
    """'rape/VERB' -> ('rape', 'VERB'); a slash inside a phrase is not a constraint."""
    word, sep, pos = term.rpartition("/")
    if sep and " " not in term and pos.isupper():
        return word, pos
    return term, None


class TermMatcher:
    """All lexicons in two PhraseMatchers (surface and lemma); match ids map back to (lexicon, term)."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.lower: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.keys: dict[int, tuple[Lexicon, str, str | None]] = {}
        entries: list[tuple[str, Lexicon, str, str | None]] = []
        for lex in lexicons():
            for term in lex.terms:
                word, pos = _split(term)
                key = f"{lex.name}:{term}"
                self.keys[nlp.vocab.strings.add(key)] = (lex, word, pos)
                entries.append((key, lex, word, pos))
        words = [e[2] for e in entries]
        # The lemma patterns need the tagger and lemmatizer; parsing is not needed.
        disable = [p for p in ("parser", "ner") if p in nlp.pipe_names]
        lemma_docs = list(nlp.pipe(words, disable=disable))
        for (key, _lex, word, _pos), ldoc in zip(entries, lemma_docs, strict=True):
            self.lower.add(key, [nlp.make_doc(word)])
            self.lemma.add(key, [ldoc])

    def __call__(self, doc: Doc) -> list[TermHit]:
        seen: set[tuple[int, int, int]] = set()
        hits: list[TermHit] = []
        for matcher in (self.lower, self.lemma):
            for match_id, start, end in matcher(doc):
                if (match_id, start, end) in seen:
                    continue
                seen.add((match_id, start, end))
                lex, word, pos = self.keys[match_id]
                if pos and (end - start != 1 or doc[start].pos_ != pos):
                    continue
                hits.append(TermHit(lex, word, start, end))
        return hits


@cache
def term_matcher(nlp: Language) -> TermMatcher:
    return TermMatcher(nlp)


def sentiment_lexicon() -> dict[str, float]:
    """VADER's word valences (-4 .. +4), used as a gate for emotive words that our lexicons do not list."""
    analyzer = _vader()
    lexicon: dict[str, float] = analyzer.lexicon
    return lexicon


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_sentiment(text: str) -> float:
    """VADER compound score of a sentence, -1 .. +1."""
    return float(_vader().polarity_scores(text)["compound"])

"""Framing cues found from the parse rather than from word lists: scare quotes, question headlines,
rhetorical questions, slogans, association with a row of named figures, and the sentiment gate that catches
emotive words our lexicons do not list. Each rule returns `Cue`s (character spans, not yet voiced).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framescope.analyze.lexicon import TermHit, factual_words, sentiment_lexicon
from framescope.analyze.nlp import text_of
from framescope.models import Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LOADED = "Loaded_Language"
LABEL = "Name_Calling,Labeling"


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    category: str
    technique: str | None
    reason: str
    confidence: float
    field: str = "text"
    source: str = "lexicon"  # which rule found it: lexicon | sentiment | question | exclamation | hashtag |
    #                          quotes | names | aside


# ----------------------------------------------------------------------------- lexicon hits -> cues

def _chunk_for(doc: Doc, start: int, end: int, chunks: dict[int, Span]) -> tuple[int, int]:
    """Widen a label to the noun phrase it heads ("last dictatorship" -> "the continent's last dictatorship"),
    without determiners, so the span shows what the label is applied to."""
    chunk = chunks.get(end - 1)
    if chunk is not None and not any(t.is_quote for t in chunk):
        first = chunk.start
        while first < chunk.end and doc[first].pos_ in {"DET", "PRON"} and doc[first].dep_ != "poss":
            first += 1
        first = min(first, start)
        return first, max(end, chunk.end)
    return start, end


def _with_head(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A charged modifier is read with what it modifies ("venomous attack", "extremely dangerous"): annotators
    and readers take the phrase, not the lone word."""
    if end - start != 1:
        return start, end
    tok = doc[start]
    head = tok.head
    if tok.dep_ in {"amod", "advmod"} and head.i > tok.i and head.i - tok.i <= 3 and head.pos_ in {
            "NOUN", "ADJ", "VERB", "PROPN"} and not any(t.is_punct for t in doc[tok.i + 1:head.i]):
        return start, head.i + 1
    return start, end


COMPARE_CUES = frozenset({
    "like", "as", "compare", "reminiscent", "echo", "resemble", "similar", "same", "style", "new", "next",
    "path", "footstep", "fate", "modern", "latter", "heir", "copy", "emulate", "worthy",
})


def lexicon_cues(doc: Doc, hits: list[TermHit]) -> list[Cue]:
    out: list[Cue] = []
    chunks = {c.root.i: c for c in doc.noun_chunks} if any(h.lexicon.category == "label" for h in hits) else {}
    for hit in hits:
        lex = hit.lexicon
        start, end = hit.start, hit.end
        reason = f"{lex.reason}: “{doc[start:end].text}”"
        conf = lex.confidence
        if lex.category == "label":
            start, end = _chunk_for(doc, start, end, chunks)
            # a proper-noun compound ("Regime Change Act") is a name, not a label
            if doc[hit.start].pos_ == "PROPN" and doc[hit.start].ent_type_ in {"ORG", "WORK_OF_ART", "LAW"}:
                continue
        elif lex.category == "association":
            sent = doc[hit.start].sent
            lemmas = {t.lemma_.lower() for t in sent}
            if not lemmas & COMPARE_CUES and not _other_people(sent, hit):
                continue  # history told plainly is not an association
            reason = f"{lex.reason}: “{doc[start:end].text}” invoked in a comparison"
        elif lex.category in {"loaded_language", "intensifier", "exaggeration"}:
            start, end = _with_head(doc, start, end)
        elif lex.category == "hedge" and doc[start].lower_ in {"could", "may", "might"}:
            conf = 0.35  # modals are often plain possibility; keep them but weakly
        out.append(Cue(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), lex.category, lex.technique,
                       reason, conf))
    return out


def _other_people(sent: Span, hit: TermHit) -> bool:
    return any(e.label_ == "PERSON" and not (hit.start <= e.start < hit.end) for e in sent.ents)


# ----------------------------------------------------------------------------- sentiment gate

EMOTIVE_POS = frozenset({"ADJ", "ADV", "VERB"})
# Praise words ("improved", "strong") are the ordinary vocabulary of official statements; a positive word must
# be this much stronger than a negative one before it reads as the author's emotive choice.
POSITIVE_EXTRA = 1.0


def emotive_cues(doc: Doc, covered: set[int], threshold: float) -> list[Cue]:
    """Adjectives, adverbs and verbs with a strong VADER valence that no lexicon listed, minus the plain
    vocabulary of news events (factual.json)."""
    valence = sentiment_lexicon()
    stop = factual_words()
    out: list[Cue] = []
    for tok in doc:
        if tok.i in covered or tok.pos_ not in EMOTIVE_POS or not tok.is_alpha:
            continue
        low, lemma = tok.lower_, tok.lemma_.lower()
        if low in stop or lemma in stop:
            continue
        v = valence.get(low, valence.get(lemma))
        if v is None or abs(v) < threshold or (v > 0 and v < threshold + POSITIVE_EXTRA):
            continue
        tone = "negative" if v < 0 else "positive"
        _, e = _with_head(doc, tok.i, tok.i + 1)
        out.append(Cue(tok.idx, doc[e - 1].idx + len(doc[e - 1].text), "loaded_language", LOADED,
                       f"strongly {tone} word (sentiment {v:+.1f}) used to describe: “{tok.text}”",
                       min(0.75, 0.2 + abs(v) / 8), source="sentiment"))
    return out


# ----------------------------------------------------------------------------- quotes, questions, slogans

def scare_quote_cues(text: str, quotes: tuple[Quote, ...]) -> list[Cue]:
    out = []
    for q in quotes:
        if q.kind != "scare":
            continue
        start = q.start - 1 if q.start > 0 and text[q.start - 1] in "'‘\"“«" else q.start
        end = q.end + 1 if q.end < len(text) and text[q.end] in "'’\"”»" else q.end
        words = q.text.split()
        technique = LABEL if words and not any(w.lower() in {"is", "are", "was", "were"} for w in words) else "Doubt"
        out.append(Cue(start, end, "scare_quote", technique,
                       f"scare quotes: the author distances itself from the words “{q.text.strip()}” without "
                       "quoting anyone", 0.75, source="quotes"))
    return out


def question_headline(title: str | None, tdoc: Doc | None) -> list[Cue]:
    if not title or not title.rstrip().endswith("?"):
        return []
    end = len(title.rstrip())
    start = len(title) - len(title.lstrip())
    reason = "headline posed as a question: it insinuates a claim without asserting it"
    if tdoc is not None and len(tdoc):
        first = tdoc[0]
        if first.pos_ == "AUX" or first.lower_ in {"is", "are", "was", "will", "can", "could", "should", "does",
                                                    "did", "has", "have"}:
            reason = "yes/no question headline: it insinuates a claim without asserting it"
        people = [e.text for e in tdoc.ents if e.label_ == "PERSON"]
        if len(people) >= 2 and {t.lemma_.lower() for t in tdoc} & COMPARE_CUES:
            reason += f"; it holds its subject up against {people[-1]}"
    return [Cue(start, end, "question_headline", "Doubt", reason, 0.7, field="title", source="question")]


def rhetorical_question_cues(doc: Doc) -> list[Cue]:
    out = []
    for sent in doc.sents:
        text = sent.text.rstrip()
        if not text.endswith("?") or len(sent) < 4:
            continue
        out.append(Cue(sent.start_char, sent.start_char + len(text), "doubt", "Doubt",
                       "question in the author's text: it raises doubt rather than stating a fact", 0.45,
                       source="question"))
    return out


HASHTAG = re.compile(r"(?<!\w)#\w{3,}")


def slogan_cues(doc: Doc) -> list[Cue]:
    out = []
    for sent in doc.sents:
        text = sent.text.rstrip()
        words = [t for t in sent if t.is_alpha]
        if text.endswith("!") and 1 <= len(words) <= 8:
            out.append(Cue(sent.start_char, sent.start_char + len(text), "slogan", "Slogans",
                           "short exclamation: a slogan-like rallying line", 0.5, source="exclamation"))
    for m in HASHTAG.finditer(text_of(doc)):
        out.append(Cue(m.start(), m.end(), "slogan", "Slogans", "hashtag used as a rallying slogan", 0.4,
                       source="hashtag"))
    return out


# ----------------------------------------------------------------------------- association by enumeration

PRECEDENT_CUES = frozenset({"also", "too", "likewise", "similarly", "same", "like", "before", "fate", "end",
                            "path", "footstep", "lesson", "example", "similar", "thought", "believe"})


def enumeration_cues(doc: Doc, entities: tuple[Entity, ...]) -> list[Cue]:
    """Several named people listed together as precedents ("A (Country), B (Country), C (Country) also
    thought ..."): the author sets the subject beside them, an association by comparison."""
    people = sorted({(e.start, e.end) for e in entities if e.label == "PERSON"}
                    | {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"})
    out = []
    for sent in doc.sents:
        inside = [(s, e) for s, e in people if sent.start_char <= s and e <= sent.end_char]
        if len(inside) < 3:
            continue
        lemmas = {t.lemma_.lower() for t in sent}
        cue = lemmas & PRECEDENT_CUES
        if not cue:
            continue
        start, end = inside[0][0], inside[-1][1]
        # include the parenthesized country that follows the last name, if any
        tail = re.match(r"\s*\([^()]{1,40}\)", text_of(doc)[end:sent.end_char])
        if tail:
            end += tail.end()
        names = ", ".join(text_of(doc)[s:e] for s, e in inside[:4])
        out.append(Cue(start, end, "association", "Bandwagon,Reductio_ad_hitlerum",
                       f"sets the subject beside a row of named figures as precedents ({names}; cue: "
                       f"“{sorted(cue)[0]}”): association by comparison", 0.55, source="names"))
    return out


# ----------------------------------------------------------------------------- sarcastic asides

ASIDE = re.compile(
    r"\((?:or )?(?:rather|read|sic|if not|or at least|at least|or even|surprise|of course|yes|no less|"
    r"so to speak|allegedly|supposedly|ironically)\b[^()]{0,80}\)", re.IGNORECASE)


def aside_cues(doc: Doc) -> list[Cue]:
    """A parenthetical aside that corrects or mocks the plain wording ("loans (rather gifts)", "stay in office
    (or at least alive)"): the author's commentary slipped into a factual-looking sentence."""
    return [Cue(m.start(), m.end(), "loaded_language", LOADED,
                f"parenthetical aside that recasts the plain wording: “{m.group(0)}”", 0.55, source="aside")
            for m in ASIDE.finditer(text_of(doc))]

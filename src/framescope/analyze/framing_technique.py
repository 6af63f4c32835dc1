"""Name the propaganda technique of a given fragment (SemEval-2020 Task 11, subtask TC), by rules.

`label_fragment` is used when a person (or a benchmark) marks a span and asks which technique it uses. It
first looks for our own cues inside the fragment (the spans `find_framing` found there), then falls back on
the fragment's form: repeated wording, questions, exclamations, the part of speech of its head, its length.
Every answer carries the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from framescope.analyze.lexicon import sentence_sentiment
from framescope.analyze.nlp import text_of
from framescope.models import FramingSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc

# When cues of several techniques overlap a fragment, prefer the more specific technique.
PRIORITY = (
    "Bandwagon,Reductio_ad_hitlerum", "Whataboutism,Straw_Men,Red_Herring", "Black-and-White_Fallacy",
    "Causal_Oversimplification", "Thought-terminating_Cliches", "Slogans", "Appeal_to_Authority", "Flag-Waving",
    "Appeal_to_fear-prejudice", "Doubt", "Name_Calling,Labeling", "Exaggeration,Minimisation", "Loaded_Language",
)
_WORD = re.compile(r"\w+")
# Fragments longer than this (in words) are argument-level techniques rather than word choice.
LONG_FRAGMENT = 14
# A noun that names a person or group (by its suffix: -ist, -er, -ite, -ian ...) reads as a label.
PERSON_SUFFIXES = ("ist", "ists", "er", "ers", "ite", "ites", "ian", "ians", "ant", "ants", "ot", "ots",
                   "or", "ors", "ic", "ics")
REPEAT_MIN = 2  # an uncued short fragment that recurs
REPEAT_FIRST = 3  # recurs so often that repetition is the point, whatever cue it holds
FEAR_TONE = -0.5  # VADER compound at or below which a long passage reads as an appeal to fear
# Threat vocabulary that makes a long passage an appeal to fear rather than a doubt.
FEAR_LEMMAS = frozenset({"threat", "threaten", "danger", "dangerous", "risk", "spread", "kill", "die", "death",
                         "destroy", "destruction", "terror", "terrorist", "attack", "invade", "invasion", "war",
                         "violence", "collapse", "disaster", "catastrophe", "crisis", "epidemic", "outbreak",
                         "deadly", "fear", "afraid", "warn", "harm", "chaos", "murder", "slaughter", "wipe"})
# Word-choice techniques: one such word inside a long passage does not name the passage's technique.
WORD_LEVEL = frozenset({"Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation"})
AUTHORITY_LEMMAS = frozenset({"say", "according", "expert", "study", "report", "official", "scientist", "tell",
                              "state", "professor", "researcher", "doctor", "agency"})
CAUSE_WORDS = frozenset({"because", "cause", "caused", "causes", "therefore", "reason", "result", "lead", "led",
                         "due", "thanks", "blame", "blamed", "since"})


def label_fragment(doc: Doc, start: int, end: int, spans: Sequence[FramingSpan]) -> tuple[str, str]:
    """(technique, reason) for doc.text[start:end]; `spans` are the article's framing spans."""
    full = text_of(doc)
    text = full[start:end]
    words = _WORD.findall(text.lower())
    if not words:
        return "Loaded_Language", "no words to judge; most common technique assumed"
    long = len(words) >= 8
    norm = " ".join(words)
    repeats = _count_phrase(" ".join(_WORD.findall(full.lower())), norm)
    if len(words) <= 4 and repeats >= REPEAT_FIRST:
        return "Repetition", f"the words “{text}” recur {repeats} times in the article"
    inside = [s for s in spans if s.field == "text" and s.technique and s.start < end and start < s.end
              and not (long and s.technique in WORD_LEVEL)]  # one charged word does not make an argument
    if inside:
        def key(s: FramingSpan) -> tuple[float, int]:
            overlap = min(end, s.end) - max(start, s.start)
            share = overlap / max(1, min(end - start, s.end - s.start))
            return (share * s.confidence, -PRIORITY.index(s.technique) if s.technique in PRIORITY else -99)
        best = max(inside, key=key)
        assert best.technique is not None
        return best.technique, f"holds a {best.category.replace('_', ' ')} cue: {best.reason}"

    if len(words) <= 4 and repeats >= REPEAT_MIN:
        return "Repetition", f"the words “{text}” recur {repeats} times in the article"
    if text.rstrip().rstrip("\"'”’").endswith("?"):
        return "Doubt", "a question that raises doubt"
    if text.rstrip().rstrip("\"'”’").endswith("!") and len(words) <= 10:
        return "Slogans", "a short exclamation"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "Loaded_Language", "most common technique assumed"
    if long:
        tone = sentence_sentiment(text)
        lemmas = {t.lemma_.lower() for t in span}
        if len(words) >= LONG_FRAGMENT and lemmas & AUTHORITY_LEMMAS:
            return "Appeal_to_Authority", "a long passage resting on what an authority said"
        if len(words) >= LONG_FRAGMENT and {w for w in words} & CAUSE_WORDS:
            return "Causal_Oversimplification", "a long passage built on a single cause"
        if tone <= FEAR_TONE or lemmas & FEAR_LEMMAS:
            return "Appeal_to_fear-prejudice", f"a passage with a strongly negative tone ({tone:+.2f})"
        if len(words) >= LONG_FRAGMENT:
            return "Doubt", "a long argumentative passage questioning credibility"
        return "Loaded_Language", "a charged phrase"
    root = span.root
    if root.pos_ == "PROPN" or any(t.ent_type_ in {"PERSON", "NORP", "ORG"} for t in span) or (
            root.pos_ == "NOUN" and root.lower_.endswith(PERSON_SUFFIXES)):
        return "Name_Calling,Labeling", f"a noun phrase that labels its referent (“{root.text}”)"
    return "Loaded_Language", f"charged wording (head “{root.text}”, {root.pos_.lower()})"


def _count_phrase(haystack: str, phrase: str) -> int:
    return len(re.findall(r"\b" + re.escape(phrase) + r"\b", haystack))

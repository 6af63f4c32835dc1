"""Whose voice a framing span is in: the outlet's ("author"), a quoted speaker's ("quoted"), or a
characterization the author explicitly attributes to others ("attributed": "often described as X",
"what critics call X", "X, critics say, ...").

Reported speech counts for the speaker, not the outlet, so rates are computed on the author's voice only.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING

from framescope.models import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs that hand a characterization to someone else when they sit right before it ("described as X").
FRAME_VERBS = frozenset({
    "describe", "dub", "call", "label", "brand", "term", "nickname", "refer", "characterise", "characterize",
    "denounce", "decry", "deride", "condemn", "know", "style", "portray", "paint", "cast", "depict", "tout",
    "hail", "bill", "liken", "accuse",
})
# Verbs of saying: a span under one of them (with a subject other than the author) is indirect speech.
SPEECH_VERBS = frozenset({
    "say", "tell", "claim", "allege", "argue", "insist", "assert", "contend", "maintain", "state", "declare",
    "warn", "accuse", "charge", "complain", "write", "tweet", "post", "add", "note", "suggest", "announce",
    "report", "testify", "acknowledge", "admit", "deny", "stress", "urge", "call", "describe", "believe",
})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})


class Voices:
    """Answers `voice(start, end)` for character spans of one article."""

    def __init__(self, doc: Doc, quotes: tuple[Quote, ...]) -> None:
        self.doc = doc
        spoken = sorted((q.start, q.end) for q in quotes if q.kind != "scare")
        self._starts = [s for s, _ in spoken]
        self._spans = spoken

    def in_quote(self, start: int, end: int) -> bool:
        # Quote offsets exclude the marks; allow a span to include them.
        i = bisect_right(self._starts, start + 1) - 1
        while i >= 0:
            qs, qe = self._spans[i]
            if qs - 1 <= start and end <= qe + 1:
                return True
            if qe < start - 2000:  # quotes are sorted by start; far-away ones cannot contain the span
                break
            i -= 1
        return False

    def voice(self, start: int, end: int) -> str:
        if self.in_quote(start, end):
            return "quoted"
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) and (framed_by_other(span) or under_speech_verb(span)):
            return "attributed"
        return "author"


def framed_by_other(span: Span) -> bool:
    """A frame verb ends at most a few tokens before the span, in the same sentence: "often described as",
    "what critics call", "dubbed", "so-called by its opponents" is not enough (that is the author's doubt)."""
    doc = span.doc
    sent_start = span.sent.start if span.doc.has_annotation("SENT_START") else max(0, span.start - 8)
    lo = max(sent_start, span.start - 5)
    for tok in reversed(doc[lo:span.start]):
        if tok.is_punct and tok.text not in {"'", "‘", "\"", "“"}:
            return False
        if tok.lemma_.lower() in FRAME_VERBS and tok.pos_ in {"VERB", "AUX"}:
            return True
    return False


def under_speech_verb(span: Span) -> bool:
    """The span sits in the complement of a verb of saying whose subject is a third party ("critics say the
    plan is a sham"), or in a sentence opened by "according to"."""
    if not span.doc.has_annotation("DEP"):
        return False
    root: Token = span.root
    for anc in root.ancestors:
        if anc.lemma_.lower() in SPEECH_VERBS and anc.pos_ == "VERB":
            subjects = [c for c in anc.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and all(s.lower_ not in FIRST_PERSON for s in subjects):
                # the span must be inside the reported clause, not the subject itself
                return not any(s.left_edge.i <= root.i <= s.right_edge.i for s in subjects)
    # "according to X" hands over the clause it attaches to, not the whole sentence: the span's nearest verb
    # must be the verb that "according" modifies ("killed, according to police, making it the worst ..."
    # leaves "the worst" with the author).
    verb = next((a for a in [root, *root.ancestors] if a.pos_ in {"VERB", "AUX"}), None)
    for a, b in pairwise(span.sent):
        if a.lower_ == "according" and b.lower_ == "to" and (verb is None or a.head == verb or a.head == root):
            return True
    return False

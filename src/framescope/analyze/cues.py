"""The reporting cue of a quotation ("said", "told", "according to", "saying:") and the token naming its speaker.

Three passes, from the most to the least reliable:
1. syntax, upward: a reporting verb that governs the quotation ("X called for “...”", 'X said: "..."');
2. syntax, downward: a reporting verb that hangs on the quotation's own clause ('"...," he said' is often
   parsed with the quoted verb as the root and "said" as its child), or on the same word as the quotation;
3. proximity: a reporting verb with a subject right after the closing mark or right before the opening mark
   in the same paragraph (the parse of long quotations is often broken).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framescope.analyze.canonical import tables
from framescope.analyze.nlp import text_of
from framescope.analyze.quote_marks import SpanSet

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLIMB_DEPS = ("advcl", "xcomp", "conj", "acl", "pcomp", "ccomp", "prep", "dep")
AFTER_WINDOW = 8  # tokens after the closing mark that may hold '..., he said'
BEFORE_WINDOW = 14  # tokens before the opening mark that may hold 'He said:'


@dataclass(frozen=True)
class Cue:
    token: int  # index of the cue token in the Doc
    text: str  # the cue as written ("said", "called for", "according to")
    speaker: int | None  # index of the token that names the speaker (subject of the cue), if any
    syntactic: bool  # found in the tree (passes 1-2) rather than by proximity


# Forms so common in attributions that a tagger error (a sentence-initial "Said" tagged PROPN) must not hide them.
SURE_FORMS = frozenset({"said", "says", "told", "tells", "added", "adds", "asked", "asks", "wrote", "writes"})
DASHES = "―—–-"


def is_cue(token: Token) -> bool:
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return True
    if token.lower_ in SURE_FORMS:
        return True
    if token.lemma_.lower() == "go" and _goes_on_about(token):
        return True  # 'as Trump went on about "how the system is rigged"': talking at length
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in tables().cue_verbs


def _goes_on_about(token: Token) -> bool:
    children = list(token.children)
    return any(c.dep_ == "prt" and c.lower_ == "on" for c in children) and any(
        c.dep_ == "prep" and c.lower_ == "about" for c in children
    )


def cue_text(token: Token) -> str:
    if token.lower_ == "according":
        return "according to"
    parts = [token]
    for child in token.children:
        # "called for", "pointed out": a particle or the preposition right after the verb belongs to the cue.
        if child.i == token.i + 1 and (child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ in ("for", "on"))):
            parts.append(child)
    return " ".join(t.text for t in parts)


def subject_of(verb: Token, skip: Callable[[Token], bool] = lambda t: False) -> Token | None:
    """The speaker token of a cue: its subject, the agent of a passive, the object of 'according to'; climbing
    from a subjectless participle or conjunct to the verb it depends on ("..., saying:")."""
    if verb.lower_ == "according":
        for child in verb.children:
            if child.lower_ == "to":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                return objs[0] if objs else None
        return None
    v = verb
    for _ in range(4):
        subject = _first_subject(v, "nsubj", skip)
        if subject is not None:
            return subject
        for child in v.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        subject = _first_subject(v, "nsubjpass", skip)
        if subject is not None:
            return subject
        if v.dep_ == "relcl" or (v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN") and not skip(v.head)):
            return v.head  # "officials, who said", "a statement calling it ..."
        if v.dep_ in CLIMB_DEPS and v.head.i != v.i:
            v = v.head
            continue
        break
    return None


def _first_subject(verb: Token, dep: str, skip: Callable[[Token], bool]) -> Token | None:
    """The verb's first subject. Of two, one that opens with a participle is a fronted clause the parser
    folded into a subject ("Hosting President Macron at the White House, Mr. Trump assailed ..." gives
    "assailed" both Macron and Trump) and gives way to the other."""
    subjects = [c for c in verb.children if c.dep_ == dep and not skip(c)]
    plain = [c for c in subjects if c.left_edge.tag_ != "VBG"]
    chosen = plain or subjects
    return chosen[0] if chosen else None


def find_cue(doc: Doc, quote: tuple[int, int], marks: tuple[int, int], blocked: SpanSet,
             *, nearby: bool) -> Cue | None:
    """The cue of the quotation whose inner text is `quote` and whose marks span `marks` (open, close+1)."""
    lo, hi = marks

    def inside(t: Token) -> bool:
        return lo <= t.idx < hi

    def quoted(t: Token) -> bool:
        return t.idx in blocked

    # The parse may run a sentence across a paragraph break; a cue is looked for in the quote's paragraphs.
    text = text_of(doc)
    p_lo = text.rfind("\n\n", 0, lo) + 1
    p_hi = text.find("\n\n", hi)
    p_hi = len(text) if p_hi < 0 else p_hi

    def usable(t: Token) -> bool:
        return p_lo <= t.idx < p_hi and not quoted(t) and is_cue(t)

    span = doc.char_span(quote[0], quote[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    attach = [t for t in span if not inside(t.head) or t.head.i == t.i]
    # 1. upward from where the quotation hangs in the tree.
    for t in attach:
        node = t.head
        for _ in range(8):
            if inside(node):
                break
            if usable(node):
                return _make(node, True, quoted, hi)
            noun = _speech_noun(node, quoted) if p_lo <= node.idx < p_hi else None
            if noun is not None:
                return noun
            if node.head.i == node.i:
                break
            node = node.head
    # 2. downward: a reporting verb that the quotation's clause governs.
    for t in span:
        for child in t.children:
            if not inside(child) and usable(child):
                return _make(child, True, quoted, hi)
    # 2b. a sibling: 'Prices rose, "far beyond ...," according to X' hangs both on the same verb.
    for t in attach:
        for sib in t.head.children:
            if sib.i != t.i and not inside(sib) and usable(sib):
                return _make(sib, True, quoted, hi)
    if not nearby:
        return None
    # 3. proximity, after the closing mark first ('"...," he said'), then before the opening one.
    after = doc.char_span(hi, min(len(text), hi + 200), alignment_mode="expand")
    if after is not None:
        for t in list(after)[:AFTER_WINDOW]:
            if "\n" in t.text or (t.text in ('"', "“", "‘") and t.idx > hi):
                break
            if usable(t):
                cue = _make(t, False, quoted, hi)
                if cue.speaker is not None:
                    return cue
    dash = _dash_attribution(doc, hi, p_hi)
    if dash is not None:
        return dash
    before = doc.char_span(max(0, lo - 300), lo, alignment_mode="expand")
    if before is not None:
        window = [t for t in before if t.idx < lo][-BEFORE_WINDOW:]
        cut = max((k for k, t in enumerate(window) if "\n" in t.text or t.text in ".!?"), default=-1)
        for t in reversed(window[cut + 1 :]):
            if usable(t):
                cue = _make(t, False, quoted)
                if cue.speaker is not None:
                    return cue
    return None


def _make(token: Token, syntactic: bool, quoted: Callable[[Token], bool], after: int | None = None) -> Cue:
    # A subject inside a quotation is someone's own words, not the speaker: climb past it.
    subj = subject_of(token, quoted)
    if subj is None:
        # Inverted attribution, "Said Smith:" (often parsed with the verb as a compound of the name).
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            subj = token.head
        elif nxt is not None and nxt.ent_type_ in ("PERSON", "ORG", "GPE") and not quoted(nxt):
            subj = nxt
            while subj.dep_ in ("compound", "flat") and subj.head.i > subj.i and subj.head.i - nxt.i < 4:
                subj = subj.head
    if subj is None and not (after is not None and token.idx > after):
        # A broken parse ("which Apple's chief, Jane Roe, called ..."): a name just before the cue, with no
        # verb in between.
        for t in reversed(token.doc[max(0, token.i - 6) : token.i]):
            if t.pos_ in ("VERB", "AUX") or quoted(t):
                break
            if t.ent_type_ in ("PERSON", "ORG", "GPE"):
                subj = t
                break
    if subj is None and after is not None and token.idx > after:
        # '"...," Flynn, a top adviser, said' parsed without a subject: the name between the mark and the cue.
        doc = token.doc
        between = [t for t in doc[: token.i] if t.idx >= after and not quoted(t)]
        names = [t for t in between if t.pos_ == "PROPN" or t.lower_ in ("he", "she", "they", "it")]
        subj = names[0] if names else None
        if subj is not None:
            while subj.dep_ in ("compound", "flat") and subj.head.i < token.i and subj.head.idx >= after:
                subj = subj.head
    return Cue(token=token.i, text=cue_text(token), speaker=subj.i if subj is not None else None, syntactic=syntactic)


def _speech_noun(node: Token, quoted: Callable[[Token], bool]) -> Cue | None:
    """'Smith's claim that there were “thousands”', 'a statement by the ministry calling it “...”'."""
    if node.pos_ != "NOUN" or node.lemma_.lower() not in tables().speech_nouns or quoted(node):
        return None
    for child in node.children:
        if child.dep_ == "poss" and not quoted(child):
            return Cue(token=node.i, text=node.text, speaker=child.i, syntactic=True)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objs = [c for c in child.children if c.dep_ == "pobj" and not quoted(c)]
            if objs:
                return Cue(token=node.i, text=node.text, speaker=objs[0].i, syntactic=True)
    return None


_LEADING_BLANK = re.compile(r"^[^\S\n]+")


def _dash_attribution(doc: Doc, hi: int, limit: int) -> Cue | None:
    """'“...” ― Jane Smith': a name right after a dash that follows the closing mark."""
    rest = text_of(doc)[hi:limit]
    stripped = _LEADING_BLANK.sub("", rest)  # spaces of any width (a no-break space), not a line break
    if not stripped or stripped[0] not in DASHES:
        return None
    at = hi + len(rest) - len(stripped) + 1
    span = doc.char_span(at, min(limit, at + 80), alignment_mode="expand")
    if span is None:
        return None
    names = [t for t in span if not t.is_space][:4]
    if not names or names[0].pos_ != "PROPN":
        return None
    head = names[0]
    while head.dep_ in ("compound", "flat") and head.head.i > head.i and head.head.i - names[0].i < 4:
        head = head.head
    return Cue(token=names[0].i, text=text_of(doc)[hi + len(rest) - len(stripped)], speaker=head.i, syntactic=False)


def cue_before(doc: Doc, open_mark: int, blocked: SpanSet) -> Cue | None:
    """The attribution of the sentence just before a quotation: '..., Smith said. "..."' or 'Smith said:'
    closing the paragraph before. Only a cue near the end of that sentence counts."""
    text = text_of(doc)
    j = open_mark - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] not in ".:" or ("\n\n" in text[j:open_mark] and text[j] != ":"):
        return None
    span = doc.char_span(j, j + 1, alignment_mode="expand")
    if span is None:
        return None
    sent = span[0].sent
    tail = [t for t in sent if t.idx <= j and not t.is_punct and not t.is_space][-6:]

    def quoted(t: Token) -> bool:
        return t.idx in blocked

    for t in reversed(tail):
        if not quoted(t) and is_cue(t):
            cue = _make(t, False, quoted)
            if cue.speaker is not None:
                return cue
    # 'Obama is rolling out a new campaign message: "It's about me."': the message of whoever sends it
    last = tail[-1] if tail else None
    if text[j] == ":" and last is not None and last.dep_ == "dobj" and not quoted(last) \
            and last.lemma_.lower() in tables().speech_nouns:
        subject = subject_of(last.head, quoted)
        if subject is not None and subject.pos_ in ("PROPN", "PRON"):
            return Cue(token=last.i, text=last.text, speaker=subject.i, syntactic=False)
    return None

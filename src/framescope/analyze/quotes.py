"""Quotations with their speakers, cue and kind (full | fragment | scare).

The marks give the spans (`quote_marks`), the parse gives the cue and the speaker mention (`cues`), the
discourse model resolves that mention to a canonical name (`speakers`). Then the conventions of news writing
fill the gaps, each with a lower confidence:

- an interrupted quotation ('"...," he said. "..."') takes the speaker of the quotation before it;
- a paragraph that is only a quotation takes the speaker of the last quotation of the paragraph before, when
  it is in the same marks (double or single);
- a quotation inside a crosshead takes the speaker of the quotation in the body that shares its words, else
  the article's most quoted speaker;
- a short quotation with no cue and no speaker is the author's own (a scare quote): speaker None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from framescope.analyze.cues import Cue, cue_before, find_cue
from framescope.analyze.nlp import remember_text
from framescope.analyze.quote_marks import MarkedQuote, SpanSet, find_marked_quotes
from framescope.analyze.sentences import paragraph_index, paragraph_spans
from framescope.analyze.speakers import Discourse, Referent
from framescope.models import Article, Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

FULL_WORDS = 8  # a quotation this long is reported speech, whatever its grammar
SCARE_WORDS = 4  # longer unattributed quotations are not the author's scare quotes
CONF_INTERRUPTED = 0.75
CONF_CARRIED = 0.6
CONF_HEADING_MATCH = 0.45
CONF_HEADING_GUESS = 0.3
CONF_NEARBY = 0.9  # factor for a cue found by proximity rather than in the tree
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
CONF_TRANSCRIPT = 0.8
# A transcript's speaker label opening a quotation: "PENCE: Well, look, ...", "MR. O'NEILL: ..."
TRANSCRIPT_LABEL = re.compile(r"((?:MRS?\.|MS\.|DR\.)?\s?[A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]{2,}){0,2}):\s")
NOT_SPEAKERS = frozenset({"update", "note", "editor's note", "editor’s note", "correction", "clarification", "warning",
                          "breaking", "exclusive", "watch", "read more", "related", "photos", "video", "live"})
SENTENCE_INSIDE = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")


@dataclass(frozen=True)
class _Draft:
    mark: MarkedQuote
    kind: str
    paragraph: int
    heading: bool
    quote_only_paragraph: bool
    cue: Cue | None = None
    speaker: Referent | None = None


def find_quotes(article: Article, doc: Doc, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    text = article.text
    remember_text(doc, text)
    marked = find_marked_quotes(text)
    if not marked:
        return ()
    blocked = SpanSet([(q.open_mark, _outer(q)) for q in marked])
    discourse = Discourse(doc, entities, blocked)
    paras = paragraph_spans(text)
    headings = [(h.start, h.end) for h in article.headings]
    drafts: list[_Draft] = []
    for q in marked:
        para = paragraph_index(paras, q.open_mark)
        heading = any(a <= q.open_mark < b for a, b in headings)
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        full = span is not None and _is_full(text, q, span, heading)
        label = None if heading else TRANSCRIPT_LABEL.match(text, q.start)
        if label is not None and label.group(1).strip().lower() not in NOT_SPEAKERS:
            # the transcript names who speaks: no cue to look for
            start = q.start + (len(label.group(1)) - len(label.group(1).lstrip()))
            name = discourse.name_for_label(label.group(1).strip())
            drafts.append(_Draft(q, "full", para, heading, False, None,
                                 Referent(name, "PERSON", start, label.end(1), CONF_TRANSCRIPT)))
            continue
        cue = None if heading else find_cue(doc, (q.start, q.end), (q.open_mark, _outer(q)), blocked, nearby=full)
        if cue is None and full and not heading:
            cue = cue_before(doc, q.open_mark, blocked)
        speaker = None
        if cue is not None and cue.speaker is not None:
            speaker = discourse.referent_of(doc[cue.speaker])
            if speaker is not None and not cue.syntactic:
                speaker = replace(speaker, confidence=round(speaker.confidence * CONF_NEARBY, 2))
        if _so_called(text, q.open_mark):
            cue, speaker, full = None, None, False
        kind = "full" if full else "fragment"
        only = _quote_only(text, paras[para], q) if q.paragraphs == 1 else False
        drafts.append(_Draft(q, kind, para, heading, only, cue, speaker))
    drafts = _carry_over(drafts)
    drafts = _headings(drafts, doc)
    out: list[Quote] = []
    for n, d in enumerate(drafts, start=1):
        kind = d.kind
        if kind == "fragment" and d.speaker is None and d.cue is None and not d.heading and _short(text, d.mark):
            kind = "scare"
        ref = d.speaker if kind != "scare" else None
        out.append(
            Quote(
                id=f"{article.id}:q{n}",
                text=text[d.mark.start : d.mark.end],
                start=d.mark.start,
                end=d.mark.end,
                kind=kind,
                speaker=ref.name if ref else None,
                speaker_start=ref.start if ref else None,
                speaker_end=ref.end if ref else None,
                cue=d.cue.text if d.cue is not None and kind != "scare" else None,
                confidence=ref.confidence if ref else 0.0,
            )
        )
    return tuple(out)


def _outer(q: MarkedQuote) -> int:
    return q.close_mark + 1 if q.close_mark is not None else q.end


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _short(text: str, q: MarkedQuote) -> bool:
    return len(_words(text[q.start : q.end])) <= SCARE_WORDS


def _is_full(text: str, q: MarkedQuote, span: Span, heading: bool) -> bool:
    """A clause or more of reported speech, as opposed to a phrase quoted inside the author's sentence."""
    inner = text[q.start : q.end]
    words = _words(inner)
    if len(words) >= FULL_WORDS or SENTENCE_INSIDE.search(inner):
        return True
    lo, hi = q.open_mark, _outer(q)
    for t in span:
        if lo <= t.head.idx < hi and t.head.i != t.i:
            continue  # not where the quotation attaches to the rest of the sentence
        if t.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") and lo <= c.idx < hi for c in t.children
        ):
            return True
    if heading:
        return False
    before = text[: q.open_mark].rstrip(" \t")
    standalone = not before or before.endswith(("\n", ":")) or bool(re.search(r"[.!?][\"”’']?$", before))
    return standalone and len(words) >= 3 and inner[:1].isupper()


def _so_called(text: str, open_mark: int) -> bool:
    return bool(re.search(r"so[- ]called\s*$", text[max(0, open_mark - 12) : open_mark], re.IGNORECASE))


def _quote_only(text: str, para: tuple[int, int], q: MarkedQuote) -> bool:
    """Is the paragraph just this quotation (no cue, no narration around it)?"""
    rest = text[para[0] : q.open_mark] + text[_outer(q) : para[1]]
    return not any(c.isalnum() for c in rest)


def _carry_over(drafts: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    for d in drafts:
        if d.speaker is None and d.cue is None and not d.heading:
            # The last full quotation before it (a quoted title or phrase in between does not count).
            prev = next(
                (p for p in reversed(out) if not p.heading and (p.kind == "full" or p.paragraph != d.paragraph)), None
            )
            # or, nearer, a phrase quoted from a named speaker by a cue in this paragraph: 'The answers are "not
            # meeting the demand," says Paul Roe, founder of X. "We often compare it to ..."' goes on in his words
            if d.kind == "full":
                for p in reversed(out):
                    if p is prev or p.heading or p.paragraph != d.paragraph:
                        break
                    if p.cue is not None and p.speaker is not None:
                        prev = p
                        break
            if prev is not None and prev.speaker is not None and (prev.kind == "full" or prev.cue is not None):
                conf = None
                if prev.paragraph == d.paragraph and d.kind == "full":
                    conf = min(prev.speaker.confidence, CONF_INTERRUPTED)
                elif d.quote_only_paragraph and prev.paragraph == d.paragraph - 1 and d.mark.style == prev.mark.style:
                    # in other marks (a 'single-quoted' paragraph after "double-quoted" speech) it is an
                    # embedded statement or post, not the speaker going on
                    conf = min(prev.speaker.confidence, CONF_CARRIED)
                if conf is not None:
                    d = replace(d, speaker=replace(prev.speaker, confidence=conf), cue=prev.cue)
        out.append(d)
    return out


def _content_words(doc: Doc, start: int, end: int) -> set[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    return {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop}


def _headings(drafts: list[_Draft], doc: Doc) -> list[_Draft]:
    """A crosshead quotation repeats words from the body: give it the speaker of the quotation it echoes."""
    body = [d for d in drafts if not d.heading and d.speaker is not None]
    counts = Counter(d.speaker.name for d in body if d.speaker is not None)
    out = []
    for d in drafts:
        if d.heading and d.speaker is None and body:
            words = _content_words(doc, d.mark.start, d.mark.end)
            best, best_share = None, 0.0
            for b in body:
                share = len(words & _content_words(doc, b.mark.start, b.mark.end)) / max(1, len(words))
                if share > best_share:
                    best, best_share = b, share
            if best is not None and best.speaker is not None and best_share >= 0.5:
                d = replace(d, speaker=replace(best.speaker, confidence=CONF_HEADING_MATCH))
            elif counts:
                name = counts.most_common(1)[0][0]
                ref = next(b.speaker for b in body if b.speaker is not None and b.speaker.name == name)
                d = replace(d, speaker=replace(ref, confidence=CONF_HEADING_GUESS))
        out.append(d)
    return out

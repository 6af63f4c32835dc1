"""Numbers, percentages, money, counts, dates and durations, normalized to comparable values.

The finders work on the text (numbers.py, dates.py, quantities.py), so `doc=None` gives the same facts; with the
spaCy parse, counts take the lemma of their noun from the dependency tree ("three Dutch soldiers" ->
"soldier"), text-found counts whose head word is no noun are dropped ("section 5 applies"), and numbers inside
names and times of day (ORG, PRODUCT, LAW, TIME... entities: "Boeing 737", "5 p.m.") are not reported.
The parse's DATE entities are not used as candidates: what the patterns miss ("the 1990s", "the weekend") is
what dateparser also misreads, and a wrong date is worse than none.

Each fact is anchored to its exact span (`text == article.text[start:end]`) and carries a normalized value
and unit ("100 percent", "100%" and "100 per cent" are all 100 "%"; "$5 million" is 5000000 "USD";
"two-and-a-half decades" is 25 "year"). Relative dates ("on Saturday", "last September") are resolved against
the publication date; when the article has none, against a reference date inferred from the text (see
`reference_date`), and the note says so. Unresolved forms are kept in `expr` so that the compare stage can
resolve them again against the date of the whole story.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from dateutil import parser as dateutil_parser

from framescope.analyze import quantities as q
from framescope.analyze.dates import find_dates, resolve
from framescope.analyze.nlp import text_of
from framescope.analyze.numbers import NumberSpan, scan_numbers
from framescope.models import Article, Fact

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

# Where two finders claim the same words, the earlier kind wins: "three days ago" is a date, not a duration;
# "$5 million" is money, not a number; "12 killed" is a count, not a bare number.
_PRIORITY = ("date", "money", "percent", "duration", "count", "year", "number")


def find_facts(article: Article, doc: Doc | None = None) -> tuple[Fact, ...]:
    """The facts of one article, in text order; `doc` (the spaCy parse of `article.text`) refines counts."""
    text = article.text
    if doc is not None and text_of(doc) != text:
        log.warning("parse of article %s does not match its text: facts found from the text alone", article.id)
        doc = None
    published = parse_published(article.published)
    found = _find_all(text, doc)
    facts = [
        Fact(id="", text=text[f.start : f.end], start=f.start, end=f.end, kind=f.kind, value=f.value,
             unit=f.unit, note=f.note, expr=f.expr)
        for f in found
    ]  # fmt: skip
    ref, how = published, "the publication date"
    if ref is None:
        ref = reference_date(article, facts)
        how = "a date inferred from the text, the latest full date it gives (low confidence)"
    if ref is not None:
        facts = [resolve_fact(f, ref, how) for f in facts]
    return tuple(replace(f, id=f"{article.id}:f{n}") for n, f in enumerate(facts))


def resolve_fact(fact: Fact, ref: date, how: str) -> Fact:
    """Resolve a relative date, yearless date or "since YEAR" against `ref`; other facts are returned as-is."""
    if not fact.expr or ":" not in fact.expr:
        return fact
    kind, _, rest = fact.expr.partition(":")
    if kind == "since":
        year = int(rest)
        if ref.year < year:
            return fact
        return replace(
            fact,
            value=float(ref.year - year),
            note=f"since {year}: {ref.year} - {year} = {ref.year - year} years; reference: {how}",
        )
    value, detail = resolve(fact.expr, ref)
    if value is None:
        return fact
    return replace(fact, value=value, note=f"{detail}; reference: {how}")


def reference_date(article: Article, facts: Iterable[Fact]) -> date | None:
    """The date the article speaks from: its publication date, or else one inferred from its own facts.

    The inference takes the latest full date the text gives (year, month and day), then lets a yearless date
    move it forward when, read in the year nearest to it, it comes later: "December 31, 2019" followed by
    "February 1" gives 2020-02-01. Dates after "by", "until", "due"... are deadlines and are left out. It is a
    guess (an article can end on an old date), which is why the notes of facts resolved against it say so.
    None when the text gives no full date.
    """
    published = parse_published(article.published)
    if published is not None:
        return published
    facts = list(facts)
    full = [date.fromisoformat(str(f.value)) for f in facts
            if f.kind == "date" and f.expr is None and isinstance(f.value, str) and len(f.value) == 10
            and not _AHEAD.search(article.text, max(0, f.start - 30), f.start)]  # fmt: skip
    if not full:
        return None
    anchor = max(full)
    best = anchor
    for f in facts:
        if f.kind == "date" and f.expr and f.expr.startswith("monthday:"):
            value, _ = resolve(f.expr, anchor)
            if value is not None and date.fromisoformat(value) > best:
                best = date.fromisoformat(value)
    return best


# a date after these words is a deadline or a plan ("by December 31, 2030"), not the day the article speaks from
_AHEAD = re.compile(r"(?<![\w])(?:by|until|till|before|through|due|scheduled\s+for|expected\s+on|deadline\s+of)\s+\Z",
                    re.I)  # fmt: skip


def parse_published(published: str | None) -> date | None:
    """The date part of an ISO 8601 date or datetime; None when absent or unreadable (logged, not raised)."""
    if not published:
        return None
    try:
        return dateutil_parser.isoparse(published).date()
    except (ValueError, OverflowError):
        log.warning("unreadable publication date %r: relative dates are left unresolved", published)
        return None


def _find_all(text: str, doc: Doc | None) -> list[q.Found]:
    numbers = scan_numbers(text)
    candidates: list[q.Found] = [
        q.Found(d.start, d.end, "date", d.value, None, d.note, d.expr) for d in find_dates(text, numbers)
    ]
    candidates += q.find_money(text, numbers) + q.find_percents(text, numbers) + q.find_since_years(text, None)
    candidates += q.find_durations(text, numbers)
    counts = q.find_counts(text, numbers)
    if doc is not None:
        candidates += _counts_from_parse(text, doc, numbers)
        counts = [c for c in counts if _noun_ok(doc, c)]
    candidates += counts + q.find_years(text) + q.find_numbers(text, numbers)
    if doc is not None:
        candidates = _drop_names_and_times(candidates, doc)
        candidates = [_ahead(f, doc) for f in candidates]
    rank = {k: i for i, k in enumerate(_PRIORITY)}
    # longer spans first within a kind, so "15 people were killed" beats "15 people"
    candidates.sort(key=lambda f: (rank[f.kind], -(f.end - f.start), f.start))
    taken = bytearray(len(text))  # characters already claimed by a fact
    kept: list[q.Found] = []
    for f in candidates:
        if any(taken[f.start : f.end]):
            continue
        kept.append(f)
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    # "since 1994" is both a duration (its value needs the reference year) and a year: the year is added after
    # the overlap pass, on purpose
    for f in list(kept):
        if f.expr and f.expr.startswith("since:"):
            year = int(f.expr[6:])
            kept.append(q.Found(f.end - 4, f.end, "year", year, "year", f"since {year}"))
    kept.sort(key=lambda f: (f.start, f.end))
    return kept


# Verbs whose infinitive complement is planned or expected: "is set to expire on Tuesday", "plans to visit in July".
_PLANNING = frozenset({"set", "schedule", "plan", "expect", "due", "slate", "intend", "prepare", "aim", "hope", "go"})
_WILL = frozenset({"will", "'ll", "shall", "wo"})


def _ahead(f: q.Found, doc: Doc) -> q.Found:
    """A weekday or bare month in a clause about the future ("will meet on Friday", "is set to take effect on
    Tuesday", "plans to visit in July") is the coming one; by default news dates read as the latest one."""
    expr = f.expr or ""
    weekday = expr.startswith("weekday:") and expr.endswith(":recent")
    month = expr.startswith("month:") and expr.endswith(":near")
    if f.kind != "date" or not (weekday or month):
        return f
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or not _future(span.root):
        return f
    return q.Found(f.start, f.end, f.kind, f.value, f.unit, f.note, expr.rsplit(":", 1)[0] + ":ahead")


def _future(token: Token) -> bool:
    """Is the clause this token hangs on about the future (by its verb: "will", or planned "to" + verb)?"""
    verb = token
    # spaCy makes a new Token object on every access: compare positions, not identity (the root is its own head)
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _WILL for c in verb.children):
        return True
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        head = verb.head
        if head.i == verb.i:
            return False
        # a headline's "Trump to visit United Kingdom in July": the infinitive hangs on the subject itself (which
        # the small model may tag as a base-form verb, "to trump"); a sentence's root verb is finite
        headline = head.dep_ == "ROOT" and head.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP", "VB")
        return headline or head.lemma_.lower() in _PLANNING or head.lower_ in _PLANNING
    return False


# numbers inside these entities name something or tell the time of day ("Boeing 737", "Article 3", "5 p.m.")
_NAME_LABELS = {"ORG", "PRODUCT", "LAW", "WORK_OF_ART", "FAC", "EVENT", "PERSON", "TIME"}


def _drop_names_and_times(candidates: list[q.Found], doc: Doc) -> list[q.Found]:
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_LABELS]
    if not names:
        return candidates
    return [f for f in candidates if f.kind not in ("number", "count") or not any(s <= f.start < e for s, e in names)]


def _noun_ok(doc: Doc, count: q.Found) -> bool:
    """With a parse at hand, a text-found count needs a noun (or an outcome such as "killed") as its head
    word: "Article 3 says" is no count of "says"."""
    span = doc.char_span(count.start, count.end, alignment_mode="expand")
    if span is None:
        return True
    words = [t for t in span if not t.like_num and t.is_alpha]
    if not words:
        return True
    head = words[0]
    if head.pos_ in ("NOUN", "PROPN") or head.lower_ in q.OUTCOMES:
        return True
    return len(words) > 1 and words[1].pos_ == "NOUN"  # "three Dutch students": a modifier first


def _counts_from_parse(text: str, doc: Doc, numbers: list[NumberSpan]) -> list[q.Found]:
    """Counts whose noun the parse finds: "three Dutch soldiers" -> 3 "soldier" (lemma), "15 people were
    killed" -> 15 "people killed". The text-only finder covers the rest."""
    out: list[q.Found] = []
    for n in numbers:
        start, end, value = n.start, n.end, n.value
        # char_span is a C-level lookup; a dict of all tokens per article cost more than the rest of the stage
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span) or span[0].idx != start:
            continue
        first = span[0]
        num_tok = first
        while num_tok.i + 1 < len(doc) and doc[num_tok.i + 1].idx < end:
            num_tok = doc[num_tok.i + 1]
        head = num_tok.head
        if num_tok.dep_ != "nummod" or head.pos_ not in ("NOUN", "PROPN") or not 0 < head.i - num_tok.i <= 3:
            continue
        if head.lower_ in q.NOT_COUNTED or (value == 1 and not text[start].isdigit()):
            continue
        if text[head.idx + len(head) : head.idx + len(head) + 4].lower() in ("-old", " old"):
            continue  # "a 45-year-old leader": an age
        unit, stop = head.lemma_.lower(), head.idx + len(head)
        verb = head.head
        passive = head.dep_ == "nsubjpass" or (head.dep_ == "nsubj" and verb.lower_ in q.OUTCOMES)
        if passive and verb.tag_ in ("VBN", "VBD") and 0 < verb.i - head.i <= 3:
            unit, stop = f"{unit} {verb.lower_}", verb.idx + len(verb)
        out.append(q.Found(start, stop, "count", value, unit, None, q.qualifier(text, start)))
    return out

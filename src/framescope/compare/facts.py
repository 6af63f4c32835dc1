"""Fact checks across the articles of a story: the same quantity or date, consistent or in conflict.

Two facts are "about the same thing" when they are of the same kind and unit (the same counted noun for counts)
and the words around them agree: the content words of their sentences, stemmed and weighted by how rare they
are in the story, must overlap. Each fact is paired with at most one fact of each other article (the mutual
best match), and a conflict is only reported when the context match is strong and the figures cannot both be
true once their hedges are allowed for ("about 25" and 26 agree, "more than 12" and 15 agree), so that unrelated
or rounded figures do not raise false alarms. Matched pairs that share a fact are merged, so a figure carried by
many outlets is one check with one item per statement, and its note names every value with its articles.

Relative dates and "since YEAR" durations of articles without a publication date are resolved again against
the story's date (the members' publication dates, or else the dates inferred from their texts), so that
"on Saturday" in an undated article can meet "February 1" in another. Such values can show agreement, but
never a conflict: the anchor is a guess for that article.

Cost: facts are bucketed by (kind, unit) and, inside a bucket, candidate pairs come from an inverted index of
context stems, so a big story is not compared all pairs against all pairs; identical statements (syndicated
copies) are compared once.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import snowballstemmer
from spacy.lang.en.stop_words import STOP_WORDS

from framescope.analyze.dates import DAYS, MONTHS, resolve, same_date
from framescope.analyze.facts import parse_published, reference_date, resolve_fact
from framescope.analyze.numbers import format_number as _plain
from framescope.models import Analysis, Fact, FactCheck, FactItem, Story

_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_IGNORED = set(STOP_WORDS) | set(MONTHS) | set(DAYS) | {
    "percent", "cent", "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
    "said", "says", "say", "told", "according", "yesterday", "today", "tomorrow", "ago", "since", "dollars",
    "euros", "pounds", "million", "billion", "thousand", "hundred",
}  # fmt: skip
_GENERIC_NOUNS = {"people", "person", "persons", "individuals", "residents"}
_PAIR_MIN_SHARED, _PAIR_MIN_SCORE = 2, 0.3  # enough to call two figures "about the same thing"
_CONFLICT_MIN_SHARED, _CONFLICT_MIN_SCORE = 3, 0.5  # enough to say they contradict each other
# Content words on each side of a figure that say what it is a figure of. Two sentences of one story share
# their words whatever figures they hold ("50 years since the band's formation", "for the first time in 25
# years"); a contradiction also needs a word next to both figures ("third case ... reported"). A count names
# what it counts ("12 killed") and needs none. Three: the demo corpus's fact checks are the same with 2 to 5;
# on the 181 extraction pages 3 leaves 6 conflicts of 10, 4 leaves 7 (the one more, read by hand, is false:
# a tweet's date against the day of a plea).
NEAR = 3
_APPROX = 0.1  # relative tolerance for a hedged figure ("about 25", "two-and-a-half decades")
_POSTINGS_CAP = 200  # a stem in more facts than this, within one bucket, says nothing about any pair


@dataclass(frozen=True)
class _Entry:
    article: str
    fact: Fact
    key: tuple[str, ...]
    noun: str | None  # counts: the counted noun, when the unit names one besides the event
    context: frozenset[str]
    guessed: bool = False  # a relative value resolved against a date the article itself does not give
    ref: date | None = None  # the date its relative value was resolved against
    local: bool = False  # said to be in local time ("Saturday morning local time"): a day either way elsewhere
    # the content words right next to the figure (NEAR on each side, in its sentence): what it is a figure of
    near: frozenset[str] = frozenset()


def check_facts(story: Story, analyses: Mapping[str, Analysis]) -> tuple[FactCheck, ...]:
    """Facts from different articles of `story` that state the same quantity or date, consistent or not: one
    check per figure, with every article's statement of it as items."""
    # in the order of `analyses` (the compare stage passes the story's members in its reading order)
    in_story = set(story.articles)
    members = [an for aid, an in analyses.items() if aid in in_story]
    if len(members) < 2:
        return ()
    anchor, how = story_date(story, members)
    entries: list[_Entry] = []
    for analysis in members:
        entries.extend(_entries(analysis, anchor, how))
    idf = _idf(entries)
    # Identical statements (same figure, same words around it: syndicated copies) are compared once, through
    # one representative, and join its group at the end: a story with 50 copies costs what one copy costs.
    same: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        same[(e.key, e.noun, e.context, e.fact.text, str(e.fact.value), e.fact.expr)].append(i)
    copies = {ids[0]: ids for ids in same.values()}
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for rep in copies:
        buckets[entries[rep].key].append(rep)
    scores: dict[tuple[int, int], tuple[float, int]] = {}
    for idxs in buckets.values():
        scores.update(_candidate_pairs(entries, idxs, idf))
    judged: dict[tuple[int, int], FactCheck] = {}
    for (i, j), (score, shared) in _mutual_best(entries, scores).items():
        check = _judge(entries[i], entries[j], score, shared)
        if check is not None:
            judged[(i, j)] = check
    return _grouped(entries, judged, copies)


def _grouped(entries: list[_Entry], judged: dict[tuple[int, int], FactCheck], copies: dict[int, list[int]]
             ) -> tuple[FactCheck, ...]:  # fmt: skip
    """One check per figure. Agreeing pairs that share a fact are merged (union-find), so that a figure carried
    by 40 outlets is one check of 40 items, not 780 pairs; only agreement chains, so a conflict joins exactly two
    such groups ("12 killed" in 45 articles vs "15 killed" in 5) and never snowballs across figures."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), check in judged.items():
        find(i), find(j)
        if check.relation == "consistent":
            parent[find(i)] = find(j)
    for rep, ids in copies.items():
        for x in ids[1:]:
            parent[find(x)] = find(rep)
    groups: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    clashes = {
        (min(find(i), find(j)), max(find(i), find(j))) for (i, j), c in judged.items() if c.relation == "conflict"
    }
    in_conflict = {r for pair in clashes for r in pair}
    out: list[tuple[int, FactCheck]] = []
    for a, b in sorted(clashes):
        members = sorted(set(groups[a]) | set(groups[b]))
        out.append((members[0], _check(entries, judged, members, "conflict")))
    for root, members in groups.items():
        if root in in_conflict or len({entries[x].article for x in members}) < 2:
            continue
        out.append((min(members), _check(entries, judged, sorted(members), "consistent")))
    out.sort(key=lambda c: c[0])
    return tuple(c for _, c in out)


def _check(entries: list[_Entry], judged: dict[tuple[int, int], FactCheck], members: list[int], relation: str
           ) -> FactCheck:  # fmt: skip
    if len(members) == 2 and (members[0], members[1]) in judged:
        return judged[(members[0], members[1])]  # a plain pair keeps its own, more specific note
    items = tuple(_item(entries[x]) for x in members)
    return FactCheck(relation, items, _group_note(relation, [entries[x] for x in members]))


def _group_note(relation: str, members: list[_Entry]) -> str:
    by_value: dict[str, list[_Entry]] = defaultdict(list)
    for e in members:
        v = _number(e.fact.value)
        by_value[str(e.fact.value) if v is None else _show(v)].append(e)
    parts = []
    for value, es in by_value.items():
        label = value + (_unit_label(es[0].fact) if _number(es[0].fact.value) is not None else "")
        texts = sorted({e.fact.text for e in es} - {label})
        articles = len({e.article for e in es})
        said = f" ({', '.join(texts)})" if texts else ""
        parts.append(f"{label} in {articles} article{'s' if articles > 1 else ''}{said}")
    since = next((e.fact for e in members if _is_since(e.fact) and _number(e.fact.value) is not None), None)
    why = ""
    if since is not None:
        year, years = int(str(since.expr)[6:]), _number(since.value) or 0
        why = f"; {since.text}: {year + int(years)} - {year} = {_show(years)}"
    if relation == "consistent":
        return f"{len({e.article for e in members})} articles agree: " + "; ".join(parts) + why
    return "figures differ: " + " vs ".join(parts) + why


def story_date(story: Story, members: list[Analysis]) -> tuple[date | None, str]:
    """The date a story speaks from, and how it was found: the latest publication date of its members, or
    else the latest date inferred from their texts, or else the story's last_seen."""
    published = [d for a in members if (d := parse_published(a.article.published)) is not None]
    if published:
        return max(published), "the story date, the latest publication date of its articles"
    inferred = [d for a in members if (d := reference_date(a.article, a.facts)) is not None]
    if inferred:
        return max(inferred), "the story date, inferred from its articles' texts (low confidence)"
    seen = parse_published(story.last_seen)
    if seen is not None:
        return seen, "the story date, when the story was last seen"
    return None, "no story date"


def _entries(analysis: Analysis, anchor: date | None, how: str) -> list[_Entry]:
    article = analysis.article
    undated = parse_published(article.published) is None
    bounds = [s.start for s in analysis.sentences]
    out: list[_Entry] = []
    for fact in analysis.facts:
        if undated and anchor is not None and fact.expr and ":" in fact.expr:
            fact = resolve_fact(fact, anchor, how)
        if fact.value is None:
            continue
        key, noun = _key(fact)
        if key is None:
            continue
        guessed = undated and bool(fact.expr and ":" in fact.expr)
        ref = anchor if undated else parse_published(article.published)
        local = fact.kind == "date" and bool(_LOCAL_TIME.match(article.text, fact.end))
        context, near = _context(analysis, fact, bounds)
        out.append(_Entry(article.id, fact, key, noun, context, guessed, ref, local, near))
    return out


def _key(fact: Fact) -> tuple[tuple[str, ...] | None, str | None]:
    if fact.kind in ("percent", "money", "duration"):
        return (fact.kind, fact.unit or ""), None
    if fact.kind in ("date", "year", "number"):
        return (fact.kind,), None
    if fact.kind == "count" and fact.unit:
        words = fact.unit.split()
        # "12 killed" and "15 people were killed" are both counts of the killed
        noun = words[0] if len(words) > 1 else None
        return ("count", _stem(words[-1].lower())), noun
    return None, None


def _sentence(analysis: Analysis, fact: Fact, bounds: list[int]) -> tuple[int, int]:
    """Where the sentence holding `fact` starts and ends."""
    text = analysis.article.text
    if bounds:
        s = analysis.sentences[max(0, bisect_right(bounds, fact.start) - 1)]
        return s.start, max(s.end, fact.end)
    # no sentences (a bare Analysis): the line around the fact, cut at sentence ends
    start = max(text.rfind("\n", 0, fact.start) + 1, _last_stop(text, fact.start))
    nl = text.find("\n", fact.end)
    stop = re.search(r"[.!?](?:\s|$)", text[fact.end :])
    return start, min(nl if nl >= 0 else len(text), fact.end + stop.end() if stop else len(text))


def _stems(text: str) -> list[str]:
    """The content-word stems of `text`, in order."""
    stems = (_stem(w.lower().replace("’", "'").removesuffix("'s")) for w in _WORD.findall(text))
    return [s for s in stems if len(s) > 1 and s not in _IGNORED]


def _context(analysis: Analysis, fact: Fact, bounds: list[int]) -> tuple[frozenset[str], frozenset[str]]:
    """The content words of the fact's sentence, and the NEAR of them on each side of the figure."""
    text = analysis.article.text
    start, end = _sentence(analysis, fact, bounds)
    before, after = _stems(text[start : fact.start]), _stems(text[fact.end : end])
    return frozenset(before + after), frozenset(before[-NEAR:] + after[:NEAR])


def _last_stop(text: str, pos: int) -> int:
    best = 0
    for m in re.finditer(r"[.!?][\"'”’]?\s", text[max(0, pos - 400) : pos]):
        best = max(0, pos - 400) + m.end()
    return best


def _idf(entries: list[_Entry]) -> dict[str, float]:
    contexts = {(e.article, e.context) for e in entries}
    df: dict[str, int] = defaultdict(int)
    for _, ctx in contexts:
        for s in ctx:
            df[s] += 1
    n = len(contexts)
    return {s: math.log(1 + n / d) for s, d in df.items()}


def _candidate_pairs(entries: list[_Entry], idxs: list[int], idf: Mapping[str, float]
                     ) -> dict[tuple[int, int], tuple[float, int]]:  # fmt: skip
    postings: dict[str, list[int]] = defaultdict(list)
    for i in idxs:
        for s in entries[i].context:
            postings[s].append(i)
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    for stem, ids in postings.items():
        if len(ids) > _POSTINGS_CAP:
            continue
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                i, j = ids[a], ids[b]
                if entries[i].article != entries[j].article:
                    shared[(i, j)].append(stem)
    out: dict[tuple[int, int], tuple[float, int]] = {}
    for (i, j), stems in shared.items():
        if len(stems) < _PAIR_MIN_SHARED:
            continue
        weight_i = sum(idf[s] for s in entries[i].context)
        weight_j = sum(idf[s] for s in entries[j].context)
        score = sum(idf[s] for s in stems) / max(1e-9, min(weight_i, weight_j))
        if score >= _PAIR_MIN_SCORE and _nouns_agree(entries[i], entries[j]):
            out[(i, j)] = (score, len(stems))
    return out


def _nouns_agree(a: _Entry, b: _Entry) -> bool:
    if a.noun is None or b.noun is None or a.noun in _GENERIC_NOUNS or b.noun in _GENERIC_NOUNS:
        return True
    return _stem(a.noun) == _stem(b.noun)


def _mutual_best(entries: list[_Entry], scores: dict[tuple[int, int], tuple[float, int]]
                 ) -> dict[tuple[int, int], tuple[float, int]]:  # fmt: skip
    """Keep a pair only when each fact is the other's best match in the other's article."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), (score, _) in scores.items():
        for x, y in ((i, j), (j, i)):
            slot = (x, entries[y].article)
            if slot not in best or score > best[slot][0]:
                best[slot] = (score, y)
    return {
        (i, j): v
        for (i, j), v in scores.items()
        if best[(i, entries[j].article)][1] == j and best[(j, entries[i].article)][1] == i
    }


def _judge(a: _Entry, b: _Entry, score: float, shared: int) -> FactCheck | None:
    fa, fb = a.fact, b.fact
    # a count names what it counts ("12 killed"); any other figure needs a word next to both (see NEAR)
    said_of_one_thing = fa.kind == "count" or bool(a.near & b.near)
    strong = shared >= _CONFLICT_MIN_SHARED and score >= _CONFLICT_MIN_SCORE and said_of_one_thing
    items = (_item(a), _item(b))
    if fa.kind == "date":
        agree = same_date(str(fa.value), str(fb.value))
        if agree is None:
            return None
        if agree:
            if _this_period(fa, fb) or _this_period(fb, fa):
                return None
            value = max(str(fa.value), str(fb.value), key=len)
            return FactCheck("consistent", items, f"{fa.text} = {value} = {fb.text}" + _how(fa, fb))
        if not strong or a.guessed or b.guessed:
            return None  # a date read against a guessed anchor can agree by luck, but not prove a contradiction
        if _may_agree(a, b):
            return None  # another reading of a relative date agrees: not proof of a contradiction
        if _year_unknown(fa, fb) or _year_unknown(fb, fa):
            return None
        return FactCheck("conflict", items, f"{fa.text} ({fa.value}) vs {fb.text} ({fb.value})" + _how(fa, fb))
    va, vb = _number(fa.value), _number(fb.value)
    if va is None or vb is None:
        return None
    unit = "" if fa.kind in ("year", "number") else _unit_label(fa)
    if _compatible(fa, va, fb, vb):
        if _is_since(fa) or _is_since(fb):
            since, other = (fa, fb) if _is_since(fa) else (fb, fa)
            year = int(str(since.expr)[6:])
            ref = year + int(_number(since.value) or 0)
            note = f"{since.text} and {other.text} agree: {ref} - {year} = {_show(_number(other.value) or 0)}"
        elif va == vb:
            note = f"{fa.text} and {fb.text} agree: {_show(va)}{unit}"
        else:
            note = f"{fa.text} and {fb.text} agree within their hedges: {_show(va)} ~ {_show(vb)}{unit}"
        return FactCheck("consistent", items, note)
    if not strong or fa.kind == "number" or a.guessed or b.guessed:
        return None  # bare numbers carry too little meaning to call them contradictory
    return FactCheck("conflict", items, f"{fa.text} vs {fb.text}: {_show(va)} ≠ {_show(vb)}{unit}")


# Other readings a relative date allows (see `_readings`). News names a weekday for a day within a week either
# way, and the parse does not always tell which way ("will take him on to Drovnia on Thursday"): a past weekday
# may be the coming one, the more so the day after the article's date, where the news happened in a later time
# zone ("state media reported Saturday morning local time" in a Friday evening report). "Will meet on Friday"
# written on a Friday may be that day or a week later; "in November" the last November or the coming one.
_OTHER_MODES: dict[str, dict[str, tuple[str, ...]]] = {
    "weekday": {"recent": ("ahead", "next"), "ahead": ("next",)},
    "month": {"near": ("ahead",), "ahead": ("near",)},
}


# "Saturday morning local time", "on Friday (local time)": the day where it happened, one day off elsewhere
_LOCAL_TIME = re.compile(
    r"[\s,(]*(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)?[\s,(]*local\s+time\b", re.I
)


def _readings(e: _Entry) -> list[str]:
    """The value of a date fact and the other values its relative expression allows against the same date;
    a day stated in local time also the day before and after (the other outlet may write from another zone)."""
    values = [str(e.fact.value)]
    parts = (e.fact.expr or "").split(":")
    if e.ref is not None and len(parts) == 3:
        for mode in _OTHER_MODES.get(parts[0], {}).get(parts[2], ()):
            other, _ = resolve(f"{parts[0]}:{parts[1]}:{mode}", e.ref)
            if other is not None:
                values.append(other)
    if e.local:
        days = [date.fromisoformat(v) for v in values if len(v) == 10]
        values += [(d + timedelta(days=k)).isoformat() for d in days for k in (-1, 1)]
    return values


def _may_agree(a: _Entry, b: _Entry) -> bool:
    """Could two date facts that disagree as read still be one date, under another reading of either?"""
    return any(same_date(va, vb) for va in _readings(a) for vb in _readings(b))


def _year_unknown(bare: Fact, other: Fact) -> bool:
    """Is `bare` a month named without a year ("by December") and `other` of another year? The month was
    given the year nearest the story's date, but a story that tells of earlier years ("in December 2016, the
    man returned") means theirs: the two cannot be shown to differ."""
    return bool(bare.expr and bare.expr.startswith("month:") and str(bare.value)[:4] != str(other.value)[:4])


def _this_period(coarse: Fact, fine: Fact) -> bool:
    """Is `coarse` the period the story is dated in ("earlier this year", "this month", "this week") and `fine`
    a date inside it? Such a period holds every date near the story's, so their "agreement" says nothing: it
    is how a figure of one happening gets paired with the day of another."""
    return bool(coarse.expr and coarse.expr.startswith("period:") and coarse.expr.endswith(":+0")
                and len(str(fine.value)) > len(str(coarse.value)))


def _is_since(fact: Fact) -> bool:
    return bool(fact.expr and fact.expr.startswith("since:"))


def _range(expr: str | None, value: float) -> tuple[float, float]:
    """The values a figure allows, given its hedge: "more than 12" -> (12+, inf); "about 25" -> 25 ± 10%."""
    eps = 1e-9 * max(1.0, abs(value))
    if expr == ">":
        return value + eps, math.inf
    if expr == ">=":
        return value, math.inf
    if expr == "<":
        return -math.inf, value - eps
    if expr == "<=":
        return -math.inf, value
    if expr == "~":
        return value - _APPROX * abs(value), value + _APPROX * abs(value)
    return value - eps, value + eps


def _compatible(fa: Fact, va: float, fb: Fact, vb: float) -> bool:
    """Can both figures be true at once (do the ranges their hedges allow overlap)?"""
    lo_a, hi_a = _range(fa.expr, va)
    lo_b, hi_b = _range(fb.expr, vb)
    return lo_a <= hi_b and lo_b <= hi_a


def _show(value: float) -> str:
    """A figure for a note: 26, 2.5, 548,000,000."""
    return f"{int(value):,}" if float(value).is_integer() and abs(value) >= 10_000 else _plain(value)


def _number(value: float | str | None) -> float | None:
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _unit_label(fact: Fact) -> str:
    if fact.kind in ("year", "number"):
        return ""
    if fact.unit == "%":
        return "%"
    if fact.kind == "duration":
        return f" {fact.unit}s"
    return f" {fact.unit}" if fact.unit else ""


def _how(fa: Fact, fb: Fact) -> str:
    notes = [f"{f.text}: {f.note}" for f in (fa, fb) if f.expr and ":" in f.expr and f.note]
    return (" — " + " | ".join(notes)) if notes else ""


def _item(e: _Entry) -> FactItem:
    return FactItem(article=e.article, fact=e.fact.id, text=e.fact.text, value=e.fact.value, unit=e.fact.unit)

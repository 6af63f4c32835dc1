"""The quote ledger: each quotation across the outlets of a story, how the versions differ, and a word diff.

Relations, read from the first quote (a) to the second (b):
  exact          identical after trimming whitespace and trailing punctuation
  equivalent     the same words once case, punctuation, apostrophes, spelling variants, abbreviations and
                 number formats are normalized (`normalize.py`); the note names the equivalences
  trimmed        b is a contiguous part of a;  extended: b contains a and more
  altered        words changed: the shorter quote against its best-matching window of the longer one
  misattributed  the same (or contained) words given to two different speakers, both named (a description
                 such as "a government spokeswoman" may be whom the other outlet names; a person against an
                 organisation or country is attribution to the institution): otherwise the note says who

Cost: versions with the same words and speaker are matched once (a "class"); candidate pairs of classes come
from an inverted index of word bigrams, so a story never compares all pairs of quotes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import combinations, pairwise

from rapidfuzz.distance import Indel

from framescope.compare.entities import name_words
from framescope.compare.normalize import Token, same_surface, tokens, trimmed
from framescope.models import Analysis, DiffOp, Quote, QuoteGroup, QuoteMatch

ALTERED_MIN = 0.6  # similarity of the shorter quote to its best window in the longer one
ALTERED_MIN_EQUAL = 4  # words in common, so that two unrelated sentences with "we are ... the" never match
ALTERED_MIN_CONTENT = 1  # of which words that are not function words
SHORT = 3  # a quote of this many words or fewer is treated as a fragment: it matches only by containment
# Words the shorter of two quotes must have for their speakers to contradict: a term, a title or a slogan in
# quote marks ("feather duvet lung", "Takin' It to the Streets") is no one's words, and two outlets crediting
# it to different people say nothing about putting speech in someone else's mouth.
MISATTRIBUTED_MIN = 6
MAX_CANDIDATES = 12  # other versions tried per version of a quotation
ALL_PAIRS = 10  # up to this many outlets with one version, every pair of them is listed
ONLY_IN_MIN = 3  # a run of at least this many words that no other outlet quoted gets an "only in" note
# Function words that make an index key worthless on their own ("of the", "it is").
_FUNCTION = frozenset(
    [
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "and", "or", "but",
        "if", "is", "are", "was", "were", "be", "been", "am", "it", "its", "this", "that", "these", "those",
        "i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "our",
        "their", "do", "does", "did", "not", "no", "so", "there", "will", "would", "can", "could", "shall",
        "should", "may", "might", "must", "have", "has", "had", "all", "any", "some", "what", "which", "who",
    ]
)
_INSTITUTIONS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_EDGE = frozenset({"and", "but", "or", "so", "then", "while", "because"})


@dataclass
class _Item:
    quote: Quote
    article: str
    order: int  # position of its article in the comparison
    toks: tuple[Token, ...]
    norms: tuple[str, ...]
    speaker: str | None
    scare: bool
    short: bool


@dataclass
class _Class:
    members: list[_Item]
    keys: set[tuple[str, ...]] = field(default_factory=set)

    @property
    def rep(self) -> _Item:
        return self.members[0]


def _keys(norms: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(norms) <= 1:
        return {norms}
    return {bg for bg in pairwise(norms) if not (bg[0] in _FUNCTION and bg[1] in _FUNCTION)}


def _find(sub: tuple[str, ...], seq: tuple[str, ...]) -> int:
    """Start of the contiguous run `sub` in `seq`, or -1."""
    n = len(sub)
    first = sub[0] if sub else None
    for i in range(len(seq) - n + 1):
        if seq[i] == first and seq[i : i + n] == sub:
            return i
    return -1


def best_window(short: tuple[str, ...], long: tuple[str, ...]) -> tuple[int, int, float]:
    """The slice of `long` most like `short` (Indel similarity over words), edges refined by up to 3 words."""
    m, n = len(short), len(long)
    if m >= n:
        return 0, n, Indel.normalized_similarity(short, long)
    best = (0, m, -1.0)
    for s in range(n - m + 1):
        sim = Indel.normalized_similarity(short, long[s : s + m])
        if sim > best[2]:
            best = (s, s + m, sim)
    s0, e0, _ = best
    for s in range(max(0, s0 - 3), min(n, s0 + 4)):
        for e in range(max(s + 1, e0 - 3), min(n, e0 + 3) + 1):
            sim = Indel.normalized_similarity(short, long[s:e])
            if sim > best[2] + 1e-9:
                best = (s, e, sim)
    return best


def _surface(text: str, toks: Sequence[Token]) -> str:
    return text[toks[0].start : toks[-1].end] if toks else ""


def _diff(a: _Item, b: _Item) -> tuple[tuple[DiffOp, ...], list[tuple[int, int, int, int]], list[tuple[str, str]]]:
    """Word diff of a against b (their own characters), the aligned index ranges, and the equivalences used."""
    ops: list[DiffOp] = []
    aligned: list[tuple[int, int, int, int]] = []
    equivalences: list[tuple[str, str]] = []
    ta, tb = a.quote.text, b.quote.text
    for tag, i1, i2, j1, j2 in _opcodes(a.norms, b.norms):
        wa, wb = _surface(ta, a.toks[i1:i2]), _surface(tb, b.toks[j1:j2])
        if tag in ("equal", "replace"):
            aligned.append((i1, i2, j1, j2))
        if tag == "equal":
            for x, y in zip(a.toks[i1:i2], b.toks[j1:j2], strict=True):
                pair = _strip_common_head(x.surface, y.surface)
                if not same_surface(x, y) and pair not in equivalences:
                    equivalences.append(pair)
        if ops and ops[-1].op == tag:
            prev = ops.pop()
            ops.append(DiffOp(tag, (prev.a + " " + wa).strip(), (prev.b + " " + wb).strip()))
        else:
            ops.append(DiffOp(tag, wa, wb))
    return tuple(ops), aligned, equivalences


def _opcodes(x: tuple[str, ...], y: tuple[str, ...]) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes from x to y. When one is longer, the shorter is aligned to its best window in the longer
    (so that "you need" early in a long quote does not pull the alignment away from "all you have to do"), and
    the rest of the longer one is inserted or deleted around it."""
    if len(x) == len(y):
        return list(SequenceMatcher(None, x, y, autojunk=False).get_opcodes())
    if len(x) < len(y):
        s, e, _ = best_window(x, y)
        inner = [(t, i1, i2, j1 + s, j2 + s)
                 for t, i1, i2, j1, j2 in SequenceMatcher(None, x, y[s:e], autojunk=False).get_opcodes()]
        head = [("insert", 0, 0, 0, s)] if s else []
        tail = [("insert", len(x), len(x), e, len(y))] if e < len(y) else []
    else:
        s, e, _ = best_window(y, x)
        inner = [(t, i1 + s, i2 + s, j1, j2)
                 for t, i1, i2, j1, j2 in SequenceMatcher(None, x[s:e], y, autojunk=False).get_opcodes()]
        head = [("delete", 0, s, 0, 0)] if s else []
        tail = [("delete", e, len(x), len(y), len(y))] if e < len(x) else []
    return head + inner + tail


def _strip_common_head(a: str, b: str) -> tuple[str, str]:
    """'the U.S.' / 'the United States' -> 'U.S.' / 'United States' for the note."""
    wa, wb = a.split(), b.split()
    while len(wa) > 1 and len(wb) > 1 and wa[0].casefold() == wb[0].casefold():
        wa, wb = wa[1:], wb[1:]
    return " ".join(wa), " ".join(wb)


def _relation(a: _Item, b: _Item) -> tuple[str, float] | None:
    """How b's words relate to a's, or None when they are not the same quotation."""
    if a.scare or b.scare:
        if a.scare and b.scare and a.norms == b.norms:
            return ("exact" if trimmed(a.quote.text) == trimmed(b.quote.text) else "equivalent"), 1.0
        return None  # scare quotes are the author's words: they never match reported speech
    if a.norms == b.norms:
        return ("exact" if trimmed(a.quote.text) == trimmed(b.quote.text) else "equivalent"), 1.0
    short, long = (a, b) if len(a.norms) <= len(b.norms) else (b, a)
    if _find(short.norms, long.norms) >= 0:
        # One or two words inside a different speaker's longer quote are a coincidence, not a quotation.
        if len(short.norms) <= 2 and short.speaker and long.speaker and short.speaker != long.speaker:
            return None
        return ("extended" if short is a else "trimmed"), 1.0
    if short.short or short.quote.kind == "fragment":
        return None  # fragments match only by containment
    s, e, sim = best_window(short.norms, long.norms)
    if sim < ALTERED_MIN:
        return None
    same = [w for blk in SequenceMatcher(None, short.norms, long.norms[s:e], autojunk=False).get_matching_blocks()
            for w in short.norms[blk.a : blk.a + blk.size]]
    # Enough words in common, and not only function words: "we will not do it" and "we will not do that
    # again" share four words, none of which says anything.
    if len(same) >= ALTERED_MIN_EQUAL and sum(w not in _FUNCTION for w in same) >= ALTERED_MIN_CONTENT:
        return "altered", round(sim, 3)
    return None


def _label(outlets: dict[str, str], article: str) -> str:
    return outlets.get(article) or article


def quote_ledger(
    analyses: Sequence[Analysis],
    resolve: Callable[[str | None], str | None] = lambda s: s,
) -> tuple[tuple[QuoteMatch, ...], tuple[QuoteGroup, ...]]:
    """Match the quotations of a story's articles (given in comparison order) and group them."""
    outlets = {an.article.id: (an.article.outlet or an.article.title or an.article.id) for an in analyses}
    items: list[_Item] = []
    wordless: list[QuoteGroup] = []  # a quote with no words ("?!") is grouped alone and matched with nothing
    for order, an in enumerate(analyses):
        for q in sorted(an.quotes, key=lambda q: q.start):
            toks = tokens(q.text)
            if not toks:
                wordless.append(QuoteGroup((q.id,), q.speaker, (an.article.id,)))
                continue
            norms = tuple(t.norm for t in toks)
            items.append(_Item(q, an.article.id, order, toks, norms, resolve(q.speaker), q.kind == "scare",
                               q.kind == "fragment" or len(norms) <= SHORT))
    # Versions with the same words, speaker and kind are one class, matched once.
    classes: dict[tuple[object, ...], _Class] = {}
    for it in items:
        classes.setdefault((it.norms, it.speaker, it.scare), _Class([])).members.append(it)
    cls = list(classes.values())
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    unigrams: dict[str, set[int]] = defaultdict(set)
    for ci, c in enumerate(cls):
        c.keys = _keys(c.rep.norms)
        for k in c.keys:
            index[k].append(ci)
        for w in c.rep.norms:
            unigrams[w].add(ci)

    parent = {it.quote.id: it.quote.id for it in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        parent[find(x)] = find(y)

    matches: list[tuple[_Item, _Item, str, float]] = []
    for c in cls:
        for m in c.members[1:]:
            union(m.quote.id, c.rep.quote.id)
        heads = _heads(c.members)
        # Every pair of outlets carrying the same version, in a story of a few outlets; beyond that each one is
        # linked to the earliest, so that 50 copies of a wire quote give 49 matches, not 1,225.
        pairs = combinations(heads, 2) if len(heads) <= ALL_PAIRS else ((heads[0], h) for h in heads[1:])
        for a, b in pairs:
            rel, score = _relation(a, b) or ("equivalent", 1.0)
            matches.append((a, b, rel, score))
    seen: set[tuple[int, int]] = set()
    for ci, c in enumerate(cls):
        shared: Counter[int] = Counter()
        for k in c.keys:
            shared.update(index[k])
        if len(c.rep.norms) == 1:  # a one-word fragment is looked up inside longer quotes
            shared.update(unigrams[c.rep.norms[0]])
        shared.pop(ci, None)
        # The versions sharing the most word pairs are tried first, and only MAX_CANDIDATES of them: when many
        # outlets carry many variants of one quotation, each variant still gets linked to its closest ones
        # (which joins them all in one group) without trying every pair.
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        for cj, _ in ranked:
            pair = (min(ci, cj), max(ci, cj))
            if cj == ci or pair in seen:
                continue
            seen.add(pair)
            x, y = cls[pair[0]], cls[pair[1]]
            hx, hy = _heads(x.members), _heads(y.members)
            if len(hx) <= ALL_PAIRS and len(hy) <= ALL_PAIRS:
                member_pairs = [(p, q) if (p.order, p.quote.start) < (q.order, q.quote.start) else (q, p)
                                for p in hx for q in hy if p.article != q.article]
            else:  # the earliest pair of members from two different articles stands for the two classes
                best = _earliest_pair(x.members, y.members)
                member_pairs = [best] if best is not None else []
            for a, b in member_pairs:
                found = _relation(a, b)
                if found is None:
                    break  # the words decide, and they are the same for every member of a class
                union(a.quote.id, b.quote.id)
                matches.append((a, b, *found))
    return _emit(matches, items, outlets, _speaker_labels(analyses, resolve)), _groups(items, find) + tuple(wordless)


def _speaker_labels(analyses: Sequence[Analysis], resolve: Callable[[str | None], str | None]) -> dict[str, str]:
    """The entity label (PERSON, ORG, GPE...) most often given to each name in the story."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for an in analyses:
        for e in an.entities:
            counts[resolve(e.canonical) or e.canonical][e.label] += 1
    return {name: c.most_common(1)[0][0] for name, c in counts.items()}


_NAME_GLUE = frozenset({"of", "the", "and", "de", "la", "le", "van", "von", "der", "al", "bin"})


def _named(speaker: str, labels: dict[str, str]) -> bool:
    """A speaker given by name (an entity of the story, or two or more words all capitalised: "Mark Vassella",
    "European Commission"), not by a description ("British government", "a spokeswoman in Washington",
    "Officials")."""
    if speaker in labels:
        return True
    # Not an entity of the story: a name only if it is two or more capitalised words; one capitalised word is
    # most often a description opening its sentence ("Aides said", "Officials told").
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", speaker) if w.lower() not in _NAME_GLUE]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _heads(members: list[_Item]) -> list[_Item]:
    """The first member in each article (a quote repeated within one article is matched once)."""
    seen: set[str] = set()
    out = []
    for m in members:
        if m.article not in seen:
            seen.add(m.article)
            out.append(m)
    return out


def _earliest_pair(xs: list[_Item], ys: list[_Item]) -> tuple[_Item, _Item] | None:
    """The earliest two members of two classes that sit in different articles, in comparison order.
    Members are sorted by article order, so only the head of each list needs looking at."""
    options: list[tuple[_Item, _Item]] = []
    for p in xs[:1]:
        q = next((q for q in ys if q.article != p.article), None)
        if q is not None:
            options.append((p, q))
    for q in ys[:1]:
        p2 = next((p for p in xs if p.article != q.article), None)
        if p2 is not None:
            options.append((p2, q))
    if not options:
        return None
    p, q = min(options, key=lambda pq: (min(pq[0].order, pq[1].order), max(pq[0].order, pq[1].order)))
    a, b = sorted((p, q), key=lambda it: (it.order, it.quote.start))
    return a, b


def _emit(
    matches: list[tuple[_Item, _Item, str, float]], items: list[_Item], outlets: dict[str, str],
    labels: dict[str, str],
) -> tuple[QuoteMatch, ...]:
    covered: dict[str, set[int]] = defaultdict(set)
    built = []
    for a, b, rel, score in matches:
        ops, aligned, eqs = _diff(a, b)
        # "Only in" is about a quotation that another outlet also carries at length: a fragment quoted from a
        # long quote says nothing about the rest of it, so fragments do not count towards coverage.
        for i1, i2, j1, j2 in aligned:
            if not b.short:
                covered[a.quote.id].update(range(i1, i2))
            if not a.short:
                covered[b.quote.id].update(range(j1, j2))
        notes: list[str] = []
        if a.speaker and b.speaker and a.speaker != b.speaker:
            # A person in one outlet and an organisation or country in another ("the ministry said" / "the
            # minister said") is attribution to the institution, not to someone else.
            institutional = {labels.get(a.speaker), labels.get(b.speaker)} >= {"PERSON"} and bool(
                {labels.get(a.speaker), labels.get(b.speaker)} & _INSTITUTIONS)
            # A description ("a government spokeswoman", "officials") may well be the one the other outlet
            # names: the words are given to someone else only when both outlets name who.
            described = not (_named(a.speaker, labels) and _named(b.speaker, labels))
            # "Trump" and "Donald Trump" where the story also names Melania Trump: the resolver keeps the short
            # name apart (it could be either), and so it is no evidence of someone else.
            wa, wb = name_words(a.speaker), name_words(b.speaker)
            compatible = wa <= wb or wb <= wa
            spoken = min(len(a.norms), len(b.norms)) >= MISATTRIBUTED_MIN
            if rel != "altered" and spoken and not institutional and not described and not compatible:
                notes.append(f"same words as {rel}")
                rel = "misattributed"
            notes.append(f"speaker: {a.speaker} in {_label(outlets, a.article)}, "
                         f"{b.speaker} in {_label(outlets, b.article)}"
                         + (" (a person and an institution)" if institutional else ""))
        if eqs:
            notes.append("equivalent: " + "; ".join(f"'{x}' = '{y}'" for x, y in eqs))
        if rel == "altered":
            changed = [f"'{op.a}' -> '{op.b}'" for op in ops if op.op == "replace"]
            if changed:
                notes.append("changed: " + "; ".join(changed))
        built.append((a, b, rel, score, ops, notes))
    only = {it.quote.id: _only_in(it, covered[it.quote.id], outlets) for it in items if it.quote.id in covered}
    out = []
    for a, b, rel, score, ops, notes in built:
        extra = [n for n in (only.get(a.quote.id), only.get(b.quote.id)) if n]
        out.append(QuoteMatch(quotes=(a.quote.id, b.quote.id), relation=rel, diff=ops,
                              note="; ".join(notes + extra), score=score))
    return tuple(out)


def _only_in(it: _Item, covered: set[int], outlets: dict[str, str]) -> str:
    """Words of this quote that no other outlet's version carries, as "only in <outlet>: '...'"."""
    runs: list[list[int]] = []
    for i in range(len(it.toks)):
        if i in covered:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = []
    for run in runs:
        while run and it.norms[run[0]] in _EDGE:
            run.pop(0)
        while run and it.norms[run[-1]] in _EDGE:
            run.pop()
        if len(run) >= ONLY_IN_MIN:
            words = _surface(it.quote.text, it.toks[run[0] : run[-1] + 1])
            parts.append(f"only in {_label(outlets, it.article)}: '{words}'")
    return "; ".join(parts)


def _groups(items: list[_Item], find: Callable[[str], str]) -> tuple[QuoteGroup, ...]:
    comps: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        comps[find(it.quote.id)].append(it)
    groups = []
    for members in comps.values():
        members.sort(key=lambda it: (it.order, it.quote.start))
        speakers = [it.speaker for it in members if it.speaker]
        speaker = max(set(speakers), key=lambda s: (speakers.count(s), s)) if speakers else None
        articles = tuple(dict.fromkeys(it.article for it in members))
        groups.append((members[0].order, members[0].quote.start,
                       QuoteGroup(tuple(it.quote.id for it in members), speaker, articles)))
    groups.sort(key=lambda g: (g[0], g[1]))
    return tuple(g[2] for g in groups)

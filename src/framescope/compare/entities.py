"""Who each outlet mentions and quotes, and one name per person across the articles of a story.

Entity canonical names are settled inside each article by the analysis; across articles the same person may
still be "Jane Smith" in one and "Smith" in another, so `NameResolver` joins a name to the longer names
that contain all its words, when those longer names do not disagree with each other ("Smith" stays apart
when both "John Smith" and "Jane Smith" occur).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from anyascii import anyascii

from framescope.models import Analysis, Coverage

ACTOR_LABELS = frozenset({"PERSON", "ORG"})
SPEAKING_LABELS = frozenset({"GPE", "NORP"})  # actors only when they speak ("Washington says ...")


def name_words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", anyascii(name).casefold()))


class NameResolver:
    """Maps every name seen in a story to one representative name."""

    def __init__(self, names: Iterable[str]) -> None:
        counts = Counter(n for n in names if n and name_words(n))
        words = {n: name_words(n) for n in counts}
        parent = {n: n for n in counts}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        holders: dict[str, set[str]] = defaultdict(set)
        for n, w in words.items():
            for word in w:
                holders[word].add(n)
        same: dict[frozenset[str], str] = {}
        for n, w in words.items():  # "Zoë Lind" and "Zoe Lind": the same words, one person
            parent[n] = same.setdefault(w, n)
        for n, w in words.items():
            # Names holding every word of n, found through the word index rather than by trying all names.
            shared = set.intersection(*(holders[word] for word in w))
            supers = [m for m in shared if w < words[m]]
            if not supers:
                continue
            # All longer names must be compatible with each other (one contains the other), else n is ambiguous.
            if all(words[x] <= words[y] or words[y] <= words[x] for x in supers for y in supers):
                for m in supers:
                    parent[find(n)] = find(m)
        groups: dict[str, list[str]] = defaultdict(list)
        for n in counts:
            groups[find(n)].append(n)
        self._rep: dict[str, str] = {}
        for members in groups.values():
            # The most frequent form names the person; among equals prefer a full name (2+ words), then the shorter.
            best = max(members, key=lambda m: (counts[m], len(words[m]) >= 2, -len(m), m))
            for m in members:
                self._rep[m] = best
        self._by_words = {words[n]: self._rep[n] for n in counts}

    def __call__(self, name: str | None) -> str | None:
        if not name:
            return None
        rep = self._rep.get(name)
        if rep is not None:
            return rep
        return self._by_words.get(name_words(name), name)


def resolver_for(analyses: Sequence[Analysis]) -> NameResolver:
    names: list[str] = []
    for an in analyses:
        names.extend(e.canonical for e in an.entities if e.label in ACTOR_LABELS | SPEAKING_LABELS)
        names.extend(q.speaker for q in an.quotes if q.speaker)
    return NameResolver(names)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def coverage(analyses: Sequence[Analysis], resolve: NameResolver | None = None) -> tuple[Coverage, ...]:
    """Mentions, quotes and share of quoted words per actor and article, the most covered actors first.

    People and organisations always count; places (GPE) and groups (NORP) count as actors only when some
    article of the story quotes them as a speaker, since "Washington" as a speaker is a government, while
    most place mentions are just where things happen.
    """
    resolve = resolve or resolver_for(analyses)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: dict[str, Counter[str]] = defaultdict(Counter)
    quotes: dict[str, Counter[str]] = defaultdict(Counter)
    quoted_words: dict[str, Counter[str]] = defaultdict(Counter)
    total_quoted: Counter[str] = Counter()
    speakers: set[str] = set()
    for an in analyses:
        aid = an.article.id
        for q in an.quotes:
            if q.kind == "scare":
                continue
            n = _words(q.text)
            total_quoted[aid] += n
            who = resolve(q.speaker)
            if who:
                speakers.add(who)
                quotes[who][aid] += 1
                quoted_words[who][aid] += n
        for e in an.entities:
            who = resolve(e.canonical) or e.canonical
            labels[who][e.label] += 1
            mentions[who][aid] += 1
    out: list[Coverage] = []
    for who in set(mentions) | speakers:
        label = labels[who].most_common(1)[0][0] if labels[who] else "PERSON"
        if label not in ACTOR_LABELS and who not in speakers:
            continue
        share = {a: round(quoted_words[who][a] / total_quoted[a], 4) for a in quoted_words[who] if total_quoted[a]}
        out.append(
            Coverage(
                entity=who,
                label=label,
                mentions=dict(mentions[who]),
                quotes=dict(quotes[who]),
                quoted_words_share=share,
            )
        )
    out.sort(key=lambda c: (-sum(c.quotes.values()), -sum(c.mentions.values()), c.entity))
    return tuple(out)

"""Claim alignment: for each sentence of each article, the sentences of the other articles that report the
same thing, and a plain-data summary of what all, some or one outlet(s) report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy import sparse

from framescope.compare.similarity import (
    CLAIM_THRESHOLD,
    HYBRID_THRESHOLD,
    MINILM_THRESHOLD,
    lexical_matrix,
    load_minilm,
    neighbours,
)
from framescope.models import Analysis, Claim, Comparison, SharedWith

MIN_WORDS = 4  # a sentence shorter than this ("He said.") is never aligned: too little to be a claim
MARGIN = 0.05  # besides the best sentence of another article, keep those within this of it (a split claim)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def sentence_keys(an: Analysis, resolve: Callable[[str | None], str | None]) -> list[list[str]]:
    """Per sentence: the canonical names of the entities in it and the numbers (facts when the analysis has
    them, digits otherwise), the evidence that two sentences speak of the same actors and quantities."""
    keys: list[list[str]] = [[] for _ in an.sentences]
    starts = [s.start for s in an.sentences]

    def where(pos: int) -> int:
        lo, hi = 0, len(starts)
        while lo < hi:  # the last sentence starting at or before pos
            mid = (lo + hi) // 2
            if starts[mid] <= pos:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1

    for e in an.entities:
        i = where(e.start)
        if 0 <= i < len(keys) and e.end <= an.sentences[i].end:
            keys[i].append("e:" + (resolve(e.canonical) or e.canonical))
    for f in an.facts:
        i = where(f.start)
        if 0 <= i < len(keys) and f.value is not None:
            keys[i].append(f"f:{f.value}")
    for i, s in enumerate(an.sentences):
        keys[i].extend("n:" + m.group(0).replace(",", "") for m in _NUMBER.finditer(s.text))
    return keys


def align_claims(
    analyses: Sequence[Analysis],
    resolve: Callable[[str | None], str | None] = lambda s: s,
    *,
    threshold: float | None = None,
    encoder: str = "lexical",
) -> tuple[Claim, ...]:
    """Every sentence of every article, each with its counterparts in the other articles (best first).

    encoder: "lexical" (TF-IDF words + char n-grams + names/numbers; the default), "minilm" (sentence
    embeddings from the optional packaged model) or "hybrid" (the mean of both similarities).
    """
    rows: list[tuple[str, int]] = []
    texts: list[str] = []
    keys: list[list[str]] = []
    for an in analyses:
        ks = sentence_keys(an, resolve)
        for i, s in enumerate(an.sentences):
            rows.append((an.article.id, i))
            texts.append(s.text)
            keys.append(ks[i])
    usable = [k for k, t in enumerate(texts) if len(re.findall(r"\w+", t)) >= MIN_WORDS]
    shared: dict[int, list[SharedWith]] = defaultdict(list)
    if len(usable) >= 2:
        chosen = [texts[k] for k in usable]
        if encoder == "minilm":
            matrix: Any = load_minilm().encode(chosen)
            cut = MINILM_THRESHOLD
        elif encoder == "hybrid":
            # Both unit vectors side by side, each scaled by sqrt(1/2): the cosine is the mean of the two.
            lex = lexical_matrix(chosen, [keys[k] for k in usable])
            emb = sparse.csr_matrix(load_minilm().encode(chosen))
            matrix = sparse.hstack([lex * np.sqrt(0.5), emb * np.sqrt(0.5)]).tocsr()
            cut = HYBRID_THRESHOLD
        elif encoder == "lexical":
            matrix = lexical_matrix(chosen, [keys[k] for k in usable])
            cut = CLAIM_THRESHOLD
        else:
            raise ValueError(f"unknown sentence encoder {encoder!r}: use lexical, minilm or hybrid")
        cut = cut if threshold is None else threshold
        found = neighbours(matrix, [rows[k][0] for k in usable], cut)
        for pos, hits in enumerate(found):
            best_per_article: dict[str, float] = {}
            for j, score in hits:  # sorted best first
                art, sent = rows[usable[j]]
                top = best_per_article.setdefault(art, score)
                if score >= top - MARGIN:
                    shared[usable[pos]].append(SharedWith(art, sent, score))
    return tuple(
        Claim(article=art, sentence=i, shared_with=tuple(shared.get(k, ()))) for k, (art, i) in enumerate(rows)
    )


def claim_summary(comparison: Comparison, analyses: Mapping[str, Analysis]) -> dict[str, Any]:
    """Plain data for reports: the points of the story (aligned sentences joined into one point), each marked
    `all` (every outlet reports it), `some` (several, not all) or `alone` (one outlet only).

    {"articles": [ids], "points": [{"scope", "articles", "sentences": [{"article", "sentence", "text",
    "start", "end"}]}], "counts": {"all": n, "some": n, "alone": {article: n}}}
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in comparison.claims:
        find((c.article, c.sentence))
        for sw in c.shared_with:
            parent[find((c.article, c.sentence))] = find((sw.article, sw.sentence))
    comps: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for node in list(parent):
        comps[find(node)].append(node)
    order = {a: i for i, a in enumerate(comparison.articles)}
    everyone = set(comparison.articles)
    points: list[dict[str, Any]] = []
    counts: dict[str, Any] = {"all": 0, "some": 0, "alone": {a: 0 for a in comparison.articles}}
    for members in comps.values():
        members.sort(key=lambda n: (order.get(n[0], len(order)), n[1]))
        arts = list(dict.fromkeys(a for a, _ in members))
        if len(arts) == 1:
            scope = "alone"
            counts["alone"][arts[0]] = counts["alone"].get(arts[0], 0) + 1
        elif set(arts) >= everyone:
            scope = "all"
            counts["all"] += 1
        else:
            scope = "some"
            counts["some"] += 1
        sentences = []
        for a, i in members:
            an = analyses.get(a)
            s = an.sentences[i] if an is not None and i < len(an.sentences) else None
            sentences.append({"article": a, "sentence": i, "text": s.text if s else "",
                              "start": s.start if s else None, "end": s.end if s else None})
        points.append({"scope": scope, "articles": arts, "sentences": sentences})
    rank = {"all": 0, "some": 1, "alone": 2}
    points.sort(key=lambda p: (rank[p["scope"]], order.get(p["articles"][0], 0), p["sentences"][0]["sentence"]))
    return {"articles": list(comparison.articles), "points": points, "counts": counts}

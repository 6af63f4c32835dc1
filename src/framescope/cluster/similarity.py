"""How alike two articles are overall: a score from 0 to 1 on the scale people rate news pairs by.

The story builder's pair model answers a yes/no question (one event or not) and is fitted for grouping. A
reader comparing two reports wants a degree too: the same story told alike, the same story told otherwise,
another story. SemEval-2022 Task 8 had people rate pairs of news articles from 1 (very similar) to 4 (very
dissimilar); `similarity` is that rating turned round onto 0..1 ((4 - rating) / 3), predicted from the story
builder's own similarities (words, names and numbers, shingles, and the MiniLM cosine with the optional
model). The model is a logistic curve over a weighted sum with no negative weight, fitted to the ratings by
`bench/similarity.py --fit` and shipped in `data/pair_similarity*.json`: every signal can only make
two articles more alike, so a verbatim copy is always "very similar", whatever the training pairs held.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from framescope.cluster.events import MIN_CORPUS
from framescope.cluster.features import StoryFeatures, idf, term_vectors
from framescope.cluster.matrices import (
    Matrix,
    agreement,
    gram,
    key_indicators,
    ratio,
    two_languages,
    used_columns,
)
from framescope.cluster.model import ALL_FEATURES, logistic, read_weights
from framescope.models import PairSimilarity

SIMILARITY = "pair_similarity.json"
SIMILARITY_WITH_EMBEDDINGS = "pair_similarity_minilm.json"
# The annotators' four levels, from rating 4 to rating 1; a score takes the level whose rating is nearest.
LEVELS = ("very dissimilar", "somewhat dissimilar", "somewhat similar", "very similar")
# A story of many articles would list every pair (a 100-article story has 4,950); each article keeps the
# pairs with its most alike others, which is every pair up to PAIRS_PER_ARTICLE + 1 articles.
PAIRS_PER_ARTICLE = 5
BLOCK_PAIRS = 1 << 16  # pairs scored at once (_blocks)


@dataclass(frozen=True)
class SimilarityModel:
    intercept: float
    weights: tuple[float, ...]  # one per entry of `features`, none negative
    features: tuple[str, ...]
    trained_on: str = ""

    def scores(self, values: np.ndarray) -> np.ndarray:
        """The similarity of each row of `values` (pairs x model.ALL_FEATURES), in [0, 1]."""
        return logistic(values, [ALL_FEATURES.index(f) for f in self.features], self.intercept, self.weights)


@cache
def load_similarity(embeddings: bool = False) -> SimilarityModel:
    raw, features, intercept, weights = read_weights(SIMILARITY_WITH_EMBEDDINGS if embeddings else SIMILARITY)
    return SimilarityModel(intercept, weights, features, trained_on=str(raw.get("trained_on", "")))


def level(score: float) -> str:
    """The annotators' level nearest to `score` (0, 1/3, 2/3 and 1 are ratings 4, 3, 2 and 1)."""
    return LEVELS[min(len(LEVELS) - 1, max(0, round(score * (len(LEVELS) - 1))))]


class _Alone:
    """The story builder's similarities of pairs of `feats`, each pair as if its two articles were the whole
    corpus (what `StoryBuilder.prime` then `load` of the two gives: tests hold the two to each other). Over
    two articles a word or key is in one of them (df 1) or in both (df 2), and the corpus counts as
    MIN_CORPUS articles (`StoryBuilder._n`), so each pair's weights follow from which terms the two share:
    every pair of a story is then a few matrix products, not a builder per pair."""

    def __init__(self, feats: Sequence[StoryFeatures]) -> None:
        self.feats = list(feats)
        n = max(3, MIN_CORPUS)  # n_docs + 1 for two articles, as _n() counts
        self.a2, self.b2 = (float(v) ** 2 for v in idf(np.array([1.0, 2.0]), n))  # word weights: df 1, df 2
        self.c1, self.c2 = (math.log(1.0 + n / (1.0 + df)) ** 2 for df in (1, 2))  # StoryBuilder._w2
        # only the story's own words as columns; a story's few articles in dense arrays, a big story's sparse
        t = used_columns(term_vectors(self.feats).astype(np.float64))
        self.terms: Matrix = t
        self.squares: Matrix = t * t if isinstance(t, np.ndarray) else t.multiply(t).tocsr()
        self.present: Matrix = (t > 0).astype(np.float64)
        self.own = np.asarray(self.squares.sum(axis=1)).ravel()
        # key indicators by kind (numbers "n:", skeletons "s:", exact names), as StoryBuilder._norm splits them
        self.keys = {kind: m for kind, (_, m) in key_indicators([f.keys for f in self.feats]).items()}
        self.counts = {kind: np.asarray(m.sum(axis=1)).ravel() for kind, m in self.keys.items()}
        self.signatures = np.array([f.minhash.hashvalues for f in self.feats], dtype=np.uint32)
        self.caseless = np.array([f.caseless for f in self.feats])
        self.languages = [f.language for f in self.feats]
        embedded = [f.embedding for f in self.feats]
        self.embeddings = (np.vstack([e for e in embedded if e is not None]).astype(np.float64)
                           if all(e is not None for e in embedded) and embedded else None)

    def block(self, rows: Sequence[int]) -> np.ndarray:
        """The similarities (model.ALL_FEATURES) of each article of `rows` with every article: rows x all x
        features (an article with itself included; callers skip it)."""
        r = list(rows)
        t, sq, pr = self.terms, self.squares, self.present
        dot = gram(t[r], t)
        mine = gram(sq[r], pr)  # [i, j]: sum over the words i shares with j of i's squared counts
        theirs = gram(pr[r], sq)  # [i, j]: the same of j's counts
        norm_i = self.a2 * self.own[r][:, None] + (self.b2 - self.a2) * mine
        norm_j = self.a2 * self.own[None, :] + (self.b2 - self.a2) * theirs
        out = np.zeros((len(r), len(self.feats), len(ALL_FEATURES)))
        out[..., _col("words")] = ratio(self.b2 * dot, np.sqrt(norm_i * norm_j))
        shared = {kind: gram(m[r], m) for kind, m in self.keys.items()}
        caseless = self.caseless[r][:, None] | self.caseless[None, :]

        def weights(counts: np.ndarray, both: np.ndarray) -> np.ndarray:  # sum of w2 over one article's keys
            return self.c1 * (counts - both) + self.c2 * both

        w_i = {kind: weights(self.counts[kind][r][:, None], shared[kind]) for kind in shared}
        w_j = {kind: weights(self.counts[kind][None, :], shared[kind]) for kind in shared}
        num_i, snd_i, ex_i = w_i["n"], w_i["s"], w_i["e"]
        num_j, snd_j, ex_j = w_j["n"], w_j["s"], w_j["e"]
        names = self.c2 * (shared["e"] + np.where(caseless, shared["s"], 0.0))
        numbers = self.c2 * shared["n"]
        whole = np.where(caseless, np.sqrt((num_i + ex_i + snd_i) * (num_j + ex_j + snd_j)),
                         np.sqrt((num_i + ex_i) * (num_j + ex_j)))
        name_den = np.where(caseless, np.sqrt((ex_i + snd_i) * (ex_j + snd_j)), np.sqrt(ex_i * ex_j))
        keys = ratio(names + numbers, whole)
        out[..., _col("keys")] = keys
        out[..., _col("names")] = ratio(names, name_den)
        out[..., _col("numbers")] = ratio(numbers, np.sqrt(num_i * num_j))
        out[..., _col("keys_cross_lingual")] = np.where(self.cross(r), keys, 0.0)
        out[..., _col("shingles")] = agreement(self.signatures[r], self.signatures)
        if self.embeddings is not None:
            out[..., _col("embedding")] = self.embeddings[r] @ self.embeddings.T
        return out


    def cross(self, rows: Sequence[int]) -> np.ndarray:
        """Whether each article of `rows` and each article are in two languages (both known): rows x all."""
        return two_languages([self.languages[i] for i in rows], self.languages)


def _col(name: str) -> int:
    return ALL_FEATURES.index(name)


def _blocks(n: int) -> list[list[int]]:
    """Rows of a story in blocks of about BLOCK_PAIRS pairs, so memory stays flat however big the story."""
    size = max(1, BLOCK_PAIRS // max(n, 1))
    return [list(range(i, min(n, i + size))) for i in range(0, n, size)]


def pair_values(
    feats: Sequence[StoryFeatures], pairs: Sequence[tuple[int, int]] | None = None
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The similarities (one row each, model.ALL_FEATURES) of each pair (i, j) of `feats` (by default every
    pair, i < j), each computed over its two articles alone, as the story builder computes them: how alike
    two articles are does not change with the story around them, and it is what the model was fitted on."""
    n = len(feats)
    if pairs is None:
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    out = np.zeros((len(pairs), len(ALL_FEATURES)))
    if not pairs:
        return [], out
    alone = _Alone(feats)
    wanted: dict[int, list[tuple[int, int]]] = {}
    for r, (i, j) in enumerate(pairs):
        wanted.setdefault(i, []).append((r, j))
    for rows in _blocks(n):
        rows = [i for i in rows if i in wanted]
        if rows:
            values = alone.block(rows)
            for b, i in enumerate(rows):
                for r, j in wanted[i]:
                    out[r] = values[b, j]
    return list(pairs), out


def similarities(feats: Sequence[StoryFeatures], values: np.ndarray, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """The similarity of each pair (i, j) of `feats`, given its `values` (pair_values)."""
    cross = np.array([bool((a := feats[i].language) and (b := feats[j].language) and a != b) for i, j in pairs])
    return _scores(values, cross, _embedded(feats))


def _embedded(feats: Sequence[StoryFeatures]) -> bool:
    return bool(feats) and all(f.embedding is not None for f in feats)


def _scores(values: np.ndarray, cross: np.ndarray, embedded: bool) -> np.ndarray:
    """With embeddings on both sides the embedding model scores, except a pair in two languages (`cross`): the
    MiniLM model knows English only, so the lexical model judges it, as in grouping."""
    lexical = load_similarity(False).scores(values)
    if not embedded:
        return lexical
    out = load_similarity(True).scores(values)
    out[cross] = lexical[cross]
    return out


def pair_similarities(
    feats: Sequence[StoryFeatures], per_article: int = PAIRS_PER_ARTICLE
) -> tuple[PairSimilarity, ...]:
    """How alike the articles of `feats` (one story's) are, most alike first: each article's `per_article` most
    alike others (every pair in a story of up to `per_article` + 1 articles). The signals are the
    similarities the model weighs for that pair."""
    n = len(feats)
    if n < 2:
        return ()
    alone = _Alone(feats)
    embedded = _embedded(feats)
    kept: dict[tuple[int, int], tuple[float, np.ndarray, bool]] = {}  # pair -> score, values, two languages
    for rows in _blocks(n):
        values, cross = alone.block(rows), alone.cross(rows)
        scores = _scores(values.reshape(-1, len(ALL_FEATURES)), cross.ravel(), embedded).reshape(len(rows), n)
        for b, i in enumerate(rows):
            scores[b, i] = -np.inf  # not with itself
            # most alike first; ties to the earlier article (a stable order, whatever the process)
            for j in map(int, np.argsort(-scores[b], kind="stable")[: min(per_article, n - 1)]):
                kept.setdefault((min(i, j), max(i, j)), (float(scores[b, j]), values[b, j], bool(cross[b, j])))
    out = []
    for (i, j), (score, row, bilingual) in sorted(kept.items(), key=lambda kv: (-kv[1][0], kv[0])):
        names = load_similarity(embedded and not bilingual).features
        out.append(PairSimilarity(
            articles=(feats[i].id, feats[j].id),
            similarity=round(score, 3),
            level=level(score),
            signals={f: round(float(row[_col(f)]), 3) for f in names},
        ))
    return tuple(out)

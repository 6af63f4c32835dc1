"""How alike two articles are overall: a score from 0 to 1 on the scale people rate news pairs by.

The story builder's pair model answers a yes/no question (one event or not) and is fitted for grouping. A
reader comparing two reports wants a degree too: the same story told alike, the same story told otherwise,
another story. SemEval-2022 Task 8 had people rate pairs of news articles from 1 (very similar) to 4 (very
dissimilar); `similarity` is that rating turned round onto 0..1 ((4 - rating) / 3), predicted from the story
builder's own similarities (words, names and numbers, shingles, and the MiniLM cosine with the optional
model). The model is a logistic curve over a weighted sum with no negative weight, fitted to the ratings by
`bench/stories.py --fit-similarity` and shipped in `data/pair_similarity*.json`: every signal can only make
two articles more alike, so a verbatim copy is always "very similar", whatever the training pairs held.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from framescope.cluster.features import StoryFeatures
from framescope.cluster.model import ALL_FEATURES, LEXICAL, load_model, logistic, read_weights
from framescope.models import PairSimilarity

SIMILARITY = "pair_similarity.json"
SIMILARITY_WITH_EMBEDDINGS = "pair_similarity_minilm.json"
# The annotators' four levels, from rating 4 to rating 1; a score takes the level whose rating is nearest.
LEVELS = ("very dissimilar", "somewhat dissimilar", "somewhat similar", "very similar")
# A story of many articles would list every pair (a 100-article story has 4,950); each article keeps the
# pairs with its most alike others, which is every pair up to PAIRS_PER_ARTICLE + 1 articles.
PAIRS_PER_ARTICLE = 5


@dataclass(frozen=True)
class SimilarityModel:
    intercept: float
    weights: tuple[float, ...]  # one per entry of `features`, none negative
    features: tuple[str, ...]
    trained_on: str = ""

    @property
    def embeddings(self) -> bool:
        return "embedding" in self.features

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


def pair_values(
    feats: Sequence[StoryFeatures], pairs: Sequence[tuple[int, int]] | None = None
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The similarities (one row each, model.ALL_FEATURES) of each pair (i, j) of `feats` (by default every
    pair, i < j), each computed over its two articles alone, as the story builder computes them: how alike
    two articles are does not change with the story around them, and it is what the model was fitted on."""
    from framescope.cluster.events import StoryBuilder

    if pairs is None:
        pairs = [(i, j) for i in range(len(feats)) for j in range(i + 1, len(feats))]
    out = np.zeros((len(pairs), len(ALL_FEATURES)))
    model = load_model(LEXICAL)  # only the similarities are wanted, which do not depend on the model
    for r, (i, j) in enumerate(pairs):
        builder = StoryBuilder(model)
        builder.prime([feats[i], feats[j]])
        builder.load([feats[i], feats[j]])
        out[r] = builder.values_with(0, [1])[0]
    return list(pairs), out


def _most_alike(feats: Sequence[StoryFeatures], per_article: int) -> list[tuple[int, int]]:
    """Each article's `per_article` most alike others, ranked by the similarities of the whole story at once
    (rarities over the story: one pass, not one per pair), for a story too big to score every pair alone."""
    from framescope.cluster.events import StoryBuilder

    builder = StoryBuilder(load_model(LEXICAL))
    builder.prime(list(feats))
    builder.load(feats)
    n = len(feats)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    values = np.vstack([builder.values_with(i, list(range(i + 1, n))) for i in range(n - 1)])
    scores = similarities(feats, values, pairs)
    ranked: dict[int, list[tuple[float, int]]] = {}
    for r, (i, j) in enumerate(pairs):
        ranked.setdefault(i, []).append((-scores[r], r))
        ranked.setdefault(j, []).append((-scores[r], r))
    return [pairs[r] for r in sorted({r for best in ranked.values() for _, r in sorted(best)[:per_article]})]


def similarities(feats: Sequence[StoryFeatures], values: np.ndarray, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """The similarity of each pair: with embeddings on both sides the embedding model, except across two
    languages (the MiniLM model knows English only), where the lexical model judges, as in grouping."""
    lexical = load_similarity(False).scores(values)
    if not (feats and all(f.embedding is not None for f in feats)):
        return lexical
    out = load_similarity(True).scores(values)
    cross = [r for r, (i, j) in enumerate(pairs)
             if (a := feats[i].language) and (b := feats[j].language) and a != b]
    out[cross] = lexical[cross]
    return out


def pair_similarities(
    feats: Sequence[StoryFeatures], per_article: int = PAIRS_PER_ARTICLE
) -> tuple[PairSimilarity, ...]:
    """How alike the articles of `feats` (one story's) are, most alike first: every pair, or in a story of more
    than `per_article` + 1 articles each article's `per_article` most alike others. The signals are the
    similarities the model weighs for that pair."""
    if len(feats) < 2:
        return ()
    chosen = None if len(feats) <= per_article + 1 else _most_alike(feats, per_article)
    pairs, values = pair_values(feats, chosen)
    scores = similarities(feats, values, pairs)
    embedded = all(f.embedding is not None for f in feats)
    out = []
    for r in sorted(range(len(pairs)), key=lambda r: (-scores[r], pairs[r])):
        i, j = pairs[r]
        cross = bool((a := feats[i].language) and (b := feats[j].language) and a != b)
        names = load_similarity(embedded and not cross).features
        out.append(PairSimilarity(
            articles=(feats[i].id, feats[j].id),
            similarity=round(float(scores[r]), 3),
            level=level(float(scores[r])),
            signals={f: round(float(values[r, ALL_FEATURES.index(f)]), 3) for f in names},
        ))
    return tuple(out)

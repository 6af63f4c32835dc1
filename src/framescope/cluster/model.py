"""The pair model: how likely two articles report the same event, from a few explainable similarities.

Its weights and threshold are fitted by `bench/stories.py --fit` on labelled pairs (its `cohesion` and
`join_mean` chosen together by `--fit-cohesion`) and shipped in `data/story_model.json` (with what they were
fitted on); nothing here is tuned by hand.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from framescope.errors import FramescopeError

# Every similarity the story builder can compute for a pair, in the order it computes them; a model uses some.
#   words: TF-IDF cosine of content words; keys: rarity-weighted cosine of name and number keys;
#   keys_cross_lingual: the same for two articles in different languages (0 otherwise); shingles: estimated
#   Jaccard of 5-word shingles; names / numbers: the key cosine over name keys / number keys alone;
#   embedding: MiniLM cosine of title and lede (the optional model).
ALL_FEATURES = ("words", "keys", "keys_cross_lingual", "shingles", "names", "numbers", "embedding")
FEATURES = ("words", "keys", "keys_cross_lingual", "shingles", "names", "numbers")
EMBEDDING_FEATURES = (*FEATURES, "embedding")  # the optional model: plus the MiniLM cosine of title and lede
LEXICAL = "story_model.json"
WITH_EMBEDDINGS = "story_model_minilm.json"


@dataclass(frozen=True)
class PairModel:
    intercept: float
    weights: tuple[float, ...]  # one per entry of `features`
    threshold: float  # probability above which two articles are linked
    merge_threshold: float  # probability above which a link joins two existing stories
    window_days: int  # articles further apart in time are never linked (when both are dated)
    trained_on: str = ""
    features: tuple[str, ...] = FEATURES
    # An article joins a story only if it links to enough of the story's members: `support` of them, counting
    # at most `support_cap` members (0: one link is enough). See `links_needed`.
    support: float = 0.0
    support_cap: int = 1
    # A story whose members fall into two groups whose mean link is below `cohesion` times the mean link
    # within them is two stories (0: never split). See StoryBuilder.split_incoherent.
    cohesion: float = 0.0
    # Two stories whose members link to each other with a mean probability of at least `join_mean`, and that
    # the cohesion test would not keep apart, are one story (0: never joined so). See
    # StoryBuilder.join_cohesive.
    join_mean: float = 0.0
    # With embeddings, pairs in two languages are judged by the lexical model at this threshold (None: the
    # lexical model's own); set with the user's link threshold (`at_threshold`).
    cross_threshold: float | None = None

    def links_needed(self, story_size: int) -> int:
        """How many members of a story a new article must link to to join it, given the `story_size` members
        it could link to (those in its time window: StoryBuilder._reachable). One strong link with one article
        of another event is how two events chain into one story; several links are what one event's reports
        have. Capped, so that big stories, of which an article meets only its nearest neighbours, stay
        joinable."""
        return max(1, math.ceil(self.support * min(story_size, self.support_cap) - 1e-9))

    @property
    def embeddings(self) -> bool:
        return "embedding" in self.features

    @property
    def columns(self) -> tuple[int, ...]:
        """Where each of the model's features sits in a tuple of ALL_FEATURES values."""
        return _columns(self.features)

    def probability(self, values: Sequence[float]) -> float:
        """`values` holds one value per entry of ALL_FEATURES (see StoryBuilder.all_values)."""
        return float(self.probabilities(np.asarray(values, dtype=np.float64)[None, :])[0])

    def probabilities(self, values: np.ndarray) -> np.ndarray:
        """`probability` of each row of `values` (pairs x ALL_FEATURES): one matrix product for all the
        candidates of an article."""
        return logistic(values, self.columns, self.intercept, self.weights)


def logistic(values: np.ndarray, columns: Sequence[int], intercept: float, weights: Sequence[float]) -> np.ndarray:
    """A logistic curve over a weighted sum of some columns of `values` (pairs x ALL_FEATURES), row by row."""
    z = intercept + values[:, list(columns)] @ np.asarray(weights, dtype=np.float64)
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0))))


def read_weights(name: str) -> tuple[dict[str, Any], tuple[str, ...], float, tuple[float, ...]]:
    """A shipped model file of `framescope.data`: all of it, its features in ALL_FEATURES order, its intercept
    and its weights in that order."""
    raw = json.loads(resources.files("framescope.data").joinpath(name).read_text("utf-8"))
    features = tuple(f for f in ALL_FEATURES if f in raw["weights"])
    return raw, features, float(raw["intercept"]), tuple(float(raw["weights"][f]) for f in features)


@cache
def _columns(features: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(ALL_FEATURES.index(f) for f in features)


def at_threshold(model: PairModel, threshold: float) -> PairModel:
    """`model` linking two articles only from this probability of one event on (a user's operating point: the
    fitted one serves piles of many reports per event; a broad crawl of many sites, one or two pages of each
    event, is grouped more precisely higher: docs/quality.md), for pairs in two languages too. Stories are
    still merged on a link no weaker than the model's merge threshold."""
    if not 0.0 < threshold < 1.0:
        raise FramescopeError(f"link threshold {threshold:g}: a probability between 0 and 1 (the fitted one is "
                              f"{model.threshold:g})")
    return replace(model, threshold=threshold, merge_threshold=max(model.merge_threshold, threshold),
                   cross_threshold=threshold)


def check_threshold(threshold: float | None, embeddings: bool = False) -> None:
    """A user's link threshold, checked before any work: FramescopeError outside 0-1 (see at_threshold)."""
    if threshold is not None:
        at_threshold(load_model(WITH_EMBEDDINGS if embeddings else LEXICAL), threshold)


@cache
def load_model(name: str = LEXICAL) -> PairModel:
    raw, features, intercept, weights = read_weights(name)
    return PairModel(
        intercept=intercept,
        weights=weights,
        features=features,
        threshold=float(raw["threshold"]),
        merge_threshold=float(raw["merge_threshold"]),
        window_days=int(raw["window_days"]),
        trained_on=str(raw.get("trained_on", "")),
        support=float(raw.get("support", 0.0)),
        support_cap=int(raw.get("support_cap", 1)),
        cohesion=float(raw.get("cohesion", 0.0)),
        join_mean=float(raw.get("join_mean", 0.0)),
    )

"""The pair model: how likely two articles report the same event, from a few explainable similarities.

Its weights and threshold are fitted by `bench/stories.py --fit` on labelled pairs and shipped in
`data/story_model.json` (with what they were fitted on); nothing here is tuned by hand.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

FEATURES = ("words", "keys", "keys_cross_lingual", "shingles")
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

    @property
    def embeddings(self) -> bool:
        return "embedding" in self.features

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.intercept + sum(w * v for w, v in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_model(name: str = LEXICAL) -> PairModel:
    raw = json.loads(resources.files("framescope.data").joinpath(name).read_text("utf-8"))
    features = EMBEDDING_FEATURES if "embedding" in raw["weights"] else FEATURES
    return PairModel(
        intercept=float(raw["intercept"]),
        weights=tuple(float(raw["weights"][f]) for f in features),
        features=features,
        threshold=float(raw["threshold"]),
        merge_threshold=float(raw["merge_threshold"]),
        window_days=int(raw["window_days"]),
        trained_on=str(raw.get("trained_on", "")),
    )

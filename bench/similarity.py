"""Pair similarity quality: Pearson of `framescope.cluster.similarity` against human ratings of news pairs.

    python bench/similarity.py --semeval DIR [--minilm] [--fit]

--semeval DIR: the `data/` folder of the public repository GeekDream-x/SemEval2022-Task8-TonyX (training_set.csv,
  testing_set.csv; read from a path, never committed). Each pair is scored as `framescope compare` scores two
  articles given alone (rarities counted over the two), and the score is set against the annotators' `Overall`
  rating (1 = very similar ... 4 = very dissimilar, turned round: (4 - Overall) / 3) on the test pairs: Pearson,
  the share of pairs put in the annotators' level (rounded), and the mean absolute error, for all pairs, English
  pairs, cross-lingual pairs and a few language pairs. The best SemEval-2022 Task 8 system reached 0.818 over
  all languages of the official test.
--minilm: also the optional embedding model, on the English pairs (slow: every text is encoded).
--fit: fit the lexical model on the training pairs (all languages) and write
  src/framescope/data/pair_similarity.json; with --minilm also the embedding model on the English training
  pairs (pair_similarity_minilm.json). The test pairs are never fitted on.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from framescope.cluster.features import features_many
from framescope.cluster.model import ALL_FEATURES, EMBEDDING_FEATURES, FEATURES
from framescope.cluster.similarity import (
    SIMILARITY,
    SIMILARITY_WITH_EMBEDDINGS,
    load_similarity,
    pair_values,
    similarities,
)
from framescope.models import Article
from stories import load_pairs

DATA = Path(__file__).resolve().parents[1] / "src" / "framescope" / "data"
LANGUAGE_PAIRS = (("zh", "zh"), ("zh", "en"), ("ar", "ar"), ("de", "en"))


def pair_matrix(rows: list[dict[str, str]], embeddings: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each SemEval pair: its similarities (model.ALL_FEATURES), computed over the two articles alone as
    `compare` computes them; its score by the shipped model; and the rating turned round onto 0..1."""
    arts_a = [Article(id=f"a{i}", source="", text=r["text1"], language=r["lang1"]) for i, r in enumerate(rows)]
    arts_b = [Article(id=f"b{i}", source="", text=r["text2"], language=r["lang2"]) for i, r in enumerate(rows)]
    feats = features_many(arts_a + arts_b, embeddings=embeddings)
    n = len(rows)
    values, scores = np.zeros((n, len(ALL_FEATURES))), np.zeros(n)
    for i in range(n):
        two = [feats[i], feats[n + i]]
        pairs, v = pair_values(two)
        values[i], scores[i] = v[0], similarities(two, v, pairs)[0]
    return values, scores, np.array([(4.0 - float(r["Overall"])) / 3.0 for r in rows])


def fit_logistic(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """A logistic curve over a weighted sum, fitted to targets in [0, 1] by cross-entropy (a fractional
    logit), with no weight below 0: each similarity can only make a pair more alike. No penalty: on the
    training pairs, 10-fold cross-validation gave the best Pearson without one."""
    from scipy.optimize import minimize

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = np.clip(1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:]))), 1e-9, 1 - 1e-9)
        value = -float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        g = (p - y) / len(y)
        return value, np.concatenate([[g.sum()], x.T @ g])

    bounds = [(None, None)] + [(0.0, None)] * x.shape[1]
    w = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
    return float(w[0]), w[1:]


def _texts(row: dict[str, str]) -> tuple[str, str]:
    return row["text1"].strip(), row["text2"].strip()


def fit(data: Path, embeddings: bool) -> None:
    features = EMBEDDING_FEATURES if embeddings else FEATURES
    # a few pairs of the training file are pairs of the test file too (the same two texts): left out
    tested = {_texts(r) for r in load_pairs(data / "testing_set.csv")}
    rows = [r for r in load_pairs(data / "training_set.csv") if _texts(r) not in tested]
    if embeddings:
        rows = [r for r in rows if r["lang1"] == r["lang2"] == "en"]
    values, _, y = pair_matrix(rows, embeddings)
    intercept, weights = fit_logistic(values[:, [ALL_FEATURES.index(f) for f in features]], y)
    path = DATA / (SIMILARITY_WITH_EMBEDDINGS if embeddings else SIMILARITY)
    path.write_text(json.dumps({
        "intercept": round(intercept, 4),
        "weights": {f: round(float(w), 4) for f, w in zip(features, weights, strict=True)},
        "trained_on": (
            f"SemEval-2022 Task 8 training pairs ({len(rows)}, {'English' if embeddings else 'all languages'}; none "
            f"whose two texts are a test pair's): "
            f"a logistic curve with no negative weight fitted by cross-entropy to (4 - Overall) / 3, each pair's "
            f"similarities computed over its two articles alone (bench/similarity.py --fit)"),
    }, indent=2) + "\n")
    load_similarity.cache_clear()
    print(f"fitted {path.name}: intercept {intercept:.4f}, weights "
          f"{ {f: round(float(w), 4) for f, w in zip(features, weights, strict=True)} }")


def bootstrap(x: np.ndarray, y: np.ndarray, n: int = 2000) -> tuple[float, float]:
    """A 95% interval of the Pearson correlation, resampling the pairs (seeded: the same every run)."""
    rng = np.random.default_rng(0)
    rs = []
    for _ in range(n):
        k = rng.integers(0, len(x), len(x))
        rs.append(np.corrcoef(x[k], y[k])[0, 1])
    low, high = np.nanpercentile(rs, [2.5, 97.5])
    return float(low), float(high)


def report(data: Path, embeddings: bool) -> None:
    from scipy.stats import pearsonr

    rows = load_pairs(data / "testing_set.csv")
    if embeddings:
        rows = [r for r in rows if r["lang1"] == r["lang2"] == "en"]
    start = time.perf_counter()
    _, scores, y = pair_matrix(rows, embeddings)
    seconds = time.perf_counter() - start
    langs = [(r["lang1"], r["lang2"]) for r in rows]
    groups = [("English pairs", np.array([a == b == "en" for a, b in langs]))]
    if not embeddings:
        groups = [
            ("all pairs", np.ones(len(rows), bool)), *groups,
            ("cross-lingual pairs", np.array([a != b for a, b in langs])),
            *((f"{a}-{b} pairs", np.array([p == (a, b) for p in langs])) for a, b in LANGUAGE_PAIRS),
        ]
    name = "embedding model" if embeddings else "lexical model"
    print(f"pair similarity, {name}, SemEval-2022 T8 test ({len(rows)} pairs, {seconds:.1f} s with features):")
    for label, mask in groups:
        s, t = scores[mask], y[mask]
        level = np.mean(np.rint(s * 3) == np.rint(t * 3))
        low, high = bootstrap(s, t)
        print(f"  {label} (n={mask.sum()}): Pearson {pearsonr(s, t)[0]:.4f} (95% bootstrap {low:.3f}-{high:.3f}); "
              f"annotators' level {level:.3f}; "
              f"mean absolute error {np.mean(np.abs(s - t)):.3f} (of 1)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--semeval", type=Path, required=True)
    ap.add_argument("--minilm", action="store_true", help="also the optional embedding model (slow)")
    ap.add_argument("--fit", action="store_true", help="fit the model(s) on the training pairs first")
    args = ap.parse_args()
    if args.fit:
        fit(args.semeval, embeddings=False)
        if args.minilm:
            fit(args.semeval, embeddings=True)
    report(args.semeval, embeddings=False)
    if args.minilm:
        report(args.semeval, embeddings=True)


if __name__ == "__main__":
    main()

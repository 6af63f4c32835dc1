"""Story grouping quality: B-cubed and pairwise F1 on labelled data; Pearson on SemEval-2022 Task 8 pairs.

    python bench/stories.py [--semeval DIR] [--fit] [--demo examples] [--synth N]

--semeval DIR: the `data/` folder of the public repository GeekDream-x/SemEval2022-Task8-TonyX (training_set.csv,
  testing_set.csv; read from a path, never committed). Prints the Pearson correlation of our pair probability
  with the human `Overall` score (1 = same story ... 4 = unrelated; so a good score correlates negatively) on
  the test split, English pairs and all pairs. With --fit, fits the pair model (logistic regression on the
  training split, "same story" = Overall <= 2) and its threshold (best pair F1 on the training split), and
  writes src/framescope/data/story_model.json.
--demo DIR: our demo corpus and its answers.json: B-cubed and pairwise F1 of the full batch grouping.
--minilm: with --semeval, the Pearson of all-MiniLM-L6-v2 embeddings on the English pairs, alone and combined.
--synth N: a generated corpus with crowded events (same actors, same week): B-cubed, pairwise F1, roles.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from framescope.cluster import cluster
from framescope.cluster.events import pair_values
from framescope.cluster.features import N_FEATURES, features_many, term_vectors, weighted_cosine
from framescope.cluster.model import EMBEDDING_FEATURES, FEATURES, WITH_EMBEDDINGS, load_model
from framescope.models import Article
from stories_eval import b_cubed, pairwise

MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "framescope" / "data" / "story_model.json"


def load_pairs(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r.get("text1") and r.get("text2") and r.get("Overall")]


def pair_matrix(
    rows: list[dict[str, str]], embeddings: bool = False
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    arts_a = [Article(id=f"a{i}", source="", text=r["text1"], language=r["lang1"]) for i, r in enumerate(rows)]
    arts_b = [Article(id=f"b{i}", source="", text=r["text2"], language=r["lang2"]) for i, r in enumerate(rows)]
    fa = features_many(arts_a, embeddings=embeddings)
    fb = features_many(arts_b, embeddings=embeddings)
    df: Counter[str] = Counter()
    for f in fa + fb:
        df.update(f.keys)
    ta, tb = term_vectors(fa), term_vectors(fb)
    ta.sort_indices()
    tb.sort_indices()
    n = len(fa) + len(fb)
    word_df = np.zeros(N_FEATURES, dtype=np.float32)
    for t in (ta, tb):
        word_df += np.bincount(t.indices, minlength=N_FEATURES).astype(np.float32)

    def row(t, i):  # type: ignore[no-untyped-def]
        lo, hi = t.indptr[i], t.indptr[i + 1]
        return t.indices[lo:hi], t.data[lo:hi]

    x = np.array([
        pair_values(a, b, weighted_cosine(*row(ta, i), *row(tb, i), word_df, n), df, n)
        + ((float(np.dot(a.embedding, b.embedding)),) if embeddings else ())
        for i, (a, b) in enumerate(zip(fa, fb, strict=True))
    ])
    y = np.array([float(r["Overall"]) for r in rows])
    langs = [(r["lang1"], r["lang2"]) for r in rows]
    return x, y, langs


def synth_pairs(n: int, seed: int, embeddings: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (as the index proposes them) from a generated crowded corpus, with true labels."""
    from datetime import date

    from framescope.cluster.events import StoryBuilder
    from framescope.cluster.features import dense_vectors, word_vectors
    from framescope.synth import generate

    xs = generate(n, seed=seed)
    gold = {x.article.id: x.event for x in xs}
    feats = sorted(features_many([x.article for x in xs], embeddings=embeddings),
                   key=lambda f: (f.when or date.max, f.id))
    builder = StoryBuilder(load_model(WITH_EMBEDDINGS) if embeddings else None)
    builder.prime(feats)
    builder.add(feats)
    dense = dense_vectors(word_vectors(feats))
    near = builder.index.vector_neighbours(dense, [f.when for f in feats], 2 * builder.index.neighbours)
    rows, labels = [], []
    for i, f in enumerate(feats):
        for j in {int(j) for j in near[i]} | builder.index.key_neighbours(f.keys):
            if 0 <= j < i and builder._in_window(i, j):
                rows.append(builder.pair_values(i, j))
                labels.append(gold[f.id] == gold[feats[j].id])
    return np.array(rows), np.array(labels)


def semeval(data: Path, fit: bool) -> None:
    from scipy.stats import pearsonr
    from sklearn.metrics import precision_recall_fscore_support

    train_x, train_y, _ = pair_matrix(load_pairs(data / "training_set.csv"))
    test_x, test_y, test_langs = pair_matrix(load_pairs(data / "testing_set.csv"))
    if fit:
        sx, sy = synth_pairs(800, seed=101)  # a different seed from the evaluation corpus below
        model = fit_and_write(MODEL_PATH, FEATURES, train_x, train_y, sx, sy, (
            f"SemEval-2022 Task 8 training pairs ({len(train_y)}, all languages; same story = Overall <= 2) and "
            f"{len(sy)} candidate pairs of a generated crowded corpus (framescope.synth, 800 articles, seed 101), "
            "equal weight; logistic regression"))
        print(f"fitted: {model['weights']} intercept {model['intercept']} threshold {model['threshold']}")
    from framescope.cluster.model import PairModel, load_model

    load_model.cache_clear()
    m: PairModel = load_model()
    prob = np.array([m.probability(tuple(row)) for row in test_x])
    logit = np.log(prob / (1 - prob))
    for name, mask in (
        ("all pairs", np.ones(len(test_y), bool)),
        ("English pairs", np.array([a == b == "en" for a, b in test_langs])),
        ("cross-lingual pairs", np.array([a != b for a, b in test_langs])),
    ):
        r = pearsonr(prob[mask], test_y[mask])[0]
        r_logit = pearsonr(logit[mask], test_y[mask])[0]
        p, rc, f = precision_recall_fscore_support(test_y[mask] <= 2.0, prob[mask] >= m.threshold,
                                                   average="binary", zero_division=0)[:3]
        print(f"SemEval-2022 T8 test, {name} (n={mask.sum()}): Pearson vs Overall {r:+.3f} (|r| {abs(r):.3f}; log-odds {r_logit:+.3f}); "
              f"same-story P {p:.3f} R {rc:.3f} F1 {f:.3f}")


def fit_and_write(
    path: Path, features: tuple[str, ...], px: np.ndarray, py: np.ndarray, sx: np.ndarray, sy: np.ndarray, what: str
) -> dict:
    """Fit the pair model on SemEval pairs (px, Overall scores py) and generated candidate pairs (sx, labels sy),
    each source weighing the same however many pairs it has; the threshold is the best weighted pair F1."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_recall_fscore_support

    x, y = np.vstack([px, sx]), np.concatenate([py <= 2.0, sy])
    w = np.concatenate([np.full(len(py), 1.0 / len(py)), np.full(len(sy), 1.0 / len(sy))]) * len(y)
    clf = LogisticRegression(C=10.0, max_iter=1000).fit(x, y, sample_weight=w)
    p = clf.predict_proba(x)[:, 1]
    best = max((precision_recall_fscore_support(y, p >= t, average="binary", zero_division=0, sample_weight=w)[2], t)
               for t in np.arange(0.2, 0.81, 0.02))
    model = json.loads(path.read_text())
    model["intercept"] = round(float(clf.intercept_[0]), 4)
    model["weights"] = {f: round(float(c), 4) for f, c in zip(features, clf.coef_[0], strict=True)}
    model["threshold"] = round(float(best[1]), 2)
    model["trained_on"] = f"{what}; threshold = best weighted pair F1 on them ({best[0]:.3f})"
    path.write_text(json.dumps(model, indent=2) + "\n")
    return model


def fit_minilm(data: Path) -> None:
    """Fit the optional pair model with the MiniLM feature: English SemEval training pairs plus candidate pairs of a
    generated crowded corpus (every text is encoded, so this takes minutes), then report Pearson on the English
    test pairs. Writes src/framescope/data/story_model_minilm.json."""
    from scipy.stats import pearsonr

    train = [r for r in load_pairs(data / "training_set.csv") if r["lang1"] == r["lang2"] == "en"]
    test = [r for r in load_pairs(data / "testing_set.csv") if r["lang1"] == r["lang2"] == "en"]
    tx, ty, _ = pair_matrix(train, embeddings=True)
    sx, sy = synth_pairs(300, seed=101, embeddings=True)
    model = fit_and_write(MODEL_PATH.with_name(WITH_EMBEDDINGS), EMBEDDING_FEATURES, tx, ty, sx, sy, (
        f"SemEval-2022 Task 8 English training pairs ({len(ty)}; same story = Overall <= 2) and {len(sy)} candidate "
        "pairs of a generated crowded corpus (framescope.synth, 300 articles, seed 101), equal weight; logistic "
        "regression with the MiniLM cosine of title + lede"))
    load_model.cache_clear()
    m = load_model(WITH_EMBEDDINGS)
    ex, ey, _ = pair_matrix(test, embeddings=True)
    prob = np.array([m.probability(tuple(r)) for r in ex])
    logit = np.log(prob / (1 - prob))
    print(f"fitted with embeddings: {model['weights']} threshold {model['threshold']}")
    print(f"SemEval-2022 T8 test, English pairs (n={len(ey)}): Pearson of the embedding pair model vs Overall: "
          f"probability {pearsonr(prob, ey)[0]:+.3f}, log-odds {pearsonr(logit, ey)[0]:+.3f}")


def semeval_minilm(data: Path) -> None:
    """English pairs only: Pearson of the MiniLM cosine alone, and of a linear combination with our pair features
    (fitted on the English training pairs). Slow: every text is encoded (first 2,000 characters)."""
    from scipy.stats import pearsonr
    from sklearn.linear_model import LinearRegression

    from framescope.compare.similarity import load_minilm

    model = load_minilm()

    def cosines(rows: list[dict[str, str]]) -> np.ndarray:
        a = model.encode([r["text1"][:2000] for r in rows])
        b = model.encode([r["text2"][:2000] for r in rows])
        a = a / np.linalg.norm(a, axis=1, keepdims=True)
        b = b / np.linalg.norm(b, axis=1, keepdims=True)
        return (a * b).sum(axis=1)

    train = [r for r in load_pairs(data / "training_set.csv") if r["lang1"] == r["lang2"] == "en"]
    test = [r for r in load_pairs(data / "testing_set.csv") if r["lang1"] == r["lang2"] == "en"]
    (xtr, ytr, _), (xte, yte, _) = pair_matrix(train), pair_matrix(test)
    etr, ete = cosines(train), cosines(test)
    combined = LinearRegression().fit(np.column_stack([xtr, etr]), ytr).predict(np.column_stack([xte, ete]))
    print(f"SemEval-2022 T8 test, English pairs (n={len(yte)}): MiniLM cosine Pearson {pearsonr(ete, yte)[0]:+.3f}; "
          f"MiniLM + pair features (linear, fitted on English training pairs) {pearsonr(combined, yte)[0]:+.3f}")


def report(name: str, pred: dict[str, str], gold: dict[str, str], seconds: float) -> None:
    bp, br, bf = b_cubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    print(f"{name}: {len(gold)} articles, {len(set(gold.values()))} true stories, {len(set(pred.values()))} found, "
          f"B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f}; pairwise P {pp:.3f} R {pr:.3f} F1 {pf:.3f}; {seconds:.2f} s")


def synth(n: int) -> None:
    from framescope.synth import generate

    xs = generate(n, seed=11)
    t = time.perf_counter()
    stories = cluster([x.article for x in xs])
    seconds = time.perf_counter() - t
    pred = {a: s.id for s in stories for a in s.articles}
    report("generated crowded corpus (seed 11)", pred, {x.article.id: x.event for x in xs}, seconds)
    roles = {a: r for s in stories for a, r in s.roles.items()}
    copied = {x.event for x in xs if x.role == "copy"}
    # an original counts only where the event has a copy of it; otherwise it is just the first report
    judged = [x for x in xs if x.role == "copy" or (x.role == "original" and x.event in copied)]
    right = sum(roles[x.article.id] == x.role for x in judged)
    rewrite = sum(roles[x.article.id] == "rewrite" for x in judged if x.role == "copy")
    print(f"  roles: originals and copies right {right}/{len(judged)} ({rewrite} copies called rewrite)")


def demo(root: Path) -> None:
    from framescope.pipeline import load_articles

    answers = json.loads((root / "answers.json").read_text())
    docs = answers.get("documents", answers)
    gold_by_source = {k: v["story"] for k, v in docs.items() if isinstance(v, dict) and "story" in v}
    articles = load_articles([str(root)])
    gold: dict[str, str] = {}
    for a in articles:
        rel = Path(a.source.split("#")[0]).resolve().relative_to(root.resolve()).as_posix()
        key = rel + ("#" + a.source.split("#", 1)[1] if "#" in a.source else "")
        if key in gold_by_source:
            gold[a.id] = gold_by_source[key]
    t = time.perf_counter()
    stories = cluster(articles)
    seconds = time.perf_counter() - t
    report("demo corpus", {a: s.id for s in stories for a in s.articles}, gold, seconds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--semeval", type=Path)
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--minilm", action="store_true", help="with --semeval: also measure MiniLM embeddings (slow)")
    ap.add_argument("--fit-minilm", action="store_true", help="with --semeval: fit the optional embedding model (slow)")
    ap.add_argument("--demo", type=Path)
    ap.add_argument("--synth", type=int, default=600)
    args = ap.parse_args()
    if args.semeval:
        semeval(args.semeval, args.fit)
        if args.minilm:
            semeval_minilm(args.semeval)
        if args.fit_minilm:
            fit_minilm(args.semeval)
    if args.synth:
        synth(args.synth)
    if args.demo:
        demo(args.demo)


if __name__ == "__main__":
    main()

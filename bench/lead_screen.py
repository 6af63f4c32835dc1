"""A pair screen for similarities of the lead: are the names and numbers of a report's title and opening
paragraphs found in the other report? (Not in the pair model; see docs/quality.md, "What session 20 measured".)

    python bench/lead_screen.py --ecbplus DIR [--pages DIR] [--gn1 DIR]

The six similarities of the pair model compare whole articles. Two reports of one event repeat what its lead
says (who, how many); two events of one kind on nearby days share a region's, a league's or a company's
names all through, but the lead of each names what the other does not. For every candidate pair the story
builder proposes (as `bench/stories.py --pair-ap` does), this adds, from the title and first two paragraphs
(`features._lede`) of each article:

- lead numbers, Jaccard: of the two leads' number keys (years and one-digit numbers left out);
- lead numbers apart: 1 if both leads have numbers and share none;
- lead names, Jaccard, and lead names apart: the same for name keys;
- numbers found: the smaller share of either lead's numbers found anywhere in the other article (0.5
  when a lead has none);
- numbers nowhere: 1 if both leads have numbers and none of either is anywhere in the other article;
- names found, names nowhere: the same for name keys.

It fits the pair model's logistic regression as `--fit` does (ECB+ train and the generated corpora, each
source weighing the same) over the six similarities plus each group of these, and prints the average
precision of one event on ECB+ dev and test and on the labelled web piles: a screen before building a
similarity into the three places that compute them (`StoryBuilder._values`, `_values_between`,
`similarity.py`) and refitting.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from framescope.cluster.features import _lede, arrival_key, features_many, keys_of
from framescope.cluster.model import ALL_FEATURES, FEATURES, LEXICAL, load_model
from framescope.models import Article
from stories import DENSE_SEEDS, GN1_LABELS, PAGE_LABELS, page_events

YEAR = re.compile(r"^n:(19|20)\d\d$")
Labelled = tuple[list[Article], dict[str, str]]
Pairs = tuple[np.ndarray, np.ndarray, np.ndarray]  # the builder's values, the lead values, one event or not
GROUPS = (
    ("the six similarities", []),
    ("+ lead Jaccards and apart", [0, 1, 2, 3]),
    ("+ lead numbers found / nowhere", [4, 5]),
    ("+ lead names found / nowhere", [6, 7]),
    ("+ found / nowhere, both", [4, 5, 6, 7]),
    ("+ all eight", list(range(8))),
)


def lead(a: Article) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The number and name keys of the title and lede, and every key of the article."""
    keys = keys_of((a.title or "") + "\n\n" + _lede(a.text))
    numbers = frozenset(k for k in keys if k.startswith("n:") and not YEAR.match(k) and len(k) > 3)
    names = frozenset(k for k in keys if k.startswith("p:"))
    return numbers, names, keys_of((a.title or "") + "\n\n" + a.text)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _found(part: frozenset[str], whole: frozenset[str]) -> float:
    return len(part & whole) / len(part)


def lead_values(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> list[float]:
    (na, pa, ka), (nb, pb, kb) = a, b
    out = [_jaccard(na, nb), float(bool(na and nb) and not na & nb),
           _jaccard(pa, pb), float(bool(pa and pb) and not pa & pb)]
    for x, y in ((na, nb), (pa, pb)):
        both = bool(x and y)
        out += [min(_found(x, kb), _found(y, ka)) if both else 0.5, float(both and not x & kb and not y & ka)]
    return out


def candidate_pairs(articles: list[Article], gold: dict[str, str]) -> Pairs:
    """The candidate pairs the story builder proposes (as bench/stories.py's), with both kinds of values."""
    from framescope.cluster.events import StoryBuilder
    from framescope.cluster.features import dense_vectors, word_vectors

    leads = {a.id: lead(a) for a in articles}
    feats = sorted(features_many(articles), key=lambda f: arrival_key(f.when, f.order, f.id))
    builder = StoryBuilder(load_model(LEXICAL))
    builder.prime(feats)
    builder.add(feats)
    dense = dense_vectors(word_vectors(feats))
    near = builder.index.vector_neighbours(dense, [f.when for f in feats], 2 * builder.index.neighbours)
    rows, extra, labels = [], [], []
    for i, f in enumerate(feats):
        for j in sorted({int(j) for j in near[i]} | builder.index.key_neighbours(f.keys)):
            if 0 <= j < i and builder._in_window(i, j):
                rows.append(builder.all_values(i, j))
                extra.append(lead_values(leads[f.id], leads[feats[j].id]))
                labels.append(gold[f.id] == gold[feats[j].id])
    return np.array(rows), np.array(extra), np.array(labels)


def ecb(root: Path, split: str) -> Labelled:
    from ecbplus import read_corpus

    docs = [d for d in read_corpus(root) if d.split == split]
    return [d.article for d in docs], {d.article.id: d.event for d in docs}


def pile(root: Path, labels: str) -> Labelled:
    from framescope.pipeline import load_articles

    events = page_events(labels)
    articles = [a for a in load_articles([str(root)]) if Path(a.source).name in events]
    return articles, {a.id: events[Path(a.source).name] for a in articles}


def generated() -> Pairs:
    """The generated corpora the fit uses (bench/stories.py `generated`), as one source."""
    from framescope.synth import generate

    parts = []
    for n, seed in ((800, 101), *((60, s) for s in DENSE_SEEDS)):
        made = generate(n, seed=seed)
        parts.append(candidate_pairs([x.article for x in made], {x.article.id: x.event for x in made}))
    return (np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]))


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecbplus", type=Path, required=True, help="the ECB+ folder (fit: train; judged: dev, test)")
    ap.add_argument("--pages", type=Path, help="the extraction benchmark's pages (blind labels)")
    ap.add_argument("--gn1", type=Path, help="the pages of L3S-GN1 (input folder; blind labels)")
    args = ap.parse_args()

    sources = [candidate_pairs(*ecb(args.ecbplus, "train")), generated()]
    judged = {f"ECB+ {s}": candidate_pairs(*ecb(args.ecbplus, s)) for s in ("dev", "test")}
    if args.pages:
        judged["extraction pages"] = candidate_pairs(*pile(args.pages, PAGE_LABELS[1][0]))
    if args.gn1:
        judged["L3S-GN1"] = candidate_pairs(*pile(args.gn1, GN1_LABELS[0][0]))
    columns = [ALL_FEATURES.index(f) for f in FEATURES]
    print(f"pairs: fit on {sum(len(y) for *_, y in sources)} (ECB+ train, generated); "
          + ", ".join(f"{name} {len(y)} ({int(y.sum())} of one event)" for name, (*_, y) in judged.items()))
    print("average precision of one event, refitted (weights of the added values in brackets):")
    for name, extra in GROUPS:
        x = np.vstack([np.hstack([sx[:, columns], se[:, extra]]) for sx, se, _ in sources])
        y = np.concatenate([sy for *_, sy in sources])
        w = np.concatenate([np.full(len(sy), 1.0 / len(sy)) for *_, sy in sources]) * len(y)
        clf = LogisticRegression(C=10.0, max_iter=3000).fit(x, y, sample_weight=w)
        scores = "  ".join(
            f"{j} {average_precision_score(vy, clf.predict_proba(np.hstack([vx[:, columns], ve[:, extra]]))[:, 1]):.3f}"
            for j, (vx, ve, vy) in judged.items())
        print(f"  {name:<32} {scores}  [{', '.join(f'{v:.2f}' for v in clf.coef_[0][len(columns):])}]", flush=True)


if __name__ == "__main__":
    main()

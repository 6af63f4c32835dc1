"""Clustering metrics shared by the story benchmarks: B-cubed and pairwise precision/recall/F1."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from itertools import combinations


def b_cubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    items = [i for i in gold if i in pred]
    if not items:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += both / len(by_pred[pred[i]])
        r += both / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    items = sorted(i for i in gold if i in pred)
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def copies_apart(feats: list, pred: Mapping[str, str], window_days: int) -> tuple[int, int]:
    """How many pairs of near-copies (estimated shingle Jaccard at least the pair model's NEAR_DUPLICATE, both
    dated within `window_days` of each other or either undated) there are, and how many of them `pred` puts in
    two stories: every pair compared, a block of rows at a time over the MinHash signatures."""
    import numpy as np

    from framescope.cluster.events import NEAR_DUPLICATE
    from framescope.cluster.features import NUM_PERM
    from framescope.cluster.matrices import agreement

    signatures = np.array([f.minhash.hashvalues for f in feats], dtype=np.uint32)
    days = np.array([f.when.toordinal() if f.when else -(10**9) for f in feats])
    undated = days < 0
    stories = np.unique([pred[f.id] for f in feats], return_inverse=True)[1]
    n, pairs, apart = len(feats), 0, 0
    step = max(1, (1 << 24) // max(1, n * NUM_PERM))
    for start in range(0, n, step):
        rows = np.arange(start, min(n, start + step))
        jaccard = agreement(signatures[rows], signatures)
        near = (jaccard >= NEAR_DUPLICATE) & (np.arange(n)[None, :] > rows[:, None])
        near &= (np.abs(days[rows, None] - days[None, :]) <= window_days) | undated[rows, None] | undated[None, :]
        a, b = np.nonzero(near)
        pairs += len(a)
        apart += int(np.count_nonzero(stories[rows[a]] != stories[b]))
    return pairs, apart

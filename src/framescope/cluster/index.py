"""Candidate neighbours without all pairs: approximate vector indexes over the words, one per time bucket,
and an inverted index over rare cross-lingual keys (names, numbers), which finds a story's articles in other
languages.

Buckets are as wide as the time window, so an article's possible partners all sit in its own bucket and the
two beside it (plus the undated bucket): a search never wades through articles that the window would reject,
which keeps both the cost and the quality flat as the corpus grows.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from datetime import date

import numpy as np
from usearch.index import BatchMatches, Index

from framescope.cluster.features import DENSE_DIM

Bucket = int | None


def _search(index: Index, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Keys and distances, shape (len(rows), k), padded with -1 / inf where fewer exist."""
    keys = np.full((len(rows), k), -1, dtype=np.int64)
    dist = np.full((len(rows), k), np.inf, dtype=np.float32)
    k = min(k, len(index))
    if k == 0:
        return keys, dist
    found = index.search(rows, k)
    if isinstance(found, BatchMatches):
        counts = np.asarray(found.counts)
        got_k = np.asarray(found.keys, dtype=np.int64).reshape(len(rows), -1)
        got_d = np.asarray(found.distances, dtype=np.float32).reshape(len(rows), -1)
    else:  # a single row comes back as plain Matches
        got_k = np.asarray(found.keys, dtype=np.int64).reshape(1, -1)
        got_d = np.asarray(found.distances, dtype=np.float32).reshape(1, -1)
        counts = np.array([got_k.shape[1]])
    width = got_k.shape[1]
    valid = np.arange(width)[None, :] < counts[:, None]
    keys[:, :width] = np.where(valid, got_k, -1)
    dist[:, :width] = np.where(valid, got_d, np.inf)
    return keys, dist


class CandidateIndex:
    def __init__(self, *, window_days: int = 7, neighbours: int = 16, rare_key_df: int = 64) -> None:
        self._vectors: dict[Bucket, Index] = {}
        self._postings: dict[str, list[int]] = defaultdict(list)
        self.df: Counter[str] = Counter()
        self.size = 0
        self.width = max(1, window_days)
        self.neighbours = neighbours
        self.rare_key_df = rare_key_df

    def bucket(self, when: date | None) -> Bucket:
        return None if when is None else when.toordinal() // self.width

    def add(self, rows: np.ndarray, keys: list[frozenset[str]], first: int, whens: list[date | None]) -> None:
        """Add rows numbered first, first+1, ... (their dense vectors, key sets and dates)."""
        groups: dict[Bucket, list[int]] = defaultdict(list)
        for offset, when in enumerate(whens):
            groups[self.bucket(when)].append(offset)
        for b, offsets in groups.items():
            index = self._vectors.get(b)
            if index is None:
                index = self._vectors[b] = Index(ndim=DENSE_DIM, metric="cos", dtype="f32")
            # One thread: a graph built by several threads depends on their timing, and so would the stories.
            index.add(np.asarray(offsets, dtype=np.uint64) + np.uint64(first), rows[offsets], threads=1)
        for offset, ks in enumerate(keys):
            for k in ks:
                self._postings[k].append(first + offset)
        self.size += len(keys)

    def vector_neighbours(self, rows: np.ndarray, whens: list[date | None], k: int) -> np.ndarray:
        """The k nearest indexed rows of each of `rows` among those its time window allows; -1 pads."""
        out = np.full((len(rows), k), -1, dtype=np.int64)
        groups: dict[Bucket, list[int]] = defaultdict(list)
        for i, when in enumerate(whens):
            groups[self.bucket(when)].append(i)
        for b, members in groups.items():
            targets = list(self._vectors) if b is None else [b - 1, b, b + 1, None]
            found = [_search(self._vectors[t], rows[members], k) for t in targets if t in self._vectors]
            if not found:
                continue
            keys = np.concatenate([f[0] for f in found], axis=1)
            dist = np.concatenate([f[1] for f in found], axis=1)
            order = np.argsort(dist, axis=1, kind="stable")[:, :k]
            out[members, : order.shape[1]] = np.take_along_axis(keys, order, axis=1)
        return out

    def key_neighbours(self, keys: frozenset[str]) -> set[int]:
        shared: Counter[int] = Counter()
        for k in keys:
            posting = self._postings.get(k)
            if posting and self.df.get(k, 0) <= self.rare_key_df:
                shared.update(posting)
        # two rare keys in common (a name and a number, two names) make a candidate in any language; ties
        # are broken by position, not by the order keys were met (set order changes with the hash seed)
        top = heapq.nsmallest(self.neighbours * 2, ((-n, i) for i, n in shared.items() if n >= 2))
        return {i for _, i in top}

"""Candidate neighbours without all pairs: an approximate vector index over the words, and an inverted
index over rare cross-lingual keys (names, numbers), which finds a story's articles in other languages."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from usearch.index import BatchMatches, Index

from framescope.cluster.features import DENSE_DIM


class CandidateIndex:
    def __init__(self, *, neighbours: int = 16, rare_key_df: int = 64) -> None:
        self._vectors = Index(ndim=DENSE_DIM, metric="cos", dtype="f32")
        self._postings: dict[str, list[int]] = defaultdict(list)
        self.df: Counter[str] = Counter()
        self.size = 0
        self.neighbours = neighbours
        self.rare_key_df = rare_key_df

    def add(self, rows: np.ndarray, keys: list[frozenset[str]], first: int, *, count: bool = True) -> None:
        """Add rows numbered first, first+1, ... (their dense vectors and key sets)."""
        if len(keys):
            self._vectors.add(np.arange(first, first + len(keys), dtype=np.uint64), rows)
        for offset, ks in enumerate(keys):
            for k in ks:
                if count:
                    self.df[k] += 1
                self._postings[k].append(first + offset)
        self.size += len(keys)

    def search(self, row: np.ndarray, keys: frozenset[str]) -> set[int]:
        found: set[int] = set()
        if self.size:
            matches = self._vectors.search(row, min(self.neighbours, self.size))
            found.update(int(k) for k in matches.keys)
        return found | self.key_neighbours(keys)

    def vector_neighbours(self, rows: np.ndarray, k: int) -> np.ndarray:
        """The k nearest rows of each of `rows` (one batched search); -1 where fewer exist."""
        if not self.size:
            return np.full((len(rows), 0), -1, dtype=np.int64)
        found = self._vectors.search(rows, min(k, self.size))
        if isinstance(found, BatchMatches):
            keys = np.asarray(found.keys, dtype=np.int64).reshape(len(rows), -1)
            counts = np.asarray(found.counts).reshape(len(rows))
        else:  # a single row comes back as plain Matches
            keys = np.asarray(found.keys, dtype=np.int64).reshape(1, -1)
            counts = np.array([keys.shape[1]])
        keys[np.arange(keys.shape[1])[None, :] >= counts[:, None]] = -1
        return keys

    def key_neighbours(self, keys: frozenset[str]) -> set[int]:
        shared: Counter[int] = Counter()
        for k in keys:
            posting = self._postings.get(k)
            if posting and self.df.get(k, 0) <= self.rare_key_df:
                shared.update(posting)
        # two rare keys in common (a name and a number, two names) make a candidate in any language
        return {i for i, n in shared.most_common(self.neighbours * 2) if n >= 2}

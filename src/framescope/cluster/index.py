"""Candidate neighbours without all pairs: approximate vector indexes over the words, one per time bucket;
an inverted index over rare cross-lingual keys (names, numbers), which finds a story's articles in other
languages; and MinHash LSH over the shingle signatures, which finds the copies of a text (the vector
index's random projection leaves a short text, a headline, with few or no dimensions to be found by).

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

from framescope.cluster.features import DENSE_DIM, NUM_PERM

Bucket = int | None
# MinHash LSH: 16 bands of 8 signature rows. Two texts are candidates when they agree on every row of a
# band: at a shingle Jaccard of 0.9 with probability 1.00, 0.8 0.95, 0.7 0.61, 0.5 0.06, 0.3 0.001. Copies,
# not rewrites: those share their words too, and the vector index finds them. Bands of 4 rows (0.87 at
# 0.5) made many of the generated corpus's articles candidates of each other: 100k grouped in 69.5 s and
# 2.4 GiB (a dictionary per band then), against about 60 s and 1.7 GiB without LSH.
BAND_ROWS = 8
BANDS = NUM_PERM // BAND_ROWS
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                 0x85EBCA77C2B2AE63, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB], dtype=np.uint64)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """One 64-bit key per band of each MinHash signature (rows x BANDS): the band's values mixed by
    multiplication (wrapping), so two signatures share a key where they agree on the whole band. A block of
    rows at a time: the 64-bit copies of a whole corpus's signatures would cost 1 KiB an article."""
    out = np.zeros((len(signatures), BANDS), dtype=np.uint64)
    for start in range(0, len(signatures), 8192):
        values = signatures[start : start + 8192].astype(np.uint64).reshape(-1, BANDS, BAND_ROWS)
        out[start : start + 8192] = np.bitwise_xor.reduce(values * _MIX[None, None, :], axis=2)
    return out


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
        # LSH: every indexed row's band keys; per band, the rows in key order (rows of one key in row order)
        # and the keys so sorted, made again on each `add` (a batch's worth of sorting); which rows share a
        # band key with another row
        self._bands = np.zeros((0, BANDS), dtype=np.uint64)
        self._by_key: list[tuple[np.ndarray, np.ndarray]] = []
        self._mated = np.zeros(0, dtype=bool)
        self.df: Counter[str] = Counter()
        self.size = 0
        self.width = max(1, window_days)
        self.neighbours = neighbours
        self.rare_key_df = rare_key_df

    def bucket(self, when: date | None) -> Bucket:
        return None if when is None else when.toordinal() // self.width

    def add(
        self, rows: np.ndarray, keys: list[frozenset[str]], first: int, whens: list[date | None],
        signatures: np.ndarray,
    ) -> None:
        """Add rows numbered first, first+1, ... (their dense vectors, key sets, dates and MinHash signatures)."""
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
        self._bands = np.concatenate([self._bands, band_keys(signatures)])
        self._by_key = []
        self._mated = np.zeros(len(self._bands), dtype=bool)
        for band in range(BANDS):
            order = np.argsort(self._bands[:, band], kind="stable").astype(np.int32)
            keys_sorted = self._bands[order, band]
            same = keys_sorted[1:] == keys_sorted[:-1]
            self._mated[order[1:][same]] = True
            self._mated[order[:-1][same]] = True
            self._by_key.append((keys_sorted, order))
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

    def copy_neighbours(self, row: int) -> set[int]:
        """The indexed rows that MinHash LSH puts in a bucket with indexed row `row` (itself left out): the
        likely copies of its text. From a crowded bucket (one wire text copied a hundred times) only the
        `neighbours` rows nearest to it in arrival order on either side."""
        out: set[int] = set()
        if not self._mated[row]:  # most articles: no copy indexed
            return out
        for (keys_sorted, order), key in zip(self._by_key, self._bands[row], strict=True):
            lo, hi = np.searchsorted(keys_sorted, key, side="left"), np.searchsorted(keys_sorted, key, side="right")
            if hi - lo < 2:
                continue
            rows = order[lo:hi]  # in row order (a stable sort)
            if len(rows) > 2 * self.neighbours:
                at = int(np.searchsorted(rows, row))
                rows = rows[max(0, at - self.neighbours) : at + self.neighbours + 1]
            out.update(rows.tolist())
        out.discard(row)
        return out

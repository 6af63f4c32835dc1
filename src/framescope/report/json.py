"""The versioned JSON document (`framescope/1`, documented in docs/json.md)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from framescope.codec import to_dict
from framescope.models import SCHEMA, Analysis, Comparison, Problem, Story


def article_record(analysis: Analysis) -> dict[str, Any]:
    """One article as it appears in the JSON: its fields, then what the analysis found in it."""
    record: dict[str, Any] = to_dict(analysis.article)
    record["sentences"] = to_dict(analysis.sentences)
    record["entities"] = to_dict(analysis.entities)
    record["quotes"] = to_dict(analysis.quotes)
    record["facts"] = to_dict(analysis.facts)
    record["framing"] = to_dict(analysis.framing) if analysis.framing else {"spans": [], "rates": {}}
    genre = analysis.genre
    record["genre"] = genre.label if genre else None
    record["genre_confidence"] = genre.confidence if genre else None
    record["genre_signals"] = list(genre.signals) if genre else []
    return record


def build_document(
    analyses: Iterable[Analysis],
    stories: Iterable[Story] = (),
    comparisons: Iterable[Comparison] = (),
    problems: Iterable[Problem] = (),
    grouping: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The framescope/1 document (docs/json.md); `grouping` says how the stories were grouped."""
    return {
        "schema": SCHEMA,
        **({"grouping": dict(grouping)} if grouping is not None else {}),
        "articles": [article_record(a) for a in analyses],
        "stories": to_dict(list(stories)),
        "comparisons": to_dict(list(comparisons)),
        "problems": to_dict(list(problems)),
    }


def write_json(document: dict[str, Any], path: str | Path) -> None:
    write_text_atomic(json.dumps(document, ensure_ascii=False, indent=1) + "\n", path)


def write_text_atomic(text: str, path: str | Path) -> None:
    """Write atomically: a reader never sees a half-written file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""The stage order: sources -> Documents -> Articles -> Analyses -> Stories -> Comparisons.

Only this module knows the order. Bad documents become `Problem`s and the run goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from framescope.models import Analysis, Article, Comparison, Document, Problem, Story

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    analyses: tuple[Analysis, ...] = ()
    stories: tuple[Story, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)


CLEAN_CHUNK = 1000  # documents cleaned together: enough to see an outlet's repeated lines, bounded in memory


def iter_articles(
    sources: Iterable[str],
    *,
    allow_private: bool = False,
    problems: list[Problem] | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Article]:
    """Ingest and clean, streaming in chunks; problems (bad documents) go to `problems` and are skipped.
    The same article given twice (same source and body) comes out once."""
    from framescope.clean import clean_batch
    from framescope.ingest import ingest

    sink = problems if problems is not None else []
    seen: set[str] = set()
    chunk: list[Document] = []

    def flush() -> Iterator[Article]:
        for out in clean_batch(chunk):
            if isinstance(out, Problem):
                log.info("skipped %s: %s", out.source, out.message)
                sink.append(out)
            elif out.id not in seen:
                seen.add(out.id)
                yield out
        chunk.clear()

    for item in ingest(sources, allow_private=allow_private, columns=columns):
        if isinstance(item, Problem):
            log.info("skipped %s: %s", item.source, item.message)
            sink.append(item)
            continue
        chunk.append(item)
        if len(chunk) >= CLEAN_CHUNK:
            yield from flush()
    if chunk:
        yield from flush()


def load_articles(
    sources: Iterable[str],
    *,
    allow_private: bool = False,
    problems: list[Problem] | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Article]:
    return list(iter_articles(sources, allow_private=allow_private, problems=problems, columns=columns))


def analyze_articles(articles: Iterable[Article], *, progress: Callable[[int], None] | None = None) -> list[Analysis]:
    from framescope.analyze import analyze_many

    out: list[Analysis] = []
    for analysis in analyze_many(articles):
        out.append(analysis)
        if progress:
            progress(1)
    return out


def compare_all(analyses: Iterable[Analysis], *, embeddings: bool = False) -> tuple[list[Story], list[Comparison]]:
    from framescope.cluster import cluster
    from framescope.compare import compare

    analyses = list(analyses)
    by_id = {a.article.id: a for a in analyses}
    stories = cluster(analyses, embeddings=embeddings)
    comparisons = [compare(s, by_id) for s in stories]
    return stories, comparisons


@dataclass(frozen=True)
class IngestSummary:
    added: int
    existing: int
    stories_touched: int


def ingest_into_store(
    store: Any,
    articles: Sequence[Article],
    *,
    progress: Callable[[int], None] | None = None,
    embeddings: bool = False,
) -> IngestSummary:
    """Analyze the articles the store does not have yet, store them (one transaction), then place them in
    stories among the stored articles, so that story ids stay stable, and refresh those stories' comparisons."""
    from framescope.cluster import cluster
    from framescope.compare import compare

    known = set(store.existing_ids([a.id for a in articles], analyzed=True))
    fresh = [a for a in articles if a.id not in known]
    result = store.write_batch(analyze_articles(fresh, progress=progress))
    # Nothing new and every article already in a story: nothing to regroup. (An article stored by a run that
    # died before grouping has no story yet, and is grouped now.)
    if not result.added and all(store.story_of(a.id) is not None for a in articles):
        return IngestSummary(0, len(known), 0)
    previous = store.list_stories(limit=1_000_000)
    everything = list(store.iter_articles())
    stories = cluster(everything, previous=previous, embeddings=embeddings)
    before = {s.id: (s.articles, s.roles) for s in previous}
    changed = [s for s in stories if before.get(s.id) != (s.articles, s.roles)]
    store.put_stories(changed)
    from framescope.errors import StoreError

    for story in changed:
        analyses = {a: an for a in story.articles if (an := store.get_analysis(a)) is not None}
        try:
            store.put_comparison(compare(story, analyses))
        except StoreError as exc:
            # A concurrent ingest merged this story away after we wrote it; that ingest refreshes the
            # surviving story's comparison, so there is nothing left to do here.
            log.info("comparison of %s not stored: %s", story.id, exc)
    return IngestSummary(len(result.added), len(known), len(changed))


def run(sources: Iterable[str], *, allow_private: bool = False) -> Result:
    """Run every stage on `sources` in memory and return the whole result."""
    problems: list[Problem] = []
    articles = load_articles(sources, allow_private=allow_private, problems=problems)
    analyses = analyze_articles(articles)
    stories, comparisons = compare_all(analyses)
    return Result(tuple(analyses), tuple(stories), tuple(comparisons), tuple(problems))

"""The stage order: sources -> Documents -> Articles -> Analyses -> Stories -> Comparisons.

Only this module knows the order. Bad documents become `Problem`s and the run goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from framescope.models import Analysis, Article, Comparison, Document, Problem, Story

if TYPE_CHECKING:
    from framescope.cluster.grouping import Grouping

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


def compare_all(
    analyses: Iterable[Analysis], *, embeddings: bool = False, threshold: float | None = None
) -> tuple[list[Story], list[Comparison]]:
    """Group the analyses into stories (`threshold`: see cluster) and compare each story."""
    from framescope.cluster import cluster
    from framescope.cluster.features import features_many
    from framescope.compare import compare

    analyses = list(analyses)
    by_id = {a.article.id: a for a in analyses}
    # computed once: grouping and each story's pair similarities both use them
    feats = features_many(analyses, embeddings=embeddings)
    stories = cluster(feats, embeddings=embeddings, threshold=threshold)
    features = {f.id: f for f in feats}
    comparisons = [compare(s, by_id, embeddings=embeddings, features=features) for s in stories]
    return stories, comparisons


@dataclass(frozen=True)
class IngestSummary:
    added: int
    existing: int
    stories_touched: int


@dataclass(frozen=True)
class Neighbourhood:
    """What an ingest regroups among: stored articles and the stored stories they belong to, every story
    with ALL its members among `articles` (put_stories rewrites a story's membership from what `cluster`
    returns, so a story loaded in part would be written back without its other members)."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    full: bool  # True when the whole store was loaded


def article_day(published: str | None) -> date | None:
    """The day an article is dated for story grouping: the ISO date its `published` starts with, as the
    cluster features read it (anything else is undated, and an undated article may join any story)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def day_windows(days: Iterable[date], window_days: int) -> list[tuple[date, date]]:
    """The days within `window_days` of any of `days`, as merged inclusive [first, last] ranges."""
    spans: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        lo = date.fromordinal(max(date.min.toordinal(), day.toordinal() - window_days))
        hi = date.fromordinal(min(date.max.toordinal(), day.toordinal() + window_days))
        if spans and lo.toordinal() <= spans[-1][1].toordinal() + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


def stored_everything(store: Any) -> Neighbourhood:
    """Every stored article and story: what an ingest regroups among when a new article is undated."""
    return _with_whole_stories(store, {a.id: a for a in store.iter_articles()}, full=True)


def stored_neighbourhood(store: Any, pending: Sequence[Article], window_days: int) -> Neighbourhood:
    """The stored articles that articles `pending` (stored, in no story yet) could link to, and their stories.

    A story links only articles dated within `window_days` of each other, or an undated one with any article,
    so this is: the articles published within the window of some pending article's day (index range reads),
    every undated stored article, and all members of every story any of those belongs to. With an undated
    pending article nothing can be ruled out: everything is loaded."""
    days = [article_day(a.published) for a in pending]
    if any(d is None for d in days):
        return stored_everything(store)
    loaded: dict[str, Article] = {}
    for first, last in day_windows((d for d in days if d is not None), window_days):
        end = None if last == date.max else (last + timedelta(days=1)).isoformat()
        loaded.update((a.id, a) for a in store.iter_articles_published(first.isoformat(), end))
    # An undated stored article may link to a new one whatever its day; leaving them out would make a
    # small-batch ingest differ from the batch grouping. Their cost grows with their number (docs/store.md).
    loaded.update((a.id, a) for a in store.iter_undated_articles())
    return _with_whole_stories(store, loaded, full=False)


def _with_whole_stories(store: Any, loaded: dict[str, Article], *, full: bool) -> Neighbourhood:
    stories = store.get_stories(sorted(set(store.stories_of(loaded).values())))
    # Members outside the window come along, so that no story is regrouped (and rewritten) in part. One step
    # closes the set: these members belong to stories already loaded, and an article is in one story only.
    outside = [a for s in stories for a in s.articles if a not in loaded]
    loaded.update((a.id, a) for a in store.get_articles(outside))
    return Neighbourhood(tuple(loaded[i] for i in sorted(loaded)), tuple(stories), full)


def _window_days(embeddings: bool) -> int:
    from framescope.cluster.model import LEXICAL, WITH_EMBEDDINGS, load_model

    # With embeddings, pairs in different languages are judged by the lexical model: take the wider window.
    names = (LEXICAL, WITH_EMBEDDINGS) if embeddings else (LEXICAL,)
    return max(load_model(n).window_days for n in names)


REGROUP_ATTEMPTS = 5  # reads and regroupings an ingest tries while concurrent ingests change its stories
# Up to this many stored articles an ingest regroups the whole store, not only the new articles' time window.
# A small store's word and name rarities are still settling (among 15 articles a name every event shares
# weighs as rare, and two events of one week can join): a story made then is re-checked by every ingest while
# the store is small, not only by those whose window reaches it. The whole store costs about a second here.
WHOLE_STORE_UP_TO = 1000


def ingest_into_store(
    store: Any,
    articles: Sequence[Article],
    *,
    progress: Callable[[int], None] | None = None,
    embeddings: bool | None = None,
    link_threshold: float | None = None,
) -> IngestSummary:
    """Analyze the articles the store does not have yet, store them (one transaction), then place them in
    stories among the stored articles, so that story ids stay stable, and refresh those stories' comparisons.

    Only the stored articles the new ones can link to are loaded and regrouped (`stored_neighbourhood`): the
    cost follows the size of the new articles' time window, not of the store. Stories outside it are not
    read or written. A store of up to WHOLE_STORE_UP_TO articles is regrouped whole.

    The articles are grouped as the store's stories are (`Store.grouping`): `embeddings` and `link_threshold`
    (None: not asked) must agree with it, or FramescopeError before anything is analyzed or written (see
    cluster.grouping.settle); a store with no stories takes them and records them."""
    from framescope.cluster.grouping import settle

    grouping = settle(store.grouping(), has_stories=store.has_stories(), link_threshold=link_threshold,
                      embeddings=embeddings, where=store.target.display)
    known = set(store.existing_ids([a.id for a in articles], analyzed=True))
    fresh = [a for a in articles if a.id not in known]
    result = store.write_batch(analyze_articles(fresh, progress=progress))
    if not store.term_counts_current():
        # counted by another version of the story features (an upgrade): recount once, or the window would
        # be weighed with rarities of terms the running features no longer make
        counted = store.rebuild_term_counts(if_stale=True)
        log.warning("%s: word and name rarities recounted from %d stored articles (the story features changed)",
                    store.target.display, counted)

    def place() -> tuple[list[Article], Neighbourhood] | None:
        # The articles to place: those in no story yet; new ones, and any stored by a run that died before
        # grouping. (An article another ingest grouped meanwhile is placed already.)
        grouped = store.stories_of(a.id for a in articles)
        pending = list({a.id: a for a in articles if a.id not in grouped}.values())
        if not pending:
            return None
        if store.count_articles() <= WHOLE_STORE_UP_TO:
            return pending, stored_everything(store)
        return pending, stored_neighbourhood(store, pending, _window_days(grouping.embeddings))

    changed = _regroup(store, place, grouping, replace=False)
    return IngestSummary(len(result.added), len(known), len(changed))


@dataclass(frozen=True)
class RegroupSummary:
    articles: int  # stored articles regrouped
    stories: int  # stories after the regroup
    changed: int  # stories written (new, grown, split or merged into)
    before: str  # how the store was grouped (Grouping.describe), "" when it had recorded nothing
    after: str


def regroup_store(store: Any, *, link_threshold: float | None = None, embeddings: bool = False) -> RegroupSummary:
    """Group every stored article anew with this link threshold (None: the fitted one) and embeddings, and
    record that as the store's grouping: later ingests extend the stories that way. The stories are those a
    batch run over the store would make, with the stored ids carried over (cluster.carry.carry_ids: each goes
    to the new story sharing most of its articles; splits and merges go into the histories); the changed
    stories and the grouping are written in one transaction, and their comparisons refreshed. It reads the
    whole store into memory, as `framescope batch` does a corpus (docs/store.md)."""
    from framescope.cluster.grouping import Grouping

    grouping = Grouping(link_threshold, embeddings)
    grouping.threshold()  # a threshold outside 0-1 fails before the store is read
    recorded = store.grouping()
    if not store.term_counts_current():
        store.rebuild_term_counts(if_stale=True)

    def place() -> tuple[list[Article], Neighbourhood]:
        hood = stored_everything(store)
        return list(hood.articles), hood

    def group(hood: Neighbourhood) -> list[Story]:
        # anew, as a batch run over the store would group it (regrouping with the stored stories as `previous`
        # would keep each story unless it falls apart at the new threshold), then with the stored ids
        from framescope.cluster import cluster
        from framescope.cluster.carry import carry_ids

        fresh = cluster(list(hood.articles), embeddings=grouping.embeddings, rarities=store.rarities,
                        threshold=grouping.link_threshold)
        return carry_ids(fresh, hood.stories, f"regrouped {grouping.describe()}")

    changed = _regroup(store, place, grouping, replace=True, group=group)
    before = recorded.describe() if recorded else ""
    return RegroupSummary(store.count_articles(), store.count_stories(), len(changed), before, grouping.describe())


def _regroup(
    store: Any,
    place: Callable[[], tuple[list[Article], Neighbourhood] | None],
    grouping: Grouping,
    *,
    replace: bool,
    group: Callable[[Neighbourhood], list[Story]] | None = None,
) -> list[Story]:
    """Group the neighbourhood `place` reads (None: nothing to place) with `grouping` (or `group`), write the
    stories that changed with the grouping recorded, and refresh their comparisons; read and regroup again
    when a concurrent ingest changed those stories meanwhile. Returns the stories written."""
    from framescope.cluster import cluster
    from framescope.compare import compare
    from framescope.errors import StoreError
    from framescope.store.stories import StoriesChanged

    for attempt in range(1, REGROUP_ATTEMPTS + 1):
        placed = place()
        if placed is None:
            return []
        pending, hood = placed
        log.info(
            "placing %d article(s) among %d stored article(s) in %d stories (%s)",
            len(pending), len(hood.articles), len(hood.stories), "whole store" if hood.full else "their time window",
        )
        # rarities of the whole store, not of the loaded window: the window is grouped as the whole would be
        if group is not None:
            stories = group(hood)
        else:
            stories = cluster(list(hood.articles), previous=list(hood.stories), embeddings=grouping.embeddings,
                              rarities=store.rarities, threshold=grouping.link_threshold)
        before = {s.id: (s.articles, s.roles) for s in hood.stories}
        changed = [s for s in stories if before.get(s.id) != (s.articles, s.roles)]
        try:
            # Refused if a concurrent ingest added articles to these stories after we read them: writing our
            # older view would leave its articles in no story. Then read again and regroup.
            store.put_stories(changed, keep_members=True, grouping=grouping, replace_grouping=replace)
            break
        except StoriesChanged as exc:
            log.info("stories changed while grouping (attempt %d): %s", attempt, exc)
    else:
        raise StoreError(f"{store.target.display}: other ingests kept changing the same stories; nothing was "
                         "regrouped: run it again (the articles are stored)")
    for story in changed:
        analyses = {a: an for a in story.articles if (an := store.get_analysis(a)) is not None}
        try:
            store.put_comparison(compare(story, analyses, embeddings=grouping.embeddings))
        except StoreError as exc:
            # A concurrent ingest merged this story away after we wrote it; that ingest refreshes the
            # surviving story's comparison, so there is nothing left to do here.
            log.info("comparison of %s not stored: %s", story.id, exc)
    return changed


def run(sources: Iterable[str], *, allow_private: bool = False, link_threshold: float | None = None) -> Result:
    """Run every stage on `sources` in memory and return the whole result. `link_threshold`: the probability
    of one event from which two articles are linked, in place of the fitted one (`--link-threshold`)."""
    from framescope.cluster.model import check_threshold

    check_threshold(link_threshold)
    problems: list[Problem] = []
    articles = load_articles(sources, allow_private=allow_private, problems=problems)
    analyses = analyze_articles(articles)
    stories, comparisons = compare_all(analyses, threshold=link_threshold)
    return Result(tuple(analyses), tuple(stories), tuple(comparisons), tuple(problems))

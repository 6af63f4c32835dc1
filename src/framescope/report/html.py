"""The self-contained HTML report: one file, no network (CSS, script and the SVG chart are inline).

Article content is untrusted: the Jinja environment autoescapes everything and no content is marked safe.
A Content-Security-Policy allows only our own inline style and script, by hash, so even a payload that got
through escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from framescope import __version__
from framescope.models import Analysis, Comparison, Story
from framescope.report.json import write_text_atomic
from framescope.report.view import Ref, StoryView, among, article_ref, story_title, story_view

if TYPE_CHECKING:
    from framescope.cluster.grouping import Grouping


def _asset(name: str) -> str:
    return resources.files("framescope.report").joinpath("templates", name).read_text("utf-8")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("framescope.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2", "svg"), default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def assets() -> dict[str, Any]:
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src {csp_hash(css)}; script-src {csp_hash(js)}"
    )
    # Our own stylesheet and script, read from the package (never from content), go in unescaped: escaping
    # would break them and their CSP hashes. Article content is never wrapped in Markup.
    return {"css": Markup(css), "js": Markup(js), "csp": csp}


def render_stories(
    views: Sequence[StoryView], *, title: str = "Framescope report", extra: Mapping[str, Any] | None = None
) -> str:
    template = environment().get_template("report.html.j2")
    return template.render(views=views, title=title, version=__version__, **assets(), **(extra or {}))


def build_views(
    analyses: Sequence[Analysis], stories: Sequence[Story], comparisons: Sequence[Comparison]
) -> list[StoryView]:
    by_id = {a.article.id: a for a in analyses}
    comps = {c.story: c for c in comparisons}
    heads = {s.id: story_title([by_id[a].article for a in s.articles if a in by_id]) or s.id for s in stories}

    def link(x: str) -> Ref | None:
        # every article and story of the report has its anchor on this page
        if x in by_id:
            return article_ref(by_id[x], f"#a-{x}")
        return Ref(x, f"#story-{x}", heads[x]) if x in heads else None

    # the report is of one run: its stories' merges and splits with each other, not with stories made on the way
    return [story_view(replace(s, history=among(s.history, heads)), comps.get(s.id), by_id, link) for s in stories]


def write_html(
    analyses: Sequence[Analysis],
    stories: Sequence[Story],
    comparisons: Sequence[Comparison],
    path: str | Path,
    *,
    grouping: Grouping | None = None,
) -> None:
    """The report of a run; `grouping`, how its stories were grouped, is said under the title."""
    extra = {"grouping": grouping.describe()} if grouping else None
    write_text_atomic(render_stories(build_views(analyses, stories, comparisons), extra=extra), path)

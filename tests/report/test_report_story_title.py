"""What names a story in lists and headings: the first member whose title reads as a headline, not a section
name a page gave for its title; the same rule in the terminal, the HTML report and the web app."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_report_html import _fixture

from framescope.models import Article
from framescope.report.html import build_views, render_stories
from framescope.report.terminal import print_stories
from framescope.report.view import naming_member, reads_as_headline, story_title
from framescope.serve.app import create_app
from framescope.store import open_store

HEADLINE = "Harbor bridge opens to traffic after delays"


@pytest.mark.parametrize(
    ("titles", "named"),
    [
        (["Sports Wire", HEADLINE, "Bridge opens after two-year wait"], 1),  # a section name gives way
        ([None, HEADLINE], 1),
        (["Tags", "Bridge row", None], 0),  # no title reads as a headline: the first title
        ([None, "Tags"], 1),
        ([None, None], None),
        ([], None),
        (["速報", "港の新しい橋が開通しました"], 1),  # counted in characters where words have no spaces
    ],
)
def test_the_first_title_that_reads_as_a_headline_names_the_story(titles: list[str | None], named: int | None) -> None:
    assert naming_member(titles) == named


def test_a_headline_has_four_words_or_eight_letters_of_a_script_without_spaces() -> None:
    assert reads_as_headline("Nelson's OT goal lifts Isles")
    assert not reads_as_headline("Seattle Post-Intelligencer: Hockey")  # three words and a name
    assert not reads_as_headline("Top Classifieds")
    assert reads_as_headline("港の新しい橋が開通")
    assert not reads_as_headline("エンタメ")


def test_an_untitled_storys_name_is_its_first_articles_opening_words() -> None:
    a = Article(id="a", source="a.txt", text="Varkon opened the bridge on Tuesday.")
    assert story_title([a, replace(a, id="b")]).startswith("(untitled) Varkon opened the bridge")
    assert story_title([]) == ""


def _sectioned() -> tuple[list, list, list]:
    """The fixture's story, its first article titled with a section name and its second with a headline."""
    analyses, stories, comparisons = _fixture()
    first, second = analyses
    analyses = [replace(first, article=replace(first.article, title="Sports Wire")),
                replace(second, article=replace(second.article, title=HEADLINE))]
    return analyses, stories, comparisons


def test_the_terminal_and_the_html_report_name_a_story_by_its_headline() -> None:
    analyses, stories, comparisons = _sectioned()
    console = Console(width=200, record=True)
    print_stories(console, stories, {an.article.id: an.article for an in analyses})
    out = console.export_text()
    assert HEADLINE in out and "Sports Wire" not in out
    [view] = build_views(analyses, stories, comparisons)
    assert view.title == HEADLINE
    # the report lists its stories by title when it holds more than one
    page = render_stories([view, replace(view, id="s2", title="Bridge row")], title="report")
    assert f'<a href="#story-s1">{HEADLINE}</a>' in page and '<a href="#story-s2">Bridge row</a>' in page


def test_the_web_app_lists_and_heads_a_story_by_its_headline(tmp_path: Path) -> None:
    db = str(tmp_path / "fs.db")
    analyses, stories, _ = _sectioned()
    with open_store(db) as store:
        store.write_batch(analyses)
        store.put_stories(stories)
    client = TestClient(create_app(db))
    [row] = client.get("/api/stories").json()["stories"]
    assert row["title"] == row["label"] == HEADLINE
    assert f'<a href="/stories/s1">{HEADLINE}</a>' in client.get("/").text
    assert f"<title>{HEADLINE}" in client.get("/stories/s1").text

"""The web app's API and pages, in process (FastAPI's TestClient over a real SQLite store)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from framescope.serve.app import create_app
from framescope.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from test_report_html import _fixture, fill_store


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    db = str(tmp_path / "fs.db")
    fill_store(db)
    return TestClient(create_app(db))


def test_api_lists_and_reads(client: TestClient) -> None:
    r = client.get("/api/stories")
    assert r.status_code == 200
    stories = r.json()["stories"]
    assert [s["id"] for s in stories] == ["s1"]
    assert stories[0]["articles"] == 2
    one = client.get("/api/stories/s1").json()
    assert one["story"]["roles"] == {"a1": "original", "b2": "rewrite"}
    assert one["story"]["versions"] == {"b2": {"of": "a1", "shared": 0.42}}
    assert stories[0]["versions"] == {"b2": {"of": "a1", "shared": 0.42}}
    assert one["comparison"]["quote_matches"][0]["relation"] == "altered"
    # how alike the two articles are, as stored and shown on the story page
    assert one["comparison"]["pairs"][0] == {"articles": ["a1", "b2"], "similarity": 0.713,
                                             "level": "somewhat similar",
                                             "signals": {"words": 0.4, "names": 0.0, "numbers": 0.25}}
    page = client.get("/stories/s1").text
    assert "<td>0.71</td><td>somewhat similar</td>" in page
    # the role links to the original's column
    assert 'role: <a href="#a-a1">rewrite of Harbor Wire, 42% of the text shared</a>' in page
    art = client.get("/api/articles/a1").json()
    assert art["story"] == "s1" and art["article"]["quotes"][0]["speaker"] == "Ilsa Varkon"


def test_filters(client: TestClient) -> None:
    assert client.get("/api/stories", params={"q": "Harbor"}).json()["stories"]
    assert client.get("/api/stories", params={"q": "nothing-like-this"}).json()["stories"] == []
    assert client.get("/api/stories", params={"from": "2024-03-06"}).json()["stories"] == []
    assert client.get("/api/stories", params={"from": "2024-03-01", "to": "2024-03-05"}).json()["stories"]


@pytest.mark.parametrize("path", ["/api/stories/nope", "/api/articles/nope", "/api/articles/..%2F..%2Fetc"])
def test_json_errors(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.json()["error"]["status"] == 404


def test_bad_date_is_a_json_400(client: TestClient) -> None:
    r = client.get("/api/stories", params={"from": "yesterday"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["error"]["message"]


def test_pages_are_escaped_and_carry_csp(client: TestClient) -> None:
    for path in ("/", "/stories/s1", "/articles/a1"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert "script-src 'sha256-" in r.headers["content-security-policy"]
        assert "<script>alert(" not in r.text and "<img src=x" not in r.text
    assert client.get("/stories/nope").status_code == 404


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"} <= set(spec["paths"])


def test_articles_ingested_while_running_show_on_reload(tmp_path: Path) -> None:
    db = str(tmp_path / "live.db")
    analyses, stories, _ = _fixture()
    with open_store(db) as store:
        store.write_batch(analyses[:1])
        store.put_stories([stories[0].__class__(id="s0", articles=("a1",), roles={"a1": "report"})])
    client = TestClient(create_app(db))
    assert [s["id"] for s in client.get("/api/stories").json()["stories"]] == ["s0"]
    with open_store(db) as other:  # a separate writer, as `framescope ingest` in another process would be
        other.write_batch(analyses[1:])
        other.put_stories(stories)
    ids = {s["id"] for s in client.get("/api/stories").json()["stories"]}
    assert "s1" in ids
    assert client.get("/api/articles/b2").status_code == 200


def test_a_story_of_untitled_articles_is_listed_by_its_opening_words(tmp_path: Path) -> None:
    from dataclasses import replace

    db = str(tmp_path / "untitled.db")
    analyses, stories, _ = _fixture()
    with open_store(db) as store:
        store.write_batch([replace(an, article=replace(an.article, title=None)) for an in analyses])
        store.put_stories(stories)
    client = TestClient(create_app(db))
    [row] = client.get("/api/stories").json()["stories"]
    assert row["title"] is None and row["label"].startswith("(untitled) Varkon opened the bridge.")
    page = client.get("/").text
    assert '<a href="/stories/s1">(untitled) Varkon opened the bridge.' in page


def test_a_story_page_links_what_its_history_names(tmp_path: Path) -> None:
    """A split names the story it made and that story's first article: both link to their pages, with the
    article shown by outlet and title; an id the store does not have stays as it is."""
    from framescope.models import Story

    db = str(tmp_path / "split.db")
    analyses, _, _ = _fixture()
    note = "split s2 from s1: 1 article(s) from b2 on hold together apart from the other 1 (mean link between them 0.12)"
    with open_store(db) as store:
        store.write_batch(analyses)
        store.put_stories([
            Story("s1", ("a1",), {"a1": "report"}, history=(note, "merged s9 into s1: article a1 links both (p=0.91)")),
            Story("s2", ("b2",), {"b2": "report"}, history=(note,)),
        ])
    page = TestClient(create_app(db)).get("/stories/s1").text
    assert '<a href="/stories/s2" title="another story">s2</a>' in page
    assert '<a href="/articles/b2" title="b2">Daily &lt;img src=x onerror=alert(1)&gt;: “Bridge row”</a>' in page
    assert "merged s9 into " in page and 'href="/stories/s9"' not in page  # not stored: left as text
    assert 'into <a href="#story-s1" title="this story">s1</a>' in page
    assert '<a href="#a-a1" title="a1">Harbor Wire: “Bridge opens &lt;script&gt;' in page  # its own column


def test_the_story_list_and_page_say_how_the_store_groups_once_it_records_it(tmp_path: Path) -> None:
    from framescope.cluster.grouping import Grouping

    db = str(tmp_path / "fs.db")
    fill_store(db)
    client = TestClient(create_app(db))
    assert "grouping" not in client.get("/api/stories").json()  # stored without a record, as older stores were
    assert "Articles grouped into stories" not in client.get("/").text
    with open_store(db) as store:
        store.put_stories([], grouping=Grouping(0.7))
    listed = client.get("/api/stories").json()
    assert listed["grouping"] == {"link_threshold": 0.7, "fitted_link_threshold": Grouping().fitted(),
                                  "embeddings": False}
    assert [s["id"] for s in listed["stories"]] == ["s1"]
    for path in ("/", "/stories/s1"):
        page = client.get(path).text
        assert "Articles grouped into stories at link threshold 0.7 without embeddings." in page, path

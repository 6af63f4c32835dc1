"""RSS/Atom: each entry's page fetched through the guarded client, with the entry's metadata as hints."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_server import LONG_SUMMARY, LocalServer

from framescope.ingest import ingest
from framescope.models import Document, Problem

pytestmark = pytest.mark.network


def test_rss_feed_over_http(local_server: LocalServer) -> None:
    base = local_server.base
    items = list(ingest([local_server.url("/feed.xml")], allow_private=True))
    assert len(items) == 4
    first, second, fallback, problem = items

    assert isinstance(first, Document)
    assert first.source == f"{base}/story-1.html"
    assert first.url == f"{base}/story-1.html"
    assert first.format == "html"
    assert first.title == "Bridge reopens"
    assert first.published == "2026-03-02T09:30:00+00:00"
    assert first.author == "desk@example.org (Ana Ruiz)"
    assert "Port Vell" in first.content

    assert isinstance(second, Document)
    assert "passed its budget by one vote" in second.content

    # The page is gone (404) but the entry carries a whole article: it stands in, named by the feed it came
    # from, with the entry's link kept as its URL.
    assert isinstance(fallback, Document)
    assert fallback.source == f"{base}/feed.xml#3"
    assert fallback.url == f"{base}/gone"
    assert fallback.title == "Reservoir approved"
    assert LONG_SUMMARY in fallback.content

    assert problem == Problem(
        f"{base}/gone-too", "HTTP 404 Not Found; the entry's own text is too short to use instead"
    )


def test_feed_url_is_refused_without_allow_private(local_server: LocalServer) -> None:
    items = list(ingest([local_server.url("/feed.xml")]))
    assert len(items) == 1
    assert isinstance(items[0], Problem)
    assert "refused: resolves to loopback address 127.0.0.1" in items[0].message


def test_feed_file_entries_go_through_the_same_guard(local_server: LocalServer, tmp_path: Path) -> None:
    feed = tmp_path / "local.rss"
    feed.write_bytes(local_server.routes["/feed.xml"].body)  # type: ignore[arg-type]
    hits = len(local_server.hits)
    items = list(ingest([str(feed)]))
    assert len(local_server.hits) == hits  # no entry link was fetched from the loopback address
    assert [type(i).__name__ for i in items] == ["Problem", "Problem", "Document", "Problem"]
    assert all("refused: resolves to loopback address" in i.message for i in items if isinstance(i, Problem))
    allowed = list(ingest([str(feed)], allow_private=True))
    assert [type(i).__name__ for i in allowed] == ["Document", "Document", "Document", "Problem"]


def test_atom_file_entry_without_link_uses_its_own_text(tmp_path: Path) -> None:
    content = "<p>" + "The tram line to the airport opened on Friday after a decade of planning. " * 6 + "</p>"
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title><id>urn:uuid:7a1c</id><updated>2026-03-06T08:00:00Z</updated>
  <entry><title>Tram line opens</title><id>urn:uuid:7a1d</id><updated>2026-03-06T08:00:00Z</updated>
    <author><name>Jonas Berg</name></author>
    <content type="html">{content.replace("<", "&lt;")}</content></entry>
</feed>"""
    path = tmp_path / "courier.atom"
    path.write_text(atom, encoding="utf-8")
    (doc,) = ingest([str(path)])
    assert isinstance(doc, Document)
    assert doc.source == f"{path}#1"  # no link: named after the feed and the entry's position
    assert doc.title == "Tram line opens"
    assert doc.author == "Jonas Berg"
    assert doc.published == "2026-03-06T08:00:00+00:00"
    assert doc.format == "html"
    assert "tram line to the airport" in doc.content


def test_relative_entry_links_resolve_against_the_feed_url(local_server: LocalServer) -> None:
    (doc,) = ingest([local_server.url("/news/relative.rss")], allow_private=True)
    assert isinstance(doc, Document)
    assert doc.source == local_server.url("/story-1.html")
    assert doc.title == "Bridge reopens"


def test_malformed_feed_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Half a feed", encoding="utf-8")
    (problem,) = ingest([str(path)])
    assert isinstance(problem, Problem)
    assert problem.source == str(path)
    assert problem.message.startswith(("not a readable feed", "the feed has no entries"))

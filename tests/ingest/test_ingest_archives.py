"""WARC files written with warcio in tmp_path: HTML/text 200 responses become Documents, the rest is skipped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from framescope.ingest import ingest
from framescope.models import Document, Problem

PAGE = "<html><head><title>Dam holds</title></head><body><p>The dam held, engineers said.</p></body></html>"


def write_warc(path: Path, *, gzip: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)

        def response(uri: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)

        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "framescope tests"}))
        request = StatusAndHeaders("GET /dam HTTP/1.1", [("Host", "courier.example.org")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record("https://courier.example.org/dam", "request", http_headers=request)
        )
        response("https://courier.example.org/dam", "200 OK", "text/html; charset=utf-8", PAGE.encode())
        response("https://courier.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        response("https://courier.example.org/old", "404 Not Found", "text/html", b"<p>gone</p>")
        response(
            "https://courier.example.org/cafe",
            "200 OK",
            "text/html; charset=windows-1252",
            "<p>Le café “Chez Léon” a rouvert.</p>".encode("cp1252"),
        )
        response("https://courier.example.org/notes.txt", "200 OK", "text/plain", b"Plain notes from the desk.")
        response("https://courier.example.org/blank", "200 OK", "text/html", b"   ")


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip)
    items = list(ingest([str(path)]))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Document", f"{path}#3"),
        ("Document", f"{path}#6"),
        ("Document", f"{path}#7"),
        ("Problem", f"{path}#8"),
    ]
    dam, cafe, notes, blank = items
    assert isinstance(dam, Document)
    assert dam.url == "https://courier.example.org/dam"
    assert dam.format == "html" and dam.content == PAGE
    assert dam.published is None  # WARC-Date is the capture date, not the publication date
    assert isinstance(cafe, Document) and "café “Chez Léon”" in cafe.content and cafe.encoding == "cp1252"
    assert isinstance(notes, Document) and notes.format == "text"
    assert blank == Problem(f"{path}#8", "empty (https://courier.example.org/blank)")


def test_corrupt_warc_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nonsense\r\n\r\n<p>x</p>")
    assert list(ingest([str(path)])) == [Problem(str(path), "damaged WARC: 1 record(s) with a wrong Content-Length")]
    other = tmp_path / "notes.warc"
    other.write_text("Just some notes, not an archive.\n", encoding="utf-8")
    assert list(ingest([str(other)])) == [
        Problem(str(other), "not a WARC file (it does not start with a WARC/1.x record)")
    ]


def test_warc_without_articles(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example.org/a.png", "response", payload=io.BytesIO(b"png"), http_headers=headers
            )
        )
    assert list(ingest([str(path)])) == [Problem(str(path), "no HTML or text responses with status 200 in this WARC")]

"""JSON, JSONL and CSV/TSV records: the column mapping, overrides, and bad records that do not stop the rest."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from framescope.ingest import Limits, ingest
from framescope.models import Document, Problem


def run(*sources: str | Path, **kwargs: object) -> list[Document | Problem]:
    return list(ingest([str(s) for s in sources], **kwargs))


RECORD = {
    "headline": "Ferry service resumes",
    "articleBody": "Ferries to the islands sailed again on Sunday after a two-day strike.",
    "link": "https://news.example.org/ferry",
    "publisher": "Island Herald",
    "pubdate": "2026-03-08",
    "authors": ["Mia Holm", "Per Lund"],
}


def test_jsonl_mapping_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps(RECORD),
        "{not json",
        "",
        json.dumps({"title": "No body here"}),
        json.dumps({"html": "<p>Harbour fees rise.</p>", "date": 1772928000}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = run(path)
    assert [i.source for i in items] == [f"{path}#{n}" for n in (1, 2, 4, 5, 6)]
    first, bad_json, no_body, html, not_object = items
    assert first == Document(
        source=f"{path}#1",
        content=RECORD["articleBody"],
        format="text",
        url="https://news.example.org/ferry",
        title="Ferry service resumes",
        outlet="Island Herald",
        published="2026-03-08",
        author="Mia Holm, Per Lund",
        encoding="utf-8",
    )
    assert isinstance(bad_json, Problem) and bad_json.message.startswith("invalid JSON:")
    assert isinstance(no_body, Problem) and no_body.message.startswith("no article text (looked for text, body,")
    assert isinstance(html, Document) and html.format == "html"
    assert html.published == "2026-03-08T00:00:00+00:00"  # a Unix timestamp becomes ISO 8601
    assert not_object == Problem(f"{path}#6", "not a record: expected an object, got list")


def test_jsonl_is_streamed_and_gzip_works(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n in range(2000):
            out.write(json.dumps({"text": f"Story number {n} about the harbour."}) + "\n")
    stream = ingest([str(path)])
    first = next(stream)
    assert isinstance(first, Document) and first.content == "Story number 0 about the harbour."
    assert sum(1 for _ in stream) == 1999


def test_jsonl_line_over_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "short one"}) + "\n", encoding="utf-8"
    )
    big, small = run(path, limits=Limits(max_file_bytes=1000))
    assert big == Problem(f"{path}#1", "too large: line over 1 KB")
    assert isinstance(small, Document) and small.source == f"{path}#2"


def test_json_single_record_list_and_wrapped_list(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps(RECORD), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([RECORD, {"nothing": 1}]), encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"status": "ok", "articles": [RECORD]}), encoding="utf-8")
    items = run(single, many, wrapped)
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Document", str(single)),
        ("Document", f"{many}#1"),
        ("Problem", f"{many}#2"),
        ("Document", f"{wrapped}#1"),
    ]


def test_invalid_json_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    (problem,) = run(path)
    assert isinstance(problem, Problem) and problem.message.startswith("invalid JSON: Unterminated string")


def test_columns_override_with_nested_names(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    record = {"story": {"body": "The dam held.", "heading": "Dam holds"}, "paper": "Valley Courier", "text": "x"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    columns = {"text": "story.body", "title": "story.heading", "outlet": "paper"}
    (doc,) = run(path, columns=columns)
    assert isinstance(doc, Document)
    assert (doc.content, doc.title, doc.outlet) == ("The dam held.", "Dam holds", "Valley Courier")


def test_csv_records_and_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Title", "Text", "Source", "Date", "URL"])
        writer.writerow(["Dam holds", "The dam held, engineers said.\nWater levels fell.", "Courier", "2026-03-09", ""])
        writer.writerow(["Empty", "", "Courier", "2026-03-09", ""])
        writer.writerow(["Tram", "<p>The tram opened.</p>", "Herald", "2026-03-10", "https://h.example.org/t"])
    first, empty, tram = run(path)
    assert isinstance(first, Document)
    assert first.source == f"{path}#1"
    assert first.content == "The dam held, engineers said.\nWater levels fell."
    assert (first.title, first.outlet, first.published, first.url) == ("Dam holds", "Courier", "2026-03-09", None)
    assert isinstance(empty, Problem) and empty.source == f"{path}#2"
    assert isinstance(tram, Document) and tram.format == "html" and tram.url == "https://h.example.org/t"


def test_csv_semicolons_tsv_and_legacy_encoding(tmp_path: Path) -> None:
    semi = tmp_path / "semi.csv"
    semi.write_bytes("titre;texte\nCafé;Le café “Chez Léon” a rouvert — enfin, après trois ans.\n".encode("cp1252"))
    tsv = tmp_path / "export.tsv"
    tsv.write_text("headline\tbody\nTabs\tA body, with commas, in a TSV.\n", encoding="utf-8")
    (cafe,) = run(semi, columns={"text": "texte", "title": "titre"})
    (tabs,) = run(tsv)
    assert isinstance(cafe, Document)
    assert cafe.title == "Café"
    assert cafe.content == "Le café “Chez Léon” a rouvert — enfin, après trois ans."
    assert cafe.encoding == "cp1252"
    assert isinstance(tabs, Document) and tabs.title == "Tabs" and tabs.content == "A body, with commas, in a TSV."


def test_csv_without_a_body_column_says_so_once(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    path.write_text("title,date\nA,2026-01-01\nB,2026-01-02\n", encoding="utf-8")
    (problem,) = run(path)
    assert isinstance(problem, Problem)
    assert problem.source == str(path)
    assert problem.message.startswith("no article text column")


def test_csv_header_only(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("title,text\n", encoding="utf-8")
    assert run(path) == [Problem(str(path), "no records below the header")]


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.csv", "empty.json"])
def test_empty_record_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\n")
    assert run(path) == [Problem(str(path), "empty")]

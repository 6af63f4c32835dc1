"""Files, directories and stdin: every format, and the bad inputs that must become one-line Problems."""

from __future__ import annotations

import gzip
import io
import sys
import time
from pathlib import Path

import pytest

from framescope.errors import InputError
from framescope.ingest import Limits, ingest
from framescope.models import Document, Problem

MB = 1024 * 1024

TEXT = "Mayor opens the new library.\n\nThe building on Elm Street cost 12 million crowns, the council said.\n"
HTML = (
    "<!DOCTYPE html><html><head><title>Library opens</title></head>"
    "<body><article><p>The mayor opened the new library on Elm Street.</p></article></body></html>"
)


def run(*sources: str | Path, **kwargs: object) -> list[Document | Problem]:
    return list(ingest([str(s) for s in sources], **kwargs))


def test_text_markdown_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Library\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "c.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "d.htm").write_text(HTML, encoding="utf-8")
    items = run(tmp_path / "a.txt", tmp_path / "b.md", tmp_path / "c.html", tmp_path / "d.htm")
    assert all(isinstance(i, Document) for i in items)
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.format for d in docs] == ["text", "text", "html", "html"]
    assert docs[0].content == TEXT
    assert docs[0].source == str(tmp_path / "a.txt")
    assert docs[0].encoding == "utf-8"
    assert docs[2].content == HTML


def test_gzipped_html_and_text(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(HTML.encode()))
    (tmp_path / "note.txt.gz").write_bytes(gzip.compress(TEXT.encode()))
    (tmp_path / "mystery.gz").write_bytes(gzip.compress(HTML.encode()))  # no inner extension: sniffed
    page, note, mystery = run(tmp_path / "page.html.gz", tmp_path / "note.txt.gz", tmp_path / "mystery.gz")
    assert isinstance(page, Document) and page.format == "html" and page.content == HTML
    assert isinstance(note, Document) and note.format == "text" and note.content == TEXT
    assert isinstance(mystery, Document) and mystery.format == "html"


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (50 * MB), compresslevel=1))
    assert path.stat().st_size < MB
    assert run(path) == [Problem(str(path), "too large: over 20.0 MB when decompressed")]


def test_corrupt_gzip_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate")
    (problem,) = run(path)
    assert isinstance(problem, Problem)
    assert problem.message.startswith("not a valid gzip file")


def test_directory_with_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    (tmp_path / "01-first.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "02-broken.txt").write_bytes(b"\x00\x01\x02\x03" * 200)
    (tmp_path / "03-page.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "04-nested.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    (tmp_path / "README").write_text("not an article", encoding="utf-8")
    # a dataset's own notes, in the extensions its articles have: not articles either
    for notes in ("README.md", "readme.txt", "LICENSE.txt", "CHANGELOG.md", "Contributing.md", "README.fr.md"):
        (tmp_path / notes).write_text("# About these files\n\nThey were collected by hand.", encoding="utf-8")
    (tmp_path / "readmission-rates.txt").write_text(TEXT, encoding="utf-8")  # a name that only starts alike

    items = run(tmp_path)
    assert [(type(i).__name__, Path(i.source).name) for i in items] == [
        ("Document", "01-first.txt"),
        ("Problem", "02-broken.txt"),
        ("Document", "03-page.html"),
        ("Document", "readmission-rates.txt"),
        ("Document", "04-nested.md"),
    ]
    assert items[1] == Problem(str(tmp_path / "02-broken.txt"), "not text: looks binary (contains NUL bytes)")


def test_a_folders_notes_named_explicitly_are_read(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(TEXT, encoding="utf-8")
    (doc,) = run(path)
    assert isinstance(doc, Document) and doc.source == str(path)


def test_a_directory_of_notes_alone_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(TEXT, encoding="utf-8")
    (problem,) = run(tmp_path)
    assert isinstance(problem, Problem) and problem.message.startswith("no supported files in this directory")
    assert problem.message.endswith("skipped as the folder's notes: README.md (name a file to read it))")


def test_empty_directory_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (problem,) = run(tmp_path)
    assert isinstance(problem, Problem)
    assert problem.message.startswith("no supported files in this directory")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode()])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert run(path) == [Problem(str(path), "empty")]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "random.html"
    path.write_bytes(bytes(range(256)) * 64)
    assert run(path) == [Problem(str(path), "not text: looks binary (contains NUL bytes)")]


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 300)
    assert run(path) == [Problem(str(path), "not text: looks binary (too many control characters)")]


def test_invalid_utf8_that_is_really_cp1252_is_decoded(tmp_path: Path) -> None:
    text = (
        "Le café “Chez Léon” a rouvert ses portes — après trois ans — et les habitués s’y pressent déjà. "
        "La façade est neuve, la crème brûlée coûte 5 €.\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    (doc,) = run(path)
    assert isinstance(doc, Document)
    assert doc.content == text
    assert doc.encoding == "cp1252"


def test_truly_undecodable_bytes_are_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    # High bytes in no text encoding's pattern, no NUL: charset detection must give up, not guess.
    path.write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xFF, 0xFE, 0x98]) * 500)
    assert run(path) == [Problem(str(path), "cannot decode: no text encoding fits (binary or corrupt file?)")]


def test_declared_meta_charset_is_used(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-2"></head><body><p>Łódź i Kraków świętują.</p></body></html>'
    path = tmp_path / "pl.html"
    path.write_bytes(html.encode("iso-8859-2"))
    (doc,) = run(path)
    assert isinstance(doc, Document)
    assert "Łódź i Kraków świętują." in doc.content
    assert doc.encoding == "iso8859-2"


def test_fifty_megabyte_file_is_refused_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"The council met again and talked about the budget for a long time.\n"
    with path.open("wb") as out:
        out.write(line * (50 * MB // len(line) + 1))
    started = time.perf_counter()
    items = run(path)
    elapsed = time.perf_counter() - started
    assert items == [Problem(str(path), "too large: 50.0 MB (limit 20.0 MB)")]
    assert elapsed < 1.0  # refused from the file size, without reading it


def test_size_cap_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text(TEXT * 100, encoding="utf-8")
    (problem,) = run(path, limits=Limits(max_file_bytes=1024))
    assert isinstance(problem, Problem) and problem.message.startswith("too large:")


def test_ten_thousand_nested_tags_ingest_without_error(tmp_path: Path) -> None:
    html = "<html><body>" + "<div>" * 10_000 + "<p>Deep text.</p>" + "</div>" * 10_000 + "</body></html>"
    path = tmp_path / "nested.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = run(path)
    assert isinstance(doc, Document)
    assert doc.format == "html"
    assert doc.content == html


def test_missing_path_and_scheme_less_url(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert run(missing, "www.example.org/story") == [
        Problem(missing, "no such file or directory"),
        Problem("www.example.org/story", "no such file or directory (for a URL, include http:// or https://)"),
    ]


def test_unsupported_url_scheme() -> None:
    assert run("ftp://example.org/a.txt") == [
        Problem("ftp://example.org/a.txt", "unsupported URL scheme 'ftp' (only http and https)")
    ]


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "saved.page"
    page.write_text(HTML, encoding="utf-8")
    note = tmp_path / "NOTES"
    note.write_text(TEXT, encoding="utf-8")
    page_doc, note_doc = run(page, note)
    assert isinstance(page_doc, Document) and page_doc.format == "html"
    assert isinstance(note_doc, Document) and note_doc.format == "text"


def test_bad_columns_mapping_fails_fast() -> None:
    with pytest.raises(InputError, match="unknown field 'boddy'"):
        run("-", columns={"boddy": "x"})


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, TEXT.encode())
    assert run("-") == [Document(source="<stdin>", content=TEXT, format="text", encoding="utf-8")]


def test_stdin_html_and_jsonl_are_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, HTML.encode())
    (doc,) = run("-")
    assert isinstance(doc, Document) and doc.format == "html"
    _stdin(monkeypatch, b'{"text": "One."}\n{"text": "Two."}\n')
    assert [(d.source, d.content) for d in run("-") if isinstance(d, Document)] == [
        ("<stdin>#1", "One."),
        ("<stdin>#2", "Two."),
    ]


def test_stdin_empty_and_gzipped(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    assert run("-") == [Problem("<stdin>", "empty")]
    _stdin(monkeypatch, gzip.compress(HTML.encode()))
    (doc,) = run("-")
    assert isinstance(doc, Document) and doc.content == HTML


SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.mark.seeds
def test_seed_articles_ingest_as_text() -> None:
    folder = SHARED / "seeds" / "articles"
    if not folder.is_dir():
        pytest.skip(f"../shared/seeds not found: {folder}")
    files = sorted(folder.glob("*.txt"))
    items = run(folder)
    assert [i.source for i in items] == [str(f) for f in files]
    for item, path in zip(items, files, strict=True):
        assert isinstance(item, Document)
        assert item.format == "text" and item.encoding == "utf-8"
        assert item.content == path.read_text(encoding="utf-8")


def test_extraction_benchmark_pages_all_ingest() -> None:
    folder = SHARED / "benchmarks" / "article-extraction" / "html"
    if not folder.is_dir():
        pytest.skip(f"../shared/benchmarks/article-extraction not found: {folder}")
    items = run(folder)  # 181 real pages, gzip-compressed
    assert len(items) == 181
    assert [i for i in items if isinstance(i, Problem)] == []
    assert all(isinstance(i, Document) and i.format == "html" for i in items)

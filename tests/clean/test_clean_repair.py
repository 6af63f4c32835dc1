"""Mis-decoded text (mojibake) is put right while cleaning: in scraped text, exports, HTML and metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framescope.clean import clean
from framescope.clean.repair import repair
from framescope.models import Document
from framescope.pipeline import analyze_articles, load_articles

RIGHT = [
    "Vienna — “We will not sign this,” said Minister Jürgen Kästner on Tuesday.",
    "The talks in Zürich resume next week, the ministry’s spokeswoman added.",
]


def utf8_read_as_cp1252(text: str) -> str:
    """What a tool that read UTF-8 bytes as windows-1252 wrote (the common mojibake: "â€œ" for "“"); the five
    bytes windows-1252 leaves undefined pass through as the code points of the same number, as Windows does."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


def cp1252_read_as_latin1(text: str) -> str:
    """windows-1252 punctuation read as Latin-1: curly quotes and dashes become invisible C1 controls."""
    return text.encode("cp1252").decode("latin-1")


def test_both_kinds_of_mojibake_are_undone() -> None:
    for line in RIGHT:
        assert utf8_read_as_cp1252(line) != line and cp1252_read_as_latin1(line) != line
        assert repair(utf8_read_as_cp1252(line)) == line
        assert repair(cp1252_read_as_latin1(line)) == line


def test_mojibake_put_through_compatibility_normalisation_is_undone() -> None:
    # "ü" read as windows-1252 is "Ã¼"; NFKC then writes "¼" as "1⁄4" (with a fraction slash)
    assert repair("Bugün für Zürich".encode().decode("cp1252").replace("¼", "1\u20444")) == "Bugün für Zürich"
    assert repair("Add 1\u20444 cup, then 3\u20444 more.") == "Add 1\u20444 cup, then 3\u20444 more."


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII, \"straight quotes\" and 'apostrophes' -- as typed.",
        "“Curly quotes”, an en dash – and an ellipsis… stay as they are.",
        "São Tomé, Kraków, İstanbul, Ærø: names with accents are not mojibake.",
        "Лукашенко встретился с Помпео в Минске.",
        "特朗普与卢卡申科在明斯克会面。",
        "Straße &amp; Co. (an HTML entity in text is not unescaped here)",
        "SÃO PAULO — AÇÃO: capitals with a tilde are Portuguese, not mis-decoded.",
    ],
)
def test_text_that_is_right_is_left_alone(text: str) -> None:
    assert repair(text) == text


def test_a_scraped_text_file_is_repaired_line_by_line() -> None:
    content = "\n\n".join(utf8_read_as_cp1252(line) for line in ["Kästner rejects the Zürich text", *RIGHT])
    art = clean(Document(source="a.txt", content=content, format="text"))
    assert art.title == "Kästner rejects the Zürich text"
    assert art.text == "\n\n".join(RIGHT)


def test_html_entities_of_windows_1252_punctuation_become_the_punctuation() -> None:
    # &#147; and &#148; name C1 controls in Unicode; pages that use them mean windows-1252's curly quotes
    html = (
        "<html><head><title>Kastner rejects the text</title></head><body><article>"
        "<h1>Kastner rejects the text</h1>"
        "<p>Vienna &#151; &#147;We will not sign this,&#148; said Minister Jonas Kastner on Tuesday in the capital.</p>"
        "<p>The talks resume next week in the city, the ministry&#146;s spokeswoman told reporters afterwards.</p>"
        "</article></body></html>"
    )
    art = clean(Document(source="a.html", content=html, format="html"))
    assert "“We will not sign this,” said Minister Jonas Kastner" in art.text
    assert "Vienna — " in art.text and "ministry’s" in art.text
    assert not any("\x80" <= ch <= "\x9f" for ch in art.text)


def test_an_export_with_mis_decoded_fields_gives_right_text_metadata_and_quotes(tmp_path: Path) -> None:
    # A JSONL export that is valid UTF-8 but whose fields were mis-decoded before they were written.
    record = {
        "title": utf8_read_as_cp1252("Kästner: “no signature” in Zürich"),
        "outlet": utf8_read_as_cp1252("Wiener Börsenblatt"),
        "author": utf8_read_as_cp1252("Lena Müller"),
        "text": cp1252_read_as_latin1("\n\n".join(RIGHT)),
        "published": "2020-03-03",
    }
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [art] = load_articles([str(path)])
    assert (art.title, art.outlet, art.author) == ("Kästner: “no signature” in Zürich", "Wiener Börsenblatt",
                                                   "Lena Müller")
    assert art.text == "\n\n".join(RIGHT)
    [analysis] = analyze_articles([art])
    [quote] = [q for q in analysis.quotes if q.kind == "full"]
    assert quote.text == "We will not sign this,"
    assert quote.speaker is not None and quote.speaker.endswith("Kästner")

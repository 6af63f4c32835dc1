"""Bytes -> str: byte-order marks, declarations (trusted only when they fit), detection, binary and empty input."""

from __future__ import annotations

import pytest

from framescope.errors import InputError
from framescope.ingest.decode import declared_in_markup, decode, stream_encoding
from framescope.ingest.sniff import kind_of_media_type, looks_like_html, sniff

FRENCH = "Le café “Chez Léon” a rouvert — après trois ans, les habitués s’y pressent déjà.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (("\ufeff" + FRENCH).encode("utf-8"), "utf-8"),
        (("\ufeff" + FRENCH).encode("utf-16-le"), "utf-16"),
        (("\ufeff" + FRENCH).encode("utf-16-be"), "utf-16"),
        (("\ufeff" + FRENCH).encode("utf-32-le"), "utf-32"),
    ],
)
def test_byte_order_marks(data: bytes, encoding: str) -> None:
    decoded = decode(data, "f")
    assert decoded.text == FRENCH
    assert decoded.encoding == encoding


def test_declared_utf16_without_bom_is_not_called_binary() -> None:
    decoded = decode(FRENCH.encode("utf-16-le"), "f", declared="utf-16le")
    assert decoded.text == FRENCH


def test_wrong_declaration_is_ignored() -> None:
    decoded = decode(FRENCH.encode("cp1252"), "f", declared="utf-8")
    assert decoded.text == FRENCH
    assert decoded.encoding == "cp1252"


def test_latin1_declaration_means_windows_1252() -> None:
    decoded = decode("“Quoted” – dashed".encode("cp1252"), "f", declared="ISO-8859-1")
    assert decoded.text == "“Quoted” – dashed"
    assert decoded.encoding == "cp1252"


def test_markup_declarations() -> None:
    assert declared_in_markup(b'<html><head><meta charset="koi8-r">') == "koi8-r"
    assert declared_in_markup(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">') == (
        "Shift_JIS"
    )
    assert declared_in_markup(b'<?xml version="1.0" encoding="ISO-8859-2"?><rss>') == "ISO-8859-2"
    assert declared_in_markup(b"<html><body>no declaration</body></html>") is None
    page = '<meta charset="koi8-r"><p>Президент заявил</p>'.encode("koi8-r")
    assert decode(page, "f", markup=True).text.endswith("Президент заявил</p>")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "f: empty"),
        (b" \n \t ", "f: empty"),
        (b"PK\x03\x04\x00\x00binary zip", "f: not text: looks binary (contains NUL bytes)"),
        (bytes(range(1, 9)) * 100, "f: not text: looks binary (too many control characters)"),
    ],
)
def test_bad_bytes(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "f")
    assert str(caught.value) == message


def test_stream_encoding_tolerates_a_cut_multibyte_character() -> None:
    sample = "Zürich café".encode()[:-1]  # the sample ends inside "é"
    assert stream_encoding(sample, "f") == "utf-8"
    assert stream_encoding(FRENCH.encode("cp1252"), "f") == "cp1252"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"WARC/1.0\r\n", "warc"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"  <!DOCTYPE html><html><body>", "html"),
        (b"<p>A fragment.</p>", "html"),
        (b'{"text": "x"}', "json"),
        (b"[1, 2]", "json"),
        (b"Just a sentence about <b>bold</b> moves.", "html"),
        (b"Just a sentence with 3 < 4 in it.", "text"),
        ("\ufeff<html><body>".encode("utf-16-le"), "html"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_media_types() -> None:
    assert kind_of_media_type("text/html; charset=utf-8") == "html"
    assert kind_of_media_type("application/rss+xml") == "feed"
    assert kind_of_media_type("image/jpeg") == "binary"
    assert kind_of_media_type("application/xml") is None  # the bytes decide
    assert kind_of_media_type(None) is None


def test_looks_like_html() -> None:
    assert looks_like_html("<p>One.</p><p>Two.</p>")
    assert looks_like_html("  <div class='a'>x")
    assert not looks_like_html("Profits rose 3% as costs fell <5%.")

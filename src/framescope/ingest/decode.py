"""Bytes -> str. Declared encodings first (byte-order mark, HTTP/record charset, HTML meta or XML declaration),
then UTF-8, then charset-normalizer. Binary and undecodable input raise InputError with a one-line reason.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from framescope.errors import InputError
from framescope.models import Document

# Order matters: the UTF-32 LE mark begins with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The HTML prescan (WHATWG "prescan a byte stream") looks at the first 1024 bytes; pages in the wild put the
# meta tag later than that often enough, so we look a little further. XML declarations cover XHTML and feeds.
_PRESCAN = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""", re.I)

# WHATWG Encoding Standard: these labels mean windows-1252 on the web. Python's latin-1 maps 0x80-0x9F to
# invisible C1 controls, which would turn curly quotes and dashes into garbage.
_WEB_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}

# Encodings a web page or news export can legitimately be in (WHATWG Encoding Standard, Python names).
# charset-normalizer also proposes DOS and Mac code pages that almost never occur in news text.
_WEB_ENCODINGS = frozenset(
    (
        *("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258"),
        *("cp874", "cp866", "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic"),
        *("iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8"),
        *("iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16"),
        *("gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "cp932"),
        *("euc_kr", "cp949", "utf_16", "utf_16_le", "utf_16_be", "utf_8"),
    )
)

# How much worse (charset-normalizer "chaos", 0..1) windows-1252 may read than the best guess and still win:
# short Western texts are byte-for-byte ambiguous between the cp125x pages, and windows-1252 is by far the
# most common legacy encoding of news text (it is the web's default fallback).
_CP1252_TOLERANCE = 0.1

_BINARY_SAMPLE = 65536
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")  # C0/C1 controls except whitespace
_MAX_CONTROL_RATIO = 0.02  # share of control/replacement characters above which "text" is really binary


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, source: str, *, declared: str | None = None, markup: bool = False) -> Decoded:
    """Decode `data` or raise InputError(source, "empty" | "not text: ..." | "cannot decode: ...").

    `declared` is a charset from outside the bytes (HTTP header, WARC record); `markup` enables the HTML/XML
    in-document declarations. A declaration that does not decode cleanly is ignored: they are often wrong.
    """
    if not data.strip():
        raise InputError(source, "empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), name.replace("-sig", ""), source)
            except UnicodeDecodeError as exc:
                problem = f"cannot decode: invalid {name} after a byte-order mark ({exc.reason})"
                raise InputError(source, problem) from None
    has_nul = b"\x00" in data[:_BINARY_SAMPLE]
    for label in (declared, declared_in_markup(data) if markup else None):
        codec = _codec_name(label)
        # NUL bytes are normal only in UTF-16/32 (declared by a header when there is no byte-order mark).
        if codec and (not has_nul or codec.startswith(("utf_16", "utf_32"))):
            try:
                return _checked(data.decode(codec), codec, source)
            except UnicodeDecodeError:
                pass  # a wrong declaration: fall through to detection
    if has_nul:
        raise InputError(source, "not text: looks binary (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8"), "utf-8", source)
    except UnicodeDecodeError:
        pass
    return _checked(*_detect(data, source), source)


def declared_in_markup(data: bytes) -> str | None:
    """The charset an HTML meta tag or an XML declaration names in the first bytes, if any."""
    head = data[:_PRESCAN]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def stream_encoding(sample: bytes, source: str) -> str:
    """The encoding of a streamed file (JSONL, CSV), judged on its first bytes. Raises InputError."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if not sample.strip():
        raise InputError(source, "empty")
    if b"\x00" in sample:
        raise InputError(source, "not text: looks binary (contains NUL bytes)")
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # The sample may end in the middle of a multi-byte character: that is not evidence against UTF-8.
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    return _detect(sample, source)[1]


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name.replace("-", "_")
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def _detect(data: bytes, source: str) -> tuple[str, str]:
    import charset_normalizer

    results = charset_normalizer.from_bytes(data)
    best = results.best()
    if best is None:
        raise InputError(source, "cannot decode: no text encoding fits (binary or corrupt file?)")
    close = [m for m in results if m.chaos <= best.chaos + _CP1252_TOLERANCE]
    if any("cp1252" in m.could_be_from_charset for m in close):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass  # one of the five bytes windows-1252 leaves undefined
    for match in close:
        web = [e for e in match.could_be_from_charset if e in _WEB_ENCODINGS]
        if web:
            return str(match), web[0]
    return str(best), best.encoding


def _checked(text: str, encoding: str, source: str) -> Decoded:
    if not text.strip():
        raise InputError(source, "empty")
    sample = text[:_BINARY_SAMPLE]
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_RATIO * len(sample):
        raise InputError(source, "not text: looks binary (too many control characters)")
    return Decoded(text, codecs.lookup(encoding).name)  # one spelling: "utf-8", "cp1252", "iso8859-2"


def to_document(
    data: bytes,
    source: str,
    fmt: str,
    *,
    declared: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    author: str | None = None,
) -> Document:
    """One article's bytes -> Document ("html" or "text"), or InputError naming the source."""
    decoded = decode(data, source, declared=declared, markup=fmt == "html")
    return Document(
        source=source,
        content=decoded.text,
        format=fmt,
        url=url,
        title=title,
        published=published,
        author=author,
        encoding=decoded.encoding,
    )

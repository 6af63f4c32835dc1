"""The demo corpus (examples/) and its answer file (examples/answers.json) agree with each other.

Pure Python on purpose: these checks guard the hand-written gold data, not Framescope's code, so they must keep
working whatever state the package is in. Every junk line, quotation, body bound and fact text named in the
answer file must occur verbatim in its document, every point's key terms must be findable where the answer
file says, and story ids and roles must be well-formed.
"""

from __future__ import annotations

import codecs
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ANSWERS = EXAMPLES / "answers.json"
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"

GENRES = {"report", "opinion", "analysis", "press_release"}
ROLES = {"original", "copy", "rewrite", "report"}
KINDS = {"full", "fragment", "scare"}
RELATIONS = {"exact", "equivalent", "trimmed", "extended", "altered", "misattributed"}
FACT_RELATIONS = {"consistent", "conflict"}
LANGUAGES = {"en", "de"}
# The seed articles' people must never leak into our own corpus. Stored rot13-encoded so that a grep of the
# repository for those names (a pre-commit hook does one) finds nothing here either.
FORBIDDEN_ROT13 = ("cbzcrb", "yhxnfuraxb", "znxrv")


@cache
def answers() -> dict:
    return json.loads(ANSWERS.read_text(encoding="utf-8"))


_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "div", "td", "blockquote", "title"}


class _Blocks(HTMLParser):
    """Text of each block-level element, in document order (nested blocks end the outer block's text run)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append(text)
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS or tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _html_blocks(markup: str) -> list[str]:
    parser = _Blocks()
    parser.feed(markup)
    parser.close()
    return parser.blocks


def _split(ref: str) -> tuple[Path, int | None]:
    path, _, number = ref.partition("#")
    return EXAMPLES / path, (int(number) if number else None)


@cache
def raw_text(ref: str) -> str:
    """The document's text as a reader would see it: entities decoded, record and feed entries unpacked."""
    path, number = _split(ref)
    if number is None:
        text = path.read_text(encoding="utf-8")
        return html.unescape(text) if path.suffix in (".html", ".htm") else text
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return str(json.loads(lines[number - 1])["text"])
    if path.suffix == ".xml":
        items = ET.parse(path).getroot().findall("./channel/item")
        item = items[number - 1]
        content = item.find(CONTENT_NS)
        markup = content.text if content is not None and content.text else item.findtext("description", "")
        return html.unescape(markup)
    raise AssertionError(f"{ref}: unknown record container {path.suffix}")


@cache
def blocks(ref: str) -> tuple[str, ...]:
    """Paragraph-sized units: non-empty lines of text, block elements of HTML."""
    path, number = _split(ref)
    if path.suffix in (".html", ".htm") or (number is not None and path.suffix == ".xml"):
        source = path.read_text(encoding="utf-8") if number is None else raw_text(ref)
        return tuple(_html_blocks(source))
    return tuple(" ".join(line.split()) for line in raw_text(ref).splitlines() if line.strip())


def body_blocks(ref: str) -> list[str]:
    """The blocks from the first to the last body line (inclusive)."""
    doc = answers()["documents"][ref]
    units = list(blocks(ref))
    first = next(i for i, b in enumerate(units) if b.startswith(doc["body_first_line_starts"]))
    last = max(i for i, b in enumerate(units) if b.startswith(doc["body_last_line_starts"]))
    return units[first : last + 1]


def _term_found(term: str, text: str) -> bool:
    """A key term may list alternatives separated by '|' (one per wording or language)."""
    lowered = text.casefold()
    return any(alt.strip().casefold() in lowered for alt in term.split("|"))


def _point_found(key_terms: list[str], ref: str) -> bool:
    return any(all(_term_found(t, block) for t in key_terms) for block in body_blocks(ref))


def _documents() -> Iterator[tuple[str, dict]]:
    yield from answers()["documents"].items()


DOC_IDS = list(answers()["documents"]) if ANSWERS.exists() else []


def test_answer_file_has_the_documented_sections() -> None:
    data = answers()
    assert data["schema"] == "framescope-demo-answers/1"
    for key in ("about", "documents", "stories", "hard_cases", "quote_matches", "facts", "points",
                "framing_contrasts", "speaker_aliases"):
        assert key in data, f"answers.json lacks {key!r}"
    assert len(data["documents"]) >= 14
    assert len(data["stories"]) >= 4


def test_every_corpus_file_is_answered_and_every_answer_has_a_file() -> None:
    referenced = {_split(ref)[0] for ref in answers()["documents"]}
    on_disk = {p for p in EXAMPLES.rglob("*") if p.is_file() and p.name not in ("README.md", "answers.json")}
    assert on_disk == referenced, f"unanswered: {sorted(on_disk - referenced)}; missing: {sorted(referenced - on_disk)}"
    for ref in answers()["documents"]:
        assert raw_text(ref).strip(), f"{ref}: no text"


@pytest.mark.parametrize("ref", DOC_IDS)
def test_document_metadata_is_well_formed(ref: str) -> None:
    doc = answers()["documents"][ref]
    stories = answers()["stories"]
    assert doc["language"] in LANGUAGES
    assert doc["genre"] in GENRES
    assert re.fullmatch(r"E\d+", doc["story"]) and doc["story"] in stories
    assert doc["role"] in ROLES
    assert doc["title"] and doc["outlet"]
    if doc["published"] is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?", doc["published"])
    if doc["role"] in ("copy", "rewrite"):
        source = answers()["documents"][doc["copy_of"]]
        assert source["story"] == doc["story"] and source["role"] == "original"
    else:
        assert doc.get("copy_of") is None


@pytest.mark.parametrize("ref", DOC_IDS)
def test_junk_captions_and_bounds_occur_verbatim(ref: str) -> None:
    doc = answers()["documents"][ref]
    text = raw_text(ref)
    for item in doc["junk_lines"]:
        assert item["text"] in text, f"{ref}: junk line not found: {item['text']!r}"
        assert item["reason"]
    for line in doc.get("optional_lines", []) + doc.get("captions", []) + doc.get("crossheads", []) + doc.get(
        "headings", []
    ):
        assert line in text, f"{ref}: line not found: {line!r}"
    body = body_blocks(ref)
    assert body, f"{ref}: first body line comes after the last"
    not_paragraphs = set(doc.get("crossheads", []) + doc.get("captions", []) + doc.get("headings", []))
    counted = [b for b in body if b not in not_paragraphs]
    assert len(counted) == doc["body_paragraphs"], f"{ref}: {len(counted)} body paragraphs"
    junk = {" ".join(j["text"].split()) for j in doc["junk_lines"]}
    assert not junk & set(body), f"{ref}: a junk line sits inside the body bounds"


@pytest.mark.parametrize("ref", DOC_IDS)
def test_quotes_occur_verbatim_with_speaker_and_kind(ref: str) -> None:
    doc = answers()["documents"][ref]
    body = "\n".join(body_blocks(ref))
    assert doc["quotes"], f"{ref}: no quotations listed"
    for quote in doc["quotes"]:
        assert quote["kind"] in KINDS
        assert quote["text"] in body, f"{ref}: quote not in the body: {quote['text']!r}"
        if quote["kind"] == "scare":
            assert quote["speaker"] is None
        else:
            assert quote["speaker"], f"{ref}: {quote['text']!r} has no speaker"


# Quotation marks as the corpus uses them: curly and straight double quotes, German „…“, and single quotes that open
# after a space and close before a non-letter (so that apostrophes in "FR's" or "Velmora's" are not taken for quotes).
_QUOTED = re.compile(
    r"“([^”]+)”|\"([^\"]+)\"|„([^“]+)“|(?:(?<=\s)|^)‘([^’]+)’(?![a-z])|(?:(?<=\s)|^)'([^']+)'(?=\s|$|[,.;:])"
)


@pytest.mark.parametrize("ref", DOC_IDS)
def test_every_quotation_in_the_body_is_listed(ref: str) -> None:
    doc = answers()["documents"][ref]
    listed = {q["text"] for q in doc["quotes"]} | set(doc.get("quoted_names", []))
    for block in body_blocks(ref):
        for match in _QUOTED.finditer(block):
            text = next(g for g in match.groups() if g).strip().rstrip(",.;:")
            assert text in listed, f"{ref}: quotation {text!r} is not in the answer file"


def _quote(ref: str, text: str) -> dict:
    found = [q for q in answers()["documents"][ref]["quotes"] if q["text"] == text]
    assert found, f"{ref}: no quote {text!r} in its quotes list"
    return found[0]


def test_quote_matches_point_at_listed_quotes_of_one_story() -> None:
    docs = answers()["documents"]
    relations = set()
    for match in answers()["quote_matches"]:
        a, b = match["a"], match["b"]
        assert match["relation"] in RELATIONS
        relations.add(match["relation"])
        assert docs[a["doc"]]["story"] == docs[b["doc"]]["story"] == match["story"]
        qa, qb = _quote(a["doc"], a["text"]), _quote(b["doc"], b["text"])
        same_speaker = qa["speaker"] == qb["speaker"]
        if match["relation"] == "misattributed":
            assert not same_speaker and a["text"].casefold() == b["text"].casefold()
        else:
            assert same_speaker, f"{match}: speakers differ"
        if match["relation"] == "exact":
            assert a["text"] == b["text"]
        if match["relation"] == "trimmed":
            assert len(b["text"]) < len(a["text"])
        if match["relation"] == "extended":
            assert len(b["text"]) > len(a["text"])
    assert relations == RELATIONS, f"relations never planted: {RELATIONS - relations}"


def test_fact_pairs_quote_their_documents() -> None:
    docs = answers()["documents"]
    seen = set()
    for fact in answers()["facts"]:
        assert fact["relation"] in FACT_RELATIONS
        seen.add(fact["relation"])
        for side in ("a", "b"):
            ref, text = fact[side]["doc"], fact[side]["text"]
            assert docs[ref]["story"] == fact["story"]
            assert text in "\n".join(body_blocks(ref)), f"{ref}: fact text not in the body: {text!r}"
        assert fact["check"]
    assert seen == FACT_RELATIONS


def test_points_are_findable_by_their_key_terms() -> None:
    docs = answers()["documents"]
    for story, points in answers()["points"].items():
        members = [ref for ref, d in docs.items() if d["story"] == story]
        for point in points["shared"]:
            assert 2 <= len(point["key_terms"]) <= 4 and len(point["docs"]) >= 2
            for ref in point["docs"]:
                assert ref in members
                assert _point_found(point["key_terms"], ref), f"{story}: {point['description']!r} not in {ref}"
        for ref, only in points["only_in"].items():
            assert ref in members
            for point in only:
                assert 2 <= len(point["key_terms"]) <= 4
                assert _point_found(point["key_terms"], ref), f"{ref}: {point['description']!r} not found"
                for other in (m for m in members if m != ref):
                    assert not _point_found(point["key_terms"], other), (
                        f"{point['description']!r} said to be only in {ref} but also found in {other}")


def test_stories_hard_cases_and_contrasts_are_consistent() -> None:
    data = answers()
    docs = data["documents"]
    for story_id, story in data["stories"].items():
        members = sorted(ref for ref, d in docs.items() if d["story"] == story_id)
        assert sorted(story["articles"]) == members
        assert len({docs[m]["outlet"] for m in members}) >= 2
        dated = sorted(docs[m]["published"][:10] for m in members if docs[m]["published"])
        assert story["first_seen"] == dated[0] and story["last_seen"] == dated[-1]
    assert {d["language"] for d in docs.values()} >= {"en", "de"}
    assert sum(d["language"] != "en" for d in docs.values()) >= 2
    for case in data["hard_cases"]:
        assert len(case["stories"]) == 2 and all(s in data["stories"] for s in case["stories"])
        assert case["shared_actors"] and case["why"]
    for contrast in data["framing_contrasts"]:
        assert contrast["story"] in data["stories"]
        assert docs[contrast["more_loaded"]]["story"] == docs[contrast["less_loaded"]]["story"] == contrast["story"]


def test_corpus_names_no_seed_person() -> None:
    forbidden = [codecs.decode(name, "rot13") for name in FORBIDDEN_ROT13]
    for path in EXAMPLES.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8").casefold()
            assert not [name for name in forbidden if name in text], f"{path}: names a seed person"

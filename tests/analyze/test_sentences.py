"""Sentences: from the parse, cut at paragraph breaks and headings, offsets exact."""

from __future__ import annotations

import pytest

from framescope.analyze.nlp import dateline_end, load_nlp
from framescope.analyze.sentences import find_sentences, paragraph_spans
from framescope.models import Article, Heading


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def sentences(nlp, text: str, headings: tuple[Heading, ...] = ()):
    a = Article(id="s", source="test", text=text, headings=headings)
    return find_sentences(a, nlp(text))


def test_offsets_are_exact_and_trimmed(nlp) -> None:
    text = "  The council met on Monday. It approved the budget.  \n\nA new paragraph starts here. "
    out = sentences(nlp, text)
    assert [s.text for s in out] == ["The council met on Monday.", "It approved the budget.",
                                     "A new paragraph starts here."]
    assert [s.paragraph for s in out] == [0, 0, 1]
    for s in out:
        assert text[s.start : s.end] == s.text


def test_never_crosses_a_paragraph_break(nlp) -> None:
    text = "A paragraph without final punctuation\n\nthe next paragraph continues in lower case."
    out = sentences(nlp, text)
    assert len(out) == 2
    assert all("\n" not in s.text for s in out)


def test_heading_is_its_own_sentence(nlp) -> None:
    text = "The first part ends here.\n\n- 'Ready for more' -\n\nThe second part starts here."
    start = text.index("-")
    head = Heading(text="- 'Ready for more' -", start=start, end=start + len("- 'Ready for more' -"))
    out = sentences(nlp, text, (head,))
    assert "- 'Ready for more' -" in [s.text for s in out]
    assert [s.paragraph for s in out] == [0, 1, 2]


def test_closing_quote_stays_with_its_sentence(nlp) -> None:
    text = 'She said: "We are done here."\n\nThen she left.'
    out = sentences(nlp, text)
    assert out[0].text == 'She said: "We are done here."'


def test_dateline_is_kept_with_the_first_sentence(nlp) -> None:
    text = "LAGOS (Reuters) - The central bank raised rates on Tuesday. Markets fell."
    out = sentences(nlp, text)
    assert out[0].text == "LAGOS (Reuters) - The central bank raised rates on Tuesday."


def test_dateline_under_an_untitled_headline_stays_with_its_sentence(nlp) -> None:
    text = ("Minister will visit the port in July, ending a year of talk.\n\n"
            "VELMORA — The transport minister will visit the port on July 13. Dockers plan a welcome.")
    out = [s.text for s in sentences(nlp, text)]
    assert "VELMORA —" not in out
    assert "VELMORA — The transport minister will visit the port on July 13." in out


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Minsk (AFP) - Text", len("Minsk (AFP) - ")),
        ("WASHINGTON — Text", len("WASHINGTON — ")),
        ("PARIS, France (AP) -- Text", len("PARIS, France (AP) -- ")),
        ("Long story short - text", 0),
        ("The plan - text", 0),
    ],
)
def test_dateline_end(text: str, end: int) -> None:
    assert dateline_end(text) == end


def test_paragraph_spans_skip_empty_blocks() -> None:
    text = "one\n\n\n\n two \n  \nthree"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["one", "two", "three"]

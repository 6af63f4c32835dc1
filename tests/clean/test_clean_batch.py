"""clean() and clean_batch(): articles, ids, hints, repeated outlet chrome, problems instead of tracebacks."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from framescope.clean import article_id, clean, clean_batch, find_repeated
from framescope.errors import InputError
from framescope.models import Article, Document, Problem

BODY = [
    "PORTMERE (Reuters) - Harbour workers walked out on Monday over pay, the union said.",
    '"We have waited long enough," said union leader Dana Holt at the main gate.',
    "The port authority said talks would resume on Thursday.",
]


def text_doc(lines: list[str], source: str = "a.txt", **hints: str) -> Document:
    return Document(source=source, content="\n\n".join(lines) + "\n", format="text", **hints)


def test_clean_text_document() -> None:
    art = clean(text_doc(["Harbour strike halts Portmere docks", "·2 min read", *BODY, "Advertisement"]))
    assert art.title == "Harbour strike halts Portmere docks"
    assert art.text == "\n\n".join(BODY)
    assert art.outlet == "Reuters"
    assert art.dateline == "PORTMERE (Reuters) -"
    assert art.language == "en"
    assert [r.reason for r in art.removed] == ["duplicate_title", "ui", "advertisement"]
    assert art.id == article_id("a.txt", art.text)


def test_dateline_under_a_headline_line_that_was_not_taken_as_title() -> None:
    # the headline ends in a period, so it is no title; the wire dateline opening the body is still found
    text = ("Minister will visit the port in July, ending a year of talk.\n\n"
            "VELMORA (Harbor Wire) — The transport minister will visit the port on July 13.\n\n"
            "Dockers plan a welcome at the north gate.")
    art = clean(Document(source="t.txt", content=text, format="text"))
    assert art.dateline == "VELMORA (Harbor Wire) —"
    assert art.outlet == "Harbor Wire"


def test_the_publisher_given_wins_over_the_wire_that_wrote_it() -> None:
    # a wire story run by a paper: the record names the paper, the dateline the wire; both are kept
    text = "VELMORA (Harbor Wire) — The transport minister will visit the port on July 13.\n\nDockers plan a welcome."
    given = clean(Document(source="t.txt", content=text, format="text", outlet="Portmere Post"))
    assert (given.outlet, given.dateline) == ("Portmere Post", "VELMORA (Harbor Wire) —")
    alone = clean(Document(source="u.txt", content=text, format="text"))
    assert alone.outlet == "Harbor Wire"  # with no publisher given, the wire is who we know


def test_id_is_stable_and_depends_on_source_and_body() -> None:
    a, b = clean(text_doc(BODY)), clean(text_doc(BODY))
    assert a.id == b.id
    assert clean(text_doc(BODY, source="b.txt")).id != a.id


def test_hints_are_kept() -> None:
    art = clean(
        text_doc(
            BODY[1:],
            title="Strike",
            outlet="Portmere Post",
            published="2020-02-01T09:00:00Z",
            author="Jane Roe",
            url="https://portmere-post.example.com/news/strike",
        )
    )
    assert (art.title, art.outlet, art.author) == ("Strike", "Portmere Post", "Jane Roe")
    assert art.published == "2020-02-01T09:00:00+00:00"
    assert art.url == "https://portmere-post.example.com/news/strike"


def test_date_and_outlet_from_url_when_nothing_else_says() -> None:
    art = clean(text_doc(BODY[1:], url="https://www.portmere-post.example.co.uk/2020/02/01/strike"))
    assert art.published == "2020-02-01"
    assert art.outlet == "example.co.uk"


def test_date_from_a_published_line() -> None:
    art = clean(text_doc(["Published: 3 March 2021", *BODY[1:]]))
    assert art.published == "2021-03-03"
    assert ("Published: 3 March 2021", "date") in [(r.text, r.reason) for r in art.removed]


def test_a_published_line_with_a_time_written_against_its_am_pm() -> None:
    art = clean(text_doc(["Published Thursday, August 4, 2011 5:55PM EDT", *BODY[1:]]))
    assert art.published == "2011-08-04T17:55:00-04:00"
    assert "Published Thursday, August 4, 2011 5:55PM EDT" in [r.text for r in art.removed]


def test_empty_result_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"junk\.txt: no article text left"):
        clean(text_doc(["Advertisement", "Share", "Oops! Something went wrong."], source="junk.txt"))
    with pytest.raises(InputError):
        clean(Document(source="blank.txt", content="  \n\n ", format="text"))


def test_a_record_that_is_only_its_headline_keeps_the_headline_as_text() -> None:
    headline = "Velmora rail bridge opens after eleven years of work"
    art = clean(Document(source="export.csv#3", content=headline, format="text", title=headline))
    assert art.text == headline and art.title == headline and art.removed == ()
    # a page whose extraction leaves only its title is still no article
    page = f"<html><head><title>{headline}</title></head><body><h1>{headline}</h1></body></html>"
    with pytest.raises(InputError, match="no article text"):
        clean(Document(source="page.html", content=page, format="html"))


def test_batch_removes_lines_repeated_across_one_outlets_documents() -> None:
    footer = "The Portmere Post is an independent paper serving the harbour towns since 1921."
    url = "https://portmere-post.example.com/news/{}"
    stories = [
        ["Dockers walk out over pay in Portmere on Monday morning.", "The union wants a five percent rise."],
        ["A storm closed the northern terminal for two days this week.", "Ferries were diverted to Eastport."],
        ["The council approved a new bridge across the river on Tuesday.", "Work starts in the spring."],
    ]
    docs = [text_doc([*s, footer], source=f"{i}.txt", url=url.format(i)) for i, s in enumerate(stories)]
    out = list(clean_batch(docs))
    assert all(isinstance(a, Article) for a in out)
    for art, s in zip(out, stories, strict=True):
        assert isinstance(art, Article)
        assert footer not in art.text
        assert (footer, "repeated") in [(r.text, r.reason) for r in art.removed]
        assert all(line in art.text for line in s)


def test_batch_keeps_repeated_lines_of_other_outlets_and_small_groups() -> None:
    footer = "The Portmere Post is an independent paper serving the harbour towns since 1921."
    docs = [
        text_doc(
            [f"Story number {i} about the harbour and its many ships.", footer],
            source=f"{i}.txt",
            url=f"https://site{i}.example.com/x",
        )
        for i in range(3)
    ]
    for art in clean_batch(docs):
        assert isinstance(art, Article) and footer in art.text


def test_find_repeated_ignores_identical_copies() -> None:
    same: list[str] = ["one line of the story", "another line"]
    copies: list[Sequence[str]] = [same, same, same]
    assert find_repeated({"x": copies}) == {}
    docs: list[Sequence[str]] = [["chrome line", f"body {i}"] for i in range(4)]
    assert find_repeated({"x": docs}) == {"x": frozenset({"chrome line"})}


def test_batch_reports_bad_documents_and_goes_on() -> None:
    docs = [text_doc(["Advertisement"], source="bad.txt"), text_doc(BODY, source="good.txt")]
    out = list(clean_batch(docs))
    assert isinstance(out[0], Problem) and out[0].source == "bad.txt" and "no article text" in out[0].message
    assert isinstance(out[1], Article) and out[1].source == "good.txt"


STORIES = [
    ("Harbour strike halts Portmere docks", "Harbour workers walked out on Monday over pay, the dockers' union said."),
    ("Ferry service cut to twice a day", "The island ferry will sail twice a day from November, the operator said."),
    ("Library to open on Sundays", "The main library branch will try Sunday hours for a year, the council said."),
]


def test_a_title_that_pages_of_different_stories_share_is_the_sites_not_a_headline() -> None:
    # a site's slogan set above every page's headline: the first headline-like line of each page
    docs = [text_doc(["Please support local business!", head, para], source=f"p{i}.txt")
            for i, (head, para) in enumerate(STORIES)]
    alone = [clean(d).title for d in docs]
    assert alone == ["Please support local business!"] * 3
    together = [a for a in clean_batch(docs) if isinstance(a, Article)]
    assert [a.title for a in together] == [head for head, _ in STORIES]
    assert all(a.text == para for a, (_, para) in zip(together, STORIES, strict=True))
    assert all(any(r.reason == "repeated" for r in a.removed) for a in together)


def test_copies_of_one_story_keep_the_headline_they_share() -> None:
    head, para = STORIES[0]
    docs = [text_doc([head, para, BODY[1]], source=f"c{i}.txt") for i in range(3)]
    assert [a.title for a in clean_batch(docs) if isinstance(a, Article)] == [head] * 3


def test_a_title_the_record_gives_is_kept_whatever_other_records_say() -> None:
    docs = [text_doc([para], source=f"r{i}.txt", title="Morning briefing") for i, (_, para) in enumerate(STORIES)]
    assert [a.title for a in clean_batch(docs) if isinstance(a, Article)] == ["Morning briefing"] * 3

"""Layout: titles, duplicate titles, crossheads (kept, with offsets), paragraphs, hard-wrapped text."""

from __future__ import annotations

from framescope.clean.structure import build_body, is_crosshead, looks_like_headline

P1 = "Harbour workers in Portmere walked out on Monday over pay, the union said."
P2 = '"We have waited long enough," said union leader Dana Holt at the gate.'
P3 = "The port authority said talks would resume on Thursday."
P4 = "Ships were diverted to the northern terminal, officials said."


def blocks(*lines: str) -> list[list[str]]:
    return [[line] for line in lines]


def test_title_from_first_headline_line_and_duplicates_recorded() -> None:
    title = "Harbour strike halts Portmere docks"
    body = build_body(blocks("0 $", title, title, P1, P2))
    assert body.title == title
    assert [r.reason for r in body.removed] == ["currency", "duplicate_title", "duplicate_title"]
    assert body.text == f"{P1}\n\n{P2}"


def test_given_title_is_kept_and_its_copies_removed() -> None:
    body = build_body(blocks("Strike At The Docks", P1, P2), title="Strike at the docks")
    assert body.title == "Strike at the docks"
    assert body.removed[0].reason == "duplicate_title"
    assert body.text.startswith(P1)


def test_a_headline_in_a_table_cell_is_the_title_without_the_table() -> None:
    # a page laid out with a table sets its headline in a cell, and repeats it above the article
    title = "Harbour strike halts Portmere docks"
    body = build_body(blocks(f"| {title} |  |", f"| {title} |", P1, P2))
    assert body.title == title
    assert [r.reason for r in body.removed] == ["duplicate_title", "duplicate_title"]
    assert body.text.startswith(P1)


def test_a_date_line_in_a_table_cell_is_the_date() -> None:
    body = build_body(blocks("| Posted : Thu, 10 Jan 2008 14:25:06 GMT |", "| Harbour strike halts Portmere docks |", P1, P2))
    assert body.date_text == "Thu, 10 Jan 2008 14:25:06 GMT"
    assert body.title == "Harbour strike halts Portmere docks"
    assert [r.reason for r in body.removed] == ["date", "duplicate_title"]


def test_a_menu_is_never_the_title() -> None:
    assert build_body(blocks("| Home | News | Sport | Weather |", P1, P2)).title is None
    assert build_body(blocks("Home • News • Sport • Weather", P1, P2)).title is None
    assert not looks_like_headline("Home • News • Sport")


def test_no_title_when_the_first_line_is_a_sentence() -> None:
    body = build_body(blocks(P1, P2))
    assert body.title is None
    assert body.text == f"{P1}\n\n{P2}"


def test_crosshead_kept_in_text_and_recorded_with_offsets() -> None:
    head = "- 'Ready to sail' -"
    body = build_body(blocks(P1, P2, head, P3, P4), find_title=False)
    assert head in body.text.split("\n\n")
    (h,) = body.headings
    assert h.text == head
    assert body.text[h.start : h.end] == head


def test_title_case_crosshead_between_paragraphs() -> None:
    body = build_body(blocks(P1, "Talks Resume Next Week", P3), find_title=False)
    assert [h.text for h in body.headings] == ["Talks Resume Next Week"]


def test_known_html_headings_are_marked() -> None:
    body = build_body(
        blocks(P1, "what the union wants", P3), find_title=False, known_headings=frozenset({"what the union wants"})
    )
    assert [h.text for h in body.headings] == ["what the union wants"]


def test_caption_inside_the_body_is_removed_as_caption() -> None:
    cap = "Dockers gather at the main gate (AFP Photo/Jane Roe)"
    body = build_body(blocks(P1, cap, P2), find_title=False)
    assert body.removed[0].text == cap and body.removed[0].reason == "caption"
    assert cap not in body.text


def test_lines_inside_a_block_are_paragraphs_unless_hard_wrapped() -> None:
    body = build_body([[P1, P2, P3]], find_title=False)
    assert body.text.split("\n\n") == [P1, P2, P3]
    wrapped = [
        "Harbour workers in Portmere walked out on Monday over pay and",
        "conditions, the union said, after months of",
        "talks.",
    ]
    body = build_body([wrapped], find_title=False)
    assert body.text == " ".join(wrapped)


def test_lines_are_kept_verbatim_and_stripped() -> None:
    body = build_body([["   " + P1 + "   "], [P2 + "\t"]], find_title=False)
    assert body.text == f"{P1}\n\n{P2}"


def test_byline_and_date_lines_are_taken_out_and_read() -> None:
    body = build_body(blocks("By Jane Roe", "Published: 1 February 2020", P1, P2), find_title=False)
    assert body.author == "Jane Roe"
    assert body.date_text == "1 February 2020"
    assert {r.reason for r in body.removed} == {"byline", "date"}


def test_a_date_line_above_the_headline_is_not_the_title() -> None:
    body = build_body(blocks("Thursday, December 11, 2008", "Harbour strike ends after a week", P1, P2))
    assert body.title == "Harbour strike ends after a week"
    assert body.date_text == "Thursday, December 11, 2008"


def test_repeated_rule_spared_when_it_would_take_most_of_the_text() -> None:
    from framescope.clean.boilerplate import norm_line

    rep = frozenset(norm_line(x) for x in (P1, P2))
    body = build_body(blocks(P1, P2, P3), find_title=False, repeated=rep)
    assert body.text.count("\n\n") == 2  # all three kept: copies of one story, not chrome
    small = build_body(
        blocks(P1, P2, P3, P4, "The Harbour Gazette"),
        find_title=False,
        repeated=frozenset({norm_line("The Harbour Gazette")}),
    )
    assert [r.reason for r in small.removed] == ["repeated"]


def test_headline_and_crosshead_heuristics() -> None:
    assert looks_like_headline("Is the harbour strike over?")
    assert not looks_like_headline("The strike is over.")
    assert not looks_like_headline("LONDON (Reuters) - Dockers walked out")
    # some exports end every headline with a period: in title case it is still a headline
    assert looks_like_headline("Harbour Workers End Strike After Pay Deal.")
    assert looks_like_headline("Minister Varkon to Visit Sel Valley in July.")
    assert not looks_like_headline("Dockers in Velmora ended their strike on Friday.")
    assert not looks_like_headline("Ilsa Varkon met Pavel Doruk.")  # names alone are no title case
    assert is_crosshead("## What happens next")
    assert not is_crosshead("- a list item about wages")
    assert not is_crosshead('"We will not move," he said.')


def test_markdown_title_loses_its_hashes() -> None:
    body = build_body(blocks("# Harbour strike halts docks", P1, "## Talks Resume", P3))
    assert body.title == "Harbour strike halts docks"
    assert [r.reason for r in body.removed] == ["duplicate_title"]
    assert [h.text for h in body.headings] == ["## Talks Resume"]


def test_title_variant_first_line_is_a_duplicate() -> None:
    body = build_body(
        blocks("Harbour strike halts the Portmere docks", P1, P2),
        title="Analysis: Harbour strike halts the Portmere docks",
    )
    assert [r.reason for r in body.removed] == ["duplicate_title"]
    body = build_body(blocks("Harbour", P1, P2), title="Analysis: Harbour strike halts the Portmere docks")
    assert body.removed == ()
    body = build_body(
        blocks("Analysis", "Harbour strike halts the Portmere docks", P1, P2),
        title="Analysis: Harbour strike halts the Portmere docks",
    )
    assert [r.reason for r in body.removed] == ["duplicate_title", "duplicate_title"]
    assert body.text == f"{P1}\n\n{P2}"


def test_a_date_line_inside_the_body_is_body_text() -> None:
    # a timeline's entries are dates on lines of their own: not the article's date
    lines = ("Harbour strike ends after a week", P1, P2, P3, P4, P1 + " More.", P2 + " More.", "March 3, 2019",
             P3 + " Later.", P4 + " Later.", P1 + " End.")
    body = build_body(blocks(*lines))
    assert body.date_text is None
    assert "March 3, 2019" in body.text

"""Layout tables made plain blocks before extraction; data tables stay tables; loose text gets paragraphs."""

from __future__ import annotations

import lxml.html

from framescope.clean import clean
from framescope.clean.layout import unwrap_layout_tables
from framescope.models import Document

PARAS = [
    "The island ferry will sail twice a day from November instead of four times, the operator told "
    "passengers on Friday, blaming the cost of fuel and a shortage of crew.",
    '"We cannot run a timetable that we cannot staff," said the operator\'s director, Ines Varga, at a meeting '
    "with residents in the harbour hall.",
    "Residents said the cut would leave the island without a morning boat for the school run and asked the "
    "council to step in with a subsidy before winter.",
    "The council will discuss the timetable at its next meeting, a spokesman said, and has asked the operator "
    "for its accounts of the past three years.",
]
DATA = "<table><tr><th>Terminal</th><th>Ships</th></tr><tr><td>North</td><td>12</td></tr></table>"


def tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><body>{body}</body></html>")


def test_a_table_whose_cell_holds_paragraphs_becomes_blocks_and_a_data_table_inside_stays() -> None:
    page = tree(f"<table><tr><td>Menu</td><td><p>{PARAS[0]}</p>{DATA}</td></tr></table>")
    assert unwrap_layout_tables(page) == 1
    assert len(page.xpath("//table")) == 1  # the data table
    assert page.xpath("//table//td[text()='North']")
    assert not page.xpath("//td[p]")


def test_a_data_table_stays_a_table() -> None:
    page = tree(DATA)
    assert unwrap_layout_tables(page) == 0
    assert len(page.xpath("//td")) == 2


def test_a_cell_of_long_text_is_layout_and_its_loose_text_becomes_paragraphs() -> None:
    cell = f"<p>{PARAS[0]}</p>{PARAS[1]}<br><br><b>{PARAS[2][:20]}</b>{PARAS[2][20:]}<hr>{PARAS[3]}"
    page = tree(f"<table><tr><td>{cell}</td></tr></table>")
    assert unwrap_layout_tables(page) == 1
    texts = [" ".join(p.text_content().split()) for p in page.iter("p")]
    assert texts[0] == PARAS[0]
    assert texts[1].startswith(PARAS[1]) and PARAS[2] in texts[1]  # one run: <br> and <b> are inline
    assert texts[2] == PARAS[3]  # <hr> is a block: it ends the run
    assert len(page.xpath("//hr")) == 1


def test_a_page_laid_out_with_a_table_gives_the_article_as_paragraphs() -> None:
    sidebar = "<td><b>Weather</b><br>Rain all week</td>"
    article = f"<h1>Ferry service cut to twice a day</h1><p>{PARAS[0]}</p><p>{PARAS[1]}</p><hr>"
    article += f"{PARAS[2]}<br><br>{PARAS[3]}"
    page = (
        "<html><head><title>Ferry service cut to twice a day</title></head><body><table>"
        f"<tr>{sidebar}<td>{article}</td></tr></table></body></html>"
    )
    art = clean(Document(source="layout.html", content=page, format="html"))
    paragraphs = art.text.split("\n\n")
    assert paragraphs[:2] == PARAS[:2]  # not one flattened table row
    assert all(p in art.text for p in PARAS)
    assert "|" not in art.text

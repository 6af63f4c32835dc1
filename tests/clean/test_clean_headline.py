"""A page whose <title> names its site or section gets its headline from the page's short texts that the
opening repeats; never a byline, a date line, a label, a quotation, a caption or a sentence of the article.
(Every line written by us.)"""

from __future__ import annotations

import lxml.html

from framescope.clean import clean
from framescope.clean.headline import belongs, candidates, pick, reads_as_title
from framescope.models import Document

LEDE = ("Harbour workers in Portmere walked out on Monday over pay, halting the container docks for the first "
        "time in eleven years, the dockers' union said.")
REST = ("The port authority said talks would resume on Thursday. Ships were sent to the northern terminal in the "
        "meantime, and shipping lines warned of delays of up to a week for goods bound for inland markets.")


def page(title: str, headline_cell: str) -> str:
    # laid out with a table, as older pages are: the headline in a cell, no <h1>, the site's name as <title>
    return (
        f"<html><head><title>{title}</title></head><body><table><tr><td><a href='/'>Home</a> "
        "<a href='/sport'>Sport</a> <a href='/business'>Business</a></td></tr>"
        f"<tr><td><font size='4'><b>{headline_cell}</b></font></td></tr>"
        "<tr><td>By Jane Roe, Staff Writer</td></tr>"
        "<tr><td>Tuesday 15th of January 2008</td></tr>"
        f"<tr><td><p>{LEDE}</p><p>{REST}</p><p>{REST}</p><p>{LEDE}</p></td></tr></table></body></html>"
    )


def test_a_site_name_as_title_gives_way_to_the_headline_of_the_page() -> None:
    article = clean(Document(source="old.html", content=page("Evening Post Online", "Dockers strike over pay in "
                                                             "Portmere"), format="html"))
    assert article.title == "Dockers strike over pay in Portmere"


def test_a_title_the_opening_repeats_or_that_reads_as_one_is_kept() -> None:
    kept = clean(Document(source="a.html", content=page("Portmere dockers walk out", "Dockers strike over pay in "
                                                        "Portmere"), format="html"))
    assert kept.title == "Portmere dockers walk out"
    assert belongs("Portmere dockers walk out", LEDE) and not belongs("Evening Post", LEDE)
    assert reads_as_title("A long week ahead for everyone") and not reads_as_title("Evening Post - Local News")


def test_only_a_short_text_the_opening_repeats_is_taken() -> None:
    texts = ("By Jane Roe, Staff Writer", "Tuesday 15th of January 2008", "Source: Portmere Wire today",
             '"We have waited long enough for pay," workers say', "Cast: harbour workers, union leaders, shippers",
             "Dockers strike over pay in Portmere", "Weather for the coast this weekend")
    assert pick(texts, LEDE, LEDE) == "Dockers strike over pay in Portmere"
    # a sentence of the article is not its headline; nor is a text sharing one word with the opening
    assert pick(["Ships were sent to the northern terminal in the meantime"], LEDE, f"{LEDE}\n\n{REST}") is None
    assert pick(["Portmere council elections next spring"], LEDE, LEDE) is None


def test_candidates_are_short_standalone_texts_not_links() -> None:
    tree = lxml.html.fromstring(page("Site", "Dockers strike over pay in Portmere"))
    found = candidates(tree)
    assert "Dockers strike over pay in Portmere" in found
    assert not any("Home" in t for t in found)  # the links' cell
    assert all(3 <= len(t.split()) <= 16 for t in found)


def test_a_site_title_stays_shared_when_some_pages_find_their_headline() -> None:
    from framescope.clean import clean_batch
    from framescope.models import Article

    other = ("Council approves the budget for the new bridge across the estuary after a long debate among the "
             "members about tolls and about the ferries that would lose their passengers.")
    third = ("Farmers near the valley reservoir ask for compensation after the spring floods ruined the early "
             "harvest in several villages along the lower river.")
    docs = [
        Document(source="a.html", content=page("Evening Post Online", "Dockers strike over pay in Portmere"),
                 format="html"),
        Document(source="b.html", format="html",
                 content=page("Evening Post Online", "Bridge budget approved").replace(LEDE, other)),
        Document(source="c.html", format="html",
                 content=page("Evening Post Online", "Weather for the coast this weekend").replace(LEDE, third)),
    ]
    titles = {a.source: a.title for a in clean_batch(docs) if isinstance(a, Article)}
    assert titles["a.html"] == "Dockers strike over pay in Portmere"
    # no headline of its page is repeated by its opening, and the site's name is not its title either
    assert titles["c.html"] != "Evening Post Online"

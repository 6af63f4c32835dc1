"""Lists of links marked before extraction: menus and headline lists go, a digest's linked sentences, a data
table's linked ticker and a linked byline stay."""

from __future__ import annotations

import lxml.html

from framescope.clean.links import MARK, PRUNE, mark_link_lists

ARTICLE = (
    "<p>Harbour workers in Portmere walked out on Monday over pay, the dockers' union said, in the first strike "
    "at the port for more than twenty years.</p>"
)


def marked(html: str) -> list[str]:
    tree = lxml.html.fromstring(f"<html><body>{html}{ARTICLE}</body></html>")
    mark_link_lists(tree)
    return [" ".join(el.text_content().split()) for el in tree.xpath(PRUNE)]


def test_a_menu_is_marked_as_one_list() -> None:
    menu = "<ul>" + "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in ("Home", "News", "Sport", "Weather")) + "</ul>"
    assert marked(menu) == ["HomeNewsSportWeather"]


def test_headlines_with_their_teasers_go_as_one_list() -> None:
    items = [
        ("Ferry times change for winter", "The island service will run twice a day from November."),
        ("Bridge vote delayed again", "Councillors postponed the decision to next month."),
        ("Library to open on Sundays", "The main branch will try Sunday hours for a year."),
    ]
    dl = "<dl>" + "".join(f"<dt><a href='#'>{h}</a></dt><dd>{t}</dd>" for h, t in items) + "</dl>"
    found = marked(dl)
    assert len(found) == 1
    assert all(h in found[0] and t in found[0] for h, t in items)


def test_a_table_cell_of_headline_links_is_marked() -> None:
    cell = "<table><tr><td><a href='#'>Bridge vote delayed again</a><br><a href='#'>Ferry times change</a></td>"
    cell += "<td>Portmere weather: rain all week, with gales on the coast on Thursday night</td></tr></table>"
    assert marked(cell) == ["Bridge vote delayed againFerry times change"]


def test_the_article_a_digest_a_ticker_and_a_byline_stay() -> None:
    digest = (
        "<ul><li><a href='#'>A new game from the studio is finally coming out after twelve years of waiting, "
        "but only for virtual reality headsets</a></li><li><a href='#'>Teenagers put wireless earphones on their "
        "holiday wish lists more than ever before, according to a new survey of spending</a></li></ul>"
    )
    ticker = "<table><tr><td><a href='#'>HD</a></td><td>HOME DEPOT INC.</td><td>225.86</td></tr></table>"
    byline = "<div>By <a href='/jane'>Jane Roe</a></div>"
    assert marked(digest + ticker + byline) == []


def test_only_the_outermost_list_carries_the_mark() -> None:
    inner = "<ul>" + "".join(f"<li><a href='#'>Section {i}</a></li>" for i in range(4)) + "</ul>"
    tree = lxml.html.fromstring(f"<html><body><div>{inner}</div>{ARTICLE}</body></html>")
    assert mark_link_lists(tree) == 1
    assert len(tree.xpath(f"//*[@{MARK}]")) == 1

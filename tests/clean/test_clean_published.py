"""A page's publication time, which trafilatura's date leaves out, is read from its metadata, and orders a
wire's page before a portal's copy of it published later the same day."""

from __future__ import annotations

from framescope.clean import clean
from framescope.clean.published import with_time
from framescope.cluster import cluster
from framescope.models import Document

BODY = """<p>PORT ALDER (Meridian Wire) - Water minister Tova Renlund on Tuesday called for "a fair share for every
valley" as talks on the Sel river dam resumed in Port Alder, the capital, after a pause of two years.</p>
<p>"We need an agreement before the dry season," Renlund told reporters after the first session of the talks,
which are expected to last three days.</p>
<p>The dam, which has been disputed since 2009, would hold back 40 percent of the river's spring flow,
engineers said. Renlund said 12 villages downstream would be consulted before any decision.</p>"""


def page(head: str, body: str = BODY) -> str:
    return f"""<html><head><title>Dam talks resume in Port Alder</title>{head}</head>
<body><article><h1>Dam talks resume in Port Alder</h1>{body}</article></body></html>"""


def test_the_time_comes_from_the_metadata_the_page_gives() -> None:
    meta = '<meta property="article:published_time" content="2024-03-05T14:20:00Z">'
    assert with_time(page(meta), "2024-03-05") == "2024-03-05T14:20:00+00:00"
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05T09:15:00+01:00"}</script>'
    assert with_time(page(ld), "2024-03-05") == "2024-03-05T09:15:00+01:00"
    time_tag = '<p class="byline"><time datetime="2024-03-05T07:05">5 March</time></p>' + BODY
    assert with_time(page("", time_tag), "2024-03-05") == "2024-03-05T07:05:00"


def test_a_time_of_another_day_or_no_time_leaves_the_day_alone() -> None:
    other_day = '<meta property="article:modified_time" content="2024-03-06T10:00:00Z">' \
                '<meta name="pubdate" content="2024-03-07T08:00:00Z">'
    assert with_time(page(other_day), "2024-03-05") == "2024-03-05"  # modified is not published; 7th is not 5th
    assert with_time(page('<meta property="article:published_time" content="2024-03-05">'), "2024-03-05") \
        == "2024-03-05"
    assert with_time(page(""), None) is None
    assert with_time(page(""), "2024-03-05T06:00:00") == "2024-03-05T06:00:00"  # a time already: kept


def test_a_wires_page_is_the_original_of_a_portals_copy_published_later_that_day() -> None:
    wire = clean(Document(source="meridian/dam.html", format="html", content=page(
        '<meta property="og:site_name" content="Meridian Wire">'
        '<meta property="article:published_time" content="2024-03-05T09:40:00Z">')))
    assert wire.published == "2024-03-05T09:40:00+00:00"
    # the portal runs the wire's text under the wire's dateline, hours later
    text = BODY.replace("<p>", "").replace("</p>", "\n\n").replace("\n", " ").replace("  ", "\n\n")
    portal = clean(Document(source="portal/dam.txt", format="text", published="2024-03-05T16:30:00",
                            content="Dam talks resume in Port Alder\n\n" + text))
    assert portal.dateline is not None  # both credit the wire: only the time tells them apart
    [story] = cluster([portal, wire])
    assert story.roles == {wire.id: "original", portal.id: "copy"}
    assert story.versions[portal.id].of == wire.id


def _dated(meta_day: str, line: str) -> str | None:
    head = f'<meta property="article:published_time" content="{meta_day}">'
    return clean(Document(source="dam.html", format="html", content=page(head, f"<p>{line}</p>" + BODY))).published


def test_the_date_line_the_page_prints_wins_over_metadata_naming_another_day() -> None:
    # as on old pages whose metadata carries a copyright year or a site-wide date
    assert _dated("2004-01-01", "Published: Tuesday, March 5, 2024") == "2024-03-05"
    assert _dated("2024-03-05", "Published: Tuesday, March 5, 2024") == "2024-03-05"  # they agree: the metadata


def test_an_update_line_or_a_date_of_doubtful_order_leaves_the_metadata_alone() -> None:
    assert _dated("2024-03-05", "Updated: Thursday, March 7, 2024") == "2024-03-05"  # an update comes later
    assert _dated("2024-03-05", "Published: 07/03/2024") == "2024-03-05"  # 3 July or 7 March
    assert _dated("2024-03-05", "Published: 25/03/2024") == "2024-03-25"  # no doubt: the 25th

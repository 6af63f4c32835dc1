"""HTML through trafilatura: body without site chrome, metadata, headings; hostile markup never a traceback."""

from __future__ import annotations

from framescope.clean import clean, clean_batch
from framescope.clean.extract import extract_html
from framescope.errors import InputError
from framescope.models import Article, Document, Problem

PARAS = [
    "Harbour workers in Portmere walked out on Monday over pay and conditions, the dockers' union said in a "
    "statement, in the first strike at the port for more than twenty years.",
    '"We have waited long enough for a fair offer," said union leader Dana Holt, speaking to reporters at the '
    "main gate as pickets gathered in the rain.",
    "The port authority said talks with the union would resume on Thursday and that ships had been diverted "
    "to the northern terminal in the meantime.",
    "Around four hundred workers joined the walkout, according to the union, which represents most of the "
    "crane operators and lashers at the port.",
]

PAGE = f"""<!doctype html>
<html lang="en"><head>
<title>Harbour strike halts Portmere docks | Portmere Post</title>
<meta property="og:title" content="Harbour strike halts Portmere docks">
<meta property="og:site_name" content="Portmere Post">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2020-02-01T08:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header><a href="/">Portmere Post</a></header>
<main><article>
<h1>Harbour strike halts Portmere docks</h1>
<p>{PARAS[0]}</p>
<p>{PARAS[1]}</p>
<h2>Talks on Thursday</h2>
<p>{PARAS[2]}</p>
<div class="ad">Advertisement</div>
<p>{PARAS[3]}</p>
<p>Follow us on Twitter for the latest updates from the harbour.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Bridge vote delayed</a></li><li><a href="/b">Ferry times</a></li></ul></aside>
<footer><p>© 2020 Portmere Post. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_html_article_without_chrome() -> None:
    art = clean(
        Document(
            source="page.html", content=PAGE, format="html", url="https://portmere-post.example.com/2020/02/01/strike"
        )
    )
    for p in PARAS:
        assert p in art.text
    for junk in ("Home", "Bridge vote delayed", "All rights reserved", "Follow us on Twitter", "Advertisement"):
        assert junk not in art.text
    assert art.title == "Harbour strike halts Portmere docks"
    assert art.outlet == "Portmere Post"
    assert art.author == "Jane Roe"
    assert art.published is not None and art.published.startswith("2020-02-01")
    assert art.language == "en"
    assert "Talks on Thursday" in [h.text for h in art.headings]
    for h in art.headings:
        assert art.text[h.start : h.end] == h.text
    assert "\n\n\n" not in art.text


def test_a_page_laid_out_with_a_table_loses_its_spacer_and_navigation_rows() -> None:
    # How pages were built before CSS layouts: the navigation, spacers and the article share one table.
    cells = "".join(f"<tr><td>{p}</td></tr>" for p in PARAS)
    page = (
        "<html><head><title>Harbour strike halts Portmere docks</title></head><body><table>"
        "<tr><td></td><td></td></tr><tr><td><a href='/'>Home</a></td><td></td><td><a href='#'>Back to Top</a></td></tr>"
        f"{cells}<tr><td></td><td></td></tr></table></body></html>"
    )
    art = clean(Document(source="layout.html", content=page, format="html"))
    assert all(p in art.text for p in PARAS)
    assert "Back to Top" not in art.text
    assert not any(line.strip() and not line.strip("| ") for line in art.text.splitlines())


def test_a_page_laid_out_with_a_table_loses_its_lists_of_headlines() -> None:
    # A 2008 layout: the article in one cell, other stories' headlines in the cells and rows around it, a
    # "more headlines" list of links with their teasers under it. Every headline names another event.
    others = ["Bridge vote delayed again", "Ferry times change for winter", "Library to open on Sundays",
              "Council approves new bus lanes"]
    sidebar = "<br>".join(f"<a href='/s{i}'>{h}</a>" for i, h in enumerate(others))
    more = "".join(f"<dt><a href='/m{i}'>{h}</a></dt><dd>Read about {h.lower()} in our local pages.</dd>"
                   for i, h in enumerate(others))
    article = "".join(f"<p>{p}</p>" for p in PARAS)
    page = (
        "<html><head><title>Harbour strike halts Portmere docks</title></head><body><table>"
        f"<tr><td>{sidebar}</td><td><h1>Harbour strike halts Portmere docks</h1>{article}"
        f"<h3>More headlines</h3><dl>{more}</dl></td></tr></table></body></html>"
    )
    art = clean(Document(source="layout.html", content=page, format="html"))
    assert all(p in art.text for p in PARAS)
    assert not any(h in art.text for h in others)
    assert art.title == "Harbour strike halts Portmere docks"


def test_extract_html_gives_metadata() -> None:
    ex = extract_html(PAGE, "https://portmere-post.example.com/x")
    assert ex.title == "Harbour strike halts Portmere docks"
    assert ex.sitename == "Portmere Post"
    assert ex.method == "precision"


def test_ten_thousand_nested_tags_never_a_traceback() -> None:
    html = "<html><body>" + "<div>" * 10_000 + f"<p>{PARAS[0]}</p>" + "</div>" * 10_000 + "</body></html>"
    try:
        art = clean(Document(source="deep.html", content=html, format="html"))
    except InputError as exc:
        assert exc.source == "deep.html"
    else:
        assert art.text
    out = list(clean_batch([Document(source="deep.html", content=html, format="html")]))
    assert len(out) == 1 and isinstance(out[0], Article | Problem)


def test_html_without_text_is_an_input_error() -> None:
    for content in ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "", "<<<>>>", "\x00\x01"):
        out = list(clean_batch([Document(source="empty.html", content=content, format="html")]))
        assert len(out) == 1
        assert isinstance(out[0], Problem) and out[0].source == "empty.html"


def test_html_fragment() -> None:
    art = clean(Document(source="frag.html", content=f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>", format="html"))
    assert art.text == f"{PARAS[0]}\n\n{PARAS[1]}"


def test_feed_title_hint_wins_and_the_page_title_is_still_removed() -> None:
    doc = Document(source="page.html", content=PAGE, format="html", title="Dockers strike in Portmere")
    art = clean(doc)
    assert art.title == "Dockers strike in Portmere"
    assert "Harbour strike halts Portmere docks" not in art.text

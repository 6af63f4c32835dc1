"""The HTML report: self-contained, escaped, annotated; built from hand-made analyses (no NLP needed)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from framescope.models import (
    Analysis,
    Article,
    Claim,
    Comparison,
    Coverage,
    DiffOp,
    FactCheck,
    FactItem,
    Framing,
    FramingSpan,
    Genre,
    PairSimilarity,
    Quote,
    QuoteMatch,
    Removed,
    Sentence,
    SharedWith,
    Story,
    Version,
)
from framescope.report.html import build_views, render_stories, write_html

EVIL = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"


def _analysis(aid: str, outlet: str, title: str, text: str, quote: str, speaker: str) -> Analysis:
    start = text.index(quote)
    sentences = []
    pos = 0
    for part in text.split(". "):
        end = pos + len(part) + (1 if pos + len(part) < len(text) else 0)
        sentences.append(Sentence(pos, min(end, len(text)), 0, text[pos : min(end, len(text))]))
        pos = end + 1
    loaded = text.index("reckless")
    return Analysis(
        article=Article(id=aid, source=f"{aid}.txt", text=text, outlet=outlet, title=title, published="2024-03-05",
                        removed=(Removed("Share this " + EVIL, "share"),)),
        sentences=tuple(sentences),
        quotes=(Quote(f"{aid}:q1", quote, start, start + len(quote), "full", speaker, 0, 4, "said", 0.9),),
        framing=Framing((FramingSpan("reckless", loaded, loaded + 8, "loaded_language", "Loaded_Language",
                                     "emotive adjective " + IMG, 0.8),), {"loaded": 12.5}),
        genre=Genre("report", 0.8, ("third person", "attributed speech")),
    )


def _fixture() -> tuple[list[Analysis], list[Story], list[Comparison]]:
    a = _analysis("a1", "Harbor Wire", "Bridge opens " + EVIL,
                  'Varkon opened the bridge. "We need the bridge now," she said. The reckless plan cost 412 million.',
                  "We need the bridge now,", "Ilsa Varkon")
    b = _analysis("b2", "Daily " + IMG, "Bridge row",
                  'The bridge opened. "We have the bridge now," Varkon said. Critics called it reckless spending.',
                  "We have the bridge now,", "Ilsa Varkon")
    story = Story("s1", ("a1", "b2"), {"a1": "original", "b2": "rewrite"}, "2024-03-05", "2024-03-05",
                  versions={"b2": Version("a1", 0.42)})
    comp = Comparison(
        story="s1", articles=("a1", "b2"),
        quote_matches=(QuoteMatch(("a1:q1", "b2:q1"), "altered",
                                  (DiffOp("equal", "We", "We"), DiffOp("replace", "need", "have"),
                                   DiffOp("equal", "the bridge now,", "the bridge now,")), "one word changed", 0.8),),
        claims=(Claim("a1", 0, (SharedWith("b2", 0, 0.7),)), Claim("a1", 1, ()), Claim("b2", 0, (SharedWith("a1", 0, 0.7),))),
        facts=(FactCheck("conflict", (FactItem("a1", "a1:f1", "412 million", 412e6, "USD"),
                                      FactItem("b2", "b2:f1", "400 million", 400e6, "USD")), "412 vs 400"),),
        coverage=(Coverage("Ilsa Varkon", "PERSON", {"a1": 2, "b2": 1}, {"a1": 1, "b2": 1}, {"a1": 1.0, "b2": 1.0}),),
        pairs=(PairSimilarity(("a1", "b2"), 0.713, "somewhat similar", {"words": 0.4, "names": 0.0, "numbers": 0.25}),),
    )
    return [a, b], [story], [comp]


def fill_store(db: str) -> None:
    """A store holding the fixture's articles, story and comparison (for the web app's tests)."""
    from framescope.store import open_store

    analyses, stories, comparisons = _fixture()
    with open_store(db) as store:
        store.write_batch(analyses)
        store.put_stories(stories)
        for c in comparisons:
            store.put_comparison(c)


def test_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    write_html(*_fixture(), path)
    page = path.read_text()
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not re.findall(r"""(?:src|href)\s*=\s*["']https?://""", page)  # nothing from the network
    assert "Content-Security-Policy" in page and "script-src 'sha256-" in html.unescape(page)
    assert page.count("<script>") == 1  # only our own script


def test_report_marks_quotes_claims_framing_and_tables() -> None:
    page = render_stories(build_views(*_fixture()))
    assert 'class="q q-altered"' in page and 'data-q="a1:q1"' in page
    assert 'class="only"' in page or "only" in page
    assert "<del>need</del> <ins>have</ins>" in page
    assert "conflict" in page and "412 million" in page
    assert "<svg" in page and "Ilsa Varkon" in page
    assert "Removed from the page (1 lines)" in page
    assert "emotive adjective" in page
    pairs = page[page.index("How alike the articles are"):page.index("Quote ledger")]
    assert "<td>Harbor Wire<br><small>Bridge opens &lt;script&gt;" in pairs and "<td>Daily &lt;img" in pairs
    assert "<td>0.71</td><td>somewhat similar</td>" in pairs
    assert "words 0.40 · numbers 0.25" in pairs and "names" not in pairs  # the signals that are not 0


def test_templates_never_mark_content_safe() -> None:
    root = Path(__file__).resolve().parents[2] / "src" / "framescope"
    for tpl in root.rglob("*.j2"):
        assert "|safe" not in tpl.read_text().replace(" ", ""), tpl


def test_a_big_storys_page_shows_the_most_alike_pairs() -> None:
    analyses, stories, [comp] = _fixture()
    many = tuple(PairSimilarity(("a1", "b2"), round(0.9 - n / 100, 3), "very similar", {"words": 0.5})
                 for n in range(45))
    page = render_stories(build_views(analyses, stories, [replace(comp, pairs=many)]))
    pairs = page[page.index("How alike the articles are"):page.index("Quote ledger")]
    assert pairs.count("<td>Harbor Wire<br><small>") == 30 and "and 15 less alike pairs (in the JSON)." in page


def test_untitled_articles_are_named_by_their_opening_words() -> None:
    """Two untitled articles of one outlet (an export without titles) must not show as two identical names."""
    from framescope.report.view import title_of

    analyses, stories, [comp] = _fixture()
    untitled = [replace(an, article=replace(an.article, title=None, outlet="Harbor Wire")) for an in analyses]
    page = render_stories(build_views(untitled, stories, [comp]))
    pairs = page[page.index("How alike the articles are"):page.index("Quote ledger")]
    assert "<small>(untitled) Varkon opened the bridge." in pairs and "<small>(untitled) The bridge opened." in pairs
    long = replace(untitled[0].article, text="word " * 40)
    assert title_of(long) == "(untitled) " + ("word " * 12).strip() + "…"
    assert title_of(analyses[0].article) == analyses[0].article.title


def test_the_history_links_the_stories_and_articles_it_names() -> None:
    analyses, [story], [comp] = _fixture()
    note = "split s2 from s1: 1 article(s) from b2 on hold together apart from the other 1 (mean link between them 0.1)"
    s1 = replace(story, articles=("a1",), roles={"a1": "report"}, versions={}, history=(note,))
    s2 = Story("s2", ("b2",), {"b2": "report"}, history=(note, "merged s7 into s2: article b2 links both (p=0.9)"))
    page = render_stories(build_views(analyses, [s1, s2], [comp]))
    assert page.count('<a href="#story-s2" title="Bridge row">s2</a>') == 3  # split twice, merged into once
    assert page.count('<a href="#a-b2" title="b2">Daily &lt;img src=x onerror=alert(1)&gt;: “Bridge row”</a>') == 3
    assert "merged s7 into " in page and "#story-s7" not in page  # a story not in the report: left as text
    # a merge of a story that placement made and joined on the way (an id of ours, not in the report): left out
    on_the_way = replace(s2, history=("merged s0123456789ab into s2: article b2 links both (p=0.9)",))
    assert "merged" not in render_stories(build_views(analyses, [s1, on_the_way], [comp]))


def test_members_of_one_outlet_are_told_apart_by_role_then_date_then_order() -> None:
    from framescope.report.view import member_names

    analyses, [story], _ = _fixture()
    a1, b2 = (replace(an, article=replace(an.article, outlet="Harbor Wire")) for an in analyses)
    assert member_names(story, [a1, b2]) == {"a1": "Harbor Wire (original)", "b2": "Harbor Wire (rewrite)"}
    reports = replace(story, roles={"a1": "report", "b2": "report"})
    later = replace(b2, article=replace(b2.article, published="2024-03-06"))
    assert member_names(reports, [a1, later]) == {"a1": "Harbor Wire (2024-03-05)", "b2": "Harbor Wire (2024-03-06)"}
    assert member_names(reports, [a1, b2]) == {"a1": "Harbor Wire (#1)", "b2": "Harbor Wire (#2)"}
    assert member_names(story, analyses) == {"a1": "Harbor Wire", "b2": "Daily " + IMG}  # apart already
    page = render_stories(build_views([a1, b2], [story], _fixture()[2]))
    facts = page[page.index("conflict"):]
    assert "Harbor Wire (original)" in facts and "Harbor Wire (rewrite)" in facts


def test_an_article_without_an_outlet_is_named_by_its_publisher_rule_else_its_id() -> None:
    from framescope.report.view import outlet_name

    an = _fixture()[0][0]
    bare = replace(an.article, outlet=None, url=None, source="/data/bridge.txt")
    assert outlet_name(replace(an, article=bare)) == "bridge.txt"  # naming.publisher (tests/test_naming.py)
    assert outlet_name(replace(an, article=replace(bare, source=""))) == an.article.id
    assert outlet_name(an) == "Harbor Wire"


def test_a_storys_heading_names_it_and_says_when() -> None:
    analyses, [story], comps = _fixture()
    one_day = render_stories(build_views(analyses, [story], comps))
    # named by its title (escaped: article text is data), then how many articles and when
    assert 'Story 1: Bridge opens &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</h2>\n  <p class="meta">2 articles, 2024-03-05</p>' in one_day
    span = render_stories(build_views(analyses, [replace(story, last_seen="2024-03-07")], comps))
    assert '<p class="meta">2 articles, 2024-03-05 to 2024-03-07</p>' in span
    undated = render_stories(build_views(analyses, [replace(story, first_seen=None, last_seen=None)], comps))
    assert '<p class="meta">2 articles, undated</p>' in undated


def test_the_report_says_how_its_stories_were_grouped(tmp_path: Path) -> None:
    from framescope.cluster.grouping import Grouping

    fitted = Grouping().fitted()
    for grouping, said in ((Grouping(), f"at the fitted link threshold ({fitted:g}) without embeddings"),
                           (Grouping(0.7, True), "at link threshold 0.7 with embeddings")):
        path = tmp_path / "r.html"
        write_html(*_fixture(), path, grouping=grouping)
        assert f'<p class="meta">Articles grouped into stories {said}.</p>' in path.read_text()
    write_html(*_fixture(), path)  # a caller that does not say: nothing is claimed
    assert "Articles grouped into stories" not in path.read_text()

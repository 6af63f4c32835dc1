"""The framing contrast of a story (compare/framing.py)."""

from __future__ import annotations

from framescope.compare.framing import contrast
from framescope.models import Analysis, Article, Framing, FramingSpan, Genre, Story


def analysis(aid: str, outlet: str, loaded: float, spans: tuple[FramingSpan, ...], genre: str) -> Analysis:
    art = Article(id=aid, source=f"{aid}.txt", text="word " * 500, outlet=outlet, title=f"Title {aid}")
    return Analysis(article=art, framing=Framing(spans=spans, rates={"loaded": loaded, "all": loaded}),
                    genre=Genre(genre, 0.8, ("a signal",)))


def span(text: str, start: int, category: str, conf: float, voice: str = "author") -> FramingSpan:
    return FramingSpan(text, start, start + len(text), category, "Loaded_Language", f"why {text}", conf, voice)


def test_contrast_names_the_denser_outlet():
    a = analysis("a", "Wire", 2.0, (span("strongman", 10, "label", 0.7),), "report")
    b = analysis("b", "Blog", 8.0, (span("thugs", 5, "label", 0.7), span("vile", 30, "loaded_language", 0.9),
                                    span("liars", 50, "label", 0.7, voice="quoted")), "opinion")
    story = Story(id="s", articles=("a", "b"), roles={"a": "report", "b": "report"})
    out = contrast(story, {"a": a, "b": b})
    assert out["denser"]["article"] == "b" and out["denser"]["than"] == "a"
    assert out["denser"]["ratio"] == 4.0
    entry = out["articles"]["b"]
    assert entry["genre"] == "opinion" and entry["rates"]["loaded"] == 8.0
    assert entry["counts"] == {"label": 1, "loaded_language": 1}  # author's voice only
    assert [s["text"] for s in entry["top_spans"]] == ["vile", "thugs"]
    assert {"text", "start", "end", "category", "technique", "reason"} <= set(entry["top_spans"][0])
    assert "Blog" in out["summary"] and "4.0" in out["summary"]


def test_contrast_with_no_loaded_wording_in_one_article():
    a = analysis("a", "Wire", 0.0, (), "report")
    b = analysis("b", "Blog", 3.0, (span("vile", 30, "loaded_language", 0.9),), "opinion")
    out = contrast(Story(id="s", articles=("a", "b"), roles={}), {"a": a, "b": b})
    assert out["denser"]["ratio"] is None and out["denser"]["difference"] == 3.0


def test_single_article_story():
    a = analysis("a", "Wire", 1.0, (), "report")
    out = contrast(Story(id="s", articles=("a",), roles={}), {"a": a})
    assert out["denser"] is None and "one article" in out["summary"]

"""The terminal summary: a story's merges and splits in the summary's own terms; a big pile's summary kept short."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.console import Console
from test_report_html import _fixture

from framescope.models import Story
from framescope.report.terminal import HISTORY_LINES, print_summary


def test_a_storys_history_names_stories_by_number_and_articles_by_outlet_and_title() -> None:
    analyses, [story], [comp] = _fixture()
    note = "split s2 from s1: 1 article(s) from b2 on hold together apart from the other 1 (mean link between them 0.1)"
    s1 = replace(story, articles=("a1",), roles={"a1": "report"}, versions={}, history=(note,))
    s2 = Story("s2", ("b2",), {"b2": "report"}, history=(note, *(f"merged s{n}0 into s2: article b2 links both (p=0.9)"
                                                                  for n in range(HISTORY_LINES))))
    console = Console(width=200, record=True)
    print_summary(console, analyses, [s1, s2], [comp])
    out = console.export_text()
    line = "↳ split Story 2 from Story 1: 1 article(s) from Daily <img src=x onerror=alert(1)>: “Bridge row” on hold"
    assert out.count(line) == 2
    assert "↳ merged s00 into Story 2: article Daily" in out  # an id not shaped as ours stays as it is
    # a merge of a story placement made and joined on the way (not in this summary) is left out
    s3 = replace(s2, history=("merged s0123456789ab into s2: article b2 links both (p=0.9)",))
    quiet = Console(width=200, record=True)
    print_summary(quiet, analyses, [s1, s3], [comp])
    assert "merged" not in quiet.export_text()
    assert "↳ … and 1 more (in the JSON)" in out


def test_a_big_piles_summary_shows_its_biggest_stories_and_counts_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    from framescope.report import terminal

    analyses, [story], [comp] = _fixture()
    lone = [Story(f"s{n}", (an.article.id,), {an.article.id: "report"}) for n, an in enumerate(analyses[:1], 2)]
    monkeypatch.setattr(terminal, "ARTICLE_ROWS", 1)
    monkeypatch.setattr(terminal, "STORY_DETAILS", 1)
    console = Console(width=200, record=True)
    print_summary(console, analyses, [*lone, story], [comp])  # the two-article story comes second
    out = console.export_text()
    assert "… and 1 more articles (all in --json and --html)" in out
    assert "Story 2 (s1): 2 article(s)" in out and "Story 1 (s2)" not in out  # the biggest, in its own number
    assert "… and 1 more stories (1 of a single article)" in out

"""The terminal summary: a story's merges and splits in the summary's own terms."""

from __future__ import annotations

from dataclasses import replace

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

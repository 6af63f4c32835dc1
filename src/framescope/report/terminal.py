"""The terminal summary (rich). Article content is passed as `Text` objects, never as markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from framescope.models import Analysis, Comparison, Story
from framescope.naming import publisher
from framescope.report.view import (
    RELATION_SEVERITY,
    Ref,
    among,
    article_ref,
    history_refs,
    member_names,
    outlet_name,
    short,
    story_title,
    title_of,
    version_note,
)

_RELATION_STYLE = {
    "exact": "green",
    "equivalent": "cyan",
    "trimmed": "yellow",
    "extended": "yellow",
    "altered": "red",
    "misattributed": "magenta",
}


def _table(title: str, *, caption: str | None = None, lines: bool = False) -> Table:
    """A table in the summary's one style: no vertical rules or edges (an 80-column terminal has no room
    for them), a rule under the header and, where rows run over several lines, between rows."""
    return Table(title=title, caption=caption, show_lines=lines, pad_edge=False, box=box.SIMPLE_HEAD,
                 collapse_padding=True, show_edge=False)


def _articles_table(analyses: Sequence[Analysis], width: int) -> Table:
    # No vertical rules, every column at least as wide as its header and the outlet and title folding onto
    # more lines: in an 80-column terminal rich squeezed unwrappable columns to nothing ("pu…" for the
    # date, empty outlet and count columns), and where the columns' least widths add up to more than the
    # terminal it crops the last one, so the outlet gives way first in a narrow one.
    table = _table("Articles")
    table.add_column("outlet", overflow="fold", min_width=8, max_width=14 if width < 100 else 22)
    table.add_column("title", overflow="fold", ratio=1, min_width=12)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("genre", min_width=7)
    for col in ("words", "quotes", "loaded/1k"):
        table.add_column(col, no_wrap=True, min_width=len(col), justify="right")
    for an in analyses:
        a = an.article
        rates = an.framing.rates if an.framing else {}
        table.add_row(
            Text(outlet_name(an)),
            Text(short(title_of(a), 60)),
            Text((a.published or "?")[:10]),
            Text(an.genre.label.replace("_", " ") if an.genre else "?"),  # "press release" may wrap
            str(len(a.text.split())),
            str(len(an.quotes)),
            f"{rates.get('loaded', 0.0):.1f}",
        )
    return table


def _quote_text(
    by_quote: Mapping[str, tuple[Analysis, str]], qid: str, names: Mapping[str, str]
) -> tuple[str, str]:
    an, text = by_quote.get(qid, (None, "?"))
    return (names.get(an.article.id, outlet_name(an)) if an else "?"), text


LEDGER_ROWS = 20
# A big pile's summary shows its biggest stories and the first articles; the JSON and HTML report hold all.
ARTICLE_ROWS = 60
STORY_DETAILS = 20
HISTORY_LINES = 3  # a story's merges and splits shown under its members


def _ledger(
    comparison: Comparison, by_quote: Mapping[str, tuple[Analysis, str]], names: Mapping[str, str]
) -> Table:
    """The most telling matches first (a changed quote matters more than a faithful copy); the rest counted."""
    pairs = [m for m in comparison.quote_matches if len(m.quotes) >= 2]
    pairs.sort(key=lambda m: RELATION_SEVERITY.index(m.relation) if m.relation in RELATION_SEVERITY else 0)
    hidden = Counter(m.relation for m in pairs[LEDGER_ROWS:])
    caption = ("not shown: " + ", ".join(f"{n} {rel}" for rel, n in hidden.items())) if hidden else None
    table = _table("Quote ledger", caption=caption, lines=True)
    # Each side's outlet above its quote: two columns instead of four leave the quotes room to be read.
    table.add_column("relation", overflow="fold", min_width=7)
    for col in ("A", "B"):
        table.add_column(col, overflow="fold", ratio=2)
    table.add_column("note", overflow="fold", ratio=1)
    for m in pairs[:LEDGER_ROWS]:
        table.add_row(
            Text(m.relation, style=_RELATION_STYLE.get(m.relation, "")),
            _quote_cell(*_quote_text(by_quote, m.quotes[0], names)),
            _quote_cell(*_quote_text(by_quote, m.quotes[1], names)),
            Text(short(m.note, 60)),
        )
    return table


def _quote_cell(outlet: str, quote: str) -> Text:
    return Text.assemble((outlet, "bold"), "\n", short(quote, 70))


def _facts(comparison: Comparison, names: Mapping[str, str]) -> Table:
    table = _table("Fact checks", lines=True)
    table.add_column("relation", overflow="fold", min_width=8)
    table.add_column("statements", overflow="fold", ratio=1)
    table.add_column("note", overflow="fold", ratio=1)
    for fc in comparison.facts:
        items = "\n".join(f"{names.get(it.article, it.article)}: {it.text}" for it in fc.items)
        style = "green" if fc.relation == "consistent" else "red"
        table.add_row(Text(fc.relation, style=style), Text(items), Text(short(fc.note, 80)))
    return table


ALIKE_ROWS = 10


def _alike(comparison: Comparison, analyses: Mapping[str, Analysis]) -> Table:
    """How alike each pair of reports is (cluster.similarity), most alike first, with the similarities behind it;
    each article by its outlet and title (two of one outlet are told apart by their titles)."""
    pairs = comparison.pairs
    caption = f"not shown: {len(pairs) - ALIKE_ROWS} less alike pairs" if len(pairs) > ALIKE_ROWS else None
    table = _table("How alike (0 very dissimilar - 1 very similar)", caption=caption, lines=True)
    for col in ("article A", "article B"):
        table.add_column(col, overflow="fold", ratio=2)
    table.add_column("similarity", no_wrap=True, justify="right")
    table.add_column("level", overflow="fold", ratio=1)
    table.add_column("signals", overflow="fold", ratio=2)
    for p in pairs[:ALIKE_ROWS]:
        a, b = p.articles
        signals = " · ".join(f"{k} {v:.2f}" for k, v in p.signals.items() if v)
        table.add_row(_named(analyses, a), _named(analyses, b), f"{p.similarity:.2f}", p.level, signals)
    return table


def _named(analyses: Mapping[str, Analysis], aid: str) -> Text:
    an = analyses.get(aid)
    return Text(f"{outlet_name(an)}: {short(title_of(an.article), 40)}" if an else aid)


def _only_here(
    comparison: Comparison, analyses: Mapping[str, Analysis], names: Mapping[str, str], console: Console
) -> None:
    multi = len(comparison.articles) > 1
    if not multi:
        return
    for aid in comparison.articles:
        an = analyses.get(aid)
        if an is None:
            continue
        lonely = [c for c in comparison.claims if c.article == aid and not c.shared_with]
        shared = sum(1 for c in comparison.claims if c.article == aid and c.shared_with)
        console.print(
            Text(f"Only in {names.get(aid, outlet_name(an))} ({len(lonely)} of {len(lonely) + shared} sentences):",
                 style="bold")
        )
        for c in lonely[:8]:
            if 0 <= c.sentence < len(an.sentences):
                console.print(Text("  • " + short(an.sentences[c.sentence].text, 110)))
        if len(lonely) > 8:
            console.print(Text(f"  … and {len(lonely) - 8} more"))


def print_summary(
    console: Console,
    analyses: Sequence[Analysis],
    stories: Sequence[Story],
    comparisons: Sequence[Comparison],
) -> None:
    by_id = {a.article.id: a for a in analyses}
    by_quote = {q.id: (an, q.text) for an in analyses for q in an.quotes}
    console.print(_articles_table(analyses[:ARTICLE_ROWS], console.width))
    if len(analyses) > ARTICLE_ROWS:
        more = len(analyses) - ARTICLE_ROWS
        console.print(Text(f"… and {more} more articles (all in --json and --html)", style="dim"))
    comps = {c.story: c for c in comparisons}
    numbers = {story.id: n for n, story in enumerate(stories, 1)}
    # the biggest stories in detail (ties: the earlier first), in the run's order and numbering
    shown = {s.id for s in sorted(stories, key=lambda s: (-len(s.articles), numbers[s.id]))[:STORY_DETAILS]}

    def link(x: str) -> Ref | None:
        # a history line in the terms of this summary: stories by their number, articles by outlet and title
        if x in by_id:
            return article_ref(by_id[x], "")
        return Ref(f"Story {numbers[x]}") if x in numbers else None

    for n, story in enumerate(stories, 1):
        if story.id not in shown:
            continue
        members = [by_id[a] for a in story.articles if a in by_id]
        names = member_names(story, members)  # two members of one outlet told apart in the tables below
        outlets = {an.article.id: outlet_name(an) for an in members}
        head = Text(f"Story {n} ({story.id}): {len(members)} article(s)", style="bold underline")
        console.print()
        console.print(head)
        for an in members:
            # the role line names the original by its outlet alone: the lines above and below say which
            role, note = story.roles.get(an.article.id, "?"), version_note(story, an.article.id, outlets)
            line = f"  {role:9} {outlet_name(an)} — {short(title_of(an.article), 80)}"
            console.print(Text(line + (f"  ({role} {note})" if note else "")))
        # why it is one story and not two, or two and not one: the grouping's merges and splits, those
        # between stories of this summary (a merge of stories placement made and joined on the way says nothing)
        lines = among(story.history, numbers)
        for h in lines[:HISTORY_LINES]:
            console.print(Text("  ↳ " + "".join(r.text for r in history_refs(h, link)), style="dim"))
        if len(lines) > HISTORY_LINES:
            console.print(Text(f"  ↳ … and {len(lines) - HISTORY_LINES} more (in the JSON)", style="dim"))
        comp = comps.get(story.id)
        if comp is None:
            continue
        if comp.pairs:
            console.print(_alike(comp, by_id))
        if comp.quote_matches:
            console.print(_ledger(comp, by_quote, names))
        if comp.facts:
            console.print(_facts(comp, names))
        _only_here(comp, by_id, names, console)
    if len(stories) > len(shown):
        rest = [s for s in stories if s.id not in shown]
        single = sum(1 for s in rest if len(s.articles) == 1)
        console.print()
        console.print(Text(f"… and {len(rest)} more stories ({single} of a single article), smaller than those "
                           "above: all in --json and --html", style="dim"))


def print_stories(
    console: Console, stories: Sequence[Story], articles: Mapping[str, Any], *, grouping: str | None = None
) -> None:
    """One table row per story: when, how many articles, which outlets, the title that names it (naming_member);
    under the table, how the stories were grouped when `grouping` says (Grouping.describe)."""
    # Like the articles table: ids and dates whole on one line, the outlets and the title folding.
    table = _table(f"{len(stories)} stories")
    table.add_column("story", no_wrap=True, min_width=13)
    for col in ("first seen", "last seen"):
        table.add_column(col, no_wrap=True, min_width=10)
    table.add_column("articles", no_wrap=True, min_width=8, justify="right")
    table.add_column("outlets", overflow="fold", max_width=24)
    table.add_column("title", overflow="fold", ratio=1, min_width=12)
    for s in stories:
        members = [articles[a] for a in s.articles if a in articles]
        outlets = sorted({publisher(m.outlet, m.url, m.source) for m in members})
        title = story_title(members)
        table.add_row(
            Text(s.id), Text(s.first_seen or "?"), Text(s.last_seen or "?"), str(len(s.articles)),
            Text(", ".join(outlets)), Text(short(title, 70)),
        )
    console.print(table)
    if grouping:
        console.print(Text(f"Articles grouped into stories {grouping}.", style="dim"))

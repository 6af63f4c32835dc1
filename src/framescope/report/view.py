"""The view model behind the HTML report and the web app's story page: plain data, no markup.

It gathers, per story, the articles side by side (text cut into annotated segments), the quote ledger with
word diffs, the fact checks, the coverage chart's bars and the removed lines. Templates only print it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from framescope.models import Analysis, Article, Comparison, QuoteMatch, Story
from framescope.naming import publisher
from framescope.report.markup import Mark, Segment, paragraphs

# Quote relations, most telling first: a quote's worst relation names its colour and label, and the terminal
# lists the telling matches before the faithful copies.
RELATION_SEVERITY = ("misattributed", "altered", "trimmed", "extended", "equivalent", "exact")
# A big story lists up to five pairs per article; the page shows the most alike ones, the JSON all of them.
PAIR_ROWS = 30


@dataclass(frozen=True)
class ArticleView:
    id: str
    outlet: str
    title: str
    published: str
    source: str
    role: str
    genre: str
    genre_signals: tuple[str, ...]
    rates: tuple[tuple[str, float], ...]
    words: int
    paragraphs: list[list[Segment]]
    removed: tuple[tuple[str, str], ...]
    title_flags: tuple[str, ...]
    only_here: int
    shared: int
    original: str = ""  # for a copy or rewrite, the id of the original it names (its column on the page)


@dataclass(frozen=True)
class LedgerRow:
    relation: str
    a_outlet: str
    a_text: str
    a_speaker: str
    b_outlet: str
    b_text: str
    b_speaker: str
    diff: tuple[tuple[str, str, str], ...]
    note: str
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Bar:
    entity: str
    label: str
    values: tuple[tuple[str, int, int, float], ...]  # outlet, mentions, quotes, quoted-words share


@dataclass(frozen=True)
class PairRow:
    a_outlet: str
    a_title: str  # two articles of one outlet are told apart by their titles
    b_outlet: str
    b_title: str
    similarity: float
    level: str
    signals: tuple[tuple[str, float], ...]  # the similarities behind it that are not 0


@dataclass(frozen=True)
class Ref:
    """A piece of a line of a story's history; where it names an article or a story the page can show, the
    link to it (`href`) and a tooltip (`title`)."""

    text: str
    href: str = ""
    title: str = ""


# How a page shows an id that a history line names: a Ref, or None to leave the id as it is.
Link = Callable[[str], "Ref | None"]

_STORY_ID = re.compile(r"\bs[0-9a-f]{12}\b")  # as cluster.events.story_id makes them

# The words of a history line that may be ids ("split s1 from s2: 5 article(s) from a1 on hold together ...").
_HISTORY_WORD = re.compile(r"[^\s:,()]+")


@dataclass(frozen=True)
class StoryView:
    id: str
    title: str  # what names the story in headings and lists (naming_member's title)
    first_seen: str
    last_seen: str
    articles: list[ArticleView]
    ledger: list[LedgerRow]
    facts: list[tuple[str, tuple[tuple[str, str], ...], str]]
    coverage: list[Bar]
    outlets: tuple[str, ...]
    history: tuple[tuple[Ref, ...], ...]  # each line of Story.history, its ids linked where the page has them
    quote_panels: dict[str, list[LedgerRow]] = field(default_factory=dict)
    pairs: list[PairRow] = field(default_factory=list)  # how alike the articles are, most alike first
    pairs_hidden: int = 0  # pairs left out of `pairs` (PAIR_ROWS); the JSON has them all


def title_of(article: Article) -> str:
    """The article's title; an untitled one (an export or feed item without the field) is named by the opening
    words of its text, so that two untitled articles of one outlet can still be told apart."""
    return article.title or untitled(article.text)


# A page title of fewer words is more often the site's or a section's name that a page gave for its title
# ("NBA", "Sports Wire", "Top Classifieds": 102 of L3S-GN1's 609 titles are that short, most of them such
# names) than a headline; a script written without spaces counts characters instead.
HEADLINE_WORDS = 4
HEADLINE_CHARS = 8
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")


def reads_as_headline(title: str) -> bool:
    """HEADLINE_WORDS words or more, a word being what spaces part (HEADLINE_CHARS letters in a script written
    without spaces)."""
    if _UNSPACED.search(title):
        return len(re.findall(r"\w", title)) >= HEADLINE_CHARS
    return sum(1 for word in title.split() if re.search(r"\w", word)) >= HEADLINE_WORDS  # "Post-Intelligencer" is one


def naming_member(titles: Sequence[str | None]) -> int | None:
    """Which member names a story in lists and page headings, given the members' titles in story order: the
    first whose title reads as a headline, else the first with a title; None when none has one. The first
    member is the story's earliest report, but its page may have given a section name for its title where a
    later member's gives the headline."""
    first = None
    for i, title in enumerate(titles):
        if title:
            if reads_as_headline(title):
                return i
            first = i if first is None else first
    return first


def story_title(members: Sequence[Article]) -> str:
    """The title that names a story of these member articles (naming_member), else the first one's name
    (title_of: its opening words); "" for no members."""
    named = naming_member([a.title for a in members])
    if named is not None:
        return members[named].title or ""
    return title_of(members[0]) if members else ""


def untitled(text: str, opening: int = 60) -> str:
    """The name of an untitled article: "(untitled)" and the opening words of its `text`."""
    words = " ".join(text.split())
    return "(untitled) " + (words[:opening].rstrip() + "…" if len(words) > opening else words)


def outlet_name(an: Analysis) -> str:
    """Who published an article, for its tables (naming.publisher), else its id."""
    a = an.article
    name = publisher(a.outlet, a.url, a.source)
    return a.id if name == "?" else name


def member_names(story: Story, members: Sequence[Analysis]) -> dict[str, str]:
    """Each member's name in a story's tables: its outlet, told apart where members share one (a wire report
    and a portal's copy under the wire's byline, two reports of one paper), by their roles where those
    differ, else by their dates, else by their order in the story."""
    groups: dict[str, list[Analysis]] = defaultdict(list)
    for an in members:
        groups[outlet_name(an)].append(an)
    names = {an.article.id: outlet_name(an) for an in members}
    for outlet, group in groups.items():
        if len(group) < 2:
            continue
        for tags in (
            [story.roles.get(an.article.id, "") for an in group],
            [(an.article.published or "")[:10] for an in group],
            [f"#{n}" for n in range(1, len(group) + 1)],
        ):
            if all(tags) and len(set(tags)) == len(tags):
                break
        for an, tag in zip(group, tags, strict=True):
            names[an.article.id] = f"{outlet} ({tag})"
    return names


def short(text: str | None, width: int = 90) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def article_ref(an: Analysis, href: str) -> Ref:
    """An article named in a history line: its outlet and title, linking to it, its id in the tooltip."""
    return Ref(f"{outlet_name(an)}: “{short(title_of(an.article), 60)}”", href, an.article.id)


def among(history: Sequence[str], stories: Mapping[str, Any] | set[str]) -> tuple[str, ...]:
    """The lines of a story's history whose story ids are all among `stories`: in a summary of one run,
    the merges and splits between the stories it shows (a merge of stories that placement made and joined
    on the way never reached the reader, and says nothing to them)."""
    return tuple(h for h in history if all(x in stories for x in _STORY_ID.findall(h)))


def history_words(history: Sequence[str]) -> set[str]:
    """The words of these history lines that may be ids: what a page looks up to link them."""
    return {m.group() for line in history for m in _HISTORY_WORD.finditer(line)}


def history_refs(line: str, link: Link) -> tuple[Ref, ...]:
    """A history line cut into plain text and the ids `link` knows, in order (the ids are whole words: the
    history is written by the grouping, its ids are article and story ids, never text of an article)."""
    parts: list[Ref] = []
    at = 0
    for m in _HISTORY_WORD.finditer(line):
        ref = link(m.group())
        if ref is None:
            continue
        if m.start() > at:
            parts.append(Ref(line[at:m.start()]))
        parts.append(ref)
        at = m.end()
    if at < len(line):
        parts.append(Ref(line[at:]))
    return tuple(parts)


def version_note(story: Story, article_id: str, names: Mapping[str, str]) -> str:
    """For a copy or rewrite: its original's outlet and how much of the text they share, which is what the role
    rests on ("of Meridian Wire, 97% of the text shared"); "" for any other member."""
    version = story.versions.get(article_id)
    if version is None:
        return ""
    return f"of {names.get(version.of, version.of)}, {version.shared:.0%} of the text shared"


def role_of(story: Story, article_id: str, names: Mapping[str, str]) -> str:
    """The article's role in its story, with the version note of a copy or rewrite."""
    return " ".join(filter(None, (story.roles.get(article_id, "report"), version_note(story, article_id, names))))


def _quote_relations(matches: Sequence[QuoteMatch]) -> dict[str, str]:
    best: dict[str, str] = {}
    for m in matches:
        for q in m.quotes:
            old = best.get(q)
            if old is None or RELATION_SEVERITY.index(m.relation) < RELATION_SEVERITY.index(old):
                best[q] = m.relation
    return best


def _marks(an: Analysis, comparison: Comparison | None, names: Mapping[str, str]) -> list[Mark]:
    marks: list[Mark] = []
    claims = {c.sentence: c for c in comparison.claims if c.article == an.article.id} if comparison else {}
    for idx, s in enumerate(an.sentences):
        claim = claims.get(idx)
        if claim is None or comparison is None or len(comparison.articles) < 2:
            continue
        if claim.shared_with:
            others = sorted({names.get(w.article, w.article) for w in claim.shared_with})
            marks.append(Mark(s.start, s.end, "shared", "also reported by " + ", ".join(others), lead="shared-start"))
        else:
            marks.append(Mark(s.start, s.end, "only", "only in this article", lead="only-start"))
    relation = _quote_relations(comparison.quote_matches) if comparison else {}
    for q in an.quotes:
        rel = "scare" if q.kind == "scare" else relation.get(q.id, "single")
        who = q.speaker or ("the author (scare quotes)" if q.kind == "scare" else "unattributed")
        title = f"quote ({q.kind}) by {who}" + ("" if rel in ("single", "scare") else f"; {rel} elsewhere")
        marks.append(Mark(q.start, q.end, f"q q-{rel}", title, (("q", q.id),)))
    if an.framing:
        for f in an.framing.spans:
            if f.field == "text":
                voice = "" if f.voice == "author" else f" ({f.voice})"
                marks.append(Mark(f.start, f.end, "f" if f.voice == "author" else "f f-other",
                                  f"{f.category}{voice}: {f.reason}"))
    return marks


def _ledger_row(m: QuoteMatch, quotes: Mapping[str, tuple[Analysis, Any]], names: Mapping[str, str]) -> LedgerRow:
    (an_a, qa), (an_b, qb) = quotes[m.quotes[0]], quotes[m.quotes[1]]
    return LedgerRow(
        relation=m.relation,
        a_outlet=names[an_a.article.id], a_text=qa.text, a_speaker=qa.speaker or "?",
        b_outlet=names[an_b.article.id], b_text=qb.text, b_speaker=qb.speaker or "?",
        diff=tuple((d.op, d.a, d.b) for d in m.diff),
        note=m.note,
        quotes=m.quotes,
    )


def story_view(
    story: Story, comparison: Comparison | None, analyses: Mapping[str, Analysis], link: Link | None = None
) -> StoryView:
    """The view of one story. `link` says how the page shows the ids its history names (articles and
    stories elsewhere in a report, or pages of the web app); by default only this story's own articles
    are linked, to their columns."""
    members = [analyses[a] for a in story.articles if a in analyses]
    names = member_names(story, members)
    outlets = {an.article.id: outlet_name(an) for an in members}  # a role names the original by outlet alone
    if link is None:
        own = {an.article.id: an for an in members}

        def link(x: str) -> Ref | None:
            return article_ref(own[x], f"#a-{x}") if x in own else None
    quotes = {q.id: (an, q) for an in members for q in an.quotes}
    ledger = [
        _ledger_row(m, quotes, names)
        for m in (comparison.quote_matches if comparison else ())
        if len(m.quotes) == 2 and all(q in quotes for q in m.quotes)
    ]
    panels: dict[str, list[LedgerRow]] = defaultdict(list)
    for row in ledger:
        for q in row.quotes:
            panels[q].append(row)
    articles = []
    for an in members:
        a = an.article
        claims = [c for c in (comparison.claims if comparison else ()) if c.article == a.id]
        title_flags = tuple(
            f"{f.category}: {f.reason}" for f in (an.framing.spans if an.framing else ()) if f.field == "title"
        )
        articles.append(ArticleView(
            id=a.id, outlet=outlet_name(an), title=title_of(a), published=a.published or "undated",
            source=a.source, role=role_of(story, a.id, outlets),
            genre=an.genre.label if an.genre else "unknown",
            genre_signals=an.genre.signals if an.genre else (),
            rates=tuple(sorted((an.framing.rates if an.framing else {}).items())),
            words=len(a.text.split()),
            paragraphs=paragraphs(a.text, _marks(an, comparison, names)),
            removed=tuple((r.text, r.reason) for r in a.removed),
            title_flags=title_flags,
            only_here=sum(1 for c in claims if not c.shared_with),
            shared=sum(1 for c in claims if c.shared_with),
            original=v.of if (v := story.versions.get(a.id)) and v.of in outlets else "",
        ))
    facts = [
        (fc.relation, tuple((names.get(it.article, it.article), it.text) for it in fc.items), fc.note)
        for fc in (comparison.facts if comparison else ())
    ]
    coverage = [
        Bar(c.entity, c.label, tuple(
            (names[a], c.mentions.get(a, 0), c.quotes.get(a, 0), c.quoted_words_share.get(a, 0.0))
            for a in names
        ))
        for c in sorted(comparison.coverage if comparison else (), key=lambda c: -sum(c.mentions.values()))[:12]
    ]
    titles = {an.article.id: title_of(an.article) for an in members}
    pairs = [
        PairRow(names[p.articles[0]], titles[p.articles[0]], names[p.articles[1]], titles[p.articles[1]],
                p.similarity, p.level, tuple((k, v) for k, v in p.signals.items() if v))
        for p in (comparison.pairs if comparison else ())
        if all(a in names for a in p.articles)
    ]
    pairs, pairs_hidden = pairs[:PAIR_ROWS], max(0, len(pairs) - PAIR_ROWS)
    return StoryView(
        id=story.id, title=story_title([an.article for an in members]) or story.id,
        first_seen=story.first_seen or "?", last_seen=story.last_seen or "?",
        articles=articles, ledger=ledger, facts=facts, coverage=coverage,
        outlets=tuple(names[a.article.id] for a in members),
        history=tuple(history_refs(h, link) for h in story.history), quote_panels=dict(panels),
        pairs=pairs, pairs_hidden=pairs_hidden,
    )

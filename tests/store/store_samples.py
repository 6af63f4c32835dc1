"""Hand-built articles, analyses, stories and comparisons for the store tests (sentences we wrote ourselves)."""

from __future__ import annotations

import time
from typing import Any

from framescope.models import (
    Analysis,
    Article,
    Claim,
    Comparison,
    Coverage,
    DiffOp,
    Entity,
    Fact,
    FactCheck,
    FactItem,
    Framing,
    FramingSpan,
    Genre,
    Heading,
    Quote,
    QuoteGroup,
    QuoteMatch,
    Removed,
    Sentence,
    SharedWith,
    Story,
)

BODY = (
    "Riverton (FSN) - The council approved a budget of $4.5 million on Tuesday, officials said.\n\n"
    "New bridge\n\n"
    '"We will finish the bridge by 2026," Mayor Ana Ruiz told reporters, calling critics \u201calarmists\u201d.'
)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def make_article(
    aid: str = "art-1",
    *,
    outlet: str = "Riverton Daily",
    title: str = "Council approves bridge budget",
    published: str | None = "2024-03-05",
    text: str = BODY,
) -> Article:
    h0, h1 = _span(text, "New bridge") if "New bridge" in text else (0, 0)
    return Article(
        id=aid,
        source=f"https://news.example/{aid}.html",
        text=text,
        url=f"https://news.example/{aid}.html",
        outlet=outlet,
        title=title,
        published=published,
        author="Lee Park",
        language="en",
        dateline="Riverton (FSN) -",
        removed=(Removed("Share this article", "share_widget"), Removed("Photo: city archive", "caption")),
        headings=(Heading("New bridge", h0, h1),) if h1 else (),
    )


def make_analysis(aid: str = "art-1", **article_kw: object) -> Analysis:
    art = make_article(aid, **article_kw)  # type: ignore[arg-type]
    t = art.text
    s1 = _span(t, "The council approved a budget of $4.5 million on Tuesday, officials said.")
    s2 = _span(
        t, '"We will finish the bridge by 2026," Mayor Ana Ruiz told reporters, calling critics \u201calarmists\u201d.'
    )
    q = _span(t, "We will finish the bridge by 2026,")
    sp = _span(t, "Mayor Ana Ruiz")
    money = _span(t, "$4.5 million")
    year = _span(t, "2026")
    scare = _span(t, "alarmists")
    return Analysis(
        article=art,
        sentences=(
            Sentence(s1[0], s1[1], 0, t[s1[0] : s1[1]]),
            Sentence(s2[0], s2[1], 2, t[s2[0] : s2[1]]),
        ),
        entities=(
            Entity("Ana Ruiz", sp[0] + 6, sp[1], "PERSON", "Ana Ruiz"),
            Entity("Riverton", 0, 8, "GPE", "Riverton"),
        ),
        quotes=(
            Quote(f"{aid}:q1", t[q[0] : q[1]], q[0], q[1], "full", "Ana Ruiz", sp[0], sp[1], "told", 0.92),
            Quote(f"{aid}:q2", "alarmists", scare[0], scare[1], "scare"),
        ),
        facts=(
            Fact(f"{aid}:f1", "$4.5 million", money[0], money[1], "money", 4500000.0, "USD"),
            Fact(f"{aid}:f2", "2026", year[0], year[1], "year", "2026", None, "explicit year"),
            Fact(f"{aid}:f3", "Tuesday", *_span(t, "Tuesday"), "date", "2024-03-05", None, "relative to 2024-03-05"),
        ),
        framing=Framing(
            spans=(
                FramingSpan(
                    "alarmists",
                    scare[0],
                    scare[1],
                    "label",
                    "Name_Calling,Labeling",
                    "a pejorative label for a group",
                    0.8,
                    "quoted",
                ),
                FramingSpan("approves", 8, 16, "loaded_language", None, "test span in the title", 0.5, field="title"),
            ),
            rates={"label": 12.5, "hedge": 0.0},
        ),
        genre=Genre("report", 0.87, ("dateline", "attributed statements")),
    )


def make_story(
    sid: str,
    members: list[str],
    *,
    first: str | None = "2024-03-05",
    last: str | None = None,
    history: tuple[str, ...] = (),
) -> Story:
    roles = {m: ("original" if i == 0 else "copy") for i, m in enumerate(members)}
    return Story(sid, tuple(members), roles, first, last or first, history)


def make_comparison(sid: str, a: str, b: str) -> Comparison:
    return Comparison(
        story=sid,
        articles=(a, b),
        quote_matches=(
            QuoteMatch(
                (f"{a}:q1", f"{b}:q1"),
                "trimmed",
                (DiffOp("equal", "We will finish", "We will finish"), DiffOp("delete", "by 2026", "")),
                "the second drops the date",
                0.9,
            ),
        ),
        quote_groups=(QuoteGroup((f"{a}:q1", f"{b}:q1"), "Ana Ruiz", (a, b)),),
        claims=(Claim(a, 0, (SharedWith(b, 0, 0.81),)), Claim(b, 1)),
        facts=(
            FactCheck(
                "conflict",
                (
                    FactItem(a, f"{a}:f1", "$4.5 million", 4500000.0, "USD"),
                    FactItem(b, f"{b}:f1", "$5 million", 5000000.0, "USD"),
                ),
                "amounts differ",
            ),
        ),
        coverage=(Coverage("Ana Ruiz", "PERSON", {a: 1, b: 2}, {a: 1, b: 1}, {a: 0.4, b: 0.25}),),
        framing={a: {"genre": "report", "rates": {"label": 12.5}}, b: {"genre": "opinion", "rates": {}}},
    )


def ingest_range(url: str, start: int, stop: int, descending: bool, barrier: Any, out: Any) -> None:
    """Worker for the concurrency test (module-level so that a spawned process can import it)."""
    from framescope.store import open_store

    numbers = list(range(start, stop))[:: -1 if descending else 1]
    added: list[str] = []
    with open_store(url) as store:
        barrier.wait()  # both workers hold an open store: start writing at the same moment
        for i in range(0, len(numbers), 10):
            added += store.write_batch([make_analysis(f"c{j:05d}") for j in numbers[i : i + 10]]).added
            time.sleep(0.003)  # stands for the analysis of the next batch; lets the other writer in
    out.put(added)

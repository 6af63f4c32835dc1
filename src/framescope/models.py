"""The data model: frozen dataclasses that flow between the stages.

Every finding carries character offsets (`start`, `end`) into `Article.text` (or into the title where a
field says so), so that a person can check it in the source. Everything here is plain, picklable data:
the same objects move between processes and Spark tasks and round-trip through JSON (see `codec.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "framescope/1"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


# --------------------------------------------------------------------------- ingest -> clean


@dataclass(frozen=True)
class Document:
    """What ingest produces: decoded content plus where it came from and any metadata the source gave."""

    source: str  # the path or URL as the user gave it (for records inside a file: "file.jsonl#3")
    content: str  # decoded text: HTML or plain text
    format: str  # "html" | "text"
    url: str | None = None  # canonical URL when known (from the record, the feed or the fetch)
    title: str | None = None  # metadata hints from structured sources (feeds, JSONL/CSV, WARC headers)
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    author: str | None = None
    encoding: str | None = None  # the detected encoding of the raw bytes


@dataclass(frozen=True)
class Removed:
    """A line taken out of the body, with the reason (boilerplate, caption, duplicate_title, repeated, ...)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Heading:
    """A crosshead kept in the body text (it may hold a quote), marked so that it is not read as a sentence."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    id: str  # stable hash of source + body (see clean.article_id)
    source: str
    text: str  # the clean body: paragraphs separated by a blank line
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date ("2020-02-01") or datetime
    author: str | None = None
    language: str | None = None  # ISO 639-1 code
    dateline: str | None = None  # e.g. "Minsk (AFP) -", kept in text, recorded here
    removed: tuple[Removed, ...] = ()
    headings: tuple[Heading, ...] = ()


# --------------------------------------------------------------------------- analyze


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph (blank-line separated block) that holds it
    text: str


@dataclass(frozen=True)
class Entity:
    text: str
    start: int
    end: int
    label: str  # PERSON | ORG | GPE | LOC | NORP | ...
    canonical: str  # one name per real-world entity in the article ("Jane Smith", "United States")


@dataclass(frozen=True)
class Quote:
    id: str  # unique across articles: "<article id>:q<n>"
    text: str  # what lies between the quote marks: text == article.text[start:end]
    start: int
    end: int
    kind: str  # full | fragment | scare
    speaker: str | None = None  # canonical name, None when unattributable or a scare quote
    speaker_start: int | None = None  # the mention that names the speaker (may be a pronoun or description)
    speaker_end: int | None = None
    cue: str | None = None  # the reporting verb or phrase ("said", "told", "according to")
    confidence: float = 0.0  # of the speaker attribution


@dataclass(frozen=True)
class Fact:
    id: str  # "<article id>:f<n>"
    text: str  # text == article.text[start:end]
    start: int
    end: int
    kind: str  # number | percent | money | count | date | year | duration | ordinal
    value: float | str | None  # number, or ISO date / year for dates
    unit: str | None = None  # "%", "USD", "year", "people killed", ...
    note: str | None = None  # how the value was obtained ("relative to 2020-02-01", "since 1994 -> 26 years")
    # the unresolved form, so that a later stage can re-resolve it against another anchor ("weekday:5:recent",
    # "monthday:02-01", "since:1994", "ago:P3D"), or a bound on a number ("~", ">", ">=", "<", "<=")
    expr: str | None = None


@dataclass(frozen=True)
class FramingSpan:
    text: str
    start: int
    end: int
    category: str  # loaded_language | label | scare_quote | question_headline | hedge | intensifier | ...
    technique: str | None  # SemEval-2020 Task 11 name when one fits ("Loaded_Language", ...)
    reason: str  # one line: why this was flagged
    confidence: float
    voice: str = "author"  # author | quoted | attributed
    field: str = "text"  # "text" (offsets into Article.text) or "title" (offsets into Article.title)


@dataclass(frozen=True)
class Framing:
    spans: tuple[FramingSpan, ...] = ()
    rates: dict[str, float] = field(default_factory=dict)  # per 1,000 words, author's voice


@dataclass(frozen=True)
class Genre:
    label: str  # report | opinion | analysis | press_release | satire
    confidence: float
    signals: tuple[str, ...] = ()  # what decided it, human-readable


@dataclass(frozen=True)
class Analysis:
    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    facts: tuple[Fact, ...] = ()
    framing: Framing | None = None
    genre: Genre | None = None


# --------------------------------------------------------------------------- cluster


@dataclass(frozen=True)
class Story:
    id: str
    articles: tuple[str, ...]  # article ids
    roles: dict[str, str]  # article id -> original | copy | rewrite | report
    first_seen: str | None = None  # ISO datetime of the earliest member
    last_seen: str | None = None
    history: tuple[str, ...] = ()  # merges and splits, human-readable, oldest first
    versions: dict[str, Version] = field(default_factory=dict)  # copy or rewrite id -> what it is a version of


@dataclass(frozen=True)
class Version:
    """What a copy or rewrite (cluster.roles) is a version of: its story's original, and how much text they share."""

    of: str  # the original's article id
    shared: float  # share of the shorter text's 5-word shingles found in the other (MinHash estimate), 0..1


# --------------------------------------------------------------------------- compare


@dataclass(frozen=True)
class DiffOp:
    op: str  # equal | insert | delete | replace
    a: str  # words from the first quote ("" for insert)
    b: str  # words from the second quote ("" for delete)


@dataclass(frozen=True)
class QuoteMatch:
    quotes: tuple[str, ...]  # quote ids (two: a, b)
    relation: str  # exact | equivalent | trimmed | extended | altered | misattributed
    diff: tuple[DiffOp, ...] = ()
    note: str = ""
    score: float = 0.0


@dataclass(frozen=True)
class QuoteGroup:
    """One quotation as carried by several outlets (and where it appears in only one)."""

    quotes: tuple[str, ...]
    speaker: str | None
    articles: tuple[str, ...]


@dataclass(frozen=True)
class SharedWith:
    article: str
    sentence: int
    score: float


@dataclass(frozen=True)
class Claim:
    article: str
    sentence: int  # index into that article's sentences
    shared_with: tuple[SharedWith, ...] = ()


@dataclass(frozen=True)
class FactItem:
    article: str
    fact: str  # fact id
    text: str
    value: float | str | None
    unit: str | None = None


@dataclass(frozen=True)
class FactCheck:
    relation: str  # consistent | conflict
    items: tuple[FactItem, ...]
    note: str = ""


@dataclass(frozen=True)
class Coverage:
    entity: str  # canonical name
    label: str
    mentions: dict[str, int] = field(default_factory=dict)  # article id -> mentions
    quotes: dict[str, int] = field(default_factory=dict)  # article id -> quotes attributed
    quoted_words_share: dict[str, float] = field(default_factory=dict)  # article id -> share of quoted words


@dataclass(frozen=True)
class PairSimilarity:
    """How alike two articles of a story are overall (cluster.similarity), and the similarities behind it."""

    articles: tuple[str, str]  # article ids
    similarity: float  # 0 (very dissimilar) .. 1 (very similar)
    level: str  # very similar | somewhat similar | somewhat dissimilar | very dissimilar
    signals: dict[str, float] = field(default_factory=dict)  # each similarity weighed, by name (cluster.model)


@dataclass(frozen=True)
class Comparison:
    story: str
    articles: tuple[str, ...]
    quote_matches: tuple[QuoteMatch, ...] = ()
    quote_groups: tuple[QuoteGroup, ...] = ()
    claims: tuple[Claim, ...] = ()
    facts: tuple[FactCheck, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    framing: dict[str, Any] = field(default_factory=dict)  # article id -> {genre, rates, top spans}
    pairs: tuple[PairSimilarity, ...] = ()  # how alike the articles are, most alike first


@dataclass(frozen=True)
class Problem:
    """A document that a batch skipped, and why (one line)."""

    source: str
    message: str

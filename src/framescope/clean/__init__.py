"""Document -> Article: boilerplate removal, metadata (title, outlet, date, author), captions and crossheads.

HTML goes through trafilatura (`extract.py`); its paragraphs, like the lines of already-scraped text, then go
through the line rules (`boilerplate.py`) and the layout (`structure.py`). `metadata.py` finds the outlet,
dateline, date and language. `clean_batch` also finds lines that repeat across several documents of one
outlet (site chrome that no rule knows) and removes them with reason "repeated".
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from framescope.clean import headline, metadata
from framescope.clean.author import tidy_author
from framescope.clean.boilerplate import norm_line
from framescope.clean.extract import Extracted, extract_html
from framescope.clean.repair import repair, repair_optional
from framescope.clean.structure import Body, build_body
from framescope.clean.title import without_site
from framescope.errors import InputError
from framescope.models import Article, Document, Problem

__all__ = ["article_id", "clean", "clean_batch", "find_repeated", "find_shared_titles"]

log = logging.getLogger(__name__)

# A line is outlet chrome when it appears in at least this many distinct documents of the outlet ...
REPEATED_MIN_DOCS = 3
# ... and in at least this share of them (a stock sentence in a few of a thousand articles is not chrome).
REPEATED_MIN_SHARE = 0.25
# Two articles whose openings (OPENING_CHARS) share less than this share of their words are different texts:
# a title several such articles bear is not a headline (find_shared_titles).
SHARED_TITLE_OVERLAP = 0.5
OPENING_CHARS = 1000
# clean_batch holds this many documents (as extracted lines, not raw HTML) to find repeated lines.
BATCH_WINDOW = 2000

_WORDS = re.compile(r"[^\W\d_]{2}")
_WORD_RUN = re.compile(r"\w+")
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class _Prepared:
    doc: Document
    blocks: tuple[tuple[str, ...], ...]
    extracted: Extracted | None
    group: str | None  # the outlet key for repeated lines: domain, outlet hint or self-reference


def article_id(source: str, text: str) -> str:
    """Stable id: the same source with the same clean body always gets the same id."""
    return hashlib.sha256(f"{source}\0{text}".encode()).hexdigest()[:16]


def clean(doc: Document, *, repeated: frozenset[str] = frozenset()) -> Article:
    """Clean one document; `repeated` holds normalized lines known to be outlet chrome (see find_repeated).

    Raises InputError when no article text is left.
    """
    return _finish(_prepare(doc), repeated)


def clean_batch(docs: Iterable[Document]) -> Iterator[Article | Problem]:
    """Clean documents; lines repeated across documents of one outlet are treated as boilerplate."""
    window: list[_Prepared | Problem] = []
    for doc in docs:
        window.append(_safe_prepare(doc))
        if len(window) >= BATCH_WINDOW:
            yield from _flush(window)
            window = []
    yield from _flush(window)


def find_repeated(groups: dict[str, list[Sequence[str]]]) -> dict[str, frozenset[str]]:
    """Per outlet group, the normalized lines found in several of its distinct documents."""
    out: dict[str, frozenset[str]] = {}
    for group, docs in groups.items():
        distinct = {tuple(lines) for lines in docs}
        if len(distinct) < REPEATED_MIN_DOCS:
            continue
        counts: Counter[str] = Counter()
        for lines in distinct:
            counts.update({norm_line(line) for line in lines if line.strip()})
        need = max(REPEATED_MIN_DOCS, math.ceil(REPEATED_MIN_SHARE * len(distinct)))
        found = frozenset(line for line, n in counts.items() if n >= need)
        if found:
            out[group] = found
    return out


def _flush(window: list[_Prepared | Problem]) -> Iterator[Article | Problem]:
    groups: dict[str, list[Sequence[str]]] = defaultdict(list)
    for item in window:
        if isinstance(item, _Prepared) and item.group:
            groups[item.group].append([line for block in item.blocks for line in block])
    repeated = find_repeated(groups)
    done = [item if isinstance(item, Problem) else _safe_finish(item, repeated.get(item.group or "", frozenset()))
            for item in window]
    # A title that documents of different texts share is a site's name or slogan, not their headline: they are
    # cleaned again without it (the line leaves the body as "repeated", and the body's own headline is sought).
    # Counted over the pages' own titles, before any gave way to a headline of the page (headline.py): pages
    # that found theirs still show that the others' title is the site's.
    pairs = [(item, out) for item, out in zip(window, done, strict=True) if isinstance(out, Article)]
    shared = find_shared_titles([a for _, a in pairs], titles=[_page_title(item, a) for item, a in pairs])
    for i, (item, out) in enumerate(zip(window, done, strict=True)):
        if (isinstance(item, _Prepared) and isinstance(out, Article) and out.title and not item.doc.title
                and norm_line(out.title) in shared):
            done[i] = _safe_finish(item, repeated.get(item.group or "", frozenset()) | shared, shared)
    yield from done


def _page_title(item: _Prepared | Problem, article: Article) -> str | None:
    """The title a page's metadata gave, where the headline rule replaced it; else the article's (which may be
    that title without the site's name: the key the second pass below looks it up by)."""
    if isinstance(item, _Prepared) and item.extracted is not None and not item.doc.title and item.extracted.title:
        page = _one_line(item.extracted.title)
        replaced = not (article.title and norm_line(article.title) in norm_line(page or ""))
        if page and replaced and headline.not_its_headline(page, article.text):
            return page
    return article.title


def find_shared_titles(articles: Sequence[Article], titles: Sequence[str | None] | None = None) -> frozenset[str]:
    """Normalized titles that at least REPEATED_MIN_DOCS articles of different texts share: copies of one
    story share their headline too, so only articles whose openings are unalike count (SHARED_TITLE_OVERLAP).
    `titles`, one per article, stands in for their titles (the pages' own, before a headline replaced them)."""
    by_title: dict[str, list[Article]] = defaultdict(list)
    for a, title in zip(articles, titles if titles is not None else [a.title for a in articles], strict=True):
        if title and (key := norm_line(title)):
            by_title[key].append(a)
    shared = set()
    for key, group in by_title.items():
        if len(group) < REPEATED_MIN_DOCS:
            continue
        unalike: list[frozenset[str]] = []
        for a in group:
            words = _opening_words(a.text)
            if all(_overlap(words, other) < SHARED_TITLE_OVERLAP for other in unalike):
                unalike.append(words)
        if len(unalike) >= REPEATED_MIN_DOCS:
            shared.add(key)
    return frozenset(shared)


def _opening_words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD_RUN.findall(text[:OPENING_CHARS]))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def _safe_finish(
    item: _Prepared, repeated: frozenset[str], shared_titles: frozenset[str] = frozenset()
) -> Article | Problem:
    try:
        return _finish(item, repeated, shared_titles)
    except InputError as exc:
        return Problem(exc.source, exc.problem)
    except Exception as exc:  # one bad document must not stop the batch
        log.exception("cleaning %s failed", item.doc.source)
        return Problem(item.doc.source, f"could not be cleaned: {type(exc).__name__}: {exc}")


def _safe_prepare(doc: Document) -> _Prepared | Problem:
    try:
        return _prepare(doc)
    except InputError as exc:
        return Problem(exc.source, exc.problem)
    except Exception as exc:
        log.exception("reading %s failed", doc.source)
        return Problem(doc.source, f"could not be read: {type(exc).__name__}: {exc}")


def _prepare(doc: Document) -> _Prepared:
    extracted: Extracted | None = None
    if doc.format == "html":
        extracted = extract_html(doc.content, doc.url)
        blocks: tuple[tuple[str, ...], ...] = tuple((p,) for p in extracted.paragraphs)
        url = doc.url or extracted.url
    else:
        blocks = tuple(
            tuple(line.strip() for line in chunk.splitlines() if line.strip()) for chunk in _BLANK.split(doc.content)
        )
        blocks = tuple(b for b in blocks if b)
        url = doc.url
    # After extraction, not on the raw page: an HTML entity such as &#147; becomes a C1 control only here.
    fixed = tuple(tuple(repair(line) for line in block) for block in blocks)
    if fixed != blocks:
        changed = sum(a != b for block, was in zip(fixed, blocks, strict=True) for a, b in zip(block, was, strict=True))
        log.info("%s: mis-decoded characters repaired in %d line(s)", doc.source, changed)
        blocks = fixed
    group = metadata.domain_of(url) or (doc.outlet or "").casefold() or None
    if group is None and doc.format != "html":
        group = (metadata.self_reference(doc.content[:20000]) or "").casefold() or None
    # the window holds lines, not raw pages: drop the content once it has been read
    return _Prepared(dataclasses.replace(doc, content=""), blocks, extracted, group)


def _finish(prep: _Prepared, repeated: frozenset[str], shared_titles: frozenset[str] = frozenset()) -> Article:
    doc, ex = _repaired(prep.doc), prep.extracted
    if ex is not None:
        ex = dataclasses.replace(ex, headings=frozenset(map(repair, ex.headings)), title=repair_optional(ex.title),
                                 author=repair_optional(ex.author), sitename=repair_optional(ex.sitename))
    title = _one_line(doc.title) or (_one_line(ex.title) if ex else None)
    if title and not doc.title and norm_line(title) in shared_titles:
        title = None  # the page's metadata title is its site's (find_shared_titles): seek the headline
    body = build_body(
        prep.blocks,
        title=title,
        find_title=title is None,
        repeated=repeated,
        known_headings=ex.headings if ex else frozenset(),
        other_titles=[t for t in (ex.title if ex else None, doc.title) if t],
    )
    if (
        not _WORDS.search(body.text) and ex is None and body.title and body.removed
        and all(r.reason == "duplicate_title" for r in body.removed)
    ):
        # A record or feed item that is nothing but its headline (an export of headlines mapped as text):
        # the headline is its text. Not for HTML, where this means the extraction found no article.
        body = dataclasses.replace(body, text=body.title, removed=())
    if not _WORDS.search(body.text):  # nothing, or only punctuation and digits
        why = f"{len(body.removed)} line(s) removed as boilerplate" if body.removed else "no text found"
        if ex is not None and ex.method == "none":
            why = "no article text found in the HTML"
        raise InputError(doc.source, f"no article text left after cleaning ({why})")

    if ex is not None and ex.headlines and not doc.title and headline.not_its_headline(body.title, body.text):
        # the page's title names its site or section, not this article: a short text of the page that the
        # opening repeats is the headline (headline.py)
        found = headline.pick(ex.headlines, body.text, body.text)
        if found:
            body = dataclasses.replace(body, title=found)
    paragraphs = body.text.split("\n\n", 2)
    dateline = metadata.find_dateline(paragraphs[0])
    if dateline is None and len(paragraphs) > 1 and "\n" not in paragraphs[0] and len(paragraphs[0].split()) <= 30:
        # a headline the title rules did not take (one ending in a period) above a dateline that opens the body
        dateline = metadata.find_dateline(paragraphs[1])
    url = doc.url or (ex.url if ex else None)
    everything = "\n".join([body.text, *(r.text for r in body.removed)])
    outlet = (
        doc.outlet
        or (dateline.outlet if dateline else None)
        or metadata.self_reference(everything)
        or (ex.sitename if ex else None)
        or metadata.outlet_from_url(url)
    )
    domain = metadata.domain_of(url)
    site_names = (outlet, doc.outlet, ex.sitename if ex else None, domain, domain.split(".")[0] if domain else None)
    published = (
        metadata.iso_date(doc.published)
        or _page_date(metadata.iso_date(ex.date) if ex else None, body)
        or metadata.date_from_url(url)
        or metadata.iso_date(body.date_text)
        or (dateline.published if dateline else None)
    )
    return Article(
        id=article_id(doc.source, body.text),
        source=doc.source,
        text=body.text,
        url=url,
        outlet=outlet,
        title=without_site(body.title, site_names),
        published=published,
        author=tidy_author(doc.author or (ex.author if ex else None) or body.author, site_names),
        language=metadata.language(body.text),
        dateline=dateline.text if dateline else None,
        removed=body.removed,
        headings=body.headings,
    )


def _page_date(found: str | None, body: Body) -> str | None:
    """The day the page's metadata gives (htmldate through trafilatura), unless the page prints its own date
    line ("Published: Friday, January 18, 2008", or a date alone around the headline) naming another day
    beyond doubt. htmldate's search for the original date can return a copyright year ("2004-01-01"), a date
    of 1998 on a page of 2008 or a month and day swapped; what the page prints above its article is its own
    word. Not an "Updated: ..." line (an update comes after the publication), and not "10/01/2008", which
    is either of two days."""
    stated = metadata.iso_date(body.date_text)
    if (
        found and stated and body.date_text and not body.date_is_update and stated[:10] != found[:10]
        and metadata.says_day_and_month(body.date_text)
    ):
        return stated
    return found


def _repaired(doc: Document) -> Document:
    """The record's own metadata (a feed's or an export's title, outlet, author) with mis-decoded characters
    put right, like the body's lines."""
    return dataclasses.replace(doc, title=repair_optional(doc.title), outlet=repair_optional(doc.outlet),
                               author=repair_optional(doc.author))


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None

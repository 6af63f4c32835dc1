"""HTML -> main text and metadata, through trafilatura.

The chain (measured on the 181-page benchmark, see docs/cleaning.md and bench/extraction.py):
1. trafilatura with `favor_precision` and without comments: best F1 of the settings tried;
2. when that yields nothing or a small part of what the balanced setting finds (a page whose article
   sits in a container precision mode distrusts), trafilatura's balanced setting, which also retries
   with recall settings on its own;
3. when trafilatura finds nothing at all, its `baseline` (every paragraph-like element of the page).
Nothing here raises on hostile markup: parser and recursion errors become "no text", and the caller turns
"no text" into an InputError.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass
from typing import Any

from framescope.clean.headline import candidates
from framescope.clean.layout import unwrap_layout_tables
from framescope.clean.links import PRUNE, mark_link_lists
from framescope.clean.published import with_time

log = logging.getLogger(__name__)

# Precision output shorter than this may have missed the article: only then is the balanced pass run.
SHORT_TEXT = 1000
# ... and the balanced text replaces it when the precision text is under this share of its length.
MIN_SHARE = 0.2

_DOCUMENT_TAG = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
_FAILURES = (ValueError, TypeError, RecursionError, MemoryError, AttributeError, IndexError, LookupError)


@dataclass(frozen=True)
class Extracted:
    paragraphs: tuple[str, ...]  # in page order, one per block, stripped, none empty
    headings: frozenset[str] = frozenset()  # texts of the <h1>-<h6> kept in the body
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    method: str = "precision"  # precision | balanced | baseline | none
    headlines: tuple[str, ...] = ()  # the page's short stand-alone texts, for a title that is not a headline


def extract_html(html: str, url: str | None = None) -> Extracted:
    """The article of an HTML page: paragraphs, crossheads and metadata (empty paragraphs when none found)."""
    import trafilatura

    _quiet_libraries()
    if not _DOCUMENT_TAG.search(html[:10000]):
        html = f"<html><body>{html}</body></html>"  # a fragment: trafilatura only parses whole documents
    page = _marked(html)
    headlines = _headlines(page)  # before extraction, which prunes the tree
    doc = _bare(trafilatura, page, url, favor_precision=True, with_metadata=True)
    method = "precision"
    text = _text(doc)
    if len(text) < SHORT_TEXT:
        balanced = _bare(trafilatura, page, url, with_metadata=doc is None)
        if _text(balanced) and len(text) < MIN_SHARE * len(_text(balanced)):
            meta = doc
            doc, method, text = balanced, "balanced", _text(balanced)
            if meta is not None:  # keep the metadata the first pass already read
                _copy_meta(meta, doc)
    if doc is None or not text:
        return dataclasses.replace(_baseline(html, url, meta=doc), headlines=headlines)
    return Extracted(
        paragraphs=_paragraphs(text),
        headings=_headings(getattr(doc, "body", None)),
        title=_attr(doc, "title"),
        author=_attr(doc, "author"),
        date=with_time(html, _attr(doc, "date")),
        sitename=_attr(doc, "sitename"),
        url=_attr(doc, "url") or url,
        method=method,
        headlines=headlines,
    )


def _headlines(page: Any) -> tuple[str, ...]:
    if isinstance(page, str):
        return ()
    try:
        return candidates(page)
    except Exception as exc:  # hostile markup: no candidates rather than a traceback
        log.debug("reading the page's short texts failed: %r", exc)
        return ()


def _quiet_libraries() -> None:
    """trafilatura logs a warning for every page it gives up on; we report such pages ourselves, once, as an
    InputError. A level the application set explicitly is left alone."""
    for name in ("trafilatura", "htmldate", "courlan"):
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.ERROR)


def _marked(html: str) -> Any:
    """The page as a tree with its lists of links marked for pruning (links.py) and its layout tables made
    plain blocks (layout.py), or the page itself when it cannot be parsed here: trafilatura then parses it
    and decides alone."""
    try:
        from trafilatura.utils import load_html

        tree = load_html(html)
        if tree is None:
            return html
        mark_link_lists(tree)
        unwrap_layout_tables(tree)
        return tree
    except Exception as exc:  # hostile markup: never a traceback, trafilatura's own parse takes over
        log.debug("preparing the page failed: %r", exc)
        return html


def _bare(trafilatura: Any, html: Any, url: str | None, **options: Any) -> Any:
    try:
        return trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=True, prune_xpath=PRUNE, **options
        )
    except _FAILURES as exc:  # hostile or broken markup: the next step of the chain takes over
        log.debug("trafilatura failed on %s: %s", url, exc)
        return None
    except Exception as exc:  # lxml raises its own classes (ParserError, XMLSyntaxError, ...)
        log.debug("trafilatura failed on %s: %r", url, exc)
        return None


def _baseline(html: str, url: str | None, meta: Any) -> Extracted:
    from trafilatura import baseline

    try:
        _tree, text, _length = baseline(html)
    except Exception as exc:  # same as above: never a traceback for bad markup
        log.debug("trafilatura baseline failed on %s: %r", url, exc)
        text = ""
    if meta is None:
        meta = _metadata(html, url)
    paragraphs = _paragraphs(text or "")
    return Extracted(
        paragraphs=paragraphs,
        title=_attr(meta, "title"),
        author=_attr(meta, "author"),
        date=with_time(html, _attr(meta, "date")),
        sitename=_attr(meta, "sitename"),
        url=_attr(meta, "url") or url,
        method="baseline" if paragraphs else "none",
    )


def _metadata(html: str, url: str | None) -> Any:
    try:
        from trafilatura import extract_metadata

        return extract_metadata(html, default_url=url)
    except Exception as exc:
        log.debug("metadata extraction failed on %s: %r", url, exc)
        return None


def _copy_meta(src: Any, dst: Any) -> None:
    for name in ("title", "author", "date", "sitename", "url"):
        if getattr(dst, name, None) is None and getattr(src, name, None) is not None:
            setattr(dst, name, getattr(src, name))


def _text(doc: Any) -> str:
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def _attr(doc: Any, name: str) -> str | None:
    value = getattr(doc, name, None) if doc is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _headings(body: Any) -> frozenset[str]:
    if body is None:
        return frozenset()
    try:
        return frozenset(t for el in body.iter("head") if (t := " ".join("".join(el.itertext()).split())))
    except Exception:  # a heading set is a nicety; the text is what matters
        return frozenset()

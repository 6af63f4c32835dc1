"""Read the MEANTIME corpus (Minard et al., LREC 2016) as articles in four languages with their true stories.

MEANTIME holds 120 English Wikinews articles (2004-2011, four topics of 30: Airbus and Boeing, Apple, General
Motors and Chrysler, stock markets) and their translations into Spanish, Italian and Dutch, aligned sentence by
sentence: 480 articles. Each English article and its three translations report one event, so they are one
story; the other articles of a topic are other events of the same companies (a product launch of one year and
of the next, two quarterly results): a multilingual test with the same-actors hard case built in.

The corpus is public (CC BY 4.0); it is read from a path and never committed. A CoNLL copy of each language is
in the public repository anastasia-zhukova/Diverse_CDCR_datasets, `MEANTIME-prep/output_data/<lang>/
meantime.conll` (one token per line: document id, sentence, token number, token, coreference). The first
sentence of an article is its headline, the second its date line ("March 01, 2008"); the text is rebuilt with
sentences as paragraphs and goes through our cleaner as any plain-text article would (title, language). The
date line is passed as the article's publication date, as an export's date field would be (the cleaner reads
it too); `dated=False` withholds it, so the articles are undated and the time window has no say.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ecbplus import detokenize
from framescope.clean import clean
from framescope.clean.metadata import iso_date
from framescope.errors import FramescopeError
from framescope.models import Article, Document

LANGUAGES = ("en", "es", "it", "nl")


@dataclass(frozen=True)
class Doc:
    article: Article
    event: str  # the English article's id: the same for its translations
    topic: str
    language: str  # the language of the corpus section (the article's own is detected by the cleaner)


def _documents(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    doc_id, sentences, current = "", [], -1
    for line in path.open(encoding="utf-8"):
        if line.startswith("#begin document"):
            doc_id = line.split("(", 1)[1].split(")", 1)[0]
            sentences, current = [], -1
        elif line.startswith("#end document"):
            yield doc_id, sentences
        elif line.strip():
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            sentence = int(cols[1])
            if sentence != current:
                sentences.append([])
                current = sentence
            sentences[-1].append(cols[3])
    if sentences and doc_id:  # a file without #end document lines
        yield doc_id, sentences


def read_corpus(root: Path, languages: tuple[str, ...] = LANGUAGES, *, dated: bool = True) -> Iterator[Doc]:
    """Every article of `root/<lang>.conll` or `root/<lang>/meantime.conll` for each language found."""
    found = False
    for lang in languages:
        path = next((p for p in (root / f"{lang}.conll", root / lang / "meantime.conll") if p.is_file()), None)
        if path is None:
            continue
        found = True
        seen: set[str] = set()
        for doc_id, sentences in _documents(path):
            if doc_id in seen:
                continue
            seen.add(doc_id)
            lines = [detokenize(s) for s in sentences if s]
            published = iso_date(lines[1]) if dated and len(lines) > 1 else None
            try:
                article = clean(
                    Document(source=f"{path}#{doc_id}", content="\n\n".join(lines), format="text", published=published)
                )
            except FramescopeError as exc:
                print(f"  skipped {exc}", file=sys.stderr)
                continue
            if not dated:
                article = replace(article, published=None)
            yield Doc(article, doc_id, doc_id.split("/")[0], lang)
    if not found:
        raise SystemExit(f"{root}: no MEANTIME files (<lang>.conll or <lang>/meantime.conll) found")

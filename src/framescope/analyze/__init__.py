"""Article -> Analysis: sentences, entities, quotes with speakers, normalized facts, framing and genre.

spaCy objects stay inside this package: what leaves it is plain data (`models.Analysis`). Texts are parsed
in batches with `nlp.pipe`; each finder below reads the same parse, so every article is parsed once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import tee

from framescope.analyze.entities import find_entities
from framescope.analyze.facts import find_facts
from framescope.analyze.framing import find_framing
from framescope.analyze.genre import classify_genre
from framescope.analyze.nlp import parse
from framescope.analyze.quotes import find_quotes
from framescope.analyze.sentences import find_sentences
from framescope.models import Analysis, Article


def analyze_many(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Analysis]:
    """Analyze articles in order, parsing them in batches."""
    for_text, for_result = tee(articles)
    docs = parse((a.text for a in for_text), batch_size=batch_size)
    for article, doc in zip(for_result, docs, strict=True):
        sentences = find_sentences(article, doc)
        entities = find_entities(article, doc)
        quotes = find_quotes(article, doc, entities)
        facts = find_facts(article, doc)
        framing = find_framing(article, doc, quotes, entities)
        genre = classify_genre(article, doc, quotes, framing)
        yield Analysis(
            article=article,
            sentences=sentences,
            entities=entities,
            quotes=quotes,
            facts=facts,
            framing=framing,
            genre=genre,
        )


def analyze(article: Article) -> Analysis:
    """Analyze one article (prefer `analyze_many` for many)."""
    return next(analyze_many([article], batch_size=1))

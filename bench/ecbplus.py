"""Read the ECB+ corpus (Cybulska and Vossen, LREC 2014) as articles with their true events.

ECB+ has 43 topics (a kind of event: a celebrity entering rehab, an earthquake, a bank robbery...) and each
topic two "sub-topics": two different real events of that kind, each reported by several outlets (about 982
news articles in all, found by Google Search). Grouping the articles of the corpus into its sub-topics is a
real multi-outlet test of story grouping with a hard case built in: the other sub-topic of a topic is the
same kind of event with other actors, places and dates.

The corpus is public (CC BY 3.0); it is read from a path and never committed. One copy is in the public
repository tommasoc80/EventStoryLine, folder `ECB+_LREC2014/ECB+` (one folder per topic, `T_Necb.xml` for the
first sub-topic and `T_Necbplus.xml` for the second). Files hold tokens; the text is rebuilt from them with
sentences as paragraphs and goes through our own cleaner as any plain-text article would (title, date,
outlet, language, junk lines). ECB+ articles open with their URL: it becomes the document's `url`.

Splits used by the event-coreference literature (Cybulska and Vossen 2015; Barhom et al. 2019): dev topics
2 5 12 18 21 23 34 35, test topics 36-45, train the rest.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framescope.clean import clean
from framescope.errors import FramescopeError
from framescope.models import Article, Document

DEV = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
TEST = frozenset(range(36, 46))
_FILE = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%'\"") | {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = frozenset("([{$") | {"``"}
_QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True)
class Doc:
    article: Article
    topic: int
    event: str  # "<topic>_ecb" or "<topic>_ecbplus": the sub-topic, one real event

    @property
    def split(self) -> str:
        return "test" if self.topic in TEST else "dev" if self.topic in DEV else "train"


def detokenize(tokens: list[str]) -> str:
    out: list[str] = []
    glue = True
    for tok in tokens:
        if out and not glue and tok not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(_QUOTES.get(tok, tok))
        glue = tok in _NO_SPACE_AFTER
    return "".join(out)


def read_doc(path: Path) -> Doc | None:
    m = _FILE.match(path.name)
    if not m:
        return None
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    lines = [detokenize(sentences[k]) for k in sorted(sentences)]
    url = None
    if lines and lines[0].replace(" ", "").startswith("http"):
        url = lines.pop(0).replace(" ", "")
    text = "\n\n".join(line for line in lines if line.strip())
    try:
        article = clean(Document(source=str(path), content=text, format="text", url=url))
    except FramescopeError as exc:  # as in a real batch: the document is reported and skipped
        print(f"  skipped {exc}", file=sys.stderr)
        return None
    return Doc(article, int(m.group(1)), f"{m.group(1)}_{m.group(3)}")


def read_corpus(root: Path) -> Iterator[Doc]:
    """Every document under `root` (the `ECB+` folder, or any folder above it that holds topic folders)."""
    paths = sorted(root.rglob("*.xml"), key=lambda p: (p.parent.name, p.name))
    if not paths:
        raise SystemExit(f"{root}: no ECB+ files (*ecb.xml, *ecbplus.xml) found")
    for path in paths:
        doc = read_doc(path)
        if doc is not None:
            yield doc

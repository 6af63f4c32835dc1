"""The two seed articles against ../shared/seeds/gold.json: what `check.py foundation` checks, and more.

The seed texts are third-party: they are read from ../shared/seeds, never copied into the repo.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from framescope.clean import clean_batch
from framescope.models import Article, Document

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
pytestmark = pytest.mark.seeds


def norm(s: str | None) -> str:
    """The same normalization as check.py: NFKC, straight quotes, collapsed whitespace."""
    s = unicodedata.normalize("NFKC", s or "").replace("’", "'").replace("‘", "'")
    s = s.replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip()


@pytest.fixture(scope="module")
def seeds() -> tuple[dict, dict[str, Article]]:
    if not (SEEDS / "gold.json").exists():
        pytest.skip(f"../shared/seeds not found: {SEEDS.resolve()}")
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    docs = [
        Document(
            source=str(SEEDS / "articles" / name),
            content=(SEEDS / "articles" / name).read_text(encoding="utf-8"),
            format="text",
        )
        for name in gold["articles"]
    ]
    out = list(clean_batch(docs))
    arts = {}
    for item in out:
        assert isinstance(item, Article), item
        arts[Path(item.source).name] = item
    return gold, arts


def body_lines(name: str, g: dict) -> list[str]:
    raw = [norm(line) for line in (SEEDS / "articles" / name).read_text(encoding="utf-8").splitlines()]
    i = next(k for k, line in enumerate(raw) if line.startswith(g["body_first_line_starts"]))
    j = next(k for k, line in enumerate(raw) if line.startswith(g["body_last_line_starts"]))
    return [line for line in raw[i : j + 1] if line and line != norm(g.get("crosshead"))]


def test_boilerplate_lines_removed_and_recorded(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, arts = seeds
    for name, g in gold["articles"].items():
        a = arts[name]
        text = norm(a.text)
        removed = " ".join(norm(r.text) for r in a.removed)
        for line in g["boilerplate_lines"]:
            assert norm(line) not in text, (name, line)
            assert norm(line).lstrip("• ") in removed, (name, line)


def test_every_body_line_kept(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, arts = seeds
    for name, g in gold["articles"].items():
        text = norm(arts[name].text)
        for line in body_lines(name, g):
            assert line in text, (name, line[:60])


def test_titles(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, arts = seeds
    for name, g in gold["articles"].items():
        assert norm(arts[name].title) == norm(g["title"])


def test_body_starts_and_ends_where_gold_says(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, arts = seeds
    for name, g in gold["articles"].items():
        paras = arts[name].text.split("\n\n")
        assert norm(paras[0]).startswith(norm(g["body_first_line_starts"]))
        assert norm(paras[-1]).startswith(norm(g["body_last_line_starts"]))


def test_paragraph_counts(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, arts = seeds
    for name, g in gold["articles"].items():
        a = arts[name]
        paras = a.text.split("\n\n")
        assert len(paras) - len(a.headings) == g["body_paragraphs"], name


def test_caption_and_crosshead(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, arts = seeds
    for name, g in gold["articles"].items():
        a = arts[name]
        if "caption" in g:
            assert (norm(g["caption"]), "caption") in [(norm(r.text), r.reason) for r in a.removed]
            assert norm(g["caption"]) not in norm(a.text)
        if "crosshead" in g:
            assert norm(g["crosshead"]) in [norm(h.text) for h in a.headings]
            for h in a.headings:
                assert a.text[h.start : h.end] == h.text


def test_duplicate_title_lines(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, arts = seeds
    for name, g in gold["articles"].items():
        if "duplicate_title_lines" in g:
            dups = [r for r in arts[name].removed if r.reason == "duplicate_title"]
            assert len(dups) == g["duplicate_title_lines"]


def test_outlets_datelines_and_language(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, arts = seeds
    for name, g in gold["articles"].items():
        a = arts[name]
        assert a.language == "en"
        if "dateline" in g["outlet"]:  # "AFP wire story ... (dateline 'Minsk (AFP) -')"
            quoted = re.search(r"dateline '([^']+)'", g["outlet"])
            assert quoted and a.dateline == quoted.group(1)
            assert a.outlet is not None and a.outlet in g["outlet"]
        if "self-reference" in g["outlet"]:
            assert a.outlet is not None and a.outlet in g["outlet"]

"""Quotation and speaker quality: on the seeds' gold and on PolNeAR (attribution relations in news).

    .venv/bin/python bench/quotes.py [--seeds ../shared/seeds] [--polnear DIR] [--limit N]

DIR is an extracted copy of github.com/networkdynamics/PolNeAR (the repository root, its data/ folder or
data/test itself), e.g. made with `git --git-dir=<mirror> archive HEAD data/test | tar -x -C /tmp/polnear`.
Nothing here is copied into the repository.

Seeds: every gold quotation is matched to a predicted one the way ../shared/seeds/check.py does (same text after
normalization, or one containing the other at >= 80 % of the length); recall and precision by kind, and the
speaker accuracy of the matched ones.

PolNeAR (test split; where several annotators did one article, the first annotator id in sort order is used):
- "quoted" gold: every quotation-mark delimited segment inside an attribution's Content span (PolNeAR also
  annotates indirect speech; those contents have no marks and are left out here). The segment's source is the
  attribution's Source span.
- "all" gold: every Content span, direct or indirect (our quotations cannot cover indirect speech, so recall
  there is bounded by the share of direct quotation).
- Predictions: our quotations; the author's scare quotes are reported apart (PolNeAR has no such category, so
  a scare quote that is not an attribution is a false positive only in the "with scare" line).
- Exact: same characters after stripping whitespace, quotation marks and trailing , . ; : from both sides.
  Overlap: at least one character in common. One-to-one, greedily by largest overlap.
- Speaker accuracy, on overlap matches whose gold has a Source: right when our speaker mention overlaps the
  gold Source span, or when our canonical speaker's last word occurs in the Source text or in any mention of
  the Source's CoreNLP coreference chain (shipped with PolNeAR), so that "he" in the gold is checked against
  the person it refers to.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from framescope.analyze.entities import find_entities
from framescope.analyze.nlp import parse
from framescope.analyze.quotes import find_quotes
from framescope.models import Article, Document, Heading, Quote

ROOT = Path(__file__).resolve().parents[1]
QUOTE_CHARS = "\"“”„«»'"


# --------------------------------------------------------------------------- shared helpers


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("’", "'").replace("‘", "'")
    s = s.replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip()


def key(s: str | None) -> str:
    return re.sub(r"[^\w%]+", " ", norm(s).casefold()).strip()


def analyze_quotes(articles: list[Article]) -> list[tuple[Quote, ...]]:
    out = []
    for article, doc in zip(articles, parse(a.text for a in articles), strict=True):
        out.append(find_quotes(article, doc, find_entities(article, doc)))
    return out


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --------------------------------------------------------------------------- seeds


def seed_articles(seeds: Path) -> list[Article]:
    """The seed articles through the clean stage when it is available, else a minimal local cleaning."""
    out = []
    for path in sorted((seeds / "articles").glob("*.txt")):
        raw = path.read_text("utf-8")
        article = None
        try:
            from framescope.clean import clean

            article = clean(Document(source=str(path), content=raw, format="text"))
        except Exception:  # the clean stage is optional here: fall back below
            article = None
        out.append(article if isinstance(article, Article) else minimal_clean(path.name, raw))
    return out


def minimal_clean(name: str, raw: str) -> Article:
    """Body lines: long lines ending like a sentence, lines not repeated; crossheads '- ... -' kept as headings."""
    lines = [ln.strip() for ln in raw.splitlines()]
    counts: dict[str, int] = defaultdict(int)
    for ln in lines:
        counts[ln] += 1
    kept = []
    for ln in lines:
        crosshead = bool(re.fullmatch(r"-\s.+\s-", ln))
        body = len(ln.split()) >= 8 and ln[-1:] in ".!?\"”’'" and counts[ln] == 1
        if crosshead or body:
            kept.append((ln, crosshead))
    text, headings, pos = "", [], 0
    for ln, crosshead in kept:
        if text:
            text += "\n\n"
        pos = len(text)
        text += ln
        if crosshead:
            headings.append(Heading(text=ln, start=pos, end=pos + len(ln)))
    return Article(id=name.split("_")[0], source=name, text=text, headings=tuple(headings))


def match_quote(gq: dict, preds: list[Quote]) -> Quote | None:
    g = key(gq["text"])
    best = None
    for q in preds:
        p = key(q.text)
        if p == g:
            return q
        if g and p and (g in p or p in g) and min(len(g), len(p)) / max(len(g), len(p)) >= 0.8:
            best = q
    return best


def speaker_ok(pred: str | None, gold: str | None, aliases: dict) -> bool:
    if gold is None:
        return not pred
    if not pred:
        return False
    names = [gold, *aliases.get(gold, [])]
    p = key(pred)
    return any(key(n) == p or key(n).split()[-1] == p.split()[-1] for n in names)


def bench_seeds(seeds: Path) -> dict:
    gold = json.loads((seeds / "gold.json").read_text("utf-8"))
    articles = seed_articles(seeds)
    by_name = {Path(a.source).name: (a, qs) for a, qs in zip(articles, analyze_quotes(articles), strict=True)}
    stats = {k: {"gold": 0, "found": 0, "speaker": 0, "pred": 0, "pred_matched": 0} for k in ("full", "fragment", "scare")}
    misses = []
    for name, g in gold["articles"].items():
        _, preds = by_name[name]
        for pq in preds:
            stats[pq.kind]["pred"] += 1
        left = list(preds)
        for gq in g["quotes"]:
            s = stats[gq["kind"]]
            s["gold"] += 1
            q = match_quote(gq, left)
            if q is None:
                misses.append(f"missed {gq['kind']}: {gq['text'][:50]!r}")
                continue
            left.remove(q)
            s["found"] += 1
            if q.kind == gq["kind"]:
                stats[q.kind]["pred_matched"] += 1
            if gq["kind"] == "scare":
                ok = q.kind == "scare" and not q.speaker
            else:
                ok = speaker_ok(q.speaker, gq["speaker"], gold["speaker_aliases"]) or (
                    gq["speaker"] == "United States" and not q.speaker)
            s["speaker"] += ok
            if not ok:
                misses.append(f"wrong speaker/kind: {gq['text'][:50]!r} gold={gq['speaker']} pred={q.speaker} ({q.kind})")
        for extra in left:
            misses.append(f"extra {extra.kind}: {extra.text[:50]!r}")
    print("== seeds (../shared/seeds/gold.json)")
    for kind, s in stats.items():
        p = s["pred_matched"] / s["pred"] if s["pred"] else 0.0
        print(f"{kind:9} recall {s['found']}/{s['gold']} = {s['found'] / max(1, s['gold']):.3f}   "
              f"precision (same kind) {s['pred_matched']}/{s['pred']} = {p:.3f}   "
              f"speaker right {s['speaker']}/{s['found']}")
    for m in misses:
        print("  ", m)
    return stats


# --------------------------------------------------------------------------- PolNeAR


@dataclass
class Attribution:
    content: tuple[int, int]
    source: tuple[int, int] | None


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, int, int]] = {}
    rels = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            nums = [int(x) for x in re.findall(r"\d+", offsets)]
            if nums:
                spans[parts[0]] = (label, min(nums), max(nums))
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for rel in rels:
        content = spans.get(rel.get("Content", ""))
        source = spans.get(rel.get("Source", ""))
        if content:
            out.append(Attribution((content[1], content[2]), (source[1], source[2]) if source else None))
    return out


def coref_chains(xml_path: Path) -> list[list[tuple[int, int]]]:
    """CoreNLP coreference chains as lists of character spans."""
    if not xml_path.exists():
        return []
    try:
        root = ET.parse(xml_path).getroot()
    except ET.ParseError:
        return []
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    for sent in root.iter("sentence"):
        sid = sent.get("id")
        if sid is None:
            continue
        for tok in sent.iter("token"):
            b, e = tok.findtext("CharacterOffsetBegin"), tok.findtext("CharacterOffsetEnd")
            if b is not None and e is not None:
                offsets[(int(sid), int(tok.get("id", "0")))] = (int(b), int(e))
    chains = []
    for chain in root.iter("coreference"):
        mentions = []
        for m in chain.findall("mention"):
            s, a, b = (m.findtext(k) for k in ("sentence", "start", "end"))
            if s is None or a is None or b is None:
                continue
            first, last = offsets.get((int(s), int(a))), offsets.get((int(s), int(b) - 1))
            if first and last:
                mentions.append((first[0], last[1]))
        if mentions:
            chains.append(mentions)
    return chains


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in QUOTE_CHARS):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in QUOTE_CHARS + ",.;:"):
        b -= 1
    return a, b


def quoted_segments(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Quotation-mark delimited segments inside a content span (an unclosed one runs to the span's end)."""
    segs = []
    chunk = text[a:b]
    for m in re.finditer(r"(?:[\"“]|'')((?:(?!'')[^\"“”])*)(?:[\"”]|''|$)", chunk):
        s, e = strip_span(text, a + m.start(1), a + m.end(1))
        if e > s and any(c.isalnum() for c in text[s:e]):
            segs.append((s, e))
    return segs


def overlap(x: tuple[int, int], y: tuple[int, int]) -> int:
    return max(0, min(x[1], y[1]) - max(x[0], y[0]))


def greedy_match(preds: list[tuple[int, int]], golds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
                    if overlap(p, g) > 0), reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def find_polnear(root: Path, split: str) -> Path:
    for cand in (root / "data" / split, root / split, root):
        if (cand / "attributions").is_dir() and (cand / "text").is_dir():
            return cand
    sys.exit(f"{root}: no PolNeAR {split} split found (expected data/{split}/text and data/{split}/attributions)")


def bench_polnear(root: Path, split: str, limit: int | None, show_errors: int = 0) -> None:
    base = find_polnear(root, split)
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)  # first annotator in sort order
    names = sorted(n for n in anns if (base / "text" / f"{n}.txt").exists())[:limit]
    articles = [Article(id=n, source=n, text=(base / "text" / f"{n}.txt").read_text("utf-8")) for n in names]
    t0 = time.perf_counter()
    all_quotes = analyze_quotes(articles)
    elapsed = time.perf_counter() - t0
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp_pred, n_pred, tp_gold, n_gold
    spk = {"right": 0, "judged": 0, "attributed": 0}
    errors: list[str] = []
    for article, quotes in zip(articles, all_quotes, strict=True):
        text = article.text
        attrs = read_ann(anns[article.id])
        chains = coref_chains(base / "corenlp" / f"{article.id}.txt.xml")
        quoted = [(seg, at) for at in attrs for seg in quoted_segments(text, *at.content)]
        contents = [(strip_span(text, *at.content), at) for at in attrs]
        speech = [q for q in quotes if q.kind != "scare"]
        for label, preds_q, golds in (
            ("quoted / ours without scare", speech, quoted),
            ("quoted / all ours", list(quotes), quoted),
            ("all contents / ours without scare", speech, contents),
        ):
            pspans = [strip_span(text, q.start, q.end) for q in preds_q]
            gspans = [g for g, _ in golds]
            pairs = greedy_match(pspans, gspans)
            t = tallies[label + " overlap"]
            t[0] += len(pairs)
            t[1] += len(pspans)
            t[2] += len(pairs)
            t[3] += len(gspans)
            exact = sum(1 for i, j in pairs if key(text[slice(*pspans[i])]) == key(text[slice(*gspans[j])]))
            e = tallies[label + " exact"]
            e[0] += exact
            e[1] += len(pspans)
            e[2] += exact
            e[3] += len(gspans)
            if label.startswith("quoted / ours"):
                for i, j in pairs:
                    q, at = preds_q[i], golds[j][1]
                    if at.source is None:
                        continue
                    spk["judged"] += 1
                    spk["attributed"] += q.speaker is not None
                    right = speaker_right(text, q, at.source, chains)
                    spk["right"] += right
                    if not right and len(errors) < show_errors:
                        errors.append(f"{article.id}: {q.text[:60]!r} ours={q.speaker!r} ({q.cue}, {q.confidence}) "
                                      f"gold source={text[slice(*at.source)]!r}")
    print(f"== PolNeAR {split}: {len(articles)} articles, {sum(len(q) for q in all_quotes)} quotations found, "
          f"{elapsed:.1f} s (parse + entities + quotes)")
    for label, (tp_p, n_p, tp_g, n_g) in tallies.items():
        p, r, f = prf(tp_p, n_p, tp_g, n_g)
        print(f"{label:42} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}   (pred {n_p}, gold {n_g})")
    judged = max(1, spk["judged"])
    print(f"speaker accuracy on matched quoted contents with a source: {spk['right']}/{spk['judged']} = "
          f"{100 * spk['right'] / judged:.1f} %  (attributed {spk['attributed']}, "
          f"right among attributed {100 * spk['right'] / max(1, spk['attributed']):.1f} %)")
    for err in errors:
        print("  ", err)


def speaker_right(text: str, q: Quote, source: tuple[int, int], chains: list[list[tuple[int, int]]]) -> bool:
    if q.speaker is None:
        return False
    if q.speaker_start is not None and q.speaker_end is not None and overlap((q.speaker_start, q.speaker_end), source):
        return True
    last = key(q.speaker).split()[-1:] or [""]
    texts = [text[slice(*source)]]
    for chain in chains:
        if any(overlap(m, source) for m in chain):
            texts.extend(text[slice(*m)] for m in chain)
    return any(last[0] in key(t).split() for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / ".." / "shared" / "seeds")
    ap.add_argument("--polnear", type=Path, help="extracted PolNeAR (repository root, data/ or data/<split>)")
    ap.add_argument("--split", default="test")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", type=int, default=0, help="print up to N speaker errors (use on dev, not test)")
    args = ap.parse_args()
    if (args.seeds / "gold.json").exists():
        bench_seeds(args.seeds)
    else:
        print(f"seeds: {args.seeds} not found, skipped")
    if args.polnear:
        bench_polnear(args.polnear, args.split, args.limit, args.errors)


if __name__ == "__main__":
    main()

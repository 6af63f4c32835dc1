"""Framing and genre: seeds item by item, the demo corpus's genres and contrasts, SemEval-2020 Task 11 PTC (span identification F1 and technique
classification micro-F1, scored as the task's official scorers do), BABE sentence-level bias macro-F1, and
the framing stage's cost per article.

    python bench/framing.py [--seeds ../shared/seeds] [--demo examples] [--ptc DIR] [--babe FILE] [--split second]
                            [--n 200]

--ptc DIR: a `git archive` of aschern/semeval2020_task11 @ 84c384d3 (holding datasets/train-articles and
datasets/train-labels-task2-technique-classification), e.g. extracted under /tmp. --babe FILE:
data/final_labels_SG2.csv of Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-With-BABE.
Rule thresholds were tuned on the first half of each corpus (sorted by id); --split second (default) reports
the held-out second half, --split first the tuning half, --split all both together.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framescope.analyze.framing import find_framing
from framescope.analyze.framing_technique import label_fragment
from framescope.analyze.genre import classify_genre
from framescope.analyze.nlp import parse
from framescope.models import Article, Entity, Framing, FramingSpan, Genre, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "seeds"
# Categories whose spans count as propaganda for span identification, and as bias for BABE (tuned on the
# first halves: hedges and plain intensifiers are not propaganda in PTC's sense).
SI_CATEGORIES = frozenset({
    "loaded_language", "label", "loaded_metaphor", "scare_quote", "appeal_to_fear", "flag_waving", "doubt",
    "association", "causal_oversimplification", "slogan", "thought_terminating_cliche", "black_and_white",
    "bandwagon", "appeal_to_authority", "whataboutism", "exaggeration", "intensifier",
})
BIAS_CATEGORIES = frozenset({"loaded_language", "label", "loaded_metaphor", "scare_quote", "appeal_to_fear",
                             "doubt", "association", "exaggeration", "whataboutism", "flag_waving", "intensifier"})
BIAS_MIN_CONFIDENCE = 0.4

QUOTE_RE = re.compile(r'"([^"\n]+)"|“([^”\n]+)”|‘([^’\n]+)’')


# ----------------------------------------------------------------------------- helpers


def simple_quotes(text: str, prefix: str) -> tuple[Quote, ...]:
    """Quotations by quote marks only (the project's quote finder may not be ready): single curly quotes are
    read as scare quotes, double quotes as reported speech. Good enough for the seeds and benchmarks."""
    out = []
    for n, m in enumerate(QUOTE_RE.finditer(text)):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        kind = "scare" if g == 3 else ("full" if len(m.group(g).split()) > 4 else "fragment")
        out.append(Quote(id=f"{prefix}:q{n}", text=m.group(g), start=m.start(g), end=m.end(g), kind=kind))
    return tuple(out)


def frame_all(articles: Sequence[Article]) -> list[tuple[Framing, Doc]]:
    """Parse; find entities and quotes with the project's own finders (or, if those fail, quotes by quote marks
    only); then frame. Parse and framing times are kept in TIMES (seconds) for the cost lines."""
    t0 = time.perf_counter()
    docs = list(parse(a.text for a in articles))
    t1 = time.perf_counter()
    inputs: list[tuple[tuple[Quote, ...], tuple[Entity, ...]]] = []
    try:
        from framescope.analyze.entities import find_entities
        from framescope.analyze.quotes import find_quotes

        for art, doc in zip(articles, docs, strict=True):
            ents = find_entities(art, doc)
            inputs.append((find_quotes(art, doc, ents), ents))
        TIMES["quotes_by"] = "the project's quote and entity finders"
    except Exception as exc:
        inputs = [(simple_quotes(a.text, a.id), ()) for a in articles]
        TIMES["quotes_by"] = f"quote marks only (quote finder failed: {str(exc)[:60]})"
    t2 = time.perf_counter()
    out = [(find_framing(art, doc, qs, ents), doc) for art, (qs, ents), doc in zip(articles, inputs, docs, strict=True)]
    TIMES["parse"], TIMES["framing"] = t1 - t0, time.perf_counter() - t2
    return out


TIMES: dict[str, Any] = {}


def halves(ids: Sequence[str], split: str) -> list[str]:
    ids = sorted(ids)
    mid = len(ids) // 2
    return {"first": ids[:mid], "second": ids[mid:], "all": list(ids)}[split]


def prf(p_num: float, p_den: int, r_num: float, r_den: int) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, (2 * p * r / (p + r) if p and r else 0.0)


# ----------------------------------------------------------------------------- seeds


def seed_articles(seeds: Path) -> list[tuple[Article, tuple[Quote, ...]]]:
    """The two seed articles built minimally from the raw text: body = the gold's first..last body lines."""
    gold = json.loads((seeds / "gold.json").read_text())
    out = []
    for name, g in gold["articles"].items():
        lines = (seeds / "articles" / name).read_text().splitlines()
        i = next(k for k, line in enumerate(lines) if line.startswith(g["body_first_line_starts"]))
        j = next(k for k, line in enumerate(lines) if line.startswith(g["body_last_line_starts"]))
        body = "\n\n".join(line.strip() for line in lines[i : j + 1] if line.strip())
        out.append((Article(id=name, source=name, text=body, title=g["title"]), simple_quotes(body, name)))
    return out


def bench_seeds(seeds: Path) -> bool:
    if not (seeds / "gold.json").exists():
        print(f"seeds: skipped ({seeds} not found)")
        return True
    results: dict[str, tuple[Article, Framing, Genre]] = {}
    path = "full pipeline (framescope.pipeline.run)"
    try:
        from framescope.pipeline import run

        for an in run(sorted(str(p) for p in (seeds / "articles").glob("*.txt"))).analyses:
            if an.framing is not None and an.genre is not None:
                results[Path(an.article.source).name] = (an.article, an.framing, an.genre)
    except Exception as exc:  # the other stages may be unfinished: fall back to this module's minimal path
        path = f"minimal path (raw body lines, quote marks as quotes; pipeline failed: {str(exc)[:80]})"
        results = {}
    if len(results) != 2:
        if path.startswith("full"):
            path = "minimal path (raw body lines, quote marks as quotes; the pipeline did not frame both seeds)"
        results = {}
        pairs = seed_articles(seeds)
        for (art, qs), doc in zip(pairs, parse(a.text for a, _ in pairs), strict=True):
            fr = find_framing(art, doc, qs, ())
            results[art.id] = (art, fr, classify_genre(art, doc, qs, fr))
    afp, sf = (results[k] for k in sorted(results))

    def loaded_rate(art: Article, fr: Framing) -> float:  # as ../shared/seeds/check.py counts it
        n = sum("load" in s.category or "load" in (s.technique or "").lower() for s in fr.spans)
        return 1000 * n / max(1, len(art.text.split()))

    def find(fr: Framing, pred: Any) -> FramingSpan | None:
        return next((s for s in fr.spans if pred(s)), None)

    def sentence_hit(art: Article, fr: Framing, opening: str, words: tuple[str, ...]) -> FramingSpan | None:
        i = art.text.find(opening)
        return find(fr, lambda s: i >= 0 and s.field == "text" and s.start < i + 200 and s.end > i and any(
            w in f"{s.technique} {s.category}".lower() for w in words))

    ra, rs = loaded_rate(afp[0], afp[1]), loaded_rate(sf[0], sf[1])
    items = [
        ("AFP genre is report", afp[2].label == "report", f"{afp[2].label} {afp[2].confidence}: {'; '.join(afp[2].signals)}"),
        ("SouthFront genre is opinion/analysis", sf[2].label in {"opinion", "analysis"},
         f"{sf[2].label} {sf[2].confidence}: {'; '.join(sf[2].signals)}"),
        ("loaded rate SouthFront >= 2x AFP (check.py's count)", rs >= 2 * ra and rs > 0,
         f"{rs:.1f} vs {ra:.1f} per 1k words; rates['loaded'] (author voice) {sf[1].rates['loaded']} vs {afp[1].rates['loaded']}"),
    ]
    for t in ("authoritarian regimes", "European partners"):
        s = find(sf[1], lambda s, t=t: s.category == "scare_quote" and t in s.text)
        items.append((f"scare quote '{t}'", s is not None, s.reason if s else "-"))
    s = find(sf[1], lambda s: s.category == "question_headline" and s.field == "title")
    items.append(("question headline", s is not None, s.reason if s else "-"))
    s = sentence_hit(sf[0], sf[1], "The Lukashenko government is putting itself", ("fear",))
    items.append(("appeal to fear (brink ... fate)", s is not None, f"{s.text!r}: {s.reason}" if s else "-"))
    s = sentence_hit(sf[0], sf[1], "Muammar al-Gaddafi", ("hitler", "associat", "reductio"))
    items.append(("association with Gaddafi, Milosevic, Saddam Hussein", s is not None, f"{s.technique}: {s.reason}" if s else "-"))
    s = find(afp[1], lambda s: "strongman" in s.text.lower())
    items.append(("AFP 'strongman' flagged as loaded", s is not None and s.category in {"label", "loaded_language"},
                  f"{s.category}/{s.technique}, voice {s.voice}" if s else "-"))
    s = find(afp[1], lambda s: "last dictatorship" in s.text.lower())
    items.append(("AFP 'Europe's last dictatorship' loaded, voice attributed",
                  s is not None and s.voice == "attributed", f"{s.text!r} {s.category}/{s.technique}, voice {s.voice}" if s else "-"))
    ok = True
    print(f"seeds, via the {path}:")
    for name, good, detail in items:
        ok &= bool(good)
        print(f"  [{'ok' if good else 'FAIL'}] {name}: {detail}")
    return ok


# ----------------------------------------------------------------------------- demo corpus


def bench_demo(examples: Path) -> None:
    """Genre and framing contrasts on the project's own demo corpus (examples/answers.json)."""
    answers = examples / "answers.json"
    if not answers.exists():
        print(f"demo: skipped ({answers} not found)")
        return
    from framescope.analyze import analyze_many
    from framescope.pipeline import load_articles

    data = json.loads(answers.read_text())
    docs = data["documents"]
    sources = sorted({str(examples / ref.split("#")[0]) for ref in docs})
    genres: dict[str, str] = {}
    rates: dict[str, dict[str, float]] = {}
    for an in analyze_many(load_articles(sources)):
        src, _, rec = an.article.source.partition("#")
        ref = str(Path(src).resolve().relative_to(examples.resolve())) + (f"#{rec}" if rec else "")
        genres[ref] = an.genre.label if an.genre else "-"
        rates[ref] = dict(an.framing.rates) if an.framing else {}
    right = [ref for ref, d in docs.items() if genres.get(ref) == d["genre"]]
    print(f"demo corpus: genre {len(right)}/{len(docs)} right")
    for ref, d in docs.items():
        if ref not in right:
            print(f"  [miss] {ref}: expected {d['genre']}, got {genres.get(ref)}")

    def key(ref: str) -> tuple[float, float]:
        r = rates.get(ref, {})
        return r.get("loaded", 0.0), r.get("all", 0.0)

    ok = 0
    for c in data["framing_contrasts"]:
        more, less = key(c["more_loaded"]), key(c["less_loaded"])
        good = more > less
        ok += good
        print(f"  [{'ok' if good else 'FAIL'}] {c['story']}: {c['more_loaded']} (loaded {more[0]}, all {more[1]}) "
              f"above {c['less_loaded']} (loaded {less[0]}, all {less[1]})")
    print(f"  framing contrasts in the expected direction: {ok}/{len(data['framing_contrasts'])}")


# ----------------------------------------------------------------------------- PTC


def load_ptc(root: Path, split: str) -> tuple[list[Article], dict[str, list[tuple[str, int, int]]]]:
    base = root / "datasets" if (root / "datasets").is_dir() else root
    art_dir = base / "train-articles"
    lab_dir = base / "train-labels-task2-technique-classification"
    if not art_dir.is_dir() or not lab_dir.is_dir():
        sys.exit(f"--ptc {root}: expected datasets/train-articles and datasets/train-labels-task2-technique-classification")
    ids = [p.stem.removeprefix("article") for p in art_dir.glob("article*.txt")]
    chosen = halves(ids, split)
    articles: list[Article] = []
    gold: dict[str, list[tuple[str, int, int]]] = {}
    for aid in chosen:
        text = (art_dir / f"article{aid}.txt").read_text(encoding="utf-8")
        articles.append(Article(id=aid, source=f"ptc:{aid}", text=text))
        gold[aid] = []
        lab = lab_dir / f"article{aid}.task2-TC.labels"
        if lab.exists():
            for line in lab.read_text().splitlines():
                if line.strip():
                    _, tech, s, e = line.split("\t")
                    gold[aid].append((tech, int(s), int(e)))
    return articles, gold


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:  # overlapping (sharing a character), as the scorer's merge does
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """PTC v2 spans never start or end with space, newline, . , : ;"""
    while s < e and text[s] in " \n.,:;":
        s += 1
    while e > s and text[e - 1] in " \n.,:;":
        e -= 1
    return s, e


def si_score(pred: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]) -> tuple[float, float, float]:
    """task-SI_scorer.py compute_score_pr with prop_vs_non_propaganda=True and merged gold spans."""
    p_num = r_num = 0.0
    p_den = sum(len(v) for v in pred.values())
    r_den = sum(len(v) for v in gold.values())
    for aid, sds in pred.items():
        for ps, pe in sds:
            for gs, ge in gold.get(aid, []):
                inter = max(0, min(pe, ge) - max(ps, gs))
                if inter:
                    p_num += inter / (pe - ps)
                    r_num += inter / (ge - gs)
    return prf(p_num, p_den, r_num, r_den)


def bench_ptc(root: Path, split: str) -> None:
    articles, gold = load_ptc(root, split)
    framed = frame_all(articles)
    pred, gold_si = {}, {}
    tc_total = tc_right = 0
    confusion: dict[tuple[str, str], int] = {}
    for art, (fr, doc) in zip(articles, framed, strict=True):
        spans = [s for s in fr.spans if s.field == "text" and s.category in SI_CATEGORIES]
        pred[art.id] = merge(trim(art.text, s.start, s.end) for s in spans)
        pred[art.id] = [(s, e) for s, e in pred[art.id] if e > s]
        gold_si[art.id] = merge((s, e) for _, s, e in gold[art.id])
        for tech, s, e in gold[art.id]:
            guess, _ = label_fragment(doc, s, e, fr.spans)
            tc_total += 1
            tc_right += guess == tech
            confusion[(tech, guess)] = confusion.get((tech, guess), 0) + 1
    p, r, f = si_score(pred, gold_si)
    half = {"first": "first half (tuning)", "second": "second half (held out)", "all": "all"}[split]
    words = sum(len(a.text.split()) for a in articles) / max(1, len(articles))
    print(f"PTC train-articles, {half}: {len(articles)} articles, {sum(len(v) for v in gold.values())} gold spans; "
          f"cost per article ({words:.0f} words): framing {1000 * TIMES['framing'] / len(articles):.1f} ms, "
          f"spaCy parse {1000 * TIMES['parse'] / len(articles):.1f} ms; quotes by {TIMES['quotes_by']}")
    print(f"  SI (span identification): P={p:.3f} R={r:.3f} F1={f:.3f}   [anchor ~0.52, trained ensembles]")
    print(f"  TC (technique on gold spans): micro-F1={tc_right / max(1, tc_total):.3f} ({tc_right}/{tc_total})   "
          f"[anchor ~0.62]")
    majority = max((sum(n for (g, _), n in confusion.items() if g == t), t) for t in {g for g, _ in confusion})
    print(f"  TC majority-class baseline ({majority[1]}): {majority[0] / max(1, tc_total):.3f}")
    per: dict[str, list[int]] = {}
    for (g, guess), n in confusion.items():
        per.setdefault(g, [0, 0])[1] += n
        if g == guess:
            per[g][0] += n
    print("  TC recall per technique: " + ", ".join(f"{t} {a}/{b}" for t, (a, b) in sorted(per.items(), key=lambda x: -x[1][1])))


# ----------------------------------------------------------------------------- BABE


def load_babe(path: Path, split: str) -> list[tuple[str, bool]]:
    if not path.exists():
        sys.exit(f"--babe {path}: file not found")
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            label = (row.get("label_bias") or "").strip()
            if label in {"Biased", "Non-biased"} and row.get("text"):
                rows.append((row["text"], label == "Biased"))
    idx = halves([f"{i:06d}" for i in range(len(rows))], split)
    return [rows[int(i)] for i in idx]


def biased(fr: Framing, min_conf: float = BIAS_MIN_CONFIDENCE) -> bool:
    return any(s.voice == "author" and s.category in BIAS_CATEGORIES and s.confidence >= min_conf for s in fr.spans)


def macro_f1(pairs: Sequence[tuple[bool, bool]]) -> float:
    f1s = []
    for cls in (True, False):
        tp = sum(p == cls and g == cls for p, g in pairs)
        fp = sum(p == cls and g != cls for p, g in pairs)
        fn = sum(p != cls and g == cls for p, g in pairs)
        f1s.append(prf(tp, tp + fp, tp, tp + fn)[2])
    return sum(f1s) / 2


def bench_babe(path: Path, split: str) -> None:
    rows = load_babe(path, split)
    articles = [Article(id=str(i), source=f"babe:{i}", text=t) for i, (t, _) in enumerate(rows)]
    framed = frame_all(articles)
    pairs = [(biased(fr), gold) for (fr, _), (_, gold) in zip(framed, rows, strict=True)]
    acc = sum(p == g for p, g in pairs) / max(1, len(pairs))
    half = {"first": "first half (tuning)", "second": "second half (held out)", "all": "all"}[split]
    print(f"BABE SG2, {half}: {len(rows)} sentences ({sum(g for _, g in rows)} biased); quotes by {TIMES['quotes_by']}")
    print(f"  sentence-level biased/not-biased macro-F1={macro_f1(pairs):.3f} accuracy={acc:.3f}   [anchor 0.804, fine-tuned BERT]")


# ----------------------------------------------------------------------------- cost


LOADED_PARAS = (
    "The regime's so-called reforms are nothing but a cynical ploy to crush dissent, and everyone knows it.",
    "Critics say the plan is a sham. Our nation cannot afford to sleepwalk into another catastrophe!",
    "Why should taxpayers fund this boondoggle? The minister's henchmen flirted with disaster again.",
)


def bench_cost(n: int) -> None:
    from framescope.synth import generate

    arts = [s.article for s in generate(n, seed=7)]
    arts = [a if i % 3 else Article(id=a.id, source=a.source, title=a.title, text=a.text + "\n\n" + " ".join(
        LOADED_PARAS)) for i, a in enumerate(arts)]
    t0 = time.perf_counter()
    docs = list(parse(a.text for a in arts))
    t_parse = time.perf_counter() - t0
    find_framing(arts[0], docs[0], (), ())  # compile the lexicon matcher outside the timing
    t0 = time.perf_counter()
    for art, doc in zip(arts, docs, strict=True):
        qs = simple_quotes(art.text, art.id)
        classify_genre(art, doc, qs, find_framing(art, doc, qs, ()))
    t_frame = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in arts)
    print(f"cost: {len(arts)} generated articles, {words / len(arts):.0f} words each: framing+genre "
          f"{1000 * t_frame / len(arts):.2f} ms/article (spaCy parse, shared with other stages: "
          f"{1000 * t_parse / len(arts):.1f} ms/article)")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--demo", type=Path, default=ROOT / "examples")
    ap.add_argument("--ptc", type=Path)
    ap.add_argument("--babe", type=Path)
    ap.add_argument("--split", choices=("first", "second", "all"), default="second")
    ap.add_argument("--n", type=int, default=200, help="generated articles for the cost figure")
    args = ap.parse_args(argv)
    ok = bench_seeds(args.seeds)
    bench_demo(args.demo)
    if args.ptc:
        bench_ptc(args.ptc, args.split)
    if args.babe:
        bench_babe(args.babe, args.split)
    if args.n:
        bench_cost(args.n)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

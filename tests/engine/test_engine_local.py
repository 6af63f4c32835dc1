"""The local engine and the machinery both engines share (inputs, bad records, blocking, output, store)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from engine_samples import (
    RECORDS,
    bad_records,
    html_page,
    read,
    stub_analyze,
    synth_records,
    write_jsonl,
    write_warc,
)

from framescope.engine import run_batch
from framescope.engine.parquet import SCHEMAS
from framescope.engine.stories import blocks_of, day_of
from framescope.errors import FramescopeError, InputError, MissingDependencyError


def test_small_corpus_gives_articles_stories_and_comparisons(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    s = run_batch([str(src)], tmp_path / "out", workers=2, analyze_fn=stub_analyze)
    assert (s.documents, s.articles, s.problems) == (3, 3, 0)
    articles = read(tmp_path / "out", "articles", "source")
    assert [a["source"] for a in articles] == [f"{src}#{i}" for i in (1, 2, 3)]
    assert articles[0]["outlet"] == "Riverton Daily" and articles[0]["published"] == "2024-03-05"
    assert json.loads(articles[0]["analysis"])["genre"] is None  # the stub's empty analysis, as JSON
    stories = read(tmp_path / "out", "stories", "id")
    by_title = {a["id"]: a["title"] for a in articles}
    groups = sorted(sorted(by_title[i] for i in st["articles"]) for st in stories)
    assert sorted(RECORDS[i]["title"] for i in (0, 1)) in groups  # the two bridge reports are one story
    assert [RECORDS[2]["title"]] in groups
    comparisons = read(tmp_path / "out", "comparisons", "story")
    assert {c["story"] for c in comparisons} == {st["id"] for st in stories}
    for name, schema in SCHEMAS.items():
        assert pq.read_table(tmp_path / "out" / f"{name}.parquet").schema.names == schema.names


def test_bad_records_are_reported_and_the_job_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(bad_records()) + "\n", encoding="utf-8")
    good = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    s = run_batch(
        [str(bad), str(good), str(tmp_path / "missing.jsonl")], tmp_path / "out", analyze_fn=stub_analyze, workers=1
    )
    problems = read(tmp_path / "out", "problems", "source")
    stages = {(p["source"], p["stage"]) for p in problems}
    assert (f"{bad}#2", "read") in stages  # broken JSON
    assert (f"{bad}#3", "read") in stages  # no article text
    assert (f"{bad}#4", "analyze") in stages  # the analyzer crashed on it, alone
    assert (str(tmp_path / "missing.jsonl"), "read") in stages
    assert all(p["message"] and "\n" not in p["message"] for p in problems)
    sources = {a["source"] for a in read(tmp_path / "out", "articles", "id")}
    assert sources == {f"{bad}#1"} | {f"{good}#{i}" for i in (1, 2, 3)}
    assert s.articles == 4 and s.problems == len(problems)


def test_warc_input(tmp_path: Path) -> None:
    pages = [(f"https://news{i}.example/2024/03/story-{i}", html_page(r)) for i, r in enumerate(RECORDS)]
    warc = write_warc(tmp_path / "crawl.warc.gz", pages)
    s = run_batch([str(warc)], tmp_path / "out", analyze_fn=stub_analyze, workers=1)
    articles = read(tmp_path / "out", "articles", "url")
    assert s.articles == 3
    assert [a["url"] for a in articles] == sorted(u for u, _ in pages)
    assert all(a["source"].startswith(f"{warc}#") for a in articles)
    bridge = next(a for a in articles if "story-0" in a["url"])
    assert "4.5 million dollars" in bridge["text"] and "Home | World" not in bridge["text"]


def test_parquet_input_split_by_row_groups(tmp_path: Path) -> None:
    table = pa.Table.from_pylist(synth_records(40))
    pq.write_table(table, tmp_path / "corpus.parquet", row_group_size=10)
    s = run_batch([str(tmp_path)], tmp_path / "out", analyze_fn=stub_analyze, split_rows=20, chunk_size=7, workers=1)
    assert (s.documents, s.articles, s.problems) == (40, 40, 0)
    sources = {a["source"] for a in read(tmp_path / "out", "articles", "id")}
    assert sources == {f"{tmp_path / 'corpus.parquet'}#{i}" for i in range(1, 41)}


def test_the_same_input_twice_is_one_article_each(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    s = run_batch([str(src), str(src)], tmp_path / "out", analyze_fn=stub_analyze, workers=1)
    assert (s.documents, s.articles, s.duplicates) == (6, 3, 3)


def test_results_do_not_depend_on_the_number_of_workers(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "synth.jsonl", synth_records(160))
    run_batch([str(src)], tmp_path / "one", workers=1, analyze_fn=stub_analyze, chunk_size=32)
    run_batch([str(src)], tmp_path / "two", workers=2, analyze_fn=stub_analyze, chunk_size=32)
    for name, key in (("articles", "id"), ("stories", "id"), ("comparisons", "story"), ("problems", "source")):
        assert read(tmp_path / "one", name, key) == read(tmp_path / "two", name, key)


def test_blocks_overlap_by_one_window() -> None:
    w, b = 7, 28
    day = 28 * 27000  # an ordinal at a block start
    from datetime import date

    def iso(n: int) -> str:
        return date.fromordinal(n).isoformat()

    assert blocks_of(iso(day), b, w) == [(day // b, True), (day // b - 1, False)]
    assert blocks_of(iso(day + 10), b, w) == [(day // b, True)]
    assert blocks_of(iso(day + b - w), b, w) == [(day // b, True), (day // b + 1, False)]
    assert blocks_of(None, b, w) == [(None, True)]
    assert blocks_of("not a date", b, w) == [(None, True)]
    assert day_of("2024-03-05T10:00:00+01:00") == date(2024, 3, 5)
    with pytest.raises(ValueError):
        blocks_of(iso(day), 14, 7)


def test_a_story_across_a_block_edge_is_one_story(tmp_path: Path) -> None:
    from datetime import date, timedelta

    from framescope.engine.stories import BLOCK_DAYS

    edge = date.fromordinal((date(2024, 3, 1).toordinal() // BLOCK_DAYS + 1) * BLOCK_DAYS)  # first day of a block
    first, second = dict(RECORDS[0]), dict(RECORDS[1])
    first["published"] = (edge - timedelta(days=1)).isoformat()
    second["published"] = (edge + timedelta(days=1)).isoformat()
    src = write_jsonl(tmp_path / "edge.jsonl", [first, second])
    run_batch([str(src)], tmp_path / "out", analyze_fn=stub_analyze, workers=1)
    (story,) = read(tmp_path / "out", "stories", "id")
    assert len(story["articles"]) == 2
    assert any("joined across time blocks" in h for h in story["history"])
    assert set(json.loads(story["roles"])) == set(story["articles"])


def test_one_block_gives_exactly_the_cluster_stories(tmp_path: Path) -> None:
    from datetime import date

    from framescope.cluster import cluster
    from framescope.codec import to_dict
    from framescope.engine.stories import BLOCK_DAYS
    from framescope.engine.work import row_article

    middle = date.fromordinal((date(2024, 3, 1).toordinal() // BLOCK_DAYS) * BLOCK_DAYS + BLOCK_DAYS // 2)
    records = [dict(r, published=middle.isoformat()) for r in RECORDS]  # mid-block: no neighbour sees them
    # and a portal's copy of the first report, which names its original
    records.append(dict(records[0], outlet="Portal", url="https://portal.example/bridge", title="Bridge budget"))
    src = write_jsonl(tmp_path / "news.jsonl", records)
    run_batch([str(src)], tmp_path / "out", analyze_fn=stub_analyze, workers=1)
    articles = [row_article(r) for r in read(tmp_path / "out", "articles", "id")]
    expected = {(s.id, s.articles, json.dumps(s.roles, sort_keys=True), json.dumps(to_dict(s.versions), sort_keys=True))
                for s in cluster(articles)}
    got = {(s["id"], tuple(s["articles"]), s["roles"], s["versions"]) for s in read(tmp_path / "out", "stories", "id")}
    assert got == expected
    assert sum(len(json.loads(v)) for *_, v in got) == 1  # the copy


def test_results_can_be_stored_and_storing_twice_adds_nothing(tmp_path: Path) -> None:
    from framescope.engine import store_outputs
    from framescope.store import open_store

    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    db = str(tmp_path / "fs.db")
    s = run_batch([str(src)], tmp_path / "out", analyze_fn=stub_analyze, db=db, workers=1)
    assert s.stored == 3
    assert store_outputs(tmp_path / "out", db) == 0
    with open_store(db) as store:
        assert store.count_articles() == 3
        stories = store.list_stories()
        assert len(stories) == s.stories
        assert all(store.get_comparison(st.id) is not None for st in stories)


def test_wrong_use_is_a_clear_error(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    with pytest.raises(FramescopeError, match="choose one of local, spark"):
        run_batch([str(src)], tmp_path / "o1", engine="hadoop")
    run_batch([str(src)], tmp_path / "o2", analyze_fn=stub_analyze, workers=1)
    with pytest.raises(InputError, match="already holds a batch output"):
        run_batch([str(src)], tmp_path / "o2", analyze_fn=stub_analyze, workers=1)
    with pytest.raises(FramescopeError, match="must exceed two story windows"):
        run_batch([str(src)], tmp_path / "o4", block_days=10)
    with pytest.raises(InputError, match="unknown field"):
        run_batch([str(src)], tmp_path / "o3", columns={"bodyy": "x"})


def test_missing_pyspark_names_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    with pytest.raises(MissingDependencyError, match=r"pip install 'framescope\[spark\]'"):
        run_batch([str(src)], tmp_path / "out", engine="spark", analyze_fn=stub_analyze)


def test_real_analysis_runs_in_the_pool(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    s = run_batch([str(src)], tmp_path / "out", workers=2)
    assert s.articles == 3 and s.problems == 0
    bridge = next(a for a in read(tmp_path / "out", "articles", "id") if a["outlet"] == "Riverton Daily")
    analysis = json.loads(bridge["analysis"])
    assert analysis["sentences"] and analysis["genre"]["label"]
    quote = analysis["quotes"][0]
    assert bridge["text"][quote["start"] : quote["end"]] == quote["text"]


def test_batch_command(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from framescope.engine.cli import batch

    app = typer.Typer()
    app.command()(batch)
    app.command("other")(lambda: None)  # two commands: `batch` is then named as in the real CLI
    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    result = CliRunner().invoke(app, ["batch", str(src), "--out", str(tmp_path / "out"), "-w", "1"])
    assert result.exit_code == 0, result.output
    assert "3 articles" in result.output and (tmp_path / "out" / "articles.parquet").is_dir()
    strict = CliRunner().invoke(app, ["batch", str(src), "--out", str(tmp_path / "strict"), "-w", "1",
                                      "--link-threshold", "0.8"])
    assert strict.exit_code == 0, strict.output
    assert "3 articles" in strict.output and (tmp_path / "strict" / "stories.parquet").is_dir()


def test_one_article_files_are_read_together_like_compare_does(tmp_path: Path) -> None:
    from framescope.engine.inputs import plan_splits
    from framescope.pipeline import load_articles

    pages = tmp_path / "pages"
    pages.mkdir()
    chrome = "Harbor Gazette | Local news since 1921 | Read our weekend supplement"
    market = {"title": "Night market reopens", "text": "The night market on Dock Street reopened on Friday after "
              "repairs, with forty stalls selling food and crafts."}
    for i, r in enumerate([*RECORDS, market]):
        (pages / f"{i}.txt").write_text(f"{r['title']}\n\n{r['text']}\n\n{chrome}\n", encoding="utf-8")
    write_jsonl(pages / "more.jsonl", RECORDS[:1])
    (pages / "README.md").write_text("# Pages\n\nSaved from the Harbor Gazette by hand.\n", encoding="utf-8")
    splits = plan_splits([str(pages)])
    assert [(sp.source.rsplit("/", 1)[-1], len(sp.more)) for sp in splits] == [("0.txt", 3), ("more.jsonl", 0)]
    run_batch([str(pages)], tmp_path / "out", analyze_fn=stub_analyze, workers=1)
    got = {(a["id"], a["text"]) for a in read(tmp_path / "out", "articles", "id")}
    assert got == {(a.id, a.text) for a in load_articles([str(pages)])}  # the same articles as `compare`


def test_a_link_threshold_groups_a_batch_as_cluster_does_at_it(tmp_path: Path) -> None:
    from framescope.cluster import cluster
    from framescope.engine.work import row_article

    src = write_jsonl(tmp_path / "synth.jsonl", synth_records(300))
    run_batch([str(src)], tmp_path / "fitted", analyze_fn=stub_analyze, workers=1)
    run_batch([str(src)], tmp_path / "strict", analyze_fn=stub_analyze, workers=2, link_threshold=0.99)
    fitted = read(tmp_path / "fitted", "stories", "id")
    strict = read(tmp_path / "strict", "stories", "id")
    assert len(strict) > len(fitted)  # more certainty asked, smaller stories
    # the blocks and their joins change nothing: the whole batch as cluster groups it at that threshold
    articles = [row_article(r) for r in read(tmp_path / "strict", "articles", "id")]
    assert {tuple(s["articles"]) for s in strict} == {s.articles for s in cluster(articles, threshold=0.99)}


def test_a_bad_link_threshold_fails_before_any_work(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    with pytest.raises(FramescopeError, match=r"link threshold 1\.5: a probability between 0 and 1"):
        run_batch([str(src)], tmp_path / "out", analyze_fn=stub_analyze, workers=1, link_threshold=1.5)
    assert not (tmp_path / "out").exists()


def test_a_batch_into_a_store_groups_as_the_store_does_and_records_it(tmp_path: Path) -> None:
    from framescope.cluster.grouping import Grouping
    from framescope.engine import store_outputs
    from framescope.store import open_store

    db = str(tmp_path / "fs.db")
    first = write_jsonl(tmp_path / "first.jsonl", synth_records(120))
    run_batch([str(first)], tmp_path / "a", analyze_fn=stub_analyze, workers=1, db=db, link_threshold=0.99)
    with open_store(db) as store:
        assert store.grouping() == Grouping(0.99)
    record = json.loads((tmp_path / "a" / "grouping.json").read_text())
    assert record["grouping"] == {"link_threshold": 0.99, "fitted_link_threshold": Grouping().fitted(),
                                  "embeddings": False}
    # another threshold than the store's is refused before any work; none given means the store's
    with pytest.raises(FramescopeError, match=r"grouped at link threshold 0\.99 .* grouped two ways"):
        run_batch([str(first)], tmp_path / "b", analyze_fn=stub_analyze, workers=1, db=db, link_threshold=0.5)
    assert not (tmp_path / "b").exists()
    run_batch([str(first)], tmp_path / "c", analyze_fn=stub_analyze, workers=1, db=db)
    assert json.loads((tmp_path / "c" / "grouping.json").read_text())["asked"]["link_threshold"] == 0.99
    assert read(tmp_path / "c", "stories", "id") == read(tmp_path / "a", "stories", "id")
    # an output grouped another way cannot be stored there: nothing is written
    run_batch([str(first)], tmp_path / "d", analyze_fn=stub_analyze, workers=1)
    other = str(tmp_path / "other.db")
    with open_store(other) as store:
        store.put_stories([], grouping=Grouping(0.99))
    with pytest.raises(FramescopeError, match="grouped two ways"):
        store_outputs(tmp_path / "d", other)
    with open_store(other) as store:
        assert store.count_articles() == 0

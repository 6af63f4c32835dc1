"""The Spark engine (local[2], one SparkSession for the module): the same results as the local engine."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_samples import RECORDS, bad_records, html_page, read, stub_analyze, synth_records, write_jsonl, write_warc

from framescope.engine import run_batch

pytest.importorskip("pyspark", reason="the Spark engine needs pyspark: pip install 'framescope[spark]'")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java 17: apt-get install openjdk-17-jre-headless", allow_module_level=True)

DATASETS = (("articles", "id"), ("stories", "id"), ("comparisons", "story"), ("problems", "source"))


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    from framescope.engine.spark import session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    s, _ = session("local[2]")
    s.sparkContext.setLogLevel("ERROR")
    s.sparkContext.addPyFile(str(Path(__file__).with_name("engine_samples.py")))  # the stub analysis, for executors
    yield s
    s.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Our small corpus, a generated one spread over several time blocks, a WARC, and a file of bad records."""
    d = tmp_path_factory.mktemp("inputs")
    bad = d / "bad.jsonl"
    bad.write_text("\n".join(bad_records()) + "\n", encoding="utf-8")
    pages = [(f"https://news{i}.example/2024/03/story-{i}", html_page(r)) for i, r in enumerate(RECORDS)]
    return [
        str(write_jsonl(d / "news.jsonl", RECORDS)),
        str(write_jsonl(d / "synth.jsonl", synth_records(600))),
        str(write_warc(d / "crawl.warc.gz", pages)),
        str(bad),
    ]


def test_spark_and_local_give_the_same_results(spark: object, inputs: list[str], tmp_path: Path) -> None:
    local = run_batch(inputs, tmp_path / "local", engine="local", workers=2, analyze_fn=stub_analyze, chunk_size=64)
    dist = run_batch(inputs, tmp_path / "spark", engine="spark", analyze_fn=stub_analyze, chunk_size=64)
    assert (dist.documents, dist.articles, dist.stories, dist.problems) == (
        local.documents, local.articles, local.stories, local.problems,
    )
    assert local.articles == 3 + 600 + 3 + 1 and local.stories > 50
    for name, key in DATASETS:
        assert read(tmp_path / "spark", name, key) == read(tmp_path / "local", name, key), name
    # the bad records were reported and skipped, the rest of their partition went on
    stages = {(p["source"].rsplit("/", 1)[-1], p["stage"]) for p in read(tmp_path / "spark", "problems", "source")}
    assert stages == {("bad.jsonl#2", "read"), ("bad.jsonl#3", "read"), ("bad.jsonl#4", "analyze")}
    # a story across several time blocks was joined the same way
    assert any(
        any("joined across time blocks" in h for h in s["history"]) for s in read(tmp_path / "spark", "stories", "id")
    )


def test_spark_with_the_real_analysis(spark: object, tmp_path: Path) -> None:
    src = str(write_jsonl(tmp_path / "news.jsonl", RECORDS))
    run_batch([src], tmp_path / "local", engine="local", workers=1)
    s = run_batch([src], tmp_path / "spark", engine="spark")
    assert s.articles == 3 and s.problems == 0
    for name, key in DATASETS:
        assert read(tmp_path / "spark", name, key) == read(tmp_path / "local", name, key), name


def test_spark_groups_at_a_link_threshold_as_local_does(spark: object, inputs: list[str], tmp_path: Path) -> None:
    synth = [i for i in inputs if i.endswith("synth.jsonl")]
    run_batch(synth, tmp_path / "local", engine="local", workers=1, analyze_fn=stub_analyze, link_threshold=0.99)
    run_batch(synth, tmp_path / "spark", engine="spark", analyze_fn=stub_analyze, link_threshold=0.99)
    assert read(tmp_path / "spark", "stories", "id") == read(tmp_path / "local", "stories", "id")
    fitted = run_batch(synth, tmp_path / "fitted", engine="local", workers=1, analyze_fn=stub_analyze)
    assert len(read(tmp_path / "local", "stories", "id")) > fitted.stories

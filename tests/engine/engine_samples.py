"""Corpora for the engine tests: records we wrote ourselves, a generated corpus, a WARC, and bad records."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from framescope.models import Analysis, Article

# Two outlets report one council vote; a third reports a flood elsewhere. Written for these tests.
RECORDS = [
    {
        "title": "Riverton council approves bridge budget",
        "outlet": "Riverton Daily",
        "published": "2024-03-05",
        "url": "https://riverton-daily.example/bridge",
        "text": "The Riverton city council approved a budget of 4.5 million dollars for the new river bridge on "
        "Tuesday.\n\n\"We will finish the bridge by 2026,\" Mayor Ana Ruiz told reporters after the vote.\n\n"
        "Seven council members voted in favour and two against the plan.",
    },
    {
        "title": "Bridge plan passes in Riverton after long debate",
        "outlet": "Valley Courier",
        "published": "2024-03-06",
        "url": "https://valley-courier.example/riverton-bridge",
        "text": "Riverton councillors voted seven to two on Tuesday to fund the river bridge with 4.5 million "
        "dollars.\n\nMayor Ana Ruiz said the bridge would be finished by 2026 and called the vote \"a good day "
        "for the city\".\n\nOpponents said the council had ignored cheaper repairs.",
    },
    {
        "title": "Floods close roads in Marlow district",
        "outlet": "Marlow Herald",
        "published": "2024-03-06",
        "url": "https://marlow-herald.example/floods",
        "text": "Heavy rain flooded roads across the Marlow district on Wednesday, and schools stayed closed.\n\n"
        "\"The water rose faster than anyone expected,\" said fire chief Tomas Berg.\n\n"
        "About 300 homes lost power overnight, the utility said.",
    },
]

BROKEN_MARK = "BREAKS-THE-ANALYZER"


def stub_analyze(articles: Iterable[Article]) -> Iterator[Analysis]:
    """A stand-in for the analysis stage (fast); it fails on a marked article, as a crashing parser would."""
    batch = list(articles)
    for a in batch:
        if BROKEN_MARK in a.text:
            raise RuntimeError("the parser crashed")
    for a in batch:
        yield Analysis(article=a)


def write_jsonl(path: Path, records: Iterable[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    return path


def synth_records(n: int, seed: int = 5) -> list[dict[str, object]]:
    from framescope.synth import generate

    out = []
    for s in generate(n, seed=seed):
        a = s.article
        out.append({"title": a.title, "text": a.text, "outlet": a.outlet, "published": a.published,
                    "url": f"https://{(a.outlet or 'x').replace(' ', '').lower()}.example/{a.id}"})
    return out


def bad_records() -> list[str]:
    """JSONL lines: a good record, broken JSON, a record without text, one the analyzer chokes on."""
    good = {"title": "Harbour ferry fares rise", "outlet": "Coast Post", "published": "2024-03-07",
            "text": "Ferry fares in the harbour will rise by 8 percent from April, the operator said on Thursday.\n\n"
                    "Commuters said the increase was the third in two years."}
    broken = {"title": "Odd record", "outlet": "Coast Post", "published": "2024-03-07",
              "text": f"This record makes the analysis fail: {BROKEN_MARK}. It still has ordinary words in it."}
    return [json.dumps(good), '{"title": "cut off', json.dumps({"title": "no body here"}), json.dumps(broken)]


def write_warc(path: Path, pages: list[tuple[str, str]]) -> Path:
    """A WARC with one HTML response per (url, html), plus a request record that readers skip."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, html in pages:
            body = html.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
    return path


def html_page(record: dict[str, object]) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in str(record["text"]).split("\n\n"))
    return (
        f"<html><head><title>{record['title']}</title>"
        f"<meta property=\"article:published_time\" content=\"{record['published']}\">"
        f"<meta property=\"og:site_name\" content=\"{record['outlet']}\"></head>"
        f"<body><nav>Home | World | Sport</nav><article><h1>{record['title']}</h1>{paragraphs}</article>"
        f"<footer>Copyright the publisher</footer></body></html>"
    )


def read(out: Path, name: str, key: str) -> list[dict[str, object]]:
    import pyarrow.parquet as pq

    return sorted(pq.read_table(out / f"{name}.parquet").to_pylist(), key=lambda r: (str(r[key]), str(r)))

"""Article body extraction benchmark: Framescope's HTML path against plain trafilatura, side by side.

Data: the 181 pages of the scrapinghub article-extraction benchmark, stored at
../shared/benchmarks/article-extraction (html/<id>.html.gz + ground-truth.json); never copied into the repo.

Metric (reimplemented from that folder's README): tokens are \\w+ runs; each page's true and predicted bodies
become multisets of 4-token shingles; tp/fp/fn are the shared, predicted-only and true-only counts, divided by
their sum so that every page weighs the same; precision and recall are means over pages (precision over
pages with tp+fp > 0, recall over pages with tp+fn > 0); F1 = 2PR/(P+R); accuracy = share of pages whose token
lists are identical.

Second data set, --gn1 DIR: L3S-GN1 (Kohlschütter et al., WSDM 2010: 621 news pages of hundreds of sites found
through Google News, mostly December 2007 and January 2008, many laid out with tables). DIR holds input/<id>.html
and GoldStandard/<id>.txt, the page annotated by hand, e.g. the folder page-signal-master of the public repository
j-szulc/html-cleaning-dataset-merged (read from a path, never committed). The true body is the text the
annotators marked as the article's full text (class x-nc-sel2; the headline, sel1, is left out as the first
set's articleBody leaves it out; so are captions and date lines, sel3, related links, sel4, and comments, sel5).
The same metric. Also titles: of the pages whose headline is marked (sel1), on how many our title has the same
words (runs of letters and digits, lower case), on how many more one contains the other, how many pages have
no title, and how many another (a site's name, a section, a date line).

Usage: .venv/bin/python bench/extraction.py [--data DIR | --gn1 DIR] [--limit N] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".." / "shared" / "benchmarks" / "article-extraction"
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    # a text shorter than n tokens is one (short) shingle, so that it still counts
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


@dataclass(frozen=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool


def score_page(truth: str, pred: str) -> PageScore:
    a, b = shingles(truth), shingles(pred)
    tp = sum((a & b).values())
    fp = sum((b - a).values())
    fn = sum((a - b).values())
    total = tp + fp + fn
    if total:
        return PageScore(tp / total, fp / total, fn / total, tokens(truth) == tokens(pred))
    return PageScore(0.0, 0.0, 0.0, tokens(truth) == tokens(pred))


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int
    seconds: float


def summarize(scores: list[PageScore], seconds: float) -> Summary:
    ps = [s.tp / (s.tp + s.fp) for s in scores if s.tp + s.fp > 0]
    rs = [s.tp / (s.tp + s.fn) for s in scores if s.tp + s.fn > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return Summary(p, r, f1, acc, len(scores), seconds)


def load(data: Path, limit: int | None) -> list[tuple[str, str, str, str]]:
    """(id, url, html, true body) for each page, in id order."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, truth[key].get("url") or "", raw.decode("utf-8", "replace"), truth[key]["articleBody"]))
    return pages


def load_gn1(data: Path, limit: int | None) -> list[tuple[str, str, str, str]]:
    """(id, "", html, true body) for each L3S-GN1 page, in id order: the body is the annotated full text."""
    pages = []
    for gold in sorted((data / "GoldStandard").glob("*.txt"))[:limit]:
        body = gn1_marked(gold, "x-nc-sel2")
        html = (data / "input" / f"{gold.stem}.html").read_bytes().decode("utf-8", "replace")
        pages.append((gold.stem, "", html, body))
    return pages


def gn1_marked(gold: Path, label: str) -> str:
    """The text L3S-GN1's annotators marked with the class `label` in one annotated page, one line a mark."""
    import lxml.html

    tree = lxml.html.fromstring(gold.read_bytes().decode("utf-8", "replace"))
    marked = tree.xpath(f'//*[contains(concat(" ", normalize-space(@class), " "), " {label} ")]')
    # an annotation can nest inside another: only the outermost ones, so no text counts twice
    outer = [e for e in marked if not any(a in marked for a in e.iterancestors())]
    return "\n".join(e.text_content() for e in outer)


def gn1_headlines(data: Path, keys: set[str]) -> dict[str, str]:
    """The headline L3S-GN1's annotators marked (class x-nc-sel1) on each page of `keys` that has one."""
    out = {}
    for key in sorted(keys):
        if headline := " ".join(gn1_marked(data / "GoldStandard" / f"{key}.txt", "x-nc-sel1").split()):
            out[key] = headline
    return out


def titles(pages: list[tuple[str, str, str, str]], headlines: dict[str, str]) -> tuple[int, int, int, int]:
    """Of the pages with a marked headline: how many of our titles have its words exactly, and how many more
    contain it or are contained in it (a site's name left on, a kicker, a headline cut short). The pages are
    cleaned together, as a folder of them would be (clean_batch: a title that pages of different texts share
    is a site's, not a headline)."""
    from framescope.clean import clean_batch
    from framescope.models import Article, Document

    docs = [Document(source=key, content=html, format="html", url=url or None) for key, url, html, _ in pages]
    found = {a.source: a.title for a in clean_batch(docs) if isinstance(a, Article)}
    exact = near = missing = 0
    for key in headlines:
        ours, truth = _words(found.get(key) or ""), _words(headlines[key])
        exact += ours == truth
        near += ours != truth and bool(ours) and (ours in truth or truth in ours)
        missing += not ours
    return len(headlines), exact, near, missing


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def framescope_html(html: str, url: str) -> str:
    from framescope.clean import clean
    from framescope.errors import InputError
    from framescope.models import Document

    try:
        return clean(Document(source=url or "page", content=html, format="html", url=url or None)).text
    except InputError:
        return ""


def plain_trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def run(name: str, fn: Callable[[str, str], str], pages: list[tuple[str, str, str, str]]) -> tuple[Summary, list]:
    fn(pages[0][2], pages[0][1])  # warm up imports so that throughput measures extraction
    scores, rows = [], []
    start = time.perf_counter()
    for key, url, html, truth in pages:
        pred = fn(html, url)
        s = score_page(truth, pred)
        scores.append(s)
        rows.append((key, url, s))
    return summarize(scores, time.perf_counter() - start), rows


def comments(data: Path, pages: list[tuple[str, str, str, str]]) -> tuple[int, int, float, float]:
    """What the cleaner removed as readers' comments (reason `comments`) on L3S-GN1: pages that lost some,
    pages whose annotators marked comments (sel5), and the largest shares of the removed text's shingles that
    the annotators marked as article text (sel2) and as comments on any one page."""
    from framescope.clean import clean
    from framescope.models import Document

    hit = marked = 0
    worst_body, least_comments = 0.0, 1.0
    for key, _, html, body in pages:
        gold = data / "GoldStandard" / f"{key}.txt"
        said = gn1_marked(gold, "x-nc-sel5")
        marked += bool(said.strip())
        try:
            removed = [r.text for r in clean(Document(source=key, content=html, format="html")).removed
                       if r.reason == "comments"]
        except Exception:  # a page the cleaner refuses loses nothing
            continue
        if not removed:
            continue
        hit += 1
        ours = shingles("\n".join(removed))
        total = sum(ours.values()) or 1
        worst_body = max(worst_body, sum((ours & shingles(body)).values()) / total)
        if said.strip():
            least_comments = min(least_comments, sum((ours & shingles(said)).values()) / total)
    return hit, marked, worst_body, least_comments


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with ground-truth.json and html/")
    ap.add_argument("--gn1", type=Path, help="L3S-GN1 instead: folder with input/ and GoldStandard/ (see above)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages where Framescope scores lowest")
    args = ap.parse_args(argv)
    if args.gn1 and not (args.gn1 / "GoldStandard").is_dir():
        print(f"{args.gn1}: no GoldStandard/ folder here (pass L3S-GN1's folder to --gn1)", file=sys.stderr)
        return 2
    if not args.gn1 and not (args.data / "ground-truth.json").exists():
        print(f"{args.data}: no ground-truth.json here (pass --data)", file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    pages = load_gn1(args.gn1, args.limit) if args.gn1 else load(args.data, args.limit)
    args.data = args.gn1 or args.data
    ours, rows = run("framescope", framescope_html, pages)
    plain, _ = run("trafilatura", plain_trafilatura, pages)
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'':28} {'precision':>9} {'recall':>7} {'F1':>7} {'accuracy':>8} {'pages/s':>8}")
    for label, s in (("framescope (clean.extract)", ours), ("trafilatura.extract default", plain)):
        rate = s.pages / s.seconds if s.seconds else 0.0
        print(f"{label:28} {s.precision:9.4f} {s.recall:7.4f} {s.f1:7.4f} {s.accuracy:8.4f} {rate:8.1f}")
    if args.gn1:
        n, exact, near, missing = titles(pages, gn1_headlines(args.gn1, {key for key, *_ in pages}))
        print(f"titles: of {n} pages with a marked headline, ours has its words exactly on {exact} "
              f"({exact / max(n, 1):.1%}), contains it or is contained in it on {near} more; none on {missing}; "
              f"another on {n - exact - near - missing}")
        hit, marked, worst, least = comments(args.gn1, pages)
        print(f"readers' comments: removed on {hit} pages ({marked} have comments marked); of the removed text, at "
              f"most {worst:.0%} on a page is marked article text; on pages with comments marked, at least "
              f"{least:.0%} is marked comments")
    if args.worst:
        rows.sort(key=lambda r: min(r[2].tp / (r[2].tp + r[2].fp or 1), r[2].tp / (r[2].tp + r[2].fn or 1)))
        for key, url, s in rows[: args.worst]:
            print(f"  {key[:12]} tp={s.tp:.2f} fp={s.fp:.2f} fn={s.fn:.2f} {url[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

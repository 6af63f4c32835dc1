"""The report and the web app in a real browser (Debian's Chromium driven by Playwright): clicking a quote
shows its diff, a story is reachable from the list, and no payload carried by article content runs.
Screenshots go to test-output/ for a person to look at."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
OUT = Path(__file__).resolve().parents[2] / "test-output"

pytestmark = pytest.mark.browser
if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from test_report_html import _fixture, fill_store  # noqa: E402

from framescope.report.html import write_html  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _watch(page: object) -> list[str]:
    """Record anything a payload could do: dialogs (alert), console errors other than CSP reports."""
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append("dialog: " + d.message), d.dismiss()))  # type: ignore[attr-defined]
    return fired


def test_report_quote_diff_and_no_payload_runs(browser: object, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    write_html(*_fixture(), path)
    page = browser.new_page(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    fired = _watch(page)
    page.goto(path.as_uri())
    page.locator("[data-q='a1:q1']").first.click()
    box = page.locator("#diffbox")
    box.wait_for(state="visible")
    assert "altered" in box.inner_text()
    assert page.locator("#diffbox del").first.inner_text() == "need"
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "report-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(OUT / "report-phone.png"), full_page=True)
    assert page.evaluate("document.querySelectorAll('img').length") == 0  # the <img> payload is text
    time.sleep(0.3)
    assert fired == []
    page.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: str) -> Iterator[str]:
    """The web app on a free loopback port, in a thread, for as long as the block runs."""
    import uvicorn

    from framescope.serve.app import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=5)


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    db = str(tmp_path / "fs.db")
    fill_store(db)
    with serving(db) as base:
        yield base


def test_web_app_list_to_story_to_diff(browser: object, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    fired = _watch(page)
    page.goto(server + "/")
    link = page.locator("table.stories a").first
    assert "Bridge opens" in link.inner_text()
    link.click()
    page.wait_for_url("**/stories/s1")
    page.locator("[data-q='b2:q1']").first.click()
    page.locator("#diffbox").wait_for(state="visible")
    assert "have" in page.locator("#diffbox ins").first.inner_text()
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "webapp-story.png"), full_page=True)
    page.goto(server + "/?q=Harbor")
    assert page.locator("table.stories tbody tr").count() == 1
    assert fired == []
    page.close()


PAYLOAD_RECORDS = [
    {
        "url": "https://paper.example/a",
        "outlet": 'Daily <img src=x onerror="window.__pwned=1;alert(1)">',
        "title": 'Harbour talks <script>window.__pwned=1;alert("t")</script> resume',
        "published": "2024-06-03",
        "text": (
            'Port officials met on Monday. "<script>window.__pwned=1</script>We will reopen the harbour '
            'within days, <a href=\\"javascript:window.__pwned=1\\">click</a>," the harbour master said.\n\n'
            "The talks covered 40 percent of the port's traffic, officials said, and <img src=y "
            "onerror=window.__pwned=1> more meetings are planned for next week."
        ),
    },
    {
        "url": "https://other.example/b",
        "outlet": "javascript:alert(1)",
        "title": "Harbour to reopen, master says",
        "published": "2024-06-03",
        "text": (
            'The harbour will reopen soon. "We will reopen the harbour within days," the harbour master '
            "said on Monday, adding that 40% of traffic was affected. More meetings are planned next week."
        ),
    },
]


def test_payloads_through_the_real_pipeline_never_run(browser: object, tmp_path: Path) -> None:
    """Articles carrying <script>, onerror= and javascript: payloads in title, text, outlet and quotes go
    through ingest, analysis and the report; in the browser nothing runs and no link is live."""
    import json

    from typer.testing import CliRunner

    from framescope.cli import app

    src = tmp_path / "evil.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in PAYLOAD_RECORDS) + "\n")
    report = tmp_path / "evil.html"
    db = str(tmp_path / "evil.db")
    runner = CliRunner()
    assert runner.invoke(app, ["compare", str(src), "--html", str(report), "-q"]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0

    with serving(db) as base:
        page = browser.new_page()  # type: ignore[attr-defined]
        fired = _watch(page)
        for url in (report.as_uri(), base + "/"):
            page.goto(url)
            if "127.0.0.1" in url:
                page.locator("table.stories a").first.click()
                page.wait_for_load_state()
            for q in page.locator("[data-q]").all()[:4]:
                q.click()
            time.sleep(0.3)
            assert page.evaluate("window.__pwned === undefined"), url
            assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').length") == 0, url
            assert page.evaluate("document.querySelectorAll('img').length") == 0, url
            assert "<script>" in page.locator("body").inner_text()  # shown as text, for a person to see
        OUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUT / "payloads.png"), full_page=True)
        assert fired == []
        page.close()

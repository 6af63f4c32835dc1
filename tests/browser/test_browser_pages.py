"""The report and the web app in a real browser (Debian's Chromium driven by Playwright): clicking a quote
shows its diff, a story is reachable from the list, and no payload carried by article content runs.
Screenshots go to test-output/ for a person to look at."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
OUT = Path(__file__).resolve().parents[2] / "test-output"

pytestmark = pytest.mark.browser
if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from test_report_html import _fixture  # noqa: E402

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


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    from framescope.serve.app import create_app
    from framescope.store import open_store

    db = str(tmp_path / "fs.db")
    analyses, stories, comparisons = _fixture()
    with open_store(db) as store:
        store.write_batch(analyses)
        store.put_stories(stories)
        for c in comparisons:
            store.put_comparison(c)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


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

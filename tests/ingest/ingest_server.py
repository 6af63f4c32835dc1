"""A real HTTP server on 127.0.0.1 for the ingest tests (nothing here reaches the internet)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour bridge reopens after repairs</title></head>
<body><article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in Port Vell reopened on Monday after eight months of repairs, the city council said.</p>
<p>"Traffic will flow again by noon," the council's works director told reporters.</p>
</article></body></html>
"""

STORY = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body><article><h1>{title}</h1><p>{body}</p></article></body></html>
"""

LONG_SUMMARY = (
    "The regional water board approved a new reservoir for the valley on Thursday after two years of debate. "
    "Board members voted seven to two in favour of the plan, which will cost an estimated 40 million crowns. "
    "Farmers in the lower valley had asked for the reservoir after three dry summers in a row, while residents "
    "of two villages upstream said they would lose grazing land. Construction is due to begin next spring."
)


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LocalServer:
    base: str  # "http://127.0.0.1:PORT"
    routes: dict[str, Route]
    hits: list[str]

    def url(self, path: str) -> str:
        return self.base + path


def _rss(base: str) -> bytes:
    items = [
        ("Bridge reopens", f"{base}/story-1.html", "Short teaser.", "Mon, 02 Mar 2026 09:30:00 GMT"),
        ("Council budget", f"{base}/story-2.html", "Short teaser two.", "Tue, 03 Mar 2026 10:00:00 GMT"),
        ("Reservoir approved", f"{base}/gone", LONG_SUMMARY, "Wed, 04 Mar 2026 11:00:00 GMT"),
        ("Ferry strike", f"{base}/gone-too", "Ferries stopped.", "Thu, 05 Mar 2026 12:00:00 GMT"),
    ]
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        f"<pubDate>{p}</pubDate><author>desk@example.org (Ana Ruiz)</author></item>"
        for t, link, d, p in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Port Vell Daily</title>'
        f"<link>{base}/</link><description>Local news</description>{entries}</channel></rss>"
    ).encode()


def _big(size: int) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        chunk = b"<p>" + b"x" * 65530 + b"</p>\n"
        for _ in range(size // len(chunk) + 1):
            yield chunk

    return chunks


def _slow() -> Iterator[bytes]:
    yield b"<html><body><p>first part</p>"
    time.sleep(2.0)
    yield b"<p>second part</p></body></html>"


def _routes(base: str) -> dict[str, Route]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/page.html": Route(200, PAGE.encode(), html),
        "/plain": Route(200, b"A plain text report.\n\nSecond paragraph.\n", {"Content-Type": "text/plain"}),
        "/legacy": Route(
            200,
            "<html><body><p>Café “Léon” reopened — at last.</p></body></html>".encode("cp1252"),
            {"Content-Type": "text/html; charset=windows-1252"},
        ),
        "/r1": Route(302, b"", {"Location": "/r2"}),
        "/r2": Route(301, b"", {"Location": f"{base}/r3"}),
        "/r3": Route(307, b"", {"Location": "page.html"}),
        "/loop": Route(302, b"", {"Location": "/loop"}),
        "/to-file": Route(302, b"", {"Location": "file:///etc/passwd"}),
        "/to-private": Route(302, b"", {"Location": "http://10.0.0.1:8080/internal"}),
        "/big-declared": Route(200, _big(11 * 1024 * 1024), {**html, "Content-Length": str(11 * 1024 * 1024)}),
        "/big-streamed": Route(200, _big(3 * 1024 * 1024), html),
        "/slow": Route(200, _slow, html),
        "/image.png": Route(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, {"Content-Type": "image/png"}),
        "/feed.xml": Route(200, _rss(base), {"Content-Type": "application/rss+xml"}),
        "/story-1.html": Route(200, STORY.format(title="Bridge reopens", body=PAGE).encode(), html),
        "/story-2.html": Route(
            200,
            STORY.format(title="Council budget", body="The council passed its budget by one vote.").encode(),
            html,
        ),
        "/news/relative.rss": Route(
            200,
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Rel</title><link>/</link>'
            b"<description>d</description><item><title>Bridge reopens</title><link>../story-1.html</link>"
            b"</item></channel></rss>",
            {"Content-Type": "application/xml"},
        ),
        "/records.jsonl": Route(
            200,
            b'{"title": "One", "text": "First record body."}\n{"title": "Two", "text": "Second record body."}\n',
            {"Content-Type": "application/x-ndjson"},
        ),
    }


@pytest.fixture(scope="session")
def local_server() -> Iterator[LocalServer]:
    routes: dict[str, Route] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            route = routes.get(self.path, Route(404, b"not found", {"Content-Type": "text/plain"}))
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if "Content-Length" not in route.headers and isinstance(route.body, bytes):
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                parts = [route.body] if isinstance(route.body, bytes) else route.body()
                for part in parts:
                    self.wfile.write(part)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: exactly what the size cap should do

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    routes.update(_routes(base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(base, routes, hits)
    finally:
        server.shutdown()
        server.server_close()

"""URL ingest against a real server on 127.0.0.1: pages, redirects, caps, and the private-address guard."""

from __future__ import annotations

import pytest
from ingest_server import LocalServer

from framescope.errors import FetchError
from framescope.ingest import Limits, ingest, web
from framescope.models import Document, Problem

pytestmark = pytest.mark.network


def one(source: str, **kwargs: object) -> Document | Problem:
    items = list(ingest([source], **kwargs))
    assert len(items) == 1, items
    return items[0]


def test_page_is_fetched_when_private_addresses_are_allowed(local_server: LocalServer) -> None:
    doc = one(local_server.url("/page.html"), allow_private=True)
    assert isinstance(doc, Document)
    assert doc.format == "html"
    assert doc.source == local_server.url("/page.html")
    assert doc.url == local_server.url("/page.html")
    assert doc.encoding == "utf-8"
    assert "harbour bridge in Port Vell reopened" in doc.content


def test_loopback_is_refused_by_default_with_a_clear_message(local_server: LocalServer) -> None:
    before = len(local_server.hits)
    url = local_server.url("/page.html")
    problem = one(url)
    assert problem == Problem(url, "refused: resolves to loopback address 127.0.0.1 (use --allow-private to allow)")
    assert len(local_server.hits) == before  # refused before any connection was made


def test_localhost_name_is_refused_too(local_server: LocalServer) -> None:
    port = local_server.base.rsplit(":", 1)[1]
    problem = one(f"http://localhost:{port}/page.html")
    assert isinstance(problem, Problem)
    assert "refused: resolves to loopback address" in problem.message


def test_redirect_chain_is_followed_and_final_url_kept(local_server: LocalServer) -> None:
    doc = one(local_server.url("/r1"), allow_private=True)
    assert isinstance(doc, Document)
    assert doc.source == local_server.url("/r1")
    assert doc.url == local_server.url("/page.html")


def test_redirect_loop_stops_at_the_cap(local_server: LocalServer) -> None:
    before = local_server.hits.count("/loop")
    problem = one(local_server.url("/loop"), allow_private=True)
    assert problem == Problem(local_server.url("/loop"), "too many redirects (more than 5)")
    assert local_server.hits.count("/loop") - before == 6  # the first request and five redirects


def test_redirect_to_another_scheme_is_refused(local_server: LocalServer) -> None:
    problem = one(local_server.url("/to-file"), allow_private=True)
    assert isinstance(problem, Problem)
    assert "unsupported URL scheme 'file'" in problem.message


def test_every_redirect_hop_is_checked(local_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # "news.test" stands for a public host: it resolves to our server and 127.0.0.1 is let through for
    # this test only. Its redirect to 10.0.0.1 must still be refused, before any connection to it.
    port = int(local_server.base.rsplit(":", 1)[1])
    original = web.refusal_reason
    monkeypatch.setattr(web, "refusal_reason", lambda a: None if a == "127.0.0.1" else original(a))

    def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "news.test" else web.system_resolve(host, port)

    fetcher = web.Fetcher(allow_private=False, resolve=resolve)
    try:
        assert b"Port Vell" in fetcher.fetch(f"http://news.test:{port}/page.html").body
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(f"http://news.test:{port}/to-private")
    finally:
        fetcher.close()
    assert str(caught.value) == (
        f"http://news.test:{port}/to-private: refused: redirect to http://10.0.0.1:8080/internal "
        "resolves to private address 10.0.0.1 (use --allow-private to allow)"
    )


def test_declared_oversize_body_is_refused_without_reading_it(local_server: LocalServer) -> None:
    problem = one(local_server.url("/big-declared"), allow_private=True)
    assert problem == Problem(local_server.url("/big-declared"), "too large: 11.0 MB (limit 10.0 MB)")


def test_streamed_body_stops_at_the_cap(local_server: LocalServer) -> None:
    limits = Limits(max_response_bytes=1024 * 1024)
    problem = one(local_server.url("/big-streamed"), allow_private=True, limits=limits)
    assert problem == Problem(local_server.url("/big-streamed"), "too large: more than 1.0 MB")


def test_slow_server_times_out(local_server: LocalServer) -> None:
    problem = one(local_server.url("/slow"), allow_private=True, limits=Limits(read_timeout=0.3))
    assert problem == Problem(local_server.url("/slow"), "timed out")


def test_total_time_budget_bounds_each_wait(local_server: LocalServer) -> None:
    limits = Limits(read_timeout=30.0, total_timeout=0.5)
    problem = one(local_server.url("/slow"), allow_private=True, limits=limits)
    assert problem == Problem(local_server.url("/slow"), "timed out")


def test_redirect_cap_is_configurable(local_server: LocalServer) -> None:
    problem = one(local_server.url("/r1"), allow_private=True, limits=Limits(max_redirects=2))
    assert problem == Problem(local_server.url("/r1"), "too many redirects (more than 2)")


def test_http_error_status_is_a_problem(local_server: LocalServer) -> None:
    problem = one(local_server.url("/nowhere"), allow_private=True)
    assert problem == Problem(local_server.url("/nowhere"), "HTTP 404 Not Found")


def test_binary_content_type_is_not_an_article(local_server: LocalServer) -> None:
    problem = one(local_server.url("/image.png"), allow_private=True)
    assert problem == Problem(local_server.url("/image.png"), "not an article: content type image/png")


def test_content_type_decides_text_and_charset(local_server: LocalServer) -> None:
    plain, legacy = ingest([local_server.url("/plain"), local_server.url("/legacy")], allow_private=True)
    assert isinstance(plain, Document) and plain.format == "text"
    assert isinstance(legacy, Document) and legacy.format == "html"
    assert legacy.encoding == "cp1252"
    assert "Café “Léon” reopened — at last." in legacy.content


def test_records_served_as_jsonl(local_server: LocalServer) -> None:
    url = local_server.url("/records.jsonl")
    docs = list(ingest([url], allow_private=True))
    assert [(d.source, d.title) for d in docs if isinstance(d, Document)] == [(f"{url}#1", "One"), (f"{url}#2", "Two")]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback address 127.0.0.1"),
        ("::1", "loopback address ::1"),
        ("10.1.2.3", "private address 10.1.2.3"),
        ("192.168.0.10", "private address 192.168.0.10"),
        ("172.16.5.4", "private address 172.16.5.4"),
        ("169.254.169.254", "link-local address 169.254.169.254"),
        ("fe80::1", "link-local address fe80::1"),
        ("224.0.0.1", "multicast address 224.0.0.1"),
        ("0.0.0.0", "unspecified address 0.0.0.0"),
        ("240.0.0.1", "reserved address 240.0.0.1"),
        ("100.64.0.1", "non-public address 100.64.0.1"),
        ("::ffff:127.0.0.1", "loopback address 127.0.0.1 (inside ::ffff:7f00:1)"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_refusal_reason(address: str, reason: str | None) -> None:
    assert web.refusal_reason(address) == reason


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://2130706433:9/", "loopback address 127.0.0.1"),  # 127.0.0.1 written as one number
        ("http://0x7f.1:9/", "loopback address 127.0.0.1"),
        ("http://[::ffff:127.0.0.1]:9/", "loopback address 127.0.0.1 (inside ::ffff:7f00:1)"),
        ("http://0.0.0.0:9/", "unspecified address 0.0.0.0"),
        ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
        ("http://10.0.0.1:9/", "private address 10.0.0.1"),
    ],
)
def test_disguised_private_addresses_are_refused(url: str, reason: str) -> None:
    assert one(url) == Problem(url, f"refused: resolves to {reason} (use --allow-private to allow)")

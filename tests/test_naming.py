"""One rule names an article's publisher wherever a person reads it."""

from __future__ import annotations

from framescope.naming import publisher


def test_outlet_then_host_then_file_name() -> None:
    assert publisher("Harbor Wire", "https://harbor-wire.example/x", "/data/x.txt") == "Harbor Wire"
    assert publisher(None, "https://www.harbor-wire.example/2024/03/05/bridge", "/data/x.txt") == "harbor-wire.example"
    assert publisher("", None, "/data/bridge.txt") == "bridge.txt"
    # a crawl's 64-character hash is cut in the middle, its extension kept: 24 characters, not 72
    crawled = "/data/crawl/c00962aabe7bdd1fca78f5360ea7fa93cd7674863b05157e00827506a7aa58c4.html.gz"
    assert publisher(None, None, crawled) == "c00962aabe7bdd1….html.gz"
    assert publisher(None, "http://[broken", "-") == "-"  # a malformed URL names nobody; stdin is "-"
    assert publisher(None, None, "") == "?"

"""The limits every ingest path enforces, and the per-run context (options plus a lazily opened HTTP client)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # web imports httpx; only a run that fetches a URL should pay for that import
    from framescope.ingest.web import Fetcher

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps that keep one bad or hostile input from exhausting memory or time. All sizes are bytes."""

    max_file_bytes: int = 20 * MB  # one article file (.txt/.html/.md, decompressed .gz), one record's body
    max_json_bytes: int = 100 * MB  # a .json file is parsed whole; bigger exports should be JSONL (streamed)
    max_response_bytes: int = 10 * MB  # one HTTP response body, counted after content decoding
    max_redirects: int = 5
    connect_timeout: float = 10.0  # seconds to open a TCP/TLS connection
    read_timeout: float = 20.0  # seconds of silence allowed between two reads
    total_timeout: float = 30.0  # seconds for one URL, all redirect hops included
    min_entry_chars: int = 300  # a feed entry's own text must be this long to stand in for its page


@dataclass
class Context:
    """What one `ingest()` run shares between sources: options, limits and one HTTP client (opened on first use)."""

    allow_private: bool = False
    columns: Mapping[str, str] | None = None
    limits: Limits = field(default_factory=Limits)
    _fetcher: Fetcher | None = None

    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from framescope.ingest.web import Fetcher

            self._fetcher = Fetcher(allow_private=self.allow_private, limits=self.limits)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


def mb(size: int) -> str:
    """Human size for messages: '50.0 MB' (or '12 KB' below a megabyte, where '0.0 MB' would say nothing)."""
    return f"{size / MB:.1f} MB" if size >= MB else f"{size / 1024:.0f} KB"

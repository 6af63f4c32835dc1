"""URL fetching with httpx, guarded: http/https only, timeouts, a body size cap, a redirect cap, and no
connections to private, loopback, link-local, multicast, reserved or unspecified addresses unless allowed.

The address check lives in the connection layer (a httpcore network backend), not in front of the request:
the host is resolved once, every resolved address is checked, and the socket is opened to a checked address.
So every redirect hop is checked, and a DNS answer that changes between check and connect (DNS rebinding)
cannot slip a private address in. TLS still verifies the certificate against the host name.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from framescope.errors import FetchError
from framescope.ingest.options import Limits, mb

log = logging.getLogger(__name__)

USER_AGENT = "framescope/0.1 (news coverage comparison)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Fetched:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    media_type: str | None  # "text/html", lower case, without parameters
    charset: str | None  # from the Content-Type header
    body: bytes


class RefusedAddress(Exception):
    """Raised inside the connection layer; `fetch` turns it into a FetchError that names the URL."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"{host}: {reason}")
        self.host = host
        self.reason = reason


def refusal_reason(address: str) -> str | None:
    """Why connecting to `address` is refused by default ("loopback address 127.0.0.1"), or None if it is public."""
    ip: IPAddress = ipaddress.ip_address(address.split("%")[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:  # ::ffff:127.0.0.1 reaches 127.0.0.1
            inner = refusal_reason(str(embedded))
            return f"{inner} (inside {ip})" if inner else None
    for kind, hit in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),  # before "private": Python counts 240.0.0.0/4 as both
        ("private", ip.is_private),
        ("non-public", not ip.is_global),  # e.g. 100.64.0.0/10 carrier-grade NAT, documentation ranges
    ):
        if hit:
            return f"{kind} address {ip}"
    return None


def system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.SyncBackend):
    """Resolves, checks every address, then connects to a checked address (never re-resolving)."""

    def __init__(self, *, allow_private: bool, resolve: Resolver = system_resolve) -> None:
        self.allow_private = allow_private
        self.resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self.resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        if not self.allow_private:
            for address in addresses:
                reason = refusal_reason(address)
                if reason:
                    raise RefusedAddress(host, f"resolves to {reason}")
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the connection pool built on GuardedBackend (no proxies: they would bypass it).

    httpx has no public hook for the network backend, so the pool (`_pool`, the attribute HTTPTransport sends
    every request through) is replaced; tests/ingest/test_ingest_web.py fails loudly if that ever stops working.
    """

    def __init__(self, *, allow_private: bool, resolve: Resolver = system_resolve) -> None:
        super().__init__(trust_env=False)
        ssl_context = ssl.create_default_context()
        try:
            import certifi  # the CA bundle httpx itself uses, added to the system store

            ssl_context.load_verify_locations(certifi.where())
        except ImportError:  # pragma: no cover
            pass
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            network_backend=GuardedBackend(allow_private=allow_private, resolve=resolve),
        )


class Fetcher:
    """One HTTP client for a run; `fetch(url)` returns the body or raises FetchError naming the URL."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        limits: Limits | None = None,
        resolve: Resolver = system_resolve,
    ) -> None:
        self.limits = limits or Limits()
        self.allow_private = allow_private
        self._client = httpx.Client(
            transport=GuardedTransport(allow_private=allow_private, resolve=resolve),
            timeout=httpx.Timeout(self.limits.read_timeout, connect=self.limits.connect_timeout),
            follow_redirects=False,  # we follow them ourselves, so that each hop is counted and checked
            trust_env=False,
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        )

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        limits = self.limits
        deadline = time.monotonic() + limits.total_timeout
        current = url
        for _hop in range(limits.max_redirects + 1):
            _check_scheme(url, current)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(url, f"timed out after {limits.total_timeout:g} s")
            # No single wait may outlast what is left of the total budget.
            timeout = httpx.Timeout(min(limits.read_timeout, remaining), connect=min(limits.connect_timeout, remaining))
            try:
                with self._client.stream("GET", current, timeout=timeout) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        current = str(response.url.join(response.headers["location"]))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                    body = _read_capped(url, response, limits.max_response_bytes, deadline)
                    content_type = response.headers.get("content-type")
                    return Fetched(
                        url=url,
                        final_url=str(response.url),
                        status=response.status_code,
                        media_type=content_type.split(";")[0].strip().lower() if content_type else None,
                        charset=response.charset_encoding,
                        body=body,
                    )
            except RefusedAddress as exc:
                hop = "" if current == url else f"redirect to {current} "
                raise FetchError(url, f"refused: {hop}{exc.reason} (use --allow-private to allow)") from None
            except httpx.TimeoutException:
                raise FetchError(url, "timed out") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, f"cannot fetch: {_one_line(exc) or type(exc).__name__}") from None
        raise FetchError(url, f"too many redirects (more than {limits.max_redirects})")


def _check_scheme(url: str, current: str) -> None:
    parsed = httpx.URL(current)
    if parsed.scheme not in ("http", "https"):
        where = "" if current == url else f"redirect to {current}: "
        raise FetchError(url, f"{where}unsupported URL scheme {parsed.scheme!r} (only http and https)")
    if not parsed.host:
        raise FetchError(url, "no host in the URL")


def _read_capped(url: str, response: httpx.Response, cap: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(url, f"too large: {mb(int(declared))} (limit {mb(cap)})")
    chunks: list[bytes] = []
    size = 0
    # iter_bytes() yields decoded (decompressed) bytes, so a compression bomb is caught by the same cap.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise FetchError(url, f"too large: more than {mb(cap)}")
        if time.monotonic() > deadline:
            raise FetchError(url, "timed out while reading the body")
        chunks.append(chunk)
    return b"".join(chunks)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())

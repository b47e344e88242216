"""Fetching a page by URL, safely: http(s) only, public addresses only, bounded.

Every hop of a redirect is checked again, so a public page cannot send the fetcher to a
private address. The check resolves the host itself; a DNS answer that changes between
the check and the connection (DNS rebinding) is not guarded against.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from summarizer.errors import FetchError

#: Seconds to wait for the server (connection and each read).
DEFAULT_TIMEOUT = 15.0
#: Largest page fetched, in bytes.
MAX_FETCH_BYTES = 5 * 1024 * 1024
_USER_AGENT = "Mozilla/5.0 (compatible; summarizer/0.1; +https://example.invalid/summarizer)"
_MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Page:
    """A fetched page: its final URL, body bytes and declared charset."""

    url: str
    content: bytes
    charset: str | None
    content_type: str | None


def check_url(url: str, allow_private: bool = False) -> None:
    """Refuse URLs that are not http(s) or that point to a non-public address.

    Args:
        url: the address to check.
        allow_private: accept private, loopback and link-local addresses.

    Raises:
        FetchError: a bad scheme, no host, an unresolvable host, or a refused address.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(
            f"Refusing to fetch {url!r}: only http:// and https:// addresses are fetched."
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"Refusing to fetch {url!r}: the address has no host name.")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Cannot resolve the host {host!r}: {exc}. Check the address.") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"Refusing to fetch {url!r}: {host} resolves to {address}, a private, "
                "loopback or link-local address. Pass allow_private=True (CLI: "
                "--allow-private) if you really mean to fetch from your own network."
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects whose target passes :func:`check_url` too."""

    max_redirections = _MAX_REDIRECTS

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        check_url(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_FETCH_BYTES,
    allow_private: bool = False,
) -> Page:
    """Fetch ``url`` with a timeout and a size cap.

    Args:
        url: an http:// or https:// address.
        timeout: seconds to wait for the connection and for each read.
        max_bytes: refuse pages larger than this.
        allow_private: accept private, loopback and link-local addresses.

    Returns:
        The fetched page.

    Raises:
        FetchError: a refused address, an HTTP error, a timeout, or a page over the cap.
    """
    url = url.strip()
    check_url(url, allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    request = urllib.request.Request(
        url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(_too_large(url, int(length), max_bytes))
            content = response.read(max_bytes + 1)
            if len(content) > max_bytes:
                raise FetchError(_too_large(url, len(content), max_bytes))
            return Page(
                url=response.geturl(),
                content=content,
                charset=response.headers.get_content_charset(),
                content_type=response.headers.get_content_type(),
            )
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"The server answered {exc.code} ({exc.reason}) for {url}.") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"Could not fetch {url}: {reason}. Check the address and your connection, "
            "or save the page and give the file."
        ) from exc


def _too_large(url: str, size: int, max_bytes: int) -> str:
    """The message for a page over the size cap."""
    return (
        f"The page at {url} is over {max_bytes / 1_048_576:.0f} MiB "
        f"({size / 1_048_576:.1f} MiB or more); that is not a single article."
    )

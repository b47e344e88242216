"""Fetching by URL against a local server: allowed only when private addresses are allowed."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.errors import FetchError
from summarizer.stripping.fetch import _CheckedRedirects, check_url, fetch

PAGE = (Path(__file__).parent / "data" / "strip" / "detik-page.html").read_bytes()


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        body = PAGE * 200 if self.path == "/big" else PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_strip_url_from_local_server_when_allowed(server: str) -> None:
    from summarizer import strip_url

    article = strip_url(f"{server}/article", allow_private=True)
    assert article.title == "Pemprov DKI Tambah 200 Bus Listrik untuk Rute Transjakarta"
    assert article.url == f"{server}/article"
    assert article.paragraphs[0].startswith("Jakarta - ")


def test_loopback_is_refused_by_default(server: str) -> None:
    from summarizer import strip_url

    with pytest.raises(FetchError, match="allow_private"):
        strip_url(f"{server}/article")


def test_redirect_is_followed(server: str) -> None:
    page = fetch(f"{server}/redirect", allow_private=True)
    assert page.url.endswith("/article")
    assert page.content == PAGE


def test_size_cap(server: str) -> None:
    with pytest.raises(FetchError, match="MiB"):
        fetch(f"{server}/big", allow_private=True, max_bytes=len(PAGE) * 10)


def test_timeout(server: str) -> None:
    with pytest.raises(FetchError, match="Could not fetch"):
        fetch(f"{server}/slow", allow_private=True, timeout=0.3)


def test_http_error(server: str) -> None:
    with pytest.raises(FetchError, match="404"):
        fetch(f"{server}/missing", allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/a.html",
        "javascript:alert(1)",
        "data:text/html,<p>x</p>",
        "http:///no-host",
    ],
)
def test_non_http_urls_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="Refusing"):
        check_url(url, allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/a",
        "http://10.0.0.5/",
        "http://192.168.1.1/router",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        check_url(url)


def test_redirect_to_private_address_is_refused() -> None:
    handler = _CheckedRedirects(allow_private=False)
    with pytest.raises(FetchError, match="private"):
        handler.redirect_request(None, None, 302, "Found", {}, "http://169.254.169.254/")

"""Served under a sub-path, as on GitHub Pages, every internal link resolves."""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import Project, parse_html


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve `directory` at /repo/ only, like a GitHub project page."""

    def translate_path(self, path: str) -> str:
        if not path.startswith("/repo/"):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path(path[len("/repo") :])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(built: Project) -> Iterator[str]:
    result = built.build("--base-url", "https://user.github.io/repo/")
    assert result.exit_code == 0, result.output
    handler = partial(SubPathHandler, directory=str(built.root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/repo/"
    server.shutdown()
    server.server_close()


def links_of(url: str, body: bytes) -> set[str]:
    tree = parse_html(body)
    found = set()
    for attr in ("href", "src"):
        for value in tree.xpath(f"//*[@{attr}]/@{attr}"):
            absolute = urljoin(url, value)
            if urlsplit(absolute).netloc == urlsplit(url).netloc:
                found.add(absolute.split("#")[0])
    return found


def test_every_internal_link_resolves_under_the_sub_path(served: str) -> None:
    seen: set[str] = set()
    queue = [served]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            pytest.fail(f"{url} -> {exc.code}")
        if kind == "text/html":
            queue.extend(links_of(url, body) - seen)
    assert any(u.endswith("/repo/papers/gamma/") for u in seen)
    assert any(u.endswith(".css") for u in seen)
    assert all(urlsplit(u).path.startswith("/repo/") for u in seen)
    assert len(seen) > 12


def test_canonical_links_are_absolute(served: str, built: Project) -> None:
    page = built.page("papers/alpha/")
    assert page.xpath("//link[@rel='canonical']/@href") == [
        "https://user.github.io/repo/papers/alpha/"
    ]


def test_every_page_links_its_icon_under_the_sub_path(served: str, built: Project) -> None:
    """No request for /favicon.ico at the host root, where a project site has nothing (a 404)."""
    site = built.root / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 12
    for page in pages:
        icons = parse_html(page.read_bytes()).xpath("//head/link[@rel='icon']")
        assert len(icons) == 1, page
        assert icons[0].get("type") == "image/svg+xml"
        href = icons[0].get("href")
        assert href == "/repo/static/favicon.svg", page
    with urllib.request.urlopen(urljoin(served, "static/favicon.svg"), timeout=5) as response:
        icon = parse_html(response.read())
    assert icon.xpath("//svg") or icon.xpath("//*[local-name()='svg']")

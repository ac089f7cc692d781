"""What every browser test needs: Debian's Chromium, and a site served under a sub-path.

Sites are served by a real HTTP server on 127.0.0.1 under the path of their base URL
(`/repo/`), as GitHub Pages serves a project site, so root-relative links are tested
as readers follow them.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import main

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BASE_URL = "https://user.github.io/repo/"
AXE_DIR = Path(__file__).resolve().parents[1] / ".ci"
"""`.ci/package.json` pins axe-core; `npm install --prefix .ci` puts it in `.ci/node_modules`."""


def require_chromium() -> None:
    """Skip the calling test module without Chromium, unless CI demands the browser tests."""
    if not CHROMIUM.exists() and not os.environ.get("PAPERBOARD_REQUIRE_BROWSER"):
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium)",
            allow_module_level=True,
        )


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright (never Playwright's own browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class SubPath(http.server.SimpleHTTPRequestHandler):
    """Serve the site under `prefix` and nowhere else, with its 404 page for the rest."""

    prefix = "/repo/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path(path[len(self.prefix) - 1 :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's 404.html, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path, base_url: str = BASE_URL) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 under the path of `base_url`; yields the site's URL."""
    prefix = urlsplit(base_url).path or "/"
    handler = type("Handler", (SubPath,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(handler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def build(source: Path, output: Path, base_url: str = BASE_URL) -> Path:
    """Build the project at `source` into `output` for `base_url`."""
    result = CliRunner().invoke(
        main, ["build", "--source", str(source), "--output", str(output), "--base-url", base_url]
    )
    assert result.exit_code == 0, result.output
    return output


def axe_script() -> str:
    """axe-core's source, installed from npm into `.ci/node_modules` on first use."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        command = ["npm", "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund"]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=300)
        except (OSError, subprocess.CalledProcessError) as error:
            if os.environ.get("PAPERBOARD_REQUIRE_BROWSER"):
                raise
            pytest.skip(f"cannot install axe-core with npm: {error}")
    return script.read_text(encoding="utf-8")

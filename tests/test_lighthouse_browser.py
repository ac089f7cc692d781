"""Lighthouse in Debian's Chromium: performance and layout shift of every kind of page.

npm's `lighthouse` (pinned in `.ci/package.json`) runs `.ci/lighthouse.mjs`
against one Chromium started here with a DevTools port, on the reader site
served on 127.0.0.1 under its sub-path, as GitHub Pages serves it: every
page kind on the desktop and the mobile preset, in two Lighthouse processes.
Layout shift is asserted on both. Performance is asserted on the desktop
preset (a page under 95 is run twice more and judged by the median, as
Lighthouse advises for its variance): the mobile preset multiplies the main
thread's measured time by 4, so on a shared 2-core machine its
total-blocking-time, hence its score, follows the machine's load rather than
the pages (67-100 here at a load average of 8-16; printed with -s).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_helpers import AXE_DIR, CHROMIUM, CHROMIUM_ARGS, require_chromium, serve
from conftest import HOSTED
from reader_site import PAGE_KINDS

pytestmark = pytest.mark.browser
require_chromium()

PERFORMANCE = 95
CLS = 0.05
PAGES = PAGE_KINDS
SCRIPT = AXE_DIR / "lighthouse.mjs"
NODE_MODULES = AXE_DIR / "node_modules" / "lighthouse"


def lighthouse_installed() -> None:
    """npm ci --prefix .ci installs it; without it the test cannot run (CI installs it)."""
    if not NODE_MODULES.is_dir() or shutil.which("node") is None:
        pytest.fail("lighthouse is not installed: run npm ci --prefix .ci")


@pytest.fixture(scope="module")
def devtools_port() -> Iterator[int]:
    """A headless Chromium with a DevTools port of the OS's choosing, for Lighthouse."""
    profile = Path(tempfile.mkdtemp(prefix="paperboard-lighthouse-"))
    command = [str(CHROMIUM), "--headless=new", *CHROMIUM_ARGS, f"--user-data-dir={profile}"]
    process = subprocess.Popen(
        [*command, "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield _port(profile / "DevToolsActivePort", process)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


def _port(announced: Path, process: subprocess.Popen[bytes], timeout: float = 60) -> int:
    """The port Chromium writes into its profile once it listens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        text = announced.read_text() if announced.is_file() else ""
        if text.strip():
            return int(text.split()[0])
        time.sleep(0.05)
    raise AssertionError("Chromium did not open its DevTools port")


def audit(port: int, form_factor: str, urls: list[str]) -> list[dict[str, object]]:
    """One Lighthouse process, one audit per URL in turn; a result per URL."""
    done = subprocess.run(
        ["node", str(SCRIPT), str(port), form_factor, *urls],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def test_every_page_kind_scores_95_on_desktop_and_does_not_shift(
    reader_site: Path, devtools_port: int
) -> None:
    lighthouse_installed()
    with serve(reader_site, HOSTED) as site:
        assert urlsplit(site).path == urlsplit(HOSTED).path
        runs = audit(devtools_port, "mobile", [site + url for url in PAGES.values()])
        runs += audit(devtools_port, "desktop", [site + url for url in PAGES.values()])
        kinds = {site + url: kind for kind, url in PAGES.items()}
        scores = {(kinds[str(r["url"])], str(r["formFactor"])): r for r in runs}
        assert len(scores) == 2 * len(PAGES)
        for key, run in scores.items():
            if key[1] == "desktop" and performance(run) < PERFORMANCE:
                scores[key] = median_of_three(devtools_port, run)
    report = "\n".join(
        f"{kind} {ff}: performance {r['performance']}, CLS {float(r['cls']):.3f}, "  # type: ignore[arg-type]
        f"best practices {r['bestPractices']}, failed {r['failed']}"
        for (kind, ff), r in scores.items()
    )
    for (kind, ff), r in scores.items():
        assert r["error"] is None, f"{kind} {ff}: {r['error']}"
        if ff == "desktop":
            assert performance(r) >= PERFORMANCE, report
        assert float(r["cls"]) <= CLS, report  # type: ignore[arg-type]
        assert "errors-in-console" not in r["failed"], report  # type: ignore[operator]
    print(report)


def performance(run: dict[str, object]) -> int:
    return int(str(run["performance"]))


def median_of_three(port: int, first: dict[str, object]) -> dict[str, object]:
    """Lighthouse's own advice on its variance: the median of several runs, not one.

    Taken only for a page under the threshold on its first run, so that a busy
    machine costs time, not a false failure; a page that is slow stays slow.
    """
    more = audit(port, str(first["formFactor"]), [str(first["url"])] * 2)
    return sorted([first, *more], key=performance)[1]

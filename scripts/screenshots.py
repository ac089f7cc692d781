"""Screenshots of the main pages, as readers see them, for the README and for review.

    python scripts/screenshots.py [--source DIR] [--out DIR] [--query WORDS] [--full-page]

Builds the project (default: this repository's demo site) into a temporary folder,
serves it on 127.0.0.1 under a sub-path as GitHub Pages would, and writes
`<page>-<desktop|phone>-<light|dark>.png` for the home page, a topic, a paper, a
search, the newest day of the board and the publications into `--out` (`--pages`
picks some of them) (default `screenshots/` in the
project, beside `site/`, never inside a site that gets published). The topic and
the paper are the first ones the home page links. Needs the test extra (Playwright)
and Debian's Chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # so it runs from a checkout

from browser_helpers import BASE_URL, build, launch, serve  # noqa: E402

DEVICES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1200, "height": 760}},
    "phone": {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True},
}
SCHEMES = ("light", "dark")


def main(argv: list[str] | None = None) -> int:
    """Build, serve and photograph the site; print each file written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="the project folder")
    parser.add_argument("--out", type=Path, help="where the PNGs go (default SOURCE/screenshots)")
    parser.add_argument("--query", default="bias", help="what the search page searches for")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the window")
    parser.add_argument("--pages", nargs="*", help="only these pages (home, publications ...)")
    parser.add_argument("--devices", nargs="*", default=list(DEVICES), help="desktop, phone")
    parser.add_argument("--schemes", nargs="*", default=list(SCHEMES), help="light, dark")
    args = parser.parse_args(argv)
    out = args.out or args.source / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="paperboard-shots-") as tmp:
        site = build(args.source, Path(tmp) / "site", BASE_URL)
        with serve(site, BASE_URL) as url, launch() as browser:
            pages = page_urls(browser, url, args.query)
            pages = {k: v for k, v in pages.items() if not args.pages or k in args.pages}
            for device in args.devices:
                options = DEVICES[device]
                for scheme in args.schemes:
                    context = browser.new_context(color_scheme=scheme, **options)
                    for name, address in pages.items():
                        path = out / f"{name}-{device}-{scheme}.png"
                        shoot(context.new_page(), address, path, args.full_page)
                        print(path)
                    context.close()
    return 0


def page_urls(browser: Any, url: str, query: str) -> dict[str, str]:
    """The pages to photograph: home, the first topic and paper it links, a search, a day."""
    page = browser.new_page()
    page.goto(url)
    topic = page.locator("main a[href*='/topics/']").first.get_attribute("href")
    paper = page.locator("main .card-title a").first.get_attribute("href")
    day = page.locator("main a[href*='/days/']").first.get_attribute("href")
    page.close()
    origin = url.split("/", 3)
    host = "/".join(origin[:3])
    return {
        "home": url,
        "topic": host + str(topic),
        "paper": host + str(paper),
        "search": f"{url}search/?q={query}",
        "day": host + str(day),
        "publications": f"{url}publications/",
    }


def shoot(page: Any, address: str, path: Path, full_page: bool) -> None:
    """Open a page, wait for search results where there are any, and save a PNG."""
    page.goto(address)
    if page.locator("#search-results").count():
        page.wait_for_selector("#search-results[aria-busy='false']")
    page.screenshot(path=str(path), full_page=full_page)
    page.close()


if __name__ == "__main__":
    sys.exit(main())

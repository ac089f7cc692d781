"""sitemap.xml lists every HTML page, robots.txt points to it, pages name their canonical URL."""

from __future__ import annotations

from pathlib import Path
from urllib.robotparser import RobotFileParser

from conftest import HOSTED, Project, parse_html
from lxml import etree

from generator.config import load_config
from generator.render.pages import render_page
from generator.render.theme import load_theme
from generator.site.plan import PageSpec
from generator.site.sitemap import index_pages

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(data: bytes, kind: str = "url") -> list[str]:
    root = etree.fromstring(data)
    assert root.tag == f"{SITEMAP}{'urlset' if kind == 'url' else 'sitemapindex'}"
    return [loc.text for loc in root.iterfind(f"{SITEMAP}{kind}/{SITEMAP}loc")]


def html_pages(site: Path) -> dict[str, Path]:
    """Every HTML file a reader can land on, by its absolute URL (GitHub Pages' 404 aside)."""
    pages = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative != "404.html":
            pages[HOSTED + relative.removesuffix("index.html")] = path
    return pages


def test_sitemap_lists_exactly_the_html_pages_each_with_its_canonical_url(
    hosted: Project,
) -> None:
    site = hosted.root / "site"
    listed = locations((site / "sitemap.xml").read_bytes())
    pages = html_pages(site)
    assert sorted(listed) == sorted(pages)
    assert len(set(listed)) == len(listed)
    assert HOSTED + "papers/alpha/" in listed and HOSTED + "authors/emile-borel/" in listed
    for url, path in pages.items():
        canonical = parse_html(path.read_bytes()).xpath("//head/link[@rel='canonical']/@href")
        assert canonical == [url]


def test_robots_txt_allows_everything_and_names_the_sitemap(hosted: Project) -> None:
    robots = RobotFileParser()
    robots.parse((hosted.root / "site" / "robots.txt").read_text().splitlines())
    assert robots.site_maps() == [HOSTED + "sitemap.xml"]
    assert robots.can_fetch("*", HOSTED + "papers/alpha/")


def test_without_a_host_robots_txt_names_no_sitemap(built: Project) -> None:
    robots = RobotFileParser()
    robots.parse((built.root / "site" / "robots.txt").read_text().splitlines())
    assert robots.site_maps() is None
    listed = locations((built.root / "site" / "sitemap.xml").read_bytes())
    assert "/papers/alpha/" in listed


def test_a_large_sitemap_becomes_an_index_of_parts(built: Project) -> None:
    config = load_config(built.root).with_base_url(HOSTED)
    env = load_theme(config).env
    urls = [f"papers/p{number}/" for number in range(5)]
    files = {
        url: render_page(env, PageSpec(url, template, context))
        for url, template, context in index_pages(config, urls, limit=2)
    }
    parts = locations(files["sitemap.xml"], "sitemap")
    assert parts == [HOSTED + f"sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = [loc for part in parts for loc in locations(files[part.removeprefix(HOSTED)])]
    assert listed == [HOSTED + url for url in urls]
    robots = RobotFileParser()
    robots.parse(files["robots.txt"].decode().splitlines())
    assert robots.site_maps() == [HOSTED + "sitemap.xml"]


def test_seed_sitemap_lists_every_paper_and_topic(seed_site: Path) -> None:
    listed = set(locations((seed_site / "sitemap.xml").read_bytes()))
    assert listed == set(html_pages(seed_site))
    papers = {url for url in listed if url.startswith(HOSTED + "papers/")}
    assert len(papers) == len(list((seed_site / "papers").glob("*/index.html"))) == 73

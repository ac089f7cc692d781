"""Page weight: small pages, no web fonts, scripts only where they are needed, cache-safe CSS."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, Project, parse_html

LIMIT = 30 * 1024
"""A paper page's HTML plus its CSS, uncompressed."""
FONT_FILES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}
FINGERPRINTED = re.compile(r"^(?P<stem>[a-z]+)\.(?P<hash>[0-9a-f]{8,})\.(?P<ext>css|js)$")


def stylesheets(site: Path, page: Path) -> list[Path]:
    """The local files a page links as stylesheets; fails on any other stylesheet."""
    hrefs = parse_html(page.read_bytes()).xpath("//link[@rel='stylesheet']/@href")
    files = [site / "static" / href.split("/static/", 1)[1] for href in hrefs if "/static/" in href]
    assert len(files) == len(hrefs), f"{page}: a stylesheet from elsewhere: {hrefs}"
    return files


def weight(site: Path, page: Path) -> int:
    """Bytes a first visit to `page` downloads before it can be read."""
    return page.stat().st_size + sum(css.stat().st_size for css in stylesheets(site, page))


def test_a_paper_page_and_its_css_weigh_under_30_kb(seed_site: Path, reader_site: Path) -> None:
    for site in (seed_site, reader_site):
        pages = sorted((site / "papers").glob("*/index.html"), key=lambda p: weight(site, p))
        heaviest = pages[-1]
        assert len(stylesheets(site, heaviest)) == 1
        assert weight(site, heaviest) < LIMIT, (
            f"{heaviest.relative_to(site)}: {heaviest.stat().st_size} B of HTML and "
            f"{weight(site, heaviest) - heaviest.stat().st_size} B of CSS, over {LIMIT} B"
        )


def test_no_web_fonts(seed_site: Path) -> None:
    assert [p for p in seed_site.rglob("*") if p.suffix.lower() in FONT_FILES] == []
    for css in (seed_site / "static").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@font-face" not in text and "@import" not in text, css.name
        assert "url(" not in text, f"{css.name} loads another file"
    for page in seed_site.rglob("*.html"):
        tree = parse_html(page.read_bytes())
        assert tree.xpath("//link[@as='font' or contains(@href, 'font')]") == [], page


def script_names(page: Path) -> set[str]:
    """The theme scripts a page loads, without their fingerprints; fails on any other."""
    tree = parse_html(page.read_bytes())
    names = set()
    for src in tree.xpath("//script/@src"):
        found = FINGERPRINTED.match(src.rsplit("/", 1)[-1])
        assert found and "/static/" in src, f"{page}: an unexpected script {src}"
        names.add(f"{found['stem']}.{found['ext']}")
    inline = tree.xpath("//script[not(@src)]/@type")
    assert inline == ["application/ld+json"] * len(tree.xpath("//script[not(@src)]")), page
    return names


def test_scripts_are_only_enhancements_search_and_the_copy_button(seed_site: Path) -> None:
    """site.js shows the search box and listing menus; paperboard.js is the Copy button."""
    for page in seed_site.rglob("*.html"):
        kind = page.relative_to(seed_site).parts[0]
        expected = {"site.js"}
        if kind == "papers":
            expected.add("paperboard.js")
        if kind == "search":
            expected.add("search.js")
        assert script_names(page) == expected, page


def linked_css(project: Project) -> tuple[str, bytes]:
    """The stylesheet name the home page links, and the bytes of that file."""
    [href] = project.page("").xpath("//link[@rel='stylesheet']/@href")
    name = href.rsplit("/", 1)[1]
    return name, (project.root / "site" / "static" / name).read_bytes()


def test_the_stylesheet_is_fingerprinted_by_its_content(built: Project) -> None:
    name, data = linked_css(built)
    found = FINGERPRINTED.match(name)
    assert found and found["stem"] == "style" and found["ext"] == "css"
    assert data == (REPO / "themes" / "default" / "static" / "style.css").read_bytes()
    for page in (built.root / "site").rglob("*.html"):
        assert parse_html(page.read_bytes()).xpath("//link[@rel='stylesheet']/@href") == [
            f"/static/{name}"
        ], page

    built.write("paperboard.toml", 'theme = "mine"\n')
    built.write("mine/static/style.css", "body { color: rebeccapurple; }\n")
    result = built.build()
    assert result.exit_code == 0, result.output
    new_name, new_data = linked_css(built)
    assert new_data == b"body { color: rebeccapurple; }\n"
    assert new_name != name and FINGERPRINTED.match(new_name)
    assert not (built.root / "site" / "static" / name).exists()


LISTING_LIMIT = 60 * 1024
"""A listing page of 25 cards (home, topic, author, day, week, month, trending) and its CSS;
also a day's digest, which shows all the day's papers (73 on the seed site)."""
THUMBNAILS_LIMIT = 400 * 1024
"""The home page of 25 cards with thumbnails, its CSS and every thumbnail it shows."""


def test_every_listing_page_and_its_css_weigh_under_60_kb(
    seed_site: Path, reader_site: Path
) -> None:
    kinds = ("", "page", "topics", "authors", "days", "weeks", "months", "trending", "digest")
    for site in (seed_site, reader_site):
        pages = [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] in kinds]
        pages += [site / "index.html"]
        assert any(p.parts[-3] == "days" for p in pages)
        heaviest = max(pages, key=lambda p: weight(site, p))
        assert weight(site, heaviest) < LISTING_LIMIT, heaviest


def test_a_home_page_of_25_cards_with_thumbnails_stays_under_400_kb(project: Project) -> None:
    from pdf_maker import make_pdf

    from generator.authoring.thumbnails import make_thumbnails

    for number in range(25):
        project.paper(f"p{number:02d}", f"Paper {number}", body="An abstract. " * 40)
        pdf = make_pdf([(0.8, 0.85, 1.0)], text=number)
        (project.root / "content/papers" / f"p{number:02d}.pdf").write_bytes(pdf)
    assert make_thumbnails(project.root, None).count("made") == 25
    assert project.build().exit_code == 0
    site = project.root / "site"
    home = site / "index.html"
    images = project.page("").xpath("//ol[@class='papers']//img/@src")
    assert len(images) == 25
    total = weight(site, home) + sum((site / src.lstrip("/")).stat().st_size for src in images)
    assert total < THUMBNAILS_LIMIT, f"{total} B"


def test_publications_pages_and_their_css_weigh_under_30_kb(
    seed_site: Path, reader_site: Path
) -> None:
    for site in (seed_site, reader_site):
        pages = [site / "publications" / "index.html"]
        pages += sorted((site / "publications").glob("page/*/index.html"))
        for page in pages:
            assert weight(site, page) < LIMIT, f"{page.relative_to(site)}: {weight(site, page)} B"

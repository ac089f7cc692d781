"""Two real bibliographies (d2l.bib and akhirsch main.bib, 1,033 papers, almost none with
an abstract), imported and built once: what a reader of such a site sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from conftest import HOSTED, parse_html, text_of
from shared_data import shared_path

from generator.cli import main

LABEL_NOISE = "deep-learning-is-robust-to-massive-label-noise"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project, imported from both files and built for a host."""
    bibs = [
        shared_path("realdata", "d2l-bib", "d2l.bib"),
        shared_path("realdata", "akhirsch-bibliography", "main.bib"),
    ]
    root = tmp_path_factory.mktemp("real") / "proj"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(root)]).exit_code == 0
    imported = runner.invoke(main, ["import", "-q", "--source", str(root), *map(str, bibs)])
    assert imported.exit_code == 0, imported.output
    built = runner.invoke(main, ["build", "-q", "--source", str(root), "--base-url", HOSTED])
    assert built.exit_code == 0, built.output
    yield root


def test_label_noise_paper_recommends_no_noise(real_site: Path) -> None:
    page = parse_html((real_site / "site/papers" / LABEL_NOISE / "index.html").read_bytes())
    related = [text_of(a) for a in page.xpath("//section[@class='related']//a")]
    assert "Robust Declassification" not in related and "Deep blue" not in related
    assert all("deep" in title.casefold() or "learn" in title.casefold() for title in related)


def test_papers_without_abstracts_have_descriptions_and_no_empty_heading(real_site: Path) -> None:
    pages = sorted((real_site / "site/papers").glob("*/index.html"))
    assert len(pages) > 1000
    for path in pages:
        page = parse_html(path.read_bytes())
        assert page.xpath("//meta[@name='description']/@content")[0].strip(), path
        assert page.xpath("//meta[@property='og:description']/@content")[0].strip(), path
        for section in page.xpath("//section[@class='abstract']"):
            assert text_of(section) != "Abstract", path


def test_every_feed_entry_has_a_summary(real_site: Path) -> None:
    feeds = sorted((real_site / "site").rglob("feed.xml"))
    assert len(feeds) > 800
    empty = []
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, path
        empty += [(path, e.title) for e in parsed.entries if not e.get("summary", "").strip()]
    assert empty == []


def test_publications_list_every_paper_once(real_site: Path) -> None:
    site = real_site / "site"
    pages = [site / "publications/index.html", *(site / "publications").glob("page/*/index.html")]
    slugs = []
    for path in pages:
        page = parse_html(path.read_bytes())
        slugs += [
            a.split("/papers/")[1].rstrip("/") for a in page.xpath("//a[@class='pub-title']/@href")
        ]
    papers = {p.parent.name for p in (site / "papers").glob("*/index.html")}
    assert sorted(slugs) == sorted(papers)


def test_authors_command_finds_the_known_duplicates(real_site: Path) -> None:
    result = CliRunner().invoke(main, ["authors", "--source", str(real_site)])
    assert result.exit_code == 0, result.output
    heads = [line for line in result.output.splitlines() if " ~ " in line]
    assert any("Geoffrey E Hinton" in h and "Geoffrey Hinton (" in h for h in heads), heads
    assert any("Yann LeCun" in h and "Yann A LeCun" in h for h in heads), heads
    assert result.output.splitlines()[-1].endswith("likely duplicate pairs")

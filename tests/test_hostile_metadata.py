"""Hostile text in every field stays text in every machine-readable output."""

from __future__ import annotations

import json

import bibtexparser
import feedparser
import pytest
from conftest import HOSTED, Project
from lxml import etree

from generator.urls import slugify

TITLE = '</title><script>alert(1)</script>"><img src=x onerror=alert(1)>'
AUTHOR = '"><img src=x onerror=alert(2)> </script>'
VENUE = "</script><script>alert(3)</script>"
TOPIC = '<b>Topic</b> & "quotes"'
BODY = "Ends </script><script>alert(4)</script> here."
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def hostile(project: Project) -> Project:
    project.paper(
        "evil", TITLE, topics=(TOPIC,), authors=(AUTHOR,), body=BODY, extra=f'venue: "{VENUE}"'
    )
    result = project.build("--base-url", HOSTED)
    assert result.exit_code == 0, result.output
    return project


def test_paper_page_head_holds_the_text_and_runs_nothing(hostile: Project) -> None:
    page = hostile.page("papers/evil/")
    assert page.xpath("//img") == []
    scripts = page.xpath("//script[not(@src)]")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert page.xpath("//title")[0].text == f"{TITLE} · Paperboard"
    assert page.xpath("//meta[@name='citation_title']/@content") == [TITLE]
    assert page.xpath("//meta[@name='citation_author']/@content") == [AUTHOR]
    assert page.xpath("//meta[@name='citation_conference_title']/@content") == [VENUE]
    assert page.xpath("//meta[@property='og:title']/@content") == [TITLE]
    assert page.xpath("//meta[@property='article:tag']/@content") == [TOPIC]


def test_json_ld_cannot_close_its_script(hostile: Project) -> None:
    html = (hostile.root / "site" / "papers" / "evil" / "index.html").read_text()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    raw = html[start : html.index("</script>", start)]
    assert "<" not in raw and ">" not in raw
    article = json.loads(raw)
    assert article["headline"] == TITLE
    assert article["author"][0]["name"] == AUTHOR
    assert article["publication"]["name"] == VENUE
    assert article["abstract"] == BODY


def test_feeds_carry_the_text_as_text(hostile: Project) -> None:
    site = hostile.root / "site"
    author_feed = f"authors/{slugify(AUTHOR)}/feed.xml"
    for url in ("feed.xml", f"topics/{slugify(TOPIC)}/feed.xml", author_feed):
        entry = etree.fromstring((site / url).read_bytes()).find(f"{ATOM}entry")
        assert entry.findtext(f"{ATOM}title") == TITLE
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == AUTHOR
        assert entry.find(f"{ATOM}category").get("label") == TOPIC
        assert entry.findtext(f"{ATOM}summary") == BODY
        parsed = feedparser.parse((site / url).read_bytes())
        assert not parsed.bozo
    author = etree.fromstring((site / author_feed).read_bytes())
    assert author.findtext(f"{ATOM}title") == f"{AUTHOR} · Paperboard"


def test_json_api_carries_the_text_escaped(hostile: Project) -> None:
    site = hostile.root / "site"
    for url in ("papers.json", f"topics/{slugify(TOPIC)}/papers.json"):
        data = (site / url).read_bytes()
        assert b"<" not in data
        (paper,) = json.loads(data)["papers"]
        assert (paper["title"], paper["authors"], paper["venue"]) == (TITLE, [AUTHOR], VENUE)
        assert paper["topics"][0]["title"] == TOPIC


def test_bibtex_files_parse_with_the_text_inside(hostile: Project) -> None:
    site = hostile.root / "site"
    for url in ("papers.bib", "papers/evil/cite.bib", f"topics/{slugify(TOPIC)}/papers.bib"):
        library = bibtexparser.parse_string((site / url).read_text(encoding="utf-8"))
        assert not library.failed_blocks
        (entry,) = library.entries
        assert TITLE in entry.fields_dict["title"].value
        assert entry.fields_dict["booktitle"].value == VENUE


def test_sitemap_stays_well_formed(hostile: Project) -> None:
    root = etree.fromstring((hostile.root / "site" / "sitemap.xml").read_bytes())
    assert HOSTED + "papers/evil/" in [loc.text for loc in root.iter("{*}loc")]

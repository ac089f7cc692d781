"""Papers without an abstract (most BibTeX imports) read well: no empty heading, no
empty description or feed summary, and no "Related papers" made of one shared word."""

from __future__ import annotations

import feedparser
from conftest import Project, text_of


def _write(project: Project) -> None:
    project.paper(
        "label-noise",
        "Deep learning is robust to massive label noise",
        "2017",
        authors=("David Rolnick", "Andreas Veit", "Serge Belongie", "Nir Shavit"),
        body="",
        extra='venue: "ArXiv"',
    )
    project.paper("deep-blue", "Deep blue", "2002", authors=("Murray Campbell",), body="")
    project.paper("anonymous", "An Unsigned Note", "2001", authors=(), body="")


def test_paper_without_abstract_has_no_empty_heading_or_description(project: Project) -> None:
    _write(project)
    assert project.build().exit_code == 0
    page = project.page("papers/label-noise/")
    assert not page.xpath("//h2[normalize-space()='Abstract']")
    assert not page.xpath("//section[@class='abstract']")
    description = page.xpath("//meta[@name='description']/@content")[0]
    assert description == "By David Rolnick, Andreas Veit, Serge Belongie et al. ArXiv, 2017."
    og = page.xpath("//meta[@property='og:description']/@content")
    assert og == [description]
    unsigned = project.page("papers/anonymous/").xpath("//meta[@name='description']/@content")
    assert unsigned == ["Published 2001."]


def test_paper_with_abstract_keeps_its_heading(project: Project) -> None:
    project.paper("with-abstract", "Fair Ranking", body="We rank fairly.")
    assert project.build().exit_code == 0
    page = project.page("papers/with-abstract/")
    heading = page.xpath("//section[@class='abstract']/h2")
    assert [text_of(h) for h in heading] == ["Abstract"]
    assert page.xpath("//meta[@name='description']/@content") == ["We rank fairly."]


def test_feed_summaries_are_never_empty(project: Project) -> None:
    _write(project)
    assert project.build().exit_code == 0
    feeds = [project.root / "site" / "feed.xml"]
    feeds += sorted((project.root / "site" / "authors").glob("*/feed.xml"))
    feeds += sorted((project.root / "site" / "topics").glob("*/feed.xml"))
    assert len(feeds) > 3
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.bozo_exception)
        assert parsed.entries
        for entry in parsed.entries:
            assert entry.get("summary", "").strip(), (path, entry.title)


def test_one_shared_title_word_is_no_relation(project: Project) -> None:
    _write(project)
    assert project.build().exit_code == 0
    for slug in ("label-noise", "deep-blue", "anonymous"):
        page = project.page(f"papers/{slug}/")
        assert not page.xpath("//section[@class='related']"), slug
        assert not page.xpath("//h2[normalize-space()='Related papers']"), slug

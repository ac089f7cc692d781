"""Atom feeds, read back as a feed reader does (feedparser) and as strict XML (lxml)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import yaml
from conftest import HOSTED, REPO, Project
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"


def read_feed(site: Path, url: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / url).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def atom_tree(site: Path, url: str) -> etree._Element:
    return etree.fromstring((site / url).read_bytes())


def local_file(site: Path, url: str) -> Path:
    """The built file an absolute or root-relative link of the site points to."""
    path = urlsplit(url).path.removeprefix("/board/").removeprefix("/")
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def link(entry: feedparser.FeedParserDict, rel: str) -> str:
    return next(item["href"] for item in entry["links"] if item["rel"] == rel)


def test_site_feed_lists_papers_newest_first_with_absolute_ids(hosted: Project) -> None:
    site = hosted.root / "site"
    parsed = read_feed(site, "feed.xml")
    assert parsed.version == "atom10"
    assert parsed.feed.id == HOSTED + "feed.xml"
    assert link(parsed.feed, "self") == HOSTED + "feed.xml"
    assert link(parsed.feed, "alternate") == HOSTED
    assert parsed.feed.updated == "2025-03-21T00:00:00Z"
    ids = [entry.id for entry in parsed.entries]
    assert ids == [HOSTED + f"papers/{slug}/" for slug in ("alpha", "beta", "gamma")]
    for entry in parsed.entries:
        assert link(entry, "alternate") == entry.id
        assert local_file(site, entry.id).is_file()


def test_entries_carry_plain_titles_dates_authors_topics_and_summary(hosted: Project) -> None:
    alpha, _, gamma = read_feed(hosted.root / "site", "feed.xml").entries
    assert alpha.title == "Alpha: O(n²) Fairness"
    assert alpha.title_detail.type == "text/plain"
    assert alpha.published_parsed[:3] == (2025, 3, 21)
    assert alpha.updated_parsed[:3] == (2025, 3, 21)
    assert [author.name for author in alpha.authors] == ["Ada Lovelace", "Émile Borel"]
    assert [(tag.term, tag.label) for tag in alpha.tags] == [("fairness", "Fairness")]
    assert alpha.tags[0].scheme == HOSTED + "topics/"
    assert alpha.summary == "First abstract with x²."
    assert gamma.published_parsed[:3] == (2024, 12, 1)
    assert [author.name for author in gamma.authors] == ["Grace Hopper"]


def test_feed_is_well_formed_atom_with_every_required_element(hosted: Project) -> None:
    root = atom_tree(hosted.root / "site", "feed.xml")
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        for name in ("id", "title", "updated", "published", "summary"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        links = entry.findall(f"{ATOM}link[@rel='alternate']")
        assert len(links) == 1 and links[0].get("type") == "text/html"
        for name in ("updated", "published"):
            stamp = entry.findtext(f"{ATOM}{name}")
            assert dt.datetime.fromisoformat(stamp).tzinfo == dt.UTC
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == 3


def test_topic_and_author_feeds_hold_their_papers(hosted: Project) -> None:
    site = hosted.root / "site"
    expected = {
        "topics/bias/feed.xml": ["beta", "gamma"],
        "topics/fairness/feed.xml": ["alpha", "beta"],
        "authors/ada-lovelace/feed.xml": ["alpha", "beta"],
        "authors/emile-borel/feed.xml": ["alpha"],
        "authors/grace-hopper/feed.xml": ["gamma"],
    }
    for url, slugs in expected.items():
        parsed = read_feed(site, url)
        assert parsed.feed.id == HOSTED + url
        assert link(parsed.feed, "alternate") == HOSTED + url.removesuffix("feed.xml")
        assert [entry.id for entry in parsed.entries] == [HOSTED + f"papers/{s}/" for s in slugs]
    assert read_feed(site, "topics/bias/feed.xml").feed.title.startswith("Bias in Language Models")
    assert read_feed(site, "authors/emile-borel/feed.xml").feed.title.startswith("Émile Borel")


def feed_links(page: etree._Element) -> list[str]:
    return page.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")


def test_every_page_links_the_site_and_digest_feeds_and_listings_their_own(
    hosted: Project,
) -> None:
    site = hosted.root / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        url = path.relative_to(site).as_posix().removesuffix("index.html")
        links = feed_links(hosted.page(url))
        assert links[:2] == ["/board/feed.xml", "/board/digest/feed.xml"], url
        if url.startswith(("topics/", "authors/")) and url != "topics/":
            own = "/board/" + "/".join(url.split("/")[:2]) + "/feed.xml"
            assert links[2:] == [own], url
        else:
            assert links[2:] == [], url
        assert all(local_file(site, href).is_file() for href in links)


def test_feeds_keep_the_newest_fifty_papers(project: Project) -> None:
    start = dt.date(2024, 1, 1)
    for number in range(55):
        day = (start + dt.timedelta(days=number)).isoformat()
        project.paper(f"p{number:02d}", f"Paper {number}", day, ("Fairness",), ("Ada Lovelace",))
    assert project.build("--base-url", HOSTED).exit_code == 0
    newest = [HOSTED + f"papers/p{number:02d}/" for number in range(54, 4, -1)]
    for url in ("feed.xml", "topics/fairness/feed.xml", "authors/ada-lovelace/feed.xml"):
        parsed = read_feed(project.root / "site", url)
        assert [entry.id for entry in parsed.entries] == newest
        assert parsed.feed.updated == "2024-02-24T00:00:00Z"


def test_a_base_url_without_host_warns_once_and_uses_tag_ids(built: Project) -> None:
    result = built.build()
    assert result.exit_code == 0
    warnings = [line for line in result.output.splitlines() if "has no host" in line]
    assert len(warnings) == 1
    assert "set base_url" in warnings[0]
    site = built.root / "site"
    first = read_feed(site, "feed.xml")
    ids = [first.feed.id] + [entry.id for entry in first.entries]
    assert all(i.startswith("tag:paperboard.invalid,2025:") for i in ids)
    assert len(set(ids)) == len(ids)
    assert link(first.entries[0], "alternate") == "/papers/alpha/"
    assert built.build().exit_code == 0
    again = read_feed(site, "feed.xml")
    assert [again.feed.id] + [entry.id for entry in again.entries] == ids
    assert built.build("--strict").exit_code == 1


def test_quiet_builds_leave_out_the_base_url_advice(built: Project) -> None:
    """`-q` prints only problems; a path-only base URL is advice, the build is fine."""
    result = built.build("-q")
    assert (result.exit_code, result.output) == (0, "")
    built.paper("broken", "Broken", extra="venue: [1, 2]")
    broken = built.build("-q")
    assert broken.exit_code == 1
    assert "has no host" not in broken.output and "broken.md" in broken.output


def test_a_cname_gives_the_host(project: Project) -> None:
    project.write("paperboard.toml", 'cname = "papers.example.org"\n')
    project.paper("alpha", "Alpha")
    result = project.build()
    assert result.exit_code == 0
    assert "has no host" not in result.output
    parsed = read_feed(project.root / "site", "feed.xml")
    assert parsed.entries[0].id == "https://papers.example.org/papers/alpha/"
    canonical = project.page("papers/alpha/").xpath("//link[@rel='canonical']/@href")
    assert canonical == ["https://papers.example.org/papers/alpha/"]


def test_characters_xml_cannot_carry_never_reach_feeds(project: Project) -> None:
    """TOML lets the site's title hold a control character; like a paper's, it is refused
    (issue 14), so no feed is written with it or without it."""
    project.write("paperboard.toml", 'title = "Bell\\u0007 Labs"\n')
    project.paper("alpha", "Alpha")
    result = project.build("--base-url", HOSTED)
    assert result.exit_code == 1
    assert result.output.startswith(
        "paperboard.toml:1: error: `title` contains a control character (U+0007)"
    )
    assert not (project.root / "site").exists()


def seed_topics() -> Counter[str]:
    """How many seed papers each topic has, read from the front matter."""
    counts: Counter[str] = Counter()
    for path in (REPO / "content" / "papers").glob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        counts.update(meta["topics"])
    return counts


def test_seed_feeds(seed_site: Path) -> None:
    papers = sorted((REPO / "content" / "papers").glob("*.md"))
    site = read_feed(seed_site, "feed.xml")
    assert len(site.entries) == min(50, len(papers))
    for topic, count in seed_topics().items():
        parsed = read_feed(seed_site, f"topics/{topic}/feed.xml")
        assert len(parsed.entries) == min(50, count), topic
        for entry in parsed.entries:
            assert local_file(seed_site, entry.id).is_file()


def test_seed_tex_title_is_plain_text_in_its_topic_feeds(seed_site: Path) -> None:
    path = (
        REPO / "content" / "papers" / "irepo-implicit-reward-pairwise-difference-based-empirical.md"
    )
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert "$" in meta["title"]
    page = HOSTED + f"papers/{path.stem}/"
    for topic in meta["topics"]:
        entries = read_feed(seed_site, f"topics/{topic}/feed.xml").entries
        (entry,) = [entry for entry in entries if entry.id == page]
        assert entry.title == meta["title"].replace("$", "")


def test_topic_and_author_feeds_carry_the_first_lines_the_site_feed_all(project: Project) -> None:
    body = " ".join(f"Sentence number {n} of a long abstract." for n in range(40))
    project.paper("long", "Long", topics=("Fairness",), authors=("Ada Lovelace",), body=body)
    assert project.build("--base-url", HOSTED).exit_code == 0
    site = project.root / "site"
    assert read_feed(site, "feed.xml").entries[0].summary == body
    for url in ("topics/fairness/feed.xml", "authors/ada-lovelace/feed.xml"):
        summary = read_feed(site, url).entries[0].summary
        assert summary.endswith("…")
        assert body.startswith(summary[:-1])
        assert len(summary) < len(body) // 3

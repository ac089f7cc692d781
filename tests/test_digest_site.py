"""The digest on the site: a page per board day, an index, and an Atom feed of one entry per day.

Pages are parsed as a browser does and the feed as a feed reader does
(feedparser); the feed's entries carry the email's HTML, links absolute.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import feedparser
import lxml.html
from click.testing import CliRunner
from conftest import Project, text_of

from generator.cli import main

BASE = "https://example.org/board/"


def board(project: Project) -> Project:
    project.write("paperboard.toml", f'base_url = "{BASE}"\ntitle = "Daily <Board>"\n')
    project.paper(
        "low",
        "Few Votes",
        authors=("Ada Lovelace", "Émile Borel"),
        extra="listed: 2025-03-21\nupvotes: 2\nlinks:\n  pdf: https://arxiv.org/pdf/2503.00001\n"
        'thumbnail: "https://example.org/t.png"',
    )
    project.paper(
        "high",
        "Many <Votes> & More",
        extra="listed: 2025-03-21\nupvotes: 40\n",
        body="We find things out.",
    )
    project.paper("older", "Yesterday", extra="listed: 2025-03-20\nupvotes: 99\n")
    result = project.build()
    assert result.exit_code == 0, result.output
    return project


def read_feed(project: Project) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((project.root / "site" / "digest" / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_a_day_digest_page_lists_its_papers_by_upvotes(project: Project) -> None:
    page = board(project).page("digest/2025-03-21/")

    assert text_of(page.xpath("//h1")[0]) == "Digest of 21 March 2025"
    cards = page.xpath("//main//article")
    titles = [text_of(card.xpath(".//h2")[0]) for card in cards]
    assert titles == ["Many <Votes> & More", "Few Votes"]
    high, low = cards
    assert high.xpath(".//h2/a/@href") == ["/board/papers/high/"]
    assert "40 upvotes" in text_of(high) and "We find things out." in text_of(high)
    assert low.xpath(".//a[@href='/board/authors/emile-borel/']")
    assert low.xpath(".//a[text()='PDF']/@href") == ["https://arxiv.org/pdf/2503.00001"]
    assert low.xpath(".//img/@src") == ["https://example.org/t.png"]
    nav = page.xpath("//nav[@aria-label='Digest by day']//a")
    assert [(a.get("href"), a.get("rel")) for a in nav] == [
        ("/board/digest/2025-03-20/", "prev"),
        ("/board/digest/", None),
        ("/board/days/2025-03-21/", None),
    ]


def test_the_index_lists_every_day_newest_first(project: Project) -> None:
    page = board(project).page("digest/")

    days = [(text_of(li), li.xpath("a/@href")) for li in page.xpath("//main//li")]
    assert days == [
        ("21 March 2025 (2 papers)", ["/board/digest/2025-03-21/"]),
        ("20 March 2025 (1 paper)", ["/board/digest/2025-03-20/"]),
    ]
    assert page.xpath("//main//a[@href='/board/digest/feed.xml']")


def test_every_page_links_the_digest_feed_in_its_head_and_footer(project: Project) -> None:
    board(project)
    for url in ("", "papers/high/", "digest/2025-03-20/", "topics/"):
        page = project.page(url)
        feeds = page.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']")
        digest = [link for link in feeds if link.get("href") == "/board/digest/feed.xml"]
        assert [link.get("title") for link in digest] == ["Daily <Board>: daily digest"], url
        footer = page.xpath("//footer//a/@href")
        assert {"/board/digest/", "/board/digest/feed.xml"} <= set(footer), url


def test_the_feed_has_one_entry_per_day_with_the_emails_html(project: Project) -> None:
    parsed = read_feed(board(project))

    assert parsed.version == "atom10"
    assert parsed.feed.id == BASE + "digest/feed.xml"
    assert parsed.feed.title == "Daily <Board>: daily digest"
    assert parsed.feed.updated == "2025-03-21T00:00:00Z"
    assert [entry.id for entry in parsed.entries] == [
        BASE + "digest/2025-03-21/",
        BASE + "digest/2025-03-20/",
    ]
    newest = parsed.entries[0]
    assert newest.title == "Papers of 21 March 2025"
    assert newest.link == BASE + "digest/2025-03-21/"
    assert newest.updated == newest.published == "2025-03-21T00:00:00Z"
    [content] = newest.content
    assert content.type == "text/html"
    table = lxml.html.fromstring(content.value)
    titles = [a.text_content() for a in table.xpath("//a[contains(@href, '/papers/')]")]
    assert titles == ["Many <Votes> & More", "Few Votes"]
    hrefs = table.xpath("//a/@href") + table.xpath("//img/@src")
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert "Yesterday" not in content.value


def test_feed_ids_and_dates_stay_put_when_the_site_is_rebuilt(project: Project) -> None:
    first = read_feed(board(project))
    project.paper("later", "Later", extra="listed: 2025-03-22\nupvotes: 1\n")
    assert project.build().exit_code == 0

    again = read_feed(project)
    stamps = [(e.id, e.updated, e.published) for e in first.entries]
    assert [(e.id, e.updated, e.published) for e in again.entries][1:] == stamps
    assert again.entries[0].id == BASE + "digest/2025-03-22/"
    assert again.feed.updated == "2025-03-22T00:00:00Z"
    feed = project.root / "site" / "digest" / "feed.xml"
    built = feed.read_bytes()
    assert project.build().exit_code == 0
    assert feed.read_bytes() == built


def test_the_email_and_the_feed_carry_the_same_digest(project: Project, tmp_path: Path) -> None:
    board(project)
    args = ["digest", "--day", "2025-03-21", "--output", str(tmp_path / "out")]
    result = CliRunner().invoke(main, [*args, "--source", str(project.root)])
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes(
        (tmp_path / "out" / "digest.eml").read_bytes(), policy=email.policy.default
    )
    mail_html = message.get_body(("html",))
    assert mail_html is not None
    mail_links = lxml.html.fromstring(mail_html.get_content()).xpath("//a/@href")
    feed_html = read_feed(project).entries[0].content[0].value
    feed_links = lxml.html.fromstring(feed_html).xpath("//a/@href")
    web = BASE + "days/2025-03-21/"
    assert len(mail_links) == 4
    assert [h for h in mail_links if h != web] == [
        h for h in feed_links if h != BASE + "digest/2025-03-21/"
    ]


def test_a_board_without_days_has_an_empty_index_and_feed(project: Project) -> None:
    project.write("paperboard.toml", f'base_url = "{BASE}"\n')
    project.paper("undated", "Undated", date="2025-03")
    assert project.build().exit_code == 0

    assert "No day has papers yet" in text_of(project.page("digest/").getroot())
    assert read_feed(project).entries == []

"""The board's day, week and month pages, trending, `home = "latest-day"` and listing.json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Project, parse_html, text_of, tree
from shared_data import shared_path

from generator.authoring.commands import AuthoringOptions, import_papers
from generator.build.builder import Builder, BuildOptions, build_site
from generator.site.periods import week_key, week_span

HF = ("realdata", "hf-daily-paper-newsletter-chinese", "Paper_metadata_download")
SEED = len(list((REPO / "content/papers").glob("*.md")))


def page_of(site: Path, url: str) -> Any:
    return parse_html((site / url / "index.html").read_bytes())


def listed_slugs(tree_: Any) -> list[str]:
    hrefs = tree_.xpath("//ol[@class='papers']/li//h2[@class='card-title']/a/@href")
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]


def every_page(site: Path, base: str) -> list[str]:
    """The slugs a paginated listing shows, over all its pages, following its Older links."""
    slugs, url = [], base
    while url:
        page = page_of(site, url)
        slugs += listed_slugs(page)
        nxt = page.xpath("//nav[@aria-label='Pages']//a[@rel='next']/@href")
        url = nxt[0].removeprefix("/board/") if nxt else ""
    return slugs


def test_the_seed_has_its_day_week_month_and_trending(seed_site: Path) -> None:
    day = every_page(seed_site, "days/2025-03-21/")
    assert len(day) == len(set(day)) == SEED == 73
    assert every_page(seed_site, "weeks/2025-W12/") == day
    assert every_page(seed_site, "months/2025-03/") == day
    first = page_of(seed_site, "days/2025-03-21/")
    assert text_of(first.xpath("//h1")[0]) == "21 March 2025"
    nav = first.xpath("//nav[@class='period-nav']//a")
    assert [(a.get("href"), text_of(a)) for a in nav] == [
        ("/board/weeks/2025-W12/", "Week 12 of 2025"),
        ("/board/months/2025-03/", "March 2025"),
    ]
    # Without upvotes the day is in title order (the tie-break of "most upvoted").
    titles = [text_of(a) for a in first.xpath("//ol[@class='papers']//h2/a")]
    assert titles == sorted(titles, key=str.casefold)
    week = page_of(seed_site, "weeks/2025-W12/")
    assert "17–23 March 2025" in text_of(week.xpath("//main")[0])
    assert week.xpath("//aside//a/@href") == ["/board/days/2025-03-21/"]
    trending = page_of(seed_site, "trending/")
    assert "No paper has an upvote count yet" in text_of(trending.xpath("//main")[0])
    paper = page_of(seed_site, f"papers/{day[0]}/")
    assert paper.xpath("//dl[@class='facts']//a/@href") == ["/board/days/2025-03-21/"]


@pytest.mark.parametrize(
    ("day", "key"),
    [
        ("2025-03-21", "2025-W12"),
        ("2024-12-30", "2025-W01"),  # a Monday whose Thursday is in the new year
        ("2021-01-03", "2020-W53"),  # a Sunday of the old year's last week
        ("2026-12-31", "2026-W53"),
    ],
)
def test_iso_weeks(day: str, key: str) -> None:
    assert week_key(dt.date.fromisoformat(day)) == key


def test_a_week_span_names_both_months_or_years() -> None:
    assert week_span("2025-W12") == "17–23 March 2025"
    assert week_span("2025-W14") == "31 March – 6 April 2025"
    assert week_span("2025-W01") == "30 December 2024 – 5 January 2025"


def board(project: Project) -> Project:
    """Papers on four days over two weeks and two months; gaps between the days."""
    rows = [
        ("a", "Apple", "2025-03-28", 5),
        ("b", "Banana", "2025-03-28", 9),
        ("c", "Cherry", "2025-03-28", 9),
        ("d", "Date", "2025-03-31", None),
        ("e", "Elder", "2025-04-02", 2),
        ("f", "Fig", "2025-04-10", 1),
    ]
    for slug, title, day, votes in rows:
        extra = f"upvotes: {votes}" if votes is not None else ""
        project.paper(slug, title, "2024-01-01", extra=f"listed: {day}\n{extra}")
    return project


def test_a_day_lists_by_upvotes_then_title_and_links_its_neighbours(project: Project) -> None:
    assert board(project).build().exit_code == 0
    day = project.page("days/2025-03-28/")
    assert listed_slugs(day) == ["b", "c", "a"]
    assert day.xpath("//a[@rel='prev']") == []
    [newer] = day.xpath("//nav[@class='period-nav']//a[@rel='next']")
    assert (newer.get("href"), text_of(newer)) == ("/days/2025-03-31/", "Next day: 31 March 2025 →")
    middle = project.page("days/2025-03-31/")
    assert middle.xpath("//nav[@class='period-nav']//a[@rel='prev']/@href") == ["/days/2025-03-28/"]
    assert middle.xpath("//nav[@class='period-nav']//a[@rel='next']/@href") == ["/days/2025-04-02/"]
    # 31 March is in the week of 2 April; a week that straddles two months links both.
    week = project.page("weeks/2025-W14/")
    assert listed_slugs(week) == ["e", "d"]
    assert week.xpath("//nav[@class='period-nav']//a[not(@rel)]/@href") == [
        "/months/2025-03/",
        "/months/2025-04/",
    ]
    assert week.xpath("//nav[@class='period-nav']//a[@rel='prev']/@href") == ["/weeks/2025-W13/"]
    top = week.xpath("//ol[@class='top-papers']//a/@href")
    assert top == ["/papers/e/"]  # only papers with upvotes are "top"
    assert [text_of(li) for li in week.xpath("//aside//ul/li")] == [
        "31 March 2025 1",
        "2 April 2025 1",
    ]
    month = project.page("months/2025-04/")
    assert listed_slugs(month) == ["e", "f"]
    assert month.xpath("//aside//a/@href") == [
        "/weeks/2025-W14/",
        "/weeks/2025-W15/",
        "/days/2025-04-02/",
        "/days/2025-04-10/",
    ]
    home = project.page("")
    assert home.xpath("//aside//ul[contains(@class, 'period-links')]//a/@href") == [
        "/days/2025-04-10/",
        "/weeks/2025-W15/",
        "/months/2025-04/",
        "/trending/",
    ]


def test_trending_ranks_papers_with_upvotes_ties_newest_first(project: Project) -> None:
    board(project)
    project.paper("g", "Grape", "2025-01-01", extra="upvotes: 9")
    assert project.build().exit_code == 0
    assert listed_slugs(project.page("trending/")) == ["g", "b", "c", "a", "e", "f"]
    assert "d" not in listed_slugs(project.page("trending/"))


def test_home_can_be_the_latest_day(project: Project) -> None:
    board(project).write("paperboard.toml", 'home = "latest-day"\nper_page = 1\n')
    assert project.build().exit_code == 0
    home = project.page("")
    assert listed_slugs(home) == ["f"]
    assert text_of(home.xpath("//main//h2")[0]).startswith("10 April 2025")
    assert home.xpath("//nav[@class='period-nav']//a[@rel='prev']/@href") == ["/days/2025-04-02/"]
    assert not (project.root / "site/page").exists()
    project.write("paperboard.toml", 'home = "today"\n')
    result = project.build()
    assert result.exit_code == 1
    assert 'paperboard.toml:1: error: `home` must be "newest" or "latest-day"' in result.output


def test_a_new_day_re_renders_its_neighbours_and_matches_a_clean_build(
    project: Project, tmp_path: Path
) -> None:
    board(project)
    builder = Builder(BuildOptions(project.root), output=tmp_path / "live", live=True)
    builder.build()
    project.paper("n", "New", "2024-01-01", extra="listed: 2025-04-05\nupvotes: 3")
    result = builder.build()
    assert {
        "days/2025-04-05/index.html",
        "days/2025-04-02/index.html",
        "days/2025-04-10/index.html",
        "weeks/2025-W14/index.html",
        "months/2025-04/index.html",
    } <= set(result.rendered)
    assert "days/2025-03-28/index.html" not in result.rendered
    assert "weeks/2025-W13/index.html" not in result.rendered
    build_site(BuildOptions(project.root, output=tmp_path / "clean"))
    assert tree(tmp_path / "live") == tree(tmp_path / "clean")


def test_a_paginated_listing_has_a_compact_listing_json(project: Project) -> None:
    board(project).write("paperboard.toml", "per_page = 2\n")
    assert project.build().exit_code == 0
    [listing] = project.page("page/2/").xpath("//ol[@class='papers']")
    assert listing.get("data-source") == "/listing.json"
    assert listing.get("data-years") == "2024"
    assert listing.get("data-total") == "6"
    data = json.loads((project.root / "site/listing.json").read_text(encoding="utf-8"))
    assert data["fields"] == ["slug", "title", "date", "upvotes"]
    assert data["order"] == "date-desc" and data["count"] == 6
    assert [row[0] for row in data["papers"]] == every_page_plain(project, "")
    assert data["papers"][0] == ["a", "Apple", "2024-01-01", 5]
    day = json.loads((project.root / "site/days/2025-03-28/listing.json").read_text())
    assert day["order"] == "upvotes" and [row[0] for row in day["papers"]] == ["b", "c", "a"]
    assert not (project.root / "site/days/2025-04-10/listing.json").exists()  # one page


def every_page_plain(project: Project, base: str) -> list[str]:
    slugs, url = [], base
    while True:
        page = project.page(url)
        slugs += listed_slugs(page)
        nxt = page.xpath("//nav[@aria-label='Pages']//a[@rel='next']/@href")
        if not nxt:
            return slugs
        url = nxt[0].lstrip("/")


def test_three_real_hugging_face_days_are_linked_and_sorted_by_upvotes(project: Project) -> None:
    days = ["2025-03-19", "2025-03-20", "2025-03-21"]
    files = [shared_path(*HF, f"{day}.json") for day in days]
    report = import_papers(files, AuthoringOptions(project.root, ("Fairness",)))
    assert not report.failed and report.created
    assert project.build().exit_code == 0
    for index, day in enumerate(days):
        raw = json.loads(files[index].read_text(encoding="utf-8"))
        votes = sorted(
            (item["paper"]["upvotes"] for item in raw if item["paper"]["id"]), reverse=True
        )
        page = project.page(f"days/{day}/")
        shown = [int(li.get("data-upvotes")) for li in page.xpath("//ol[@class='papers']/li")]
        assert shown == votes[: len(shown)] and len(shown) == min(len(votes), 25)
        older = page.xpath("//nav[@class='period-nav']//a[@rel='prev']/@href")
        newer = page.xpath("//nav[@class='period-nav']//a[@rel='next']/@href")
        assert older == ([f"/days/{days[index - 1]}/"] if index else [])
        assert newer == ([f"/days/{days[index + 1]}/"] if index < 2 else [])

"""Dates known to the year, the month or the day: every output says exactly that much."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
import pytest
from conftest import HOSTED, Project, text_of
from test_bibfiles import fields, read_bib
from test_scholarly_meta import json_ld, meta

from generator.content.checks import Invalid
from generator.content.validate import check_date
from generator.importers.bibtex import read_bibtex
from generator.scholarly import PartialDate


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        (2017, "2017"),
        ("2017", "2017"),
        ("2017-05", "2017-05"),
        (dt.date(2017, 5, 21), "2017-05-21"),
        ("2017-05-21", "2017-05-21"),
        (dt.datetime(2017, 5, 21, 23, 30), "2017-05-21"),
        ("2017-05-21T23:30:00-08:00", "2017-05-21"),
    ],
)
def test_date_forms_keep_their_precision(value: object, iso: str) -> None:
    assert check_date(value).isoformat() == iso


@pytest.mark.parametrize("value", ["2017-13", "2017-5", "May 2017", "17", True, "2017-02-30"])
def test_other_date_forms_are_errors(value: object) -> None:
    with pytest.raises(Invalid, match="2025-03-21, 2025-03 or 2025"):
        check_date(value)


def test_partial_dates_sort_after_the_days_of_their_period() -> None:
    dates = [PartialDate(2017), PartialDate(2017, 5), PartialDate(2017, 5, 2), PartialDate(2016)]
    ordered = sorted(dates, key=lambda d: d.sort_key, reverse=True)
    assert [d.isoformat() for d in ordered] == ["2017-05-02", "2017-05", "2017", "2016"]
    assert PartialDate(2017).first_day == dt.date(2017, 1, 1)
    assert [d.precision for d in dates[:3]] == ["year", "month", "day"]
    with pytest.raises(ValueError):
        PartialDate(2017, None, 3)


def test_bibtex_import_keeps_what_the_entry_says() -> None:
    text = (
        "@article{a, title={Year}, year={2017}}\n"
        "@article{b, title={Month}, year={2017}, month=may}\n"
        "@article{c, title={Day}, year={2017}, month=may, day={3}}\n"
        "@article{d, title={Biblatex}, date={2019-11}}\n"
    )
    drafts = [record.draft for record in read_bibtex(text).records]
    assert [d.date.isoformat() for d in drafts] == ["2017", "2017-05", "2017-05-03", "2019-11"]


@pytest.fixture
def dated(project: Project) -> Project:
    project.paper("year-only", "Year Only", date="2017")
    project.paper("month-only", "Month Only", date="2017-05")
    project.paper("a-day", "A Day", date="2017-05-21")
    project.paper("late", "Late", date="2017-12-01")
    project.paper("older", "Older", date="2016-03-04")
    assert project.build("--base-url", HOSTED).exit_code == 0
    return project


def test_pages_show_only_the_known_parts(dated: Project) -> None:
    for slug, shown, iso in [
        ("year-only", "2017", "2017"),
        ("month-only", "May 2017", "2017-05"),
        ("a-day", "21 May 2017", "2017-05-21"),
    ]:
        (time,) = dated.page(f"papers/{slug}/").xpath("//dl[@class='facts']//time")
        assert (text_of(time), time.get("datetime")) == (shown, iso)
    cards = dated.page("").xpath("//article[@class='card']//time")
    assert [text_of(t) for t in cards] == [
        "1 December 2017",
        "21 May 2017",
        "May 2017",
        "2017",
        "4 March 2016",
    ]


def test_the_archive_puts_a_year_only_paper_under_its_year(dated: Project) -> None:
    page = dated.page("archive/")
    headings = [text_of(h) for h in page.xpath("//section[@class='month']/h2")]
    assert headings == ["December 2017 (1)", "May 2017 (2)", "2017 (1)", "March 2016 (1)"]
    year = page.xpath("//section[h2[@id='m2017']]//li")
    assert [text_of(li) for li in year] == ["Year Only"]
    assert not year[0].xpath(".//time")


def test_citations_carry_the_same_precision(dated: Project) -> None:
    site = dated.root / "site"
    entries = {e.key: fields(e) for e in read_bib(site, "papers.bib").entries}
    assert (entries["year-only"]["year"], entries["year-only"]["date"]) == ("2017", "2017")
    assert "month" not in entries["year-only"]
    assert (entries["month-only"]["month"], entries["month-only"]["date"]) == ("may", "2017-05")
    expected = {"year-only": "2017", "month-only": "2017/05", "a-day": "2017/05/21"}
    for slug, highwire in expected.items():
        page = dated.page(f"papers/{slug}/")
        assert meta(page, "citation_publication_date") == [highwire]
        assert json_ld(page)["datePublished"] == highwire.replace("/", "-")
    api = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    assert {p["slug"]: p["date"] for p in api["papers"]}["month-only"] == "2017-05"


def test_feeds_use_the_first_day_of_the_period(dated: Project) -> None:
    parsed = feedparser.parse((dated.root / "site" / "feed.xml").read_bytes())
    updated = {entry.title: entry.updated for entry in parsed.entries}
    assert updated["Year Only"] == "2017-01-01T00:00:00Z"
    assert updated["Month Only"] == "2017-05-01T00:00:00Z"

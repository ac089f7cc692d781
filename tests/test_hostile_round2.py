"""Issue 14, round two: numbers too large to convert, dates at the ends of the calendar.

Each class is a family, so Hypothesis draws the field and the way the number
is written; the CLI cases show the one line the user reads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import HOSTED, Project, text_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.config import MarkdownConfig
from generator.content.load import load_source
from generator.content.markdown import make_markdown
from generator.content.sources import Source

HUGE = "9" * 5000
"""More digits than Python converts by default (4,300: `sys.set_int_max_str_digits`)."""

NUMBER_FORMS = (
    HUGE,
    "-" + HUGE,
    "+" + "1" * 4301,
    "1_" * 2200 + "1",
    "0x" + "f" * 5000,
    "0b" + "1" * 20000,
    "0o" + "7" * 6000,
    "1" + ":59" * 3000,
    "1e400",
    "-1e400",
    "9" * 4300,
)
"""Ways YAML writes a number that Python cannot hold or print: digits past the
limit, hex/binary/octal and base-60 forms (converted without the limit, so they
fail only when printed), and floats that overflow to infinity."""

FIELDS = (
    "upvotes", "date", "listed", "title", "venue", "volume", "number", "pages",
    "journal", "note", "arxiv", "thumbnail", "draft", "type", "edition",
)  # fmt: skip
TEXT_FIELDS = ("title", "venue", "volume", "number", "pages", "journal", "note", "edition")
ERROR_LINE = re.compile(r"^content/papers/bad\.md:\d+: error: `\w+` .{5,400}$")


@pytest.fixture(scope="module")
def markdown() -> Any:
    return make_markdown(MarkdownConfig())


def paper_bytes(field: str, raw: str) -> tuple[bytes, int]:
    """A paper whose `field` holds `raw`, and the line of that field."""
    lines = ["---", "title: A Paper", "date: 2025-03-21", "topics: [Fairness]"]
    lines = [line for line in lines if not line.startswith(f"{field}:")]
    lines += [f"{field}: {raw}"]
    return "\n".join([*lines, "---", "", "Abstract.", ""]).encode(), len(lines)


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), raw=st.sampled_from(NUMBER_FORMS), listed=st.booleans())
def test_huge_numbers_in_any_field_are_one_line_at_the_field(
    markdown: Any, field: str, raw: str, listed: bool
) -> None:
    raw = f"[{raw}]" if listed else raw
    source = Source("paper", Path("/proj/content/papers/bad.md"), "bad")
    data, field_line = paper_bytes(field, raw)
    loaded = load_source(source, data, markdown, Path("/proj"))
    for problem in loaded.problems:
        line = problem.format(Path("/proj"))
        assert "\n" not in line and len(line) < 500, line
        assert problem.line == field_line, line
    if loaded.item is not None:
        # Kept only where the field holds text, which keeps the number as written.
        assert field in TEXT_FIELDS and not listed


@pytest.mark.parametrize(
    ("extra", "date", "message"),
    [
        (
            f"upvotes: {HUGE}",
            "2025-03-21",
            "`upvotes` must be a whole number >= 0, not a number of 5000 digits",
        ),
        (
            "upvotes: 0x" + "f" * 5000,
            "2025-03-21",
            "`upvotes` must be a whole number from 0 to 9007199254740991, not 0xfff",
        ),
        ("", HUGE, "`date` must be a date such as 2025-03-21, 2025-03 or 2025, not a number"),
        ("", "99999-01-01", "`date` must be a date such as 2025-03-21, 2025-03 or 2025"),
    ],
)
def test_huge_numbers_stop_the_build_with_one_line(
    project: Project, extra: str, date: str, message: str
) -> None:
    project.paper("good", "Good")
    project.paper("bad", "Bad", date=date, extra=extra)
    result = project.build()
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 1 and message in errors[0], result.output
    assert ERROR_LINE.match(errors[0]), errors[0]
    assert not (project.root / "site").exists()


def test_huge_citation_numbers_are_kept_as_written(project: Project) -> None:
    long = "1" * 4400
    project.paper("bad", "Bad", extra=f"volume: {long}\npages: {HUGE}")
    result = project.build("--base-url", HOSTED)
    assert result.exit_code == 0, result.output
    cite = json.loads((project.root / "site/papers/bad/cite.json").read_text())
    assert cite[0]["volume"] == long and cite[0]["page"] == HUGE


def test_a_huge_number_in_the_settings_is_one_line(project: Project) -> None:
    project.write("paperboard.toml", f"title = 'x'\nper_page = {HUGE}\n")
    project.paper("good", "Good")
    result = project.build()
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.output.splitlines() == [
        "paperboard.toml:2: error: `per_page` is a number of 5000 digits, too large "
        "(write a small whole number, such as per_page = 25)"
    ]


# --- Year 1 and year 9999 ---------------------------------------------------


@pytest.fixture(scope="module")
def ends_of_time(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = Project(tmp_path_factory.mktemp("ends") / "proj")
    project.root.mkdir()
    project.topic("fairness", "Fairness")
    project.paper("first", "First", "0001-01-01", extra="listed: 0001-01-01")
    project.paper("last", "Last", "9999-12-31", extra="listed: 9999-12-31")
    project.paper("year-one", "Year One", "0001")
    project.paper("octal", "Octal", "0100")
    result = project.build("--base-url", HOSTED)
    assert result.exit_code == 0, result.output
    return project


def json_ld(page: etree._Element) -> dict[str, Any]:
    (script,) = page.xpath("//script[@type='application/ld+json']")
    data: dict[str, Any] = json.loads(script.text)
    return data


def meta(page: etree._Element, name: str) -> str:
    (value,) = page.xpath(f"//meta[@name='{name}']/@content")
    return str(value)


@pytest.mark.parametrize(
    ("slug", "iso", "citation"),
    [
        ("first", "0001-01-01", "0001/01/01"),
        ("last", "9999-12-31", "9999/12/31"),
        ("year-one", "0001", "0001"),
        ("octal", "0100", "0100"),
    ],
)
def test_ends_of_the_calendar_in_meta_tags_and_json_ld(
    ends_of_time: Project, slug: str, iso: str, citation: str
) -> None:
    page = ends_of_time.page(f"papers/{slug}/")
    assert meta(page, "citation_publication_date") == citation
    assert json_ld(page)["datePublished"] == iso
    assert page.xpath("//meta[@property='article:published_time']/@content") == [iso]


def test_ends_of_the_calendar_in_feeds_and_sitemap(ends_of_time: Project) -> None:
    site = ends_of_time.root / "site"
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    published = {e.title: e.published for e in feed.entries}
    assert published["First"] == "0001-01-01T00:00:00Z"
    assert published["Last"] == "9999-12-31T00:00:00Z"
    sitemap = etree.parse(str(site / "sitemap.xml"))
    locs = sitemap.xpath("//*[local-name()='loc']/text()")
    assert HOSTED + "papers/first/" in locs and HOSTED + "papers/last/" in locs


def test_the_last_iso_week_of_9999_ends_in_the_year_10000(ends_of_time: Project) -> None:
    page = ends_of_time.page("weeks/9999-W52/")
    assert "27 December 9999 – 2 January 10000" in text_of(page.xpath("//main")[0])
    first = ends_of_time.page("weeks/0001-W01/")
    assert "1–7 January 1" in text_of(first.xpath("//main")[0])

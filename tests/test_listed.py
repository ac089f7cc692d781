"""`listed`: the day a paper joined the board, as files say it and `add` and `import` write it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import Project, text_of
from test_arxiv_add import ArxivServer, Reply, add, arxiv, front_matter  # noqa: F401

from generator.authoring.commands import AuthoringOptions, import_papers

TODAY = dt.date(2025, 4, 2)


def test_a_listed_date_puts_the_paper_on_that_day_and_the_page_links_it(project: Project) -> None:
    project.paper("late", "Late Listing", "2025-03-21", extra="listed: 2025-03-24")
    project.paper("plain", "Plain", "2025-03-21")
    assert project.build().exit_code == 0
    facts = project.page("papers/late/").xpath("//dl[@class='facts']")[0]
    terms = [text_of(dt_) for dt_ in facts.xpath("./dt")]
    assert "Listed" in terms
    [listed] = facts.xpath("./dt[.='Listed']/following-sibling::dd[1]//a")
    assert listed.get("href") == "/days/2025-03-24/"
    assert text_of(listed) == "24 March 2025"
    assert listed.xpath(".//time/@datetime") == ["2025-03-24"]
    on_day = project.page("days/2025-03-24/").xpath("//ol[@class='papers']//h2/a/@href")
    assert on_day == ["/papers/late/"]
    assert project.page("days/2025-03-21/").xpath("//ol[@class='papers']//h2/a/@href") == [
        "/papers/plain/"
    ]
    board = "//dt[.='On the board']/following-sibling::dd[1]//a"
    plain = project.page("papers/plain/").xpath(board)
    assert [a.get("href") for a in plain] == ["/days/2025-03-21/"]


def test_a_listed_month_is_an_error_at_its_line(project: Project) -> None:
    project.paper("vague", "Vague", "2025-03-21", extra="listed: 2025-03")
    result = project.build()
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "listed" in line]
    assert "content/papers/vague.md:8: error: `listed` must be the day" in line
    assert "listed: YYYY-MM-DD" in line


def hf_item(arxiv_id: str, title: str, submitted: str | None) -> dict[str, object]:
    paper: dict[str, object] = {
        "id": arxiv_id,
        "title": title,
        "summary": "An abstract.",
        "authors": [{"name": "Ada Lovelace"}],
        "publishedAt": "2025-03-18T17:31:05.000Z",
        "upvotes": 3,
    }
    if submitted:
        paper["submittedOnDailyAt"] = submitted
    return {"paper": paper, "publishedAt": "2025-03-18T13:31:05.000Z"}


def test_import_takes_listed_from_submitted_on_daily_at_else_today(
    project: Project, tmp_path: Path
) -> None:
    feed = tmp_path / "daily.json"
    items = [
        hf_item("2503.00001", "On the Daily", "2025-03-19T00:29:42.147Z"),
        hf_item("2503.00002", "From an Early File", None),
    ]
    feed.write_text(json.dumps(items), encoding="utf-8")
    report = import_papers(feed, AuthoringOptions(project.root), today=TODAY)
    assert not report.failed
    listed = {o.title: front_matter(o.path)["listed"] for o in report.created}
    assert listed == {"On the Daily": dt.date(2025, 3, 19), "From an Early File": TODAY}


def test_add_lists_the_paper_today(project: Project, arxiv: ArxivServer) -> None:  # noqa: F811
    arxiv.plan = [Reply(200, "one_paper.xml")]
    code, out, err = add(project, arxiv, "2403.01234")
    assert code == 0, err
    meta = front_matter(project.root / "content/papers" / out.split()[1].split("/")[-1])
    assert meta["listed"] == dt.date.today()
    assert str(meta["date"]) == "2024-03-02"

"""CSL-JSON beside BibTeX: `cite.json` and `papers.csl.json`, read and formatted by citeproc-py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from conftest import HOSTED, Project

REPORT = """authors:
  - {family: "Steele", given: "Guy Lewis", suffix: "Jr."}
  - {literal: "The Racket Team"}
  - "Ludwig van Beethoven"
type: techreport
institution: "MIT"
number: "AIM-353"
links:
  doi: "10.1000/x_1\""""
ARTICLE = """type: article
venue: "Communications of the ACM"
volume: "12"
number: "10"
pages: "576--580\""""


def read(site: Path, url: str) -> list[dict[str, Any]]:
    data = json.loads((site / url).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def render(items: list[dict[str, Any]]) -> list[str]:
    """Format the items as a bibliography with the CSL style citeproc-py ships."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


@pytest.fixture
def cited(project: Project) -> Project:
    project.paper("lambda", "Lambda the Ultimate", date="1976-03", authors=(), extra=REPORT)
    project.paper(
        "axioms", "An Axiomatic Basis", date="1969", authors=("C. A. R. Hoare",), extra=ARTICLE
    )
    project.paper("preprint", "A Preprint", date="2017-06-12", extra='arxiv: "1706.03762"')
    assert project.build("--base-url", HOSTED).exit_code == 0
    return project


def test_cite_json_is_read_by_citeproc_with_every_part(cited: Project) -> None:
    site = cited.root / "site"
    (item,) = read(site, "papers/lambda/cite.json")
    reference = CiteProcJSON([item])["lambda"]
    assert reference["type"] == "report"
    names = [dict(name) for name in reference["author"]]
    assert names == [
        {"family": "Steele", "given": "Guy Lewis", "suffix": "Jr."},
        {"literal": "The Racket Team"},
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
    ]
    assert (reference["issued"]["year"], reference["issued"]["month"]) == (1976, 3)
    assert "day" not in dict(reference["issued"])
    assert (str(reference["number"]), str(reference["publisher"])) == ("AIM-353", "MIT")
    assert str(reference["DOI"]) == "10.1000/x_1"
    (text,) = render([item])
    assert text.startswith("Steele, G.L., Jr., The Racket Team and van Beethoven, L. (1976)")
    assert "AIM-353" in text


def test_types_containers_pages_and_arxiv(cited: Project) -> None:
    site = cited.root / "site"
    items = {item["id"]: item for item in read(site, "papers.csl.json")}
    assert list(items) == ["preprint", "lambda", "axioms"]
    axioms = items["axioms"]
    assert (axioms["type"], axioms["container-title"]) == (
        "article-journal",
        "Communications of the ACM",
    )
    assert (axioms["volume"], axioms["issue"], axioms["page"]) == ("12", "10", "576-580")
    assert axioms["issued"] == {"date-parts": [[1969]]}
    assert axioms["author"] == [{"family": "Hoare", "given": "C. A. R."}]
    preprint = items["preprint"]
    assert (preprint["type"], preprint["number"], preprint["publisher"]) == (
        "article",
        "arXiv:1706.03762",
        "arXiv",
    )
    assert (preprint["archive"], preprint["archive_location"]) == ("arXiv", "1706.03762")
    assert preprint["URL"] == HOSTED + "papers/preprint/"
    assert all(render(list(items.values())))


def test_each_topic_has_its_file_and_each_paper_page_links_its_own(cited: Project) -> None:
    site = cited.root / "site"
    assert [i["id"] for i in read(site, "topics/fairness/papers.csl.json")] == [
        "preprint",
        "lambda",
        "axioms",
    ]
    page = cited.page("papers/axioms/")
    (link,) = page.xpath("//section[@class='cite']//a[contains(@href, 'cite.json')]")
    assert link.get("type") == "application/vnd.citationstyles.csl+json"
    assert (site / link.get("href").removeprefix("/board/")).is_file()

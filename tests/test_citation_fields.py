"""Entry types and citation fields: kept from the input, carried by every citation output."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner
from conftest import HOSTED, Project
from test_bibfiles import fields, read_bib
from test_fields import errors_of, write
from test_scholarly_meta import json_ld, meta

from generator.cli import main

JOURNAL = """type: article
venue: "IEEE/ACM Transactions on Audio, Speech, and Language Processing"
volume: 22
number: "10"
pages: "1533--1545"
publisher: "IEEE"
issn: "2329-9290\""""


def build(project: Project, **papers: str) -> Project:
    for slug, extra in papers.items():
        project.paper(slug, slug.title(), extra=extra)
    result = project.build("--base-url", HOSTED)
    assert result.exit_code == 0, result.output
    return project


def test_a_journal_article_with_volume_issue_and_pages(project: Project) -> None:
    build(project, cnn=JOURNAL)
    (entry,) = read_bib(project.root / "site", "papers/cnn/cite.bib").entries
    assert entry.entry_type == "article"
    got = fields(entry)
    assert got["journal"] == "IEEE/ACM Transactions on Audio, Speech, and Language Processing"
    assert (got["volume"], got["number"], got["pages"], got["publisher"]) == (
        "22",
        "10",
        "1533--1545",
        "IEEE",
    )
    page = project.page("papers/cnn/")
    assert meta(page, "citation_journal_title") == [got["journal"]]
    assert meta(page, "citation_conference_title") == []
    assert meta(page, "citation_volume") == ["22"]
    assert meta(page, "citation_issue") == ["10"]
    assert (meta(page, "citation_firstpage"), meta(page, "citation_lastpage")) == (
        ["1533"],
        ["1545"],
    )
    assert meta(page, "citation_issn") == ["2329-9290"]
    article = json_ld(page)
    assert article["isPartOf"] == {
        "@type": "PublicationIssue",
        "issueNumber": "10",
        "isPartOf": {
            "@type": "PublicationVolume",
            "volumeNumber": "22",
            "isPartOf": {"@type": "Periodical", "name": got["journal"], "issn": "2329-9290"},
        },
    }
    assert (article["pageStart"], article["pageEnd"]) == ("1533", "1545")
    api = json.loads((project.root / "site/papers.json").read_text(encoding="utf-8"))
    (record,) = api["papers"]
    assert record["type"] == "article"
    assert record["citation"]["volume"] == "22"
    assert record["citation"]["journal"] == got["journal"]


@pytest.mark.parametrize(
    ("extra", "kind", "tags", "schema"),
    [
        (
            'type: phdthesis\nschool: "Carnegie Mellon University"',
            "phdthesis",
            {"citation_dissertation_institution": ["Carnegie Mellon University"]},
            "Thesis",
        ),
        (
            'type: techreport\ninstitution: "MIT"\nnumber: "AIM-353"',
            "techreport",
            {
                "citation_technical_report_institution": ["MIT"],
                "citation_technical_report_number": ["AIM-353"],
                "citation_issue": [],
            },
            "Report",
        ),
        (
            'type: book\npublisher: "MIT Press"\nisbn: "978-0-262-51087-5"',
            "book",
            {"citation_publisher": ["MIT Press"], "citation_isbn": ["978-0-262-51087-5"]},
            "Book",
        ),
        (
            'type: inproceedings\nvenue: "POPL 1993"\nbooktitle: "Proceedings of POPL"',
            "inproceedings",
            {"citation_conference_title": ["Proceedings of POPL"]},
            "ScholarlyArticle",
        ),
        (
            'type: incollection\nbooktitle: "Handbook of Logic"\npages: "1--50"',
            "incollection",
            {"citation_inbook_title": ["Handbook of Logic"], "citation_firstpage": ["1"]},
            "Chapter",
        ),
        (
            # Without a type, the venue's name no longer decides when a field says more.
            'journal: "Communications of the ACM"',
            "article",
            {"citation_journal_title": ["Communications of the ACM"]},
            "ScholarlyArticle",
        ),
    ],
)
def test_each_type_is_written_as_its_kind(
    project: Project, extra: str, kind: str, tags: dict[str, list[str]], schema: str
) -> None:
    build(project, work=extra)
    (entry,) = read_bib(project.root / "site", "papers/work/cite.bib").entries
    assert entry.entry_type == kind
    page = project.page("papers/work/")
    for name, content in tags.items():
        assert meta(page, name) == content, name
    assert json_ld(page)["@type"] == schema
    others = {"citation_journal_title", "citation_conference_title"} - set(tags)
    assert all(meta(page, name) == [] for name in others)


def test_a_paper_without_authors_gets_a_key(project: Project) -> None:
    project.paper("anonymous", "Anonymous", authors=())
    assert project.build().exit_code == 0
    (entry,) = read_bib(project.root / "site", "papers/anonymous/cite.bib").entries
    assert fields(entry)["key"] == "anonymous"
    assert "author" not in fields(entry)


def test_an_unknown_type_is_an_error_with_the_closest_one(project: Project) -> None:
    write(project, "bad", "title: T", "date: 2025-01-01", "topics: [x]", "type: inproceeding")
    (message,) = errors_of(project)
    assert "`type` `inproceeding` is not a BibTeX entry type" in message
    assert "did you mean `inproceedings`?" in message


BIB = r"""
@article{cacm, title = {An Article in CACM}, author = {Hoare, C. A. R.},
  journal = {Communications of the {ACM}}, volume = {12}, number = {10},
  pages = {576--580}, year = {1969}, publisher = {ACM}}
@phdthesis{thesis, title = {A Thesis}, author = {Murphy, Tom},
  school = {Carnegie Mellon University},
  year = {2008}}
@book{book, title = {Categories for the Working Mathematician}, author = {Mac Lane, Saunders},
  publisher = {Springer}, series = {Graduate Texts in Mathematics}, edition = {2},
  isbn = {978-0-387-98403-2}, year = {1998}}
"""


def test_the_bibtex_importer_keeps_types_and_fields(project: Project) -> None:
    bib = project.root / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    done = CliRunner().invoke(main, ["import", str(bib), "--source", str(project.root)])
    assert done.exit_code == 0, done.output
    papers = project.root / "content/papers"

    def front(slug: str) -> dict[str, object]:
        text = (papers / f"{slug}.md").read_text(encoding="utf-8")
        return dict(yaml.safe_load(text.split("---\n")[1]))

    cacm = front("an-article-in-cacm")
    assert (cacm["type"], cacm["venue"], cacm["volume"], cacm["pages"]) == (
        "article",
        "Communications of the ACM",
        "12",
        "576--580",
    )
    assert "journal" not in cacm  # the venue is the journal: written once
    assert front("a-thesis")["school"] == "Carnegie Mellon University"
    book = front("categories-for-the-working-mathematician")
    assert (book["type"], book["series"], book["edition"], book["isbn"]) == (
        "book",
        "Graduate Texts in Mathematics",
        "2",
        "978-0-387-98403-2",
    )
    assert project.build().exit_code == 0
    entries = {e.key: e for e in read_bib(project.root / "site", "papers.bib").entries}
    assert entries["an-article-in-cacm"].entry_type == "article"
    assert fields(entries["an-article-in-cacm"])["journal"] == "Communications of the ACM"
    assert entries["a-thesis"].entry_type == "phdthesis"
    assert fields(entries["categories-for-the-working-mathematician"])["publisher"] == "Springer"

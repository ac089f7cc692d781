"""DOIs and arXiv ids: BibTeX escapes removed on import, exact characters in every output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import HOSTED, Project
from test_bibfiles import fields, read_bib
from test_fields import errors_of, write
from test_scholarly_meta import json_ld, meta

from generator.cli import main
from generator.importers.bibtex_values import arxiv_id

DBLP = r"""
@inproceedings{a, title = {Escaped}, author = {Ada Lovelace}, year = 2018,
  doi = {10.1007/978-3-319-89884-1\_14}, url = {https://example.org/a\_b\%20c\&d\#e}}
@inproceedings{b, title = {Braced}, author = {Ada Lovelace}, year = 2018,
  doi = {10.1007/978-3-319-89884-1{\_}15}}
"""


def import_bib(project: Project, text: str) -> tuple[str, Path]:
    bib = project.root / "refs.bib"
    bib.write_text(text, encoding="utf-8")
    done = CliRunner().invoke(main, ["import", str(bib), "--source", str(project.root)])
    assert done.exit_code == 0, done.output
    return done.output, project.root / "content" / "papers"


def front(path: Path) -> dict[str, object]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]))


def test_import_removes_bibtex_escapes_from_dois_and_urls(project: Project) -> None:
    _, papers = import_bib(project, DBLP)
    assert front(papers / "escaped.md")["links"] == {
        "doi": "https://doi.org/10.1007/978-3-319-89884-1_14",
        "paper": "https://example.org/a_b%20c&d#e",
    }
    assert front(papers / "braced.md")["links"] == {
        "doi": "https://doi.org/10.1007/978-3-319-89884-1_15"
    }
    assert project.build("--base-url", HOSTED).exit_code == 0
    page = project.page("papers/escaped/")
    assert meta(page, "citation_doi") == ["10.1007/978-3-319-89884-1_14"]
    hrefs = page.xpath("//ul[@class='links']//a/@href")
    assert "https://doi.org/10.1007/978-3-319-89884-1_14" in hrefs
    assert not [href for href in page.xpath("//a/@href") if "\\" in href]
    (entry,) = read_bib(project.root / "site", "papers/escaped/cite.bib").entries
    assert fields(entry)["doi"] == "10.1007/978-3-319-89884-1_14"


def test_a_doi_keeps_characters_a_url_must_encode(project: Project) -> None:
    doi = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    project.paper("sici", "SICI", extra=f'links:\n  doi: "{doi}"')
    assert project.build("--base-url", HOSTED).exit_code == 0
    page = project.page("papers/sici/")
    assert meta(page, "citation_doi") == [doi]
    assert page.xpath("//ul[@class='links']//a/@href")[0] == (
        "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0"
    )
    ids = {i["propertyID"]: i["value"] for i in json_ld(page)["identifier"]}
    assert ids["DOI"] == doi
    (entry,) = read_bib(project.root / "site", "papers/sici/cite.bib").entries
    assert fields(entry)["doi"] == doi
    api = json.loads((project.root / "site/papers.json").read_text(encoding="utf-8"))
    assert api["papers"][0]["links"][0]["url"].endswith("%3C693::AID-ASI4%3E3.0.CO;2-0")


@pytest.mark.parametrize(
    ("value", "needle", "hint"),
    [
        (r"10.1007/978-3-319-89884-1\\_14", "holds a TeX escape", "write `_`"),
        ("10.1000", "is not a DOI", "10.xxxx/"),
        ("https://example.org/10.1000/x", "is not a DOI", "doi.org link"),
    ],
)
def test_a_wrong_doi_is_an_error(project: Project, value: str, needle: str, hint: str) -> None:
    write(project, "bad", "title: T", "date: 2025", "topics: [x]", "links:", f'  doi: "{value}"')
    (message,) = errors_of(project)
    assert message.startswith("content/papers/bad.md:5: error: `links` `doi`")
    assert needle in message and hint in message


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"journal": "Ar{X}iv:1607.06450"}, "1607.06450"),
        ({"journal": "arXiv preprint arXiv:1409.0473"}, "1409.0473"),
        ({"journal": "CoRR", "volume": "abs/1805.07518"}, "1805.07518"),
        ({"journal": "CoRR", "volume": "abs/cs/0112017"}, "cs/0112017"),
        ({"journal": "ArXiv e-prints", "eprint": "1706.03762"}, "1706.03762"),
        ({"journal": "arxiv.org/abs/2205.11916"}, "2205.11916"),
        ({"url": "https://arxiv.org/abs/2010.02178v2"}, "2010.02178v2"),
        ({"journal": "Journal of Graph Theory", "volume": "12"}, None),
    ],
)
def test_arxiv_ids_in_the_forms_bibliographies_write_them(
    entry: dict[str, str], expected: str | None
) -> None:
    assert arxiv_id(entry) == expected


CLASH = r"""
@article{Simpson17, title = {Probability Sheaves and the Giry Monad}, author = {Simpson, Alex},
  year = 2017, doi = {10.4230/lipics.calco.2017.1}}
@article{Landin65, title = {The Next 700 Programming Languages}, author = {Landin, Peter},
  year = 1966, doi = {10.4230/LIPIcs.CALCO.2017.1}}
@article{again, title = {Probability sheaves and the Giry monad}, author = {Simpson, Alex},
  year = 2017, doi = {10.4230/lipics.calco.2017.1}}
"""


def test_a_doi_shared_by_two_titles_keeps_both_and_warns(project: Project) -> None:
    output, papers = import_bib(project, CLASH)
    assert sorted(p.name for p in papers.glob("*.md")) == [
        "probability-sheaves-and-the-giry-monad.md",
        "the-next-700-programming-languages.md",
    ]
    (warning,) = [line for line in output.splitlines() if "have the same DOI" in line]
    assert warning.startswith("content/papers/the-next-700-programming-languages.md: warning:")
    assert "(probability-sheaves-and-the-giry-monad.md)" in warning
    assert "`The Next 700 Programming Languages`" in warning
    assert "`Probability Sheaves and the Giry Monad`" in warning
    assert "10.4230/LIPIcs.CALCO.2017.1" in warning and "both are kept" in warning
    assert "1 skipped as duplicate" in output

"""Authors' names in their parts: front matter forms, the BibTeX importer, every citation output."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import yaml
from bibtexparser import middlewares as mw
from click.testing import CliRunner
from conftest import HOSTED, Project, text_of
from test_bibfiles import read_bib
from test_fields import errors_of, write
from test_scholarly_meta import json_ld, meta

from generator.cli import main
from generator.content.names import read_plain_name, split_name
from generator.importers.bibtex import read_bibtex
from generator.scholarly import PersonName
from generator.site.bibtex_entry import bibtex_name

PEOPLE = """authors:
  - "Ada Lovelace"
  - {family: "Peyton Jones", given: "Simon"}
  - {family: "Steele", given: "Guy Lewis", suffix: "Jr."}
  - {family: "Beethoven", given: "Ludwig", particle: "van"}
  - {literal: "The Racket Team"}
  - others"""


def test_plain_names_are_read_as_bibtex_reads_them() -> None:
    assert read_plain_name("Ada Lovelace") == PersonName("Lovelace", "Ada")
    assert read_plain_name("Lovelace, Ada") == PersonName("Lovelace", "Ada")
    assert read_plain_name("Simon Peyton Jones") == PersonName("Jones", "Simon Peyton")
    assert read_plain_name("Ludwig van Beethoven") == PersonName("Beethoven", "Ludwig", "van")


@pytest.mark.parametrize(
    "name",
    [
        PersonName("Peyton Jones", "Simon"),
        PersonName("Steele", "Guy Lewis", suffix="Jr."),
        PersonName("Beethoven", "Ludwig", "van"),
        PersonName("de la Fontaine", "Jean"),
        PersonName("Ramón y Cajal", "Santiago"),
        PersonName("Coq Development Team", "The"),
        PersonName("Murphy VII", "Tom"),
        PersonName("Peyton Jones"),
        PersonName("Lovelace", "Ada"),
        PersonName(literal="The Racket Team"),
    ],
)
def test_bibtex_names_read_back_into_the_same_parts(name: PersonName) -> None:
    written = bibtex_name(name)
    if name.literal:
        assert written == "{The Racket Team}"
        return
    back = split_name(written)
    unbraced = PersonName(
        *(
            p.replace("{", "").replace("}", "")
            for p in (back.family, back.given, back.particle, back.suffix)
        )
    )
    assert unbraced == name, written


@pytest.fixture
def people(project: Project) -> Project:
    project.paper("lambda", "Lambda", authors=(), extra=PEOPLE)
    assert project.build("--base-url", HOSTED).exit_code == 0
    return project


def test_pages_show_full_names_and_link_author_pages(people: Project) -> None:
    page = people.page("papers/lambda/")
    links = page.xpath("//p[@class='meta']//a")
    assert [(text_of(a), a.get("href")) for a in links] == [
        ("Ada Lovelace", "/board/authors/ada-lovelace/"),
        ("Simon Peyton Jones", "/board/authors/simon-peyton-jones/"),
        ("Guy Lewis Steele Jr.", "/board/authors/guy-lewis-steele-jr/"),
        ("Ludwig van Beethoven", "/board/authors/ludwig-van-beethoven/"),
        ("The Racket Team", "/board/authors/the-racket-team/"),
    ]
    assert text_of(page.xpath("//p[@class='meta']")[0]).endswith("The Racket Team, et al.")
    author = people.page("authors/simon-peyton-jones/")
    assert "Simon Peyton Jones" in text_of(author.xpath("//h1")[0])


def test_bibtex_carries_the_parts(people: Project) -> None:
    (entry,) = read_bib(people.root / "site", "papers/lambda/cite.bib").entries
    assert entry.fields_dict["author"].value == (
        "Ada Lovelace and Peyton Jones, Simon and Steele, Jr., Guy Lewis"
        " and Ludwig van Beethoven and {The Racket Team} and others"
    )
    text = (people.root / "site/papers/lambda/cite.bib").read_text(encoding="utf-8")
    split = parse_bib_names(text)
    assert [(n.last, n.first, n.von, n.jr) for n in split] == [
        (["Lovelace"], ["Ada"], [], []),
        (["Peyton", "Jones"], ["Simon"], [], []),
        (["Steele"], ["Guy", "Lewis"], [], ["Jr."]),
        (["Beethoven"], ["Ludwig"], ["van"], []),
        (["{The Racket Team}"], [], [], []),
        (["others"], [], [], []),
    ]


def parse_bib_names(text: str) -> list[mw.NameParts]:
    """The author field split by bibtexparser's own name middleware."""
    layers = [mw.SeparateCoAuthors(), mw.SplitNameParts()]
    library = bibtexparser.parse_string(text, append_middleware=layers)
    return list(library.entries[0].fields_dict["author"].value)


def test_meta_tags_json_ld_and_api_carry_the_parts(people: Project) -> None:
    page = people.page("papers/lambda/")
    assert meta(page, "citation_author") == [
        "Lovelace, Ada",
        "Peyton Jones, Simon",
        "Steele Jr., Guy Lewis",
        "van Beethoven, Ludwig",
        "The Racket Team",
    ]
    authors = json_ld(page)["author"]
    assert [(a["@type"], a.get("familyName"), a.get("givenName")) for a in authors] == [
        ("Person", "Lovelace", "Ada"),
        ("Person", "Peyton Jones", "Simon"),
        ("Person", "Steele", "Guy Lewis"),
        ("Person", "van Beethoven", "Ludwig"),
        ("Organization", None, None),
    ]
    assert authors[2]["honorificSuffix"] == "Jr."
    api = json.loads((people.root / "site/papers.json").read_text(encoding="utf-8"))
    (record,) = api["papers"]
    assert record["author_names"][1] == {"family": "Peyton Jones", "given": "Simon"}
    assert record["author_names"][4] == {"literal": "The Racket Team"}
    assert record["et_al"] is True


@pytest.mark.parametrize(
    ("item", "needle"),
    [
        ('{family: "X", first: "Y"}', "unknown part `first`"),
        ('{literal: "X", given: "Y"}', "`literal` name (an organisation) with other parts"),
        ('{given: "Y"}', "without its `family` part"),
        ("[Ada, Lovelace]", "not a name"),
    ],
)
def test_wrong_name_parts_are_errors(project: Project, item: str, needle: str) -> None:
    write(project, "bad", "title: T", "date: 2025-01-01", "topics: [x]", "authors:", f"  - {item}")
    (message,) = errors_of(project)
    assert message.startswith("content/papers/bad.md:5: error: `authors`")
    assert needle in message


BIB = r"""
@inproceedings{a,
  title = {Names},
  author = {Peyton Jones, Simon and Lovelace, Ada and Steele Jr., Guy Lewis and
            {The Racket Team} and Meiklejohn, Christopher and Van Roy, Peter and
            Borgstr{\"o}m, Johannes and others},
  year = 1993,
}
@article{b, title = {Et al.}, author = {Isard, Michael and et al.}, year = 2016}
"""


def test_the_bibtex_importer_writes_parts_only_where_needed(project: Project) -> None:
    bib = project.root / "names.bib"
    bib.write_text(BIB, encoding="utf-8")
    done = CliRunner().invoke(main, ["import", str(bib), "--source", str(project.root)])
    assert done.exit_code == 0, done.output
    text = (project.root / "content/papers/names.md").read_text(encoding="utf-8")
    authors = yaml.safe_load(text.split("---\n")[1])["authors"]
    assert authors == [
        {"family": "Peyton Jones", "given": "Simon"},
        "Ada Lovelace",
        {"family": "Steele", "given": "Guy Lewis", "suffix": "Jr."},
        {"literal": "The Racket Team"},
        "Christopher Meiklejohn",
        {"family": "Van Roy", "given": "Peter"},
        "Johannes Borgström",
        "others",
    ]
    (isard,) = [r.draft for r in read_bibtex(BIB).records if r.draft.title == "Et al."]
    assert isard.authors == (PersonName("Isard", "Michael"), "others")

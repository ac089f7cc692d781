"""Authors as people: profiles in content/authors/, aliases that make one page, members'
names highlighted, and `paperboard authors` listing likely duplicates."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import Project, text_of
from PIL import Image

from generator.authoring.author_duplicates import compatible
from generator.cli import main
from generator.content.people import orcid_check_digit, parse_orcid

HINTON = """\
---
name: "Geoffrey Hinton"
aliases: ["Geoffrey E. Hinton", "G. Hinton"]
orcid: "https://orcid.org/0000-0002-1825-0097"
affiliation: "University of Toronto"
homepage: "https://www.cs.toronto.edu/~hinton/"
avatar: hinton.png
member: true
---
Works on *neural networks*.
"""


def _papers(project: Project) -> None:
    project.paper("one", "Boltzmann Machines", "2020", authors=("Geoffrey E. Hinton", "Yann LeCun"))
    project.paper("two", "Capsules", "2021", authors=("G. Hinton", "Ada Lovelace"))


def _profile(project: Project, text: str = HINTON) -> None:
    project.write("content/authors/geoffrey-hinton.md", text)
    Image.new("RGB", (64, 80), "red").save(project.root / "content/authors/hinton.png")


def test_aliases_make_one_author_page_with_the_profile(project: Project) -> None:
    _papers(project)
    _profile(project)
    result = project.build()
    assert result.exit_code == 0, result.output
    page = project.page("authors/geoffrey-hinton/")
    assert text_of(page.xpath("//h1")[0]) == "Geoffrey Hinton"
    titles = [text_of(a) for a in page.xpath("//h2[@class='card-title']/a")]
    assert titles == ["Capsules", "Boltzmann Machines"]
    profile = page.xpath("//section[@class='profile']")[0]
    facts = dict(zip(profile.xpath(".//dt/text()"), profile.xpath(".//dd"), strict=True))
    assert text_of(facts["Affiliation"]) == "University of Toronto"
    assert facts["Homepage"].xpath("a/@href") == ["https://www.cs.toronto.edu/~hinton/"]
    assert facts["ORCID"].xpath("a/@href") == ["https://orcid.org/0000-0002-1825-0097"]
    assert "neural networks" in text_of(profile.xpath(".//div[@class='bio']")[0])
    avatar = profile.xpath(".//img[@class='avatar']")[0]
    assert (avatar.get("alt"), avatar.get("width"), avatar.get("height")) == (
        "Geoffrey Hinton",
        "64",
        "80",
    )
    copied = project.root / "site" / avatar.get("src").lstrip("/")
    assert copied.read_bytes() == (project.root / "content/authors/hinton.png").read_bytes()
    for slug in ("one", "two"):
        links = project.page(f"papers/{slug}/").xpath("//span[@class='authors']//a/@href")
        assert "/authors/geoffrey-hinton/" in links


def test_alias_addresses_send_the_reader_to_the_profile(project: Project) -> None:
    _papers(project)
    _profile(project)
    assert project.build().exit_code == 0
    for old in ("geoffrey-e-hinton", "g-hinton"):
        page = project.page(f"authors/{old}/")
        refresh = page.xpath("//meta[@http-equiv='refresh']/@content")[0]
        assert refresh.endswith("url=/authors/geoffrey-hinton/")
        assert page.xpath("//main//a/@href") == ["/authors/geoffrey-hinton/"]
    sitemap = (project.root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "authors/g-hinton/" not in sitemap and "authors/geoffrey-hinton/" in sitemap


def test_members_names_are_strong_wherever_authors_are_listed(project: Project) -> None:
    _papers(project)
    _profile(project)
    assert project.build().exit_code == 0
    for url in ("", "papers/two/", "authors/ada-lovelace/", "topics/fairness/"):
        page = project.page(url)
        strong = page.xpath("//span[@class='authors']/strong[@class='member']")
        assert {text_of(s) for s in strong} <= {"G. Hinton", "Geoffrey E. Hinton"}, url
        assert strong, url
        others = page.xpath("//span[@class='authors']/a")
        assert "Ada Lovelace" in {text_of(a) for a in others} or url == ""


def test_orcid_goes_into_json_ld_as_same_as(project: Project) -> None:
    _papers(project)
    _profile(project)
    assert project.build().exit_code == 0
    page = project.page("papers/two/")
    data = json.loads(page.xpath("//script[@type='application/ld+json']/text()")[0])
    people = {person["name"]: person for person in data["author"]}
    assert people["G. Hinton"]["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert people["G. Hinton"]["url"].endswith("/authors/geoffrey-hinton/")
    assert "sameAs" not in people["Ada Lovelace"]


def test_a_wrong_orcid_is_one_warning_and_left_out(project: Project) -> None:
    _papers(project)
    _profile(project, HINTON.replace("0000-0002-1825-0097", "0000-0002-1825-0098"))
    result = project.build()
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "`orcid`" in line]
    assert len(lines) == 1
    assert "geoffrey-hinton.md:4: warning: `orcid`" in lines[0] and "check digit" in lines[0]
    assert not project.page("authors/geoffrey-hinton/").xpath("//a[contains(@href, 'orcid')]")
    assert project.build("--strict").exit_code == 1


@pytest.mark.parametrize(
    ("orcid", "ok"),
    [
        ("0000-0002-1825-0097", True),
        ("0000-0001-5109-3700", True),
        ("0000-0002-1694-233X", True),
        ("0000-0002-1694-233x", True),
        ("0000-0002-1825-0098", False),
        ("0000-0002-1825-009", False),
        ("orcid.org/0000-0002-1825-0097", False),
    ],
)
def test_orcid_format_and_check_digit(orcid: str, ok: bool) -> None:
    from generator.content.checks import Invalid

    if ok:
        assert parse_orcid(orcid) == orcid.upper()
    else:
        with pytest.raises(Invalid):
            parse_orcid(orcid)
    assert orcid_check_digit("000000021825009") == "7"


def test_an_avatar_linked_out_of_the_project_is_refused(project: Project, tmp_path) -> None:
    _papers(project)
    _profile(project)
    outside = tmp_path / "secret.png"
    Image.new("RGB", (8, 8)).save(outside)
    target = project.root / "content/authors/hinton.png"
    target.unlink()
    os.symlink(outside, target)
    result = project.build()
    assert result.exit_code == 1
    assert "`avatar` hinton.png lies outside content/" in result.output
    assert "Traceback" not in result.output


def test_a_profile_no_paper_names_is_a_warning(project: Project) -> None:
    _papers(project)
    project.write("content/authors/grace.md", '---\nname: "Grace Hopper"\n---\n')
    result = project.build()
    assert result.exit_code == 0
    assert "grace.md: warning: no paper lists `Grace Hopper`" in result.output


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("geoffrey e", "geoffrey", True),
        ("g", "geoffrey", True),
        ("g e", "geoffrey everest", True),
        ("geoffrey e", "g", True),
        ("g", "h", False),
        ("geoffrey", "gerald", False),
        ("geoffrey e", "geoffrey f", False),
        ("", "geoffrey", False),
    ],
)
def test_compatible_given_names(one: str, other: str, same: bool) -> None:
    assert compatible(tuple(one.split()), tuple(other.split())) is same


def test_authors_command_lists_pairs_with_the_line_that_merges_them(project: Project) -> None:
    project.paper("one", "Boltzmann Machines", "2020", authors=("Geoffrey E. Hinton", "Yann LeCun"))
    project.paper("two", "Capsules", "2021", authors=("Geoffrey Hinton", "Yann LeCun"))
    project.paper("three", "Other", "2022", authors=("Gerald Hinton", "G. Smith", "Gary Smith"))
    before = sorted(p.name for p in (project.root / "content").rglob("*"))
    result = CliRunner().invoke(main, ["authors", "--source", str(project.root)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Geoffrey E. Hinton (1) ~ Geoffrey Hinton (1): same given name")
    assert "1 shared co-author" in lines[0]
    assert lines[1].strip() == (
        'content/authors/geoffrey-e-hinton.md: aliases: ["Geoffrey Hinton"]'
    )
    assert lines[-1] == "1 likely duplicate pair"
    assert sorted(p.name for p in (project.root / "content").rglob("*")) == before
    project.write(
        "content/authors/geoffrey-e-hinton.md",
        '---\nname: "Geoffrey E. Hinton"\naliases: ["Geoffrey Hinton"]\n---\n',
    )
    result = CliRunner().invoke(main, ["authors", "--source", str(project.root)])
    assert result.output.splitlines() == ["0 likely duplicate pairs"]


def test_the_spelled_out_name_is_kept_over_an_initial(project: Project) -> None:
    project.paper("one", "Statistical Learning", "1998", authors=("V. Vapnik",))
    project.paper("two", "Support Vectors", "1995", authors=("V. Vapnik", "Corinna Cortes"))
    project.paper("three", "Nature of Learning", "1995", authors=("Vladimir Vapnik",))
    result = CliRunner().invoke(main, ["authors", "--source", str(project.root)])
    assert result.output.splitlines()[:2] == [
        "Vladimir Vapnik (1) ~ V. Vapnik (2): initials agree",
        '    content/authors/vladimir-vapnik.md: aliases: ["V. Vapnik"]',
    ]

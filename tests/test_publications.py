"""The publications view: by year, then type, citation lines with badges; on the home page
if the config says so; reachable from the navigation, under a sub-path, without scripts."""

from __future__ import annotations

from conftest import Project, text_of
from lxml import etree

from generator.models import CitationFields, Paper
from generator.scholarly import PartialDate
from generator.site.publications import type_group, venue_badge


def _write(project: Project, per_page: int = 25, home: bool = False) -> None:
    toml = f"per_page = {per_page}\n" + ("[publications]\nhome = true\n" if home else "")
    project.write("paperboard.toml", toml)
    project.write("content/authors/ada.md", '---\nname: "Ada Lovelace"\nmember: true\n---\n')
    project.paper(
        "neurips-paper",
        "Attention Everywhere",
        "2024-12",
        authors=("Ada Lovelace", "Grace Hopper"),
        extra='type: inproceedings\nbooktitle: "Advances in Neural Information Processing Systems"',
    )
    project.paper(
        "journal-paper",
        "A Journal Article",
        "2024",
        authors=("Grace Hopper",),
        extra='type: article\njournal: "Journal of Obscure Results"\nselected: true',
    )
    project.paper(
        "preprint", "A Preprint", "2024-03", extra='arxiv: "2403.00001"\ntype: article', body=""
    )
    project.paper(
        "thesis",
        "My Thesis",
        "2022",
        extra='type: phdthesis\nschool: "MIT"\nvenue_short: "PhD"\nselected: true',
    )
    project.paper("old-book", "An Old Book", "2019", extra="type: book")


def _main(page: etree._Element) -> etree._Element:
    return page.xpath("//main")[0]


def test_papers_are_listed_by_year_then_type(project: Project) -> None:
    _write(project)
    result = project.build()
    assert result.exit_code == 0, result.output
    main = _main(project.page("publications/"))
    assert text_of(main.xpath("h1")[0]) == "Publications"
    years = [text_of(h) for h in main.xpath(".//section[@class='pub-year']/h2")]
    assert years == ["2024", "2022", "2019"]
    first = main.xpath(".//section[@class='pub-year']")[0]
    assert [text_of(h) for h in first.xpath("h3")] == [
        "Journal articles",
        "Conference papers",
        "Preprints",
    ]
    assert [text_of(h) for h in main.xpath(".//section[@class='pub-year']")[1].xpath("h3")] == [
        "Theses"
    ]
    assert [text_of(h) for h in main.xpath(".//section[@class='pub-year']")[2].xpath("h3")] == [
        "Books and chapters"
    ]


def test_a_citation_line_has_badge_authors_title_venue_and_year(project: Project) -> None:
    _write(project)
    assert project.build().exit_code == 0
    main = _main(project.page("publications/"))
    lines = {
        text_of(li.xpath(".//a[@class='pub-title']")[0]): li
        for li in main.xpath(".//li")
        if li.xpath(".//a[@class='pub-title']")
    }
    neurips = lines["Attention Everywhere"]
    assert text_of(neurips) == (
        "NeurIPS Ada Lovelace, Grace Hopper. Attention Everywhere. "
        "Advances in Neural Information Processing Systems, 2024."
    )
    assert neurips.xpath(".//span[@class='badge']/text()") == ["NeurIPS"]
    assert [text_of(s) for s in neurips.xpath(".//strong[@class='member']")] == ["Ada Lovelace"]
    assert neurips.xpath(".//a[@class='pub-title']/@href") == ["/papers/neurips-paper/"]
    assert neurips.xpath(".//time/@datetime") == ["2024-12"]
    assert lines["My Thesis"].xpath(".//span[@class='badge']/text()") == ["PhD"]
    assert not lines["A Journal Article"].xpath(".//span[@class='badge']"), "unknown venue"


def test_the_navigation_links_the_publications(project: Project) -> None:
    _write(project)
    assert project.build().exit_code == 0
    nav = project.page("").xpath("//nav[@aria-label='Main']//a")
    assert "/publications/" in [a.get("href") for a in nav]
    current = project.page("publications/").xpath("//nav[@aria-label='Main']//a[@aria-current]")
    assert [text_of(a) for a in current] == ["Publications"]


def test_every_page_indexes_every_year_and_a_split_year_says_continued(project: Project) -> None:
    _write(project, per_page=2)
    assert project.build().exit_code == 0
    pages = [
        project.page(u) for u in ("publications/", "publications/page/2/", "publications/page/3/")
    ]
    index = pages[0].xpath("//nav[@aria-label='Years']//a/@href")
    assert index == [
        "/publications/#y2024",
        "/publications/page/2/#y2022",
        "/publications/page/3/#y2019",
    ]
    second = [text_of(h) for h in pages[1].xpath("//section[@class='pub-year']/h2")]
    assert second == ["2024 (continued)", "2022"]
    assert pages[2].xpath("//nav[@aria-label='Years']//a/@href") == index
    assert pages[1].xpath("//nav[@class='pagination']//a[@rel='prev']/@href") == ["/publications/"]


def test_the_home_page_can_be_the_publications_with_selected_first(project: Project) -> None:
    _write(project, home=True)
    assert project.build().exit_code == 0
    main = _main(project.page(""))
    selected = main.xpath("section[@class='selected']")[0]
    assert text_of(selected.xpath("h2")[0]) == "Selected publications"
    titles = [text_of(a) for a in selected.xpath(".//a[@class='pub-title']")]
    assert titles == ["A Journal Article", "My Thesis"]
    assert main.xpath(".//section[@class='pub-year']")
    assert not _main(project.page("publications/")).xpath("section[@class='selected']")


def test_publications_under_a_sub_path_and_without_scripts(project: Project) -> None:
    _write(project)
    assert project.build("--base-url", "https://example.org/board/").exit_code == 0
    page = project.page("publications/")
    links = _main(page).xpath(".//a/@href")
    assert links and all(h.startswith("/board/") for h in links), links
    assert page.xpath("//link[@rel='canonical']/@href") == [
        "https://example.org/board/publications/"
    ]
    scripts = page.xpath("//script/@src")
    assert len(scripts) == 1 and "/static/site." in scripts[0], "nothing the view needs"


def _paper(**fields: object) -> Paper:
    citation = CitationFields(
        **{k: v for k, v in fields.items() if k in ("type", "journal", "booktitle")}
    )
    other = {k: v for k, v in fields.items() if k not in ("type", "journal", "booktitle")}
    return Paper(
        slug="p",
        source="p.md",
        title="T",
        title_html="T",
        title_text="T",
        authors=(),
        date=PartialDate(2020),
        topics=(),
        links=(),
        abstract_html="",
        summary="",
        text="",
        digest="d",
        citation=citation,
        **other,  # type: ignore[arg-type]
    )


def test_types_and_badges_from_what_the_file_says() -> None:
    table = [
        ({"type": "article", "journal": "ArXiv:1705.10694"}, "preprint", None),
        ({"type": "article", "journal": "CoRR"}, "preprint", None),
        ({"type": "article", "journal": "Journal of Machine Learning Research"}, "journal", "JMLR"),
        ({"type": "inproceedings", "booktitle": "Proc. of ICML"}, "conference", "ICML"),
        ({"type": "inproceedings", "booktitle": "ICCV"}, "conference", "ICCV"),
        (
            {"booktitle": "IEEE Conference on Computer Vision and Pattern Recognition"},
            "conference",
            "CVPR",
        ),
        ({"type": "techreport"}, "report", None),
        ({"type": "misc"}, "other", None),
        ({"arxiv": "2401.00001"}, "preprint", None),
        ({"venue": "Nature"}, "journal", "Nature"),
        ({"venue": "Nature Communications"}, "other", None),
        ({"venue": "Workshop on Things", "venue_short": "WoT"}, "other", "WoT"),
    ]
    for fields, group, badge in table:
        paper = _paper(**fields)
        assert (type_group(paper), venue_badge(paper)) == (group, badge), fields

"""Highwire Press, Open Graph, Twitter and JSON-LD metadata in paper pages' heads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import HOSTED, REPO, Project, parse_html, text_of
from lxml import etree


def meta(page: etree._Element, name: str, attribute: str = "name") -> list[str]:
    return page.xpath(f"//head/meta[@{attribute}='{name}']/@content")


def json_ld(page: etree._Element) -> dict[str, Any]:
    (script,) = page.xpath("//head/script[@type='application/ld+json']")
    return json.loads(script.text)


def test_highwire_tags_of_a_conference_paper_with_arxiv(hosted: Project) -> None:
    page = hosted.page("papers/gamma/")
    assert meta(page, "citation_title") == ["Gamma"]
    assert meta(page, "citation_author") == ["Hopper, Grace"]
    assert meta(page, "citation_publication_date") == ["2024/12/01"]
    assert meta(page, "citation_conference_title") == ["NeurIPS 2024"]
    assert meta(page, "citation_journal_title") == []
    assert meta(page, "citation_pdf_url") == ["https://arxiv.org/pdf/2412.00001"]
    assert meta(page, "citation_arxiv_id") == ["2412.00001"]
    assert meta(page, "citation_abstract_html_url") == [HOSTED + "papers/gamma/"]


def test_highwire_title_is_plain_text_and_authors_one_per_tag(hosted: Project) -> None:
    page = hosted.page("papers/alpha/")
    assert meta(page, "citation_title") == ["Alpha: O(n²) Fairness"]
    assert meta(page, "citation_author") == ["Lovelace, Ada", "Borel, Émile"]
    assert meta(page, "citation_pdf_url") == meta(page, "citation_arxiv_id") == []
    assert meta(page, "citation_conference_title") == meta(page, "citation_journal_title") == []


def test_a_journal_venue_and_a_doi(project: Project) -> None:
    project.paper(
        "journal",
        "In a Journal",
        extra='venue: "Journal of Machine Learning Research"\nlinks:\n  doi: "10.1000/xyz.1"',
    )
    assert project.build("--base-url", HOSTED).exit_code == 0
    page = project.page("papers/journal/")
    assert meta(page, "citation_journal_title") == ["Journal of Machine Learning Research"]
    assert meta(page, "citation_conference_title") == []
    assert meta(page, "citation_doi") == ["10.1000/xyz.1"]
    article = json_ld(page)
    assert article["isPartOf"] == {
        "@type": "Periodical",
        "name": "Journal of Machine Learning Research",
    }
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/xyz.1"} in article[
        "identifier"
    ]
    assert article["sameAs"] == ["https://doi.org/10.1000/xyz.1"]


def test_open_graph_and_twitter_cards(hosted: Project) -> None:
    page = hosted.page("papers/alpha/")
    og = {name: meta(page, f"og:{name}", "property") for name in ("type", "title", "url")}
    assert og == {
        "type": ["article"],
        "title": ["Alpha: O(n²) Fairness"],
        "url": [HOSTED + "papers/alpha/"],
    }
    assert meta(page, "og:site_name", "property") == ["Paperboard"]
    assert meta(page, "og:description", "property") == ["First abstract with x²."]
    assert meta(page, "article:published_time", "property") == ["2025-03-21"]
    assert meta(page, "article:tag", "property") == ["Fairness"]
    assert meta(page, "twitter:card") == ["summary"]
    assert meta(page, "twitter:title") == ["Alpha: O(n²) Fairness"]


def test_without_a_host_there_is_no_og_url(built: Project) -> None:
    page = built.page("papers/alpha/")
    assert meta(page, "og:url", "property") == []
    assert meta(page, "citation_abstract_html_url") == []
    assert json_ld(page)["url"] == "/papers/alpha/"


def test_json_ld_scholarly_article(hosted: Project) -> None:
    article = json_ld(hosted.page("papers/gamma/"))
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "ScholarlyArticle"
    assert article["headline"] == article["name"] == "Gamma"
    assert article["datePublished"] == "2024-12-01"
    assert article["url"] == HOSTED + "papers/gamma/"
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Grace Hopper",
            "familyName": "Hopper",
            "givenName": "Grace",
            "url": HOSTED + "authors/grace-hopper/",
        }
    ]
    assert article["keywords"] == ["Bias in Language Models"]
    assert article["publication"] == {"@type": "PublicationEvent", "name": "NeurIPS 2024"}
    assert article["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "arXiv", "value": "2412.00001"}
    ]
    assert article["sameAs"] == ["https://arxiv.org/abs/2412.00001"]
    assert article["encoding"]["contentUrl"] == "https://arxiv.org/pdf/2412.00001"
    assert json_ld(hosted.page("papers/alpha/"))["headline"] == "Alpha: O(n²) Fairness"


def test_seed_paper_pages_carry_consistent_metadata(seed_site: Path) -> None:
    files = sorted((REPO / "content" / "papers").glob("*.md"))
    for path in files:
        page = parse_html((seed_site / "papers" / path.stem / "index.html").read_bytes())
        (title,) = meta(page, "citation_title")
        assert "$" not in title and "<" not in title
        assert text_of(page.xpath("//title")[0]) == f"{title} · Paperboard"
        (date,) = page.xpath("//article//time/@datetime")
        assert meta(page, "citation_publication_date") == [date.replace("-", "/")]
        article = json_ld(page)
        assert (article["headline"], article["datePublished"]) == (title, date)
        assert meta(page, "og:url", "property") == [HOSTED + f"papers/{path.stem}/"]


def test_citation_title_writes_scripts_as_unicode_not_tex(project: Project) -> None:
    """`π_n(S^n)` and `Wys^*` were TeX left in the plain text; Unicode has their scripts."""
    project.paper("homotopy", r"The Groups $\pi_n(S^n)$ in Wys$^*$, $O(n^{10})$ and $e^{-x}$")
    assert project.build("--base-url", HOSTED).exit_code == 0
    page = project.page("papers/homotopy/")
    expected = "The Groups πₙ(Sⁿ) in Wys*, O(n¹⁰) and e^-x"
    assert meta(page, "citation_title") == [expected]
    assert page.xpath("//title")[0].text == f"{expected} · Paperboard"

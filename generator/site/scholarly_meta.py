"""Scholarly metadata in a paper page's head: Highwire Press, Open Graph, JSON-LD.

Google Scholar indexes the Highwire `citation_*` tags; link previews read Open
Graph and Twitter cards; search engines read schema.org JSON-LD. All of them
take plain text, so titles use `title_text` (never `$...$` or MathML). The
functions return plain values; the template escapes them (attributes by
autoescape, JSON-LD by Jinja's `tojson`, which turns `<`, `>`, `&` and `'`
into `\\u003c` ... so no field can close the `<script>` element).
"""

from __future__ import annotations

from typing import Any

from generator import urls
from generator.config import SiteConfig
from generator.models import AuthorRef, Paper
from generator.scholarly import PersonName
from generator.site.canonical import absolute_base, absolute_url
from generator.site.citation import doi_of
from generator.site.citation_tags import container_tags, numbering_tags, schema_citation

Tag = tuple[str, str]
"""(name or property, content) of one `<meta>` element."""


def highwire_tags(config: SiteConfig, paper: Paper) -> list[Tag]:
    """The `citation_*` tags Google Scholar reads, in its documented order."""
    tags = [("citation_title", paper.title_text)]
    tags += [("citation_author", highwire_name(name)) for name in paper.author_names]
    tags.append(("citation_publication_date", paper.date.isoformat().replace("-", "/")))
    tags += container_tags(paper)
    tags += numbering_tags(paper)
    pdf = _link(paper, "pdf")
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    if paper.arxiv:
        tags.append(("citation_arxiv_id", paper.arxiv))
    doi = _doi(paper)
    if doi:
        tags.append(("citation_doi", doi))
    if absolute_base(config):
        tags.append(("citation_abstract_html_url", _page(config, paper)))
    return tags


def highwire_name(name: PersonName) -> str:
    """ "Family, Given", which Google Scholar and Zotero split at the comma; the suffix
    joins the family ("Steele Jr., Guy Lewis"), as Zotero, which has no suffix, keeps it."""
    family = " ".join(part for part in (name.family_name, name.suffix) if part)
    return f"{family}, {name.given}" if name.given and not name.literal else family


def open_graph_tags(config: SiteConfig, paper: Paper) -> list[Tag]:
    """Open Graph `property` tags for link previews."""
    tags = [
        ("og:type", "article"),
        ("og:title", paper.title_text),
        ("og:site_name", config.title),
    ]
    tags.append(("og:description", paper.description))
    if absolute_base(config):
        tags.append(("og:url", _page(config, paper)))
    tags.append(("article:published_time", paper.date.isoformat()))
    tags += [("article:tag", topic.title) for topic in paper.topics]
    return tags


def twitter_tags(paper: Paper) -> list[Tag]:
    """A text-only Twitter card (there is no image to show)."""
    tags = [("twitter:card", "summary"), ("twitter:title", paper.title_text)]
    tags.append(("twitter:description", paper.description))
    return tags


def scholarly_article(config: SiteConfig, paper: Paper) -> dict[str, Any]:
    """A schema.org `ScholarlyArticle`, for the page's JSON-LD."""
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": paper.title_text,
        "name": paper.title_text,
        "url": _page(config, paper),
        "datePublished": paper.date.isoformat(),
        "keywords": [topic.title for topic in paper.topics],
    }
    if paper.author_names:
        refs: list[AuthorRef | None] = list(paper.author_refs)
        if len(refs) != len(paper.author_names):
            refs = [None] * len(paper.author_names)
        article["author"] = [
            _person(config, n, r) for n, r in zip(paper.author_names, refs, strict=True)
        ]
    if paper.text:
        article["abstract"] = paper.text
    article.update(schema_citation(paper))
    article.update(_identifiers(paper))
    return article


def _identifiers(paper: Paper) -> dict[str, Any]:
    """arXiv id and DOI as identifiers, their pages as `sameAs`, the PDF as encoding."""
    found: dict[str, Any] = {}
    ids, same = [], []
    if paper.arxiv:
        ids.append({"@type": "PropertyValue", "propertyID": "arXiv", "value": paper.arxiv})
        same.append(_link(paper, "arxiv"))
    doi = _doi(paper)
    if doi:
        ids.append({"@type": "PropertyValue", "propertyID": "DOI", "value": doi})
        same.append(_link(paper, "doi"))
    if ids:
        found["identifier"] = ids
        found["sameAs"] = [url for url in same if url]
    pdf = _link(paper, "pdf")
    if pdf:
        pdf_format = {"@type": "MediaObject", "encodingFormat": "application/pdf"}
        found["encoding"] = {**pdf_format, "contentUrl": pdf}
    return found


def _person(config: SiteConfig, name: PersonName, ref: AuthorRef | None) -> dict[str, str]:
    """A schema.org Person with its parts (and its ORCID iD as `sameAs`, where a profile
    gives one), or an Organization for a literal name."""
    slug = ref.slug if ref is not None else urls.slugify(name.display)
    url = absolute_url(config, urls.author_url(slug))
    if name.literal:
        return {"@type": "Organization", "name": name.literal, "url": url}
    person = {"@type": "Person", "name": name.display, "familyName": name.family_name}
    if name.given:
        person["givenName"] = name.given
    if name.suffix:
        person["honorificSuffix"] = name.suffix
    if ref is not None and ref.orcid:
        person["sameAs"] = f"https://orcid.org/{ref.orcid}"
    return {**person, "url": url}


def _page(config: SiteConfig, paper: Paper) -> str:
    return absolute_url(config, urls.paper_url(paper.slug))


def _link(paper: Paper, kind: str) -> str | None:
    return next((link.url for link in paper.links if link.kind == kind), None)


def _doi(paper: Paper) -> str | None:
    return doi_of(paper)

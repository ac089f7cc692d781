"""The static JSON API: `/papers.json` and `/topics/<slug>/papers.json`.

Others can build on a listing without scraping it. The schema is versioned
(`version`, bumped only on incompatible changes; new keys may appear at any
time) and documented in the README. Each paper carries both its absolute URL
and its path relative to the site root, so a consumer can follow links or
mirror the site. The JSON is made by the `papers.json` template through
Jinja's `tojson`, which also escapes `<`, `>`, `&` and `'`, so the documents
stay safe to inline in a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

from generator import urls
from generator.config import SiteConfig
from generator.content.names import name_parts
from generator.models import Paper, Site, Topic
from generator.scholarly import PersonName
from generator.site.bibtex_entry import bibtex_key
from generator.site.bibtex_files import cite_url
from generator.site.canonical import absolute_url
from generator.site.citation import container, given_fields, work_type
from generator.site.sitemap import Page

API_VERSION = 2
API_NAME = "papers.json"


def api_pages(site: Site) -> Iterator[Page]:
    """The whole site's document, then one per topic."""
    yield API_NAME, API_NAME, {"papers": site.papers, "topic": None}
    for slug, topic in site.topics.items():
        url = urls.topic_url(slug) + API_NAME
        yield url, API_NAME, {"papers": site.by_topic[slug], "topic": topic}


def api_document(
    config: SiteConfig, papers: Sequence[Paper], topic: Topic | None = None
) -> dict[str, Any]:
    """One document: the site, the topic it is about (or null), and its papers."""
    own = urls.topic_url(topic.slug) + API_NAME if topic else API_NAME
    return {
        "version": API_VERSION,
        "generator": "Paperboard",
        "url": absolute_url(config, own),
        "path": own,
        "site": {
            "title": config.title,
            "description": config.description,
            "url": absolute_url(config, ""),
        },
        "topic": _topic(config, topic) if topic else None,
        "count": len(papers),
        "papers": [paper_record(config, paper, abstract=topic is None) for paper in papers],
    }


def api_json(
    config: SiteConfig,
    papers: Sequence[Paper],
    topic: Topic | None,
    record_json: Callable[[Paper, bool], str],
) -> str:
    """The document as JSON, as `tojson` writes it, from each paper's cached JSON.

    `/papers.json` is re-rendered after every edit; serializing 10,000 records
    again each time cost half a second, so each paper's record is serialized
    once (`record_json`) and spliced into the document's `"papers": []`, a
    sequence that cannot occur inside a JSON string.
    """
    head = api_document(config, (), topic)
    head["count"] = len(papers)
    before, after = dumps(head).split('"papers": []', 1)
    records = [record_json(paper, topic is None) for paper in papers]
    return "".join([before, '"papers": [', ", ".join(records), "]", after])


def dumps(value: Any) -> str:
    """JSON as Jinja's `tojson` writes it: sorted keys, `<>&'` escaped for HTML."""
    return str(htmlsafe_json_dumps(value, sort_keys=True))


def paper_record(config: SiteConfig, paper: Paper, abstract: bool = True) -> dict[str, Any]:
    """What the API says about one paper.

    Topic documents leave the abstract out: it is in `/papers.json` already, and
    repeating it per topic tripled the size of a large site's API.
    """
    path = urls.paper_url(paper.slug)
    record = {
        "slug": paper.slug,
        "title": paper.title,
        "title_text": paper.title_text,
        "authors": list(paper.authors),
        "author_names": [_name(name) for name in paper.author_names],
        "et_al": paper.et_al,
        "date": paper.date.isoformat(),
        "topics": [{"slug": t.slug, "title": t.title} for t in paper.topics],
        "abstract": paper.text,
        "arxiv": paper.arxiv,
        "venue": paper.venue,
        "type": work_type(paper),
        "citation": citation_record(paper),
        "upvotes": paper.upvotes,
        "links": [{"kind": k.kind, "label": k.label, "url": k.url} for k in paper.links],
        "url": absolute_url(config, path),
        "path": path,
        "bibtex_key": bibtex_key(paper),
        "bibtex_url": absolute_url(config, cite_url(paper.slug)),
    }
    if not abstract:
        del record["abstract"]
    return record


def citation_record(paper: Paper) -> dict[str, str]:
    """The citation fields that have a value, by their BibTeX names, the container included."""
    place = container(paper, preprint=False)
    return {**dict([place] if place else []), **given_fields(paper.citation)}


def _name(name: PersonName) -> dict[str, str]:
    """An author's parts: `family`, `given`, `particle`, `suffix` as known, or `literal`."""
    return {"literal": name.literal} if name.literal else name_parts(name)


def _topic(config: SiteConfig, topic: Topic) -> dict[str, Any]:
    path = urls.topic_url(topic.slug)
    return {
        "slug": topic.slug,
        "title": topic.title,
        "url": absolute_url(config, path),
        "path": path,
    }

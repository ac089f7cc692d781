"""Read what the site checker needs from each built file, and nothing else.

An HTML page gives its title, canonical links, ids and every URL it links to
or loads (with the line); a feed, sitemap or `robots.txt` gives the URLs it
lists. Which element and attribute hold a URL is a table, so a new kind of
link is one row. Parsing is lxml's (libxml2's HTML parser): fast, and forgiving like a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

LINK_ATTRIBUTES: dict[str, tuple[tuple[str, bool], ...]] = {
    "a": (("href", False),),
    "area": (("href", False),),
    "iframe": (("src", False),),
    "form": (("action", False),),
    "img": (("src", True), ("srcset", True)),
    "source": (("src", True), ("srcset", True)),
    "script": (("src", True),),
    "video": (("src", True), ("poster", True)),
    "audio": (("src", True),),
    "track": (("src", True),),
    "embed": (("src", True),),
    "object": (("data", True),),
}
"""Element -> (attribute, is it an asset the page loads rather than a link)."""
ASSET_RELS = frozenset(
    {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload", "prefetch"}
)
SITEMAP_KINDS = {
    f"{SITEMAP}urlset": ("sitemap", "url"),
    f"{SITEMAP}sitemapindex": ("sitemap index", "sitemap"),
}
META_URLS: dict[str, bool] = {"og:image": True, "twitter:image": True, "og:url": False}
LINK_TAGS = (*LINK_ATTRIBUTES, "link", "meta")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Link:
    """One URL written in a file."""

    href: str
    line: int | None
    asset: bool = False
    """A resource the page loads (stylesheet, script, image) rather than a link to follow."""


@dataclass(frozen=True, slots=True)
class Page:
    """The facts of one HTML page."""

    file: str
    title: str
    canonicals: tuple[Link, ...]
    ids: frozenset[str]
    """Every id, and every `<a name>`: what a fragment may point at."""
    duplicate_ids: tuple[tuple[str, int | None, int | None], ...]
    """(id, line of the repeat, line of the first use)."""
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Listing:
    """The URLs a feed, sitemap or robots.txt lists."""

    file: str
    kind: str
    """`atom`, `rss`, `sitemap`, `sitemap index` or `robots.txt`."""
    links: tuple[Link, ...]


def read_page(file: str, data: bytes) -> Page:
    """Parse one HTML page; an empty file is a page with nothing in it."""
    if not data.strip():
        return Page(file, "", (), frozenset(), (), ())
    root = etree.fromstring(data, etree.HTMLParser(encoding="utf-8"))
    if root is None:
        return Page(file, "", (), frozenset(), (), ())
    ids: dict[str, int | None] = {}
    duplicates = []
    for element in root.xpath("//*[@id]"):
        element_id = element.get("id")
        if element_id in ids:
            duplicates.append((element_id, element.sourceline, ids[element_id]))
        else:
            ids[element_id] = element.sourceline
    anchors = set(root.xpath("//a/@name"))
    links = [link for element in root.iter(*LINK_TAGS) for link in _links_of(element)]
    title = " ".join((root.findtext(".//head/title") or "").split())
    canonicals = tuple(
        Link(el.get("href", ""), el.sourceline)
        for el in root.iter("link")
        if "canonical" in el.get("rel", "").lower().split()
    )
    return Page(file, title, canonicals, frozenset(ids) | anchors, tuple(duplicates), tuple(links))


def _links_of(element: etree._Element) -> Iterator[Link]:
    tag = str(element.tag)
    line = element.sourceline
    for attribute, asset in LINK_ATTRIBUTES.get(tag, ()):
        value = element.get(attribute)
        if value is None:
            continue
        if attribute == "srcset":
            yield from (Link(url, line, asset) for url in srcset_urls(value))
        elif value.strip():
            yield Link(value, line, asset)
    if tag == "link" and element.get("href"):
        rels = set(element.get("rel", "").lower().split())
        if "canonical" not in rels:
            yield Link(element.get("href", ""), line, bool(rels & ASSET_RELS))
    elif tag == "meta":
        yield from _meta_links(element)


def _meta_links(element: etree._Element) -> Iterator[Link]:
    content = element.get("content", "")
    key = element.get("property") or element.get("name") or ""
    if key in META_URLS and content.strip():
        yield Link(content, element.sourceline, META_URLS[key])
    if element.get("http-equiv", "").lower() == "refresh":
        match = _REFRESH_URL.search(content)
        if match:
            yield Link(match.group(1).strip(), element.sourceline)


def srcset_urls(value: str) -> list[str]:
    """The URLs of a `srcset`: comma-separated candidates, each `url [descriptor]`."""
    return [c.split()[0] for c in value.split(",") if c.strip()]


def read_listing(file: str, data: bytes) -> Listing | None:
    """The URLs of an Atom or RSS feed or a sitemap; None for other XML.

    Raises `etree.XMLSyntaxError` for a file that is not well-formed.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(data, parser=parser)
    tag = root.tag
    if tag == f"{ATOM}feed":
        hrefs = [(el.get("href", ""), el.sourceline) for el in root.iter(f"{ATOM}link")]
        return _listing(file, "atom", hrefs)
    if tag == "rss":
        found = [(el.text or "", el.sourceline) for el in root.iterfind(".//link")]
        found += [(el.get("url", ""), el.sourceline) for el in root.iter("enclosure")]
        found += [(el.get("href", ""), el.sourceline) for el in root.iter(f"{ATOM}link")]
        return _listing(file, "rss", found)
    if tag in SITEMAP_KINDS:
        kind, child = SITEMAP_KINDS[tag]
        locs = root.iterfind(f"{SITEMAP}{child}/{SITEMAP}loc")
        return _listing(file, kind, [(el.text or "", el.sourceline) for el in locs])
    return None


def read_robots(file: str, text: str) -> Listing:
    """The `Sitemap:` URLs of a robots.txt."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        name, _, value = line.partition(":")
        if name.strip().lower() == "sitemap" and value.strip():
            found.append((value.strip(), number))
    return _listing(file, "robots.txt", found)


def _listing(file: str, kind: str, found: Sequence[tuple[str, int | None]]) -> Listing:
    return Listing(file, kind, tuple(Link(h.strip(), line) for h, line in found if h.strip()))

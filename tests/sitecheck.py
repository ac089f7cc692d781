"""Read every file of a built site by its type, and say what hostile input broke.

The allowed markup is not written down here: it is learned from a known-good
site (`Shape.learn`), so a template change never needs this file changed,
and new outputs (feeds, BibTeX, JSON, a search index) are covered as they
appear. A site built from hostile input must parse cleanly and hold no
element, attribute, XML element or BibTeX field that the known-good site
does not.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
import html5lib
from lxml import etree

from generator.content.markdown import is_safe_link
from generator.content.mathml import MATHML_ATTRIBUTES, MATHML_TAGS

SEARCH_BUNDLE = "pagefind"
"""Pagefind's own files; its index fragments are read as data (`search_records`)."""
BUILD_OUTPUTS = ("site/", ".paperboard-cache/", ".site.paperboard-lock")
"""What a build may write in a project: the site, the build cache and the site's lock."""
_TEX_ESCAPE = re.compile(r"\\([%&#_{}$])")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "cite", "poster")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative name -> digest); {} when it does not exist."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.blake2b(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() or path.is_symlink()
    }


def sources(root: Path) -> dict[str, str]:
    """What a build reads and must never change: the project but its output and cache."""
    return {
        name: digest
        for name, digest in snapshot(root).items()
        if not name.startswith(BUILD_OUTPUTS)
    }


def site_files(site: Path, suffix: str) -> Iterator[Path]:
    """The site's own files of one type (Pagefind's bundle is not ours to read as pages)."""
    for path in sorted(site.rglob(f"*{suffix}")):
        if path.is_file() and path.relative_to(site).parts[0] != SEARCH_BUNDLE:
            yield path


def local(name: Any) -> str:
    """An element or attribute name without its namespace."""
    return etree.QName(name).localname if isinstance(name, str) else str(name)


def parse_page(data: bytes) -> tuple[etree._Element, list[Any]]:
    """Parse like a browser; also return html5lib's parse errors."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("lxml"), namespaceHTMLElements=False)
    return parser.parse(data), list(parser.errors)


def parse_xml(data: bytes) -> etree._Element:
    """Parse XML without expanding entities or fetching anything."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def parse_bib(text: str) -> list[Any]:
    """The entries of a BibTeX file; a block that does not parse is an error."""
    library = bibtexparser.parse_string(text)
    if library.failed_blocks:
        raise ValueError(f"BibTeX that does not parse: {library.failed_blocks[0].raw[:200]!r}")
    return list(library.entries)


def untex(value: str) -> str:
    """A BibTeX value as text: escapes undone, one level of enclosing braces dropped."""
    if value.startswith("{") and value.endswith("}"):
        value = value[1:-1]
    return _TEX_ESCAPE.sub(r"\1", value)


def search_records(site: Path) -> list[Any]:
    """Pagefind's index fragments, decoded: the text the search box shows."""
    records = []
    for path in sorted((site / SEARCH_BUNDLE / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return records


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@dataclass
class Shape:
    """The markup a known-good site is made of."""

    tags: set[str] = field(default_factory=set)
    attributes: set[tuple[str, str]] = field(default_factory=set)
    xml_tags: set[str] = field(default_factory=set)
    xml_attributes: set[tuple[str, str]] = field(default_factory=set)
    bib_fields: set[str] = field(default_factory=set)

    @classmethod
    def learn(cls, site: Path) -> Shape:
        """What `site` holds, plus every MathML element and attribute."""
        shape = cls(set(MATHML_TAGS))
        shape.attributes |= {(tag, attr) for tag in MATHML_TAGS for attr in MATHML_ATTRIBUTES}
        for path in site_files(site, ".html"):
            tree, _ = parse_page(path.read_bytes())
            for element in tree.iter(etree.Element):
                shape.tags.add(local(element.tag))
                shape.attributes |= {(local(element.tag), local(a)) for a in element.attrib}
        for path in site_files(site, ".xml"):
            for element in parse_xml(path.read_bytes()).iter(etree.Element):
                shape.xml_tags.add(element.tag)
                shape.xml_attributes |= {(element.tag, a) for a in element.attrib}
        for path in site_files(site, ".bib"):
            for entry in parse_bib(path.read_text("utf-8")):
                shape.bib_fields |= {f.key for f in entry.fields}
        return shape

    def surprises(self, site: Path) -> list[str]:
        """Everything in `site` that the known-good site does not have, or that is broken."""
        found: list[str] = []
        for path in site_files(site, ".html"):
            found += [f"{path.relative_to(site)}: {s}" for s in self._page(path.read_bytes())]
        for path in site_files(site, ".xml"):
            found += [f"{path.relative_to(site)}: {s}" for s in self._xml(path.read_bytes())]
        for path in site_files(site, ".json"):
            json.loads(path.read_bytes())
        for path in site_files(site, ".bib"):
            for entry in parse_bib(path.read_text("utf-8")):
                extra = {f.key for f in entry.fields} - self.bib_fields
                if extra:
                    found.append(f"{path.relative_to(site)}: BibTeX fields {sorted(extra)}")
        search_records(site)
        return found

    def _page(self, data: bytes) -> Iterator[str]:
        tree, errors = parse_page(data)
        if errors:
            yield f"HTML parse errors {errors[:3]}"
        for element in tree.iter(etree.Element):
            tag = local(element.tag)
            if tag not in self.tags:
                yield f"element <{tag}>"
            for name, value in element.attrib.items():
                if (tag, local(name)) not in self.attributes:
                    yield f"attribute {tag}[{local(name)}]"
                if local(name) in _URL_ATTRIBUTES and not is_safe_link(value):
                    yield f"unsafe URL {tag}[{local(name)}]={value!r}"
            if tag == "script" and "src" not in element.attrib:
                try:
                    json.loads(element.text or "")
                except ValueError:
                    yield f"inline script that is not JSON: {(element.text or '')[:80]!r}"

    def _xml(self, data: bytes) -> Iterator[str]:
        root = parse_xml(data)
        if root.getroottree().docinfo.doctype:
            yield "a DOCTYPE"
        for element in root.iter():
            if not isinstance(element.tag, str):
                yield f"XML node {element!r}"
                continue
            if element.tag not in self.xml_tags:
                yield f"XML element {element.tag}"
            for name in element.attrib:
                if (element.tag, name) not in self.xml_attributes:
                    yield f"XML attribute {element.tag}[{name}]"


def texts(site: Path) -> dict[str, list[str]]:
    """Every piece of text the site shows, decoded, by output type.

    A value a user wrote must come back out of these exactly as written: if
    it had been taken as markup or evaluated as a template, it would not.
    """
    found: dict[str, list[str]] = {}
    for path in site_files(site, ".html"):
        tree, _ = parse_page(path.read_bytes())
        bucket = found.setdefault("html", [])
        for element in tree.iter(etree.Element):
            bucket.append("".join(element.itertext()))
            bucket.extend(element.attrib.values())
            if local(element.tag) == "script" and element.text:
                found.setdefault("json-ld", []).extend(strings(json.loads(element.text)))
    for path in site_files(site, ".xml"):
        bucket = found.setdefault("xml", [])
        for element in parse_xml(path.read_bytes()).iter(etree.Element):
            bucket.append("".join(element.itertext()))
            bucket.extend(element.attrib.values())
    for path in site_files(site, ".json"):
        found.setdefault("json", []).extend(strings(json.loads(path.read_bytes())))
    for path in site_files(site, ".bib"):
        for entry in parse_bib(path.read_text("utf-8")):
            found.setdefault("bib", []).extend(untex(f.value) for f in entry.fields)
    records = search_records(site)
    if records:
        found["search"] = [s for record in records for s in strings(record)]
    return found


RICH_ABSTRACT = r"""An *abstract* with **strong**, `code`, $x^2$, $$\sum_i x_i$$,
a [link](https://example.org "Title"), <https://example.org/auto>, <a@example.org>,
&copy; and <b>raw HTML</b>. A hard break\
and a footnote[^1].

# Heading
## Heading
### Heading
#### Heading
##### Heading
###### Heading

> A quote

1. one
2. two

---

3. three
4. four

- bullet
- list

```python
code = "fenced"
```

    indented code

| left | center | right | none |
|:-----|:------:|------:|------|
| a    | b      | c     | d    |

![an image](https://example.org/i.png "Image title")

$$
\frac{1}{2}
$$

Broken $\frac{$ math.

[^1]: The footnote.
"""


def write_known_good(project: Any) -> None:
    """A site that uses every template and every Markdown construct, with harmless values."""
    project.write(
        "paperboard.toml",
        'title = "Known Good"\nbase_url = "https://example.org/repo/"\nper_page = 2\n',
    )
    project.topic("bias", "Bias in Models", "Papers about *bias*, see [here](https://example.org).")
    links = (
        "links:\n  pdf: https://example.org/p.pdf\n  code: https://example.org/c\n"
        "  project: https://example.org/p\n  data: https://example.org/d\n"
        "  video: https://example.org/v\n  doi: 10.1234/abc.5\n  slides: https://example.org/s\n"
        "  poster: https://example.org/o\n  blog_post: https://example.org/b"
    )
    project.paper(
        "alpha",
        "Alpha: $O(n^2)$ Fairness",
        "2025-03-21",
        ("Fairness", "bias"),
        ("Ada Lovelace", "Émile Borel"),
        RICH_ABSTRACT,
        extra=f'arxiv: "2403.01234v2"\nvenue: "NeurIPS 2025"\nupvotes: 12\n{links}',
    )
    project.paper(
        "beta",
        "Beta",
        "2025-02-10",
        ("bias",),
        ("Ada Lovelace",),
        "Beta *bias*.",
        extra='venue: "Transactions on Things"\narxiv: "hep-th/9901001"',
    )
    project.paper(
        "gamma", "Gamma", "2024-12-01", ("Fairness",), (), "", extra='arxiv: "2412.00001"'
    )
    project.paper("delta", "Delta", "2024-11-05", ("Fairness",), ("Grace Hopper",), "Delta.")
    project.paper("epsilon", "Epsilon", "2024-11-04", ("Fairness",), ("Grace Hopper",), "E.")

"""DOIs: read from a bare DOI, `doi:10...` or a doi.org link; written as an https://doi.org/ link.

A DOI keeps its exact characters (`_`, `<`, `;`, `(`). In the link, the few
that a URL cannot hold as they are (`%`, `#`, `?`, spaces, quotes, `<>`,
braces, `\\`) are percent-encoded, as the DOI Handbook says, so the link
resolves and reading it back gives the same DOI.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from generator.content.checks import Invalid, check_text
from generator.content.frontmatter import excerpt

RESOLVER = "https://doi.org/"
_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)
_PREFIX = re.compile(r"^doi:\s*", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_SAFE = "/:;()[]-._~!$&'*+,=@"
"""What stays as it is in a DOI link: RFC 3986's unreserved and sub-delims, `/`, `:`, `@`."""


def parse_doi(text: str) -> str | None:
    """The DOI of `10.1000/x`, `doi:10.1000/x` or `https://doi.org/10.1000/x`; None otherwise.

    A link is percent-decoded (it is a URL); a bare DOI is taken as written.
    """
    text = text.strip()
    if _URL.match(text):
        text = unquote(_URL.sub("", text))
    text = _PREFIX.sub("", text)
    return text if _DOI.match(text) else None


def doi_url(doi: str) -> str:
    """The resolver link of a DOI."""
    return RESOLVER + quote(doi, safe=_SAFE)


def doi_of_url(url: str) -> str | None:
    """The DOI a doi.org link stands for (None for another link)."""
    return parse_doi(url) if _URL.match(url) else None


def check_doi(value: Any) -> str:
    """A DOI, bare (`10.1000/x`) or as a doi.org link, as its https://doi.org/ link."""
    text = check_text(value)
    doi = parse_doi(text)
    if doi is None:
        raise Invalid(
            f"`{excerpt(text)}` is not a DOI", "write it as 10.xxxx/... or a doi.org link"
        )
    escape = re.search(r"\\[_%&#$]", doi)
    if escape:
        char = escape.group()[1]
        hint = f"BibTeX's `{escape.group()}` stands for `{char}`: write `{char}`"
        raise Invalid(f"`{excerpt(doi)}` holds a TeX escape", hint)
    return doi_url(doi)

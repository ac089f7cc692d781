"""arXiv identifiers as people write them: bare, `arXiv:`-prefixed, or as abs/pdf URLs.

One place reads them, so `add`, every importer and the duplicate check agree
on what counts as the same paper (the id without its version).
"""

from __future__ import annotations

import re

from generator.content.validate import ARXIV_NEW, ARXIV_OLD

_URL = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?P<id>.+?)(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^arxiv:\s*", re.IGNORECASE)
_VERSION = re.compile(r"v\d+$")


class NotAnArxivId(ValueError):
    """The text is no arXiv id, URL or `arXiv:` reference; says what was given."""


def parse_arxiv_ref(text: str) -> str:
    """The id (with its version, if given) in `2403.01234`, `arXiv:...` or an arxiv.org URL."""
    candidate = text.strip()
    match = _URL.match(candidate)
    if match:
        candidate = match.group("id")
    candidate = _PREFIX.sub("", candidate)
    if ARXIV_NEW.match(candidate) or ARXIV_OLD.match(candidate):
        return candidate
    raise NotAnArxivId(
        f"`{text}` is not an arXiv id: write it like 2403.01234, arXiv:2403.01234v2, "
        "hep-th/9901001 or https://arxiv.org/abs/2403.01234"
    )


def find_arxiv_id(text: str) -> str | None:
    """The id in a reference if there is one, else None (for optional fields)."""
    try:
        return parse_arxiv_ref(text)
    except NotAnArxivId:
        return None


def base_id(arxiv_id: str) -> str:
    """The id without its version, lowercased: what makes two references the same paper."""
    return _VERSION.sub("", arxiv_id.strip()).lower()


def has_version(arxiv_id: str) -> bool:
    """True for `2403.01234v2`: the user asked for that version."""
    return bool(_VERSION.search(arxiv_id.strip()))

"""The only place that knows how a page's URL maps to a file in the output.

Every page is a folder with an `index.html` ("pretty URLs"). URLs are kept
relative to the site root (`papers/x/`) until a template turns them into
links under the base path (`/repo/papers/x/`) or absolute URLs for feeds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOT_WORD = re.compile(r"[^\w]+|_+")
MAX_SLUG_BYTES = 240
"""A slug names a folder, and file systems allow 255 bytes (not characters) per name."""


@functools.lru_cache(maxsize=1 << 16)
def slugify(text: str, max_length: int = 80) -> str:
    """Lowercase, ASCII-fold Latin letters, join words with hyphens.

    Letters of other scripts are kept (a Chinese author's page gets a Chinese
    slug) rather than folded to nothing.
    """
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    slug = _NOT_WORD.sub("-", folded.casefold()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    while len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug[:-1].rstrip("-")
    return slug


def is_slug(text: str) -> bool:
    """True for names made of lowercase ASCII letters, digits and single hyphens."""
    return bool(SLUG_RE.match(text))


def page_path(url: str) -> str:
    """The output file for a site-relative URL: `papers/x/` -> `papers/x/index.html`."""
    if url == "" or url.endswith("/"):
        return url + "index.html"
    return url


def href(base_path: str, url: str) -> str:
    """A root-relative link under the base path, percent-encoded."""
    return base_path + quote(url, safe="/#?=&.-_~")


def absolute(base_url: str, url: str) -> str:
    """An absolute URL for feeds, sitemaps and canonical links."""
    return base_url + quote(url, safe="/#?=&.-_~")


def paper_url(slug: str) -> str:
    """A paper's page."""
    return f"papers/{slug}/"


def topic_url(slug: str, page: int = 1) -> str:
    """A topic's page (and its pagination)."""
    return listing_url(f"topics/{slug}/", page)


def author_url(slug: str, page: int = 1) -> str:
    """An author's page."""
    return listing_url(f"authors/{slug}/", page)


def home_url(page: int = 1) -> str:
    """The home page and its pagination."""
    return listing_url("", page)


def listing_url(base: str, page: int) -> str:
    """Page 1 is the base; page n is `base/page/n/`."""
    return base if page == 1 else f"{base}page/{page}/"


TOPICS_URL = "topics/"
SEARCH_URL = "search/"
ARCHIVE_URL = "archive/"
PUBLICATIONS_URL = "publications/"


def day_url(key: str, page: int = 1) -> str:
    """A board day's page: `days/2025-03-21/`."""
    return listing_url(f"days/{key}/", page)


def week_url(key: str, page: int = 1) -> str:
    """A board ISO week's page: `weeks/2025-W12/`."""
    return listing_url(f"weeks/{key}/", page)


def month_url(key: str, page: int = 1) -> str:
    """A board month's page: `months/2025-03/`."""
    return listing_url(f"months/{key}/", page)


TRENDING_URL = "trending/"
LISTING_JSON = "listing.json"
"""Beside each paginated listing: what the browser needs to sort all of it."""

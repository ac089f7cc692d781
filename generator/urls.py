"""The only place that knows how a page's URL maps to a file in the output.

Every page is a folder with an `index.html` ("pretty URLs"). URLs are kept
relative to the site root (`papers/x/`) until a template turns them into
links under the base path (`/repo/papers/x/`) or absolute URLs for feeds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

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


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""Characters no setting may hold: controls (ESC starts a terminal sequence), line
and paragraph separators, and bidi overrides that make text read other than it is."""
_NAMED = {
    "\x00": "a NUL byte",
    "\t": "a tab",
    "\ufffe": "a noncharacter",
    "\uffff": "a noncharacter",
}
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_HOST_NAME = re.compile(rf"^(?:https?://)?{_LABEL}(?:\.{_LABEL})*\.?/?$", re.IGNORECASE)


def invisible_character(text: str) -> str:
    """The first character of `text` no setting may hold, named (`a tab (U+0009)`); or ""."""
    found = _INVISIBLE.search(text)
    return _describe(found.group()) if found else ""


def _describe(char: str) -> str:
    """`an escape character (ESC, U+001B)`, `a line break (U+2028)`."""
    code = f"U+{ord(char):04X}"
    if char == "\x1b":
        return f"an escape character (ESC, {code})"
    if char in "\n\r\x85\u2028\u2029":
        return f"a line break ({code})"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"a bidirectional override ({code})"
    return f"{_NAMED.get(char, 'a control character')} ({code})"


def base_url_problem(value: str) -> str:
    """What is wrong with a base URL, or "": every character of it lands in every link."""
    if re.search(r"[\n\r\x85\u2028\u2029]", value):
        return "has a line break"
    if "\t" in value:
        return "has a tab"
    invisible = invisible_character(value)
    if invisible:
        return f"has {invisible}"
    if re.search(r"\s", value):
        return "has a space (write it as %20, or choose a folder name without one)"
    if "\\" in value:
        return "has a backslash"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        if "Port" in str(exc) or "port" in str(exc):
            return "has a port that is not a number from 0 to 65535"
        return f"is not a URL ({exc})"
    if "?" in value or "#" in value:
        return "must not have a ?query or #fragment: the site lives at a plain path"
    if "@" in parts.netloc:
        return "has a user name or password (`@`): browsers drop it, and it would be published"
    if any(part in (".", "..") for part in unquote(parts.path).split("/")):
        return "has a `..` or `.` segment: write the folder's own path"
    if value.startswith("/") and not parts.netloc:
        return ""
    if parts.scheme in ("http", "https") and parts.netloc:
        return ""
    return "must be an http(s) URL such as https://user.github.io/repo/, or a path such as /repo/"


def cname_problem(value: str) -> str:
    """A custom domain for GitHub Pages: a host name (a scheme is tolerated)."""
    if not value.strip() or _HOST_NAME.match(value.strip()):
        return ""
    return (
        f"must be a host name such as papers.example.org, not {value!r} "
        "(write the custom domain alone, without a path)"
    )

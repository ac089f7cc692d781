"""Where a link in a built site points: a file of the site, the web, or nowhere.

Resolution follows what GitHub Pages serves: `dir/` is `dir/index.html`, and
`dir` and `page` also find `dir/index.html` and `page.html`. The site lives
under the base URL's path, so on a project page `/repo/papers/x/` is the file
`papers/x/index.html`, while a relative or root-relative link that climbs out
of `/repo/` is broken there even if it worked on a local preview at `/`.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

LOCAL_ORIGIN = "http://paperboard.invalid"
"""Stands in for the host when the base URL is only a path (`/repo/`)."""
IGNORED_SCHEMES = frozenset({"mailto", "tel", "javascript", "data", "sms", "geo"})
TOP_FRAGMENTS = frozenset({"", "top"})
"""Fragments a browser resolves without an element of that id (HTML's "top")."""

Kind = Literal["internal", "external", "ignored", "outside", "missing"]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A link's destination."""

    kind: Kind
    url: str
    """The absolute URL, without the fragment."""
    file: str = ""
    """For an internal link: the file it serves, relative to the output folder."""
    fragment: str = ""
    """The decoded fragment, if any."""


@dataclass(frozen=True, slots=True)
class SiteMap:
    """The files of a built site and the URL it is served at."""

    base_url: str
    files: Set[str]

    @property
    def origin(self) -> str:
        """`https://host` of the base URL, or a stand-in when it is only a path."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else LOCAL_ORIGIN

    @property
    def base_path(self) -> str:
        """The path the site is served under, with slashes at both ends."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def url_of(self, file: str) -> str:
        """The absolute URL a file of the site is served at."""
        if file == "index.html" or file.endswith("/index.html"):
            file = file[: -len("index.html")]
        return self.origin + self.base_path + file

    def resolve(self, href: str, page_file: str) -> Resolved:
        """Resolve `href` as written in `page_file` (a path relative to the output)."""
        href = href.strip()
        scheme = urlsplit(href).scheme.lower()
        if scheme in IGNORED_SCHEMES:
            return Resolved("ignored", href)
        absolute = urljoin(self.url_of(page_file), href)
        parts = urlsplit(absolute)
        bare = absolute.split("#", 1)[0]
        fragment = unquote(parts.fragment)
        if parts.scheme not in ("http", "https"):
            return Resolved("ignored", bare)
        if not self._same_host(parts.netloc):
            return Resolved("external", bare)
        if not parts.path.startswith(self.base_path):
            written_relative = not urlsplit(href).netloc
            return Resolved("outside" if written_relative else "external", bare)
        file = self.find_file(unquote(parts.path[len(self.base_path) :]))
        if file is None:
            return Resolved("missing", bare, fragment=fragment)
        return Resolved("internal", bare, file, fragment)

    def find_file(self, relpath: str) -> str | None:
        """The file GitHub Pages serves for a path below the base path, if any."""
        if relpath == "" or relpath.endswith("/"):
            candidates = [relpath + "index.html"]
        else:
            candidates = [relpath, relpath + "/index.html", relpath + ".html"]
        return next((c for c in candidates if c in self.files), None)

    def _same_host(self, netloc: str) -> bool:
        return netloc.lower() == urlsplit(self.origin).netloc.lower()


def needs_fragment_check(resolved: Resolved) -> bool:
    """True when the link names an element that must exist in an HTML page."""
    return (
        resolved.kind == "internal"
        and resolved.file.endswith(".html")
        and resolved.fragment not in TOP_FRAGMENTS
    )

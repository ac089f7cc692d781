"""Link resolution as GitHub Pages serves a site under its base path: a table."""

from __future__ import annotations

import pytest

from generator.check.sitelinks import SiteMap, needs_fragment_check

FILES = frozenset(
    {
        "index.html",
        "404.html",
        "papers/x/index.html",
        "topics/index.html",
        "static/style.css",
        "feed.xml",
        "about.html",
        "pagefind/pagefind.js",
    }
)
PROJECT = SiteMap("https://user.github.io/repo/", FILES)
ROOT_PATH = SiteMap("/", FILES)


@pytest.mark.parametrize(
    ("site", "href", "page", "kind", "file", "fragment"),
    [
        (PROJECT, "/repo/papers/x/", "index.html", "internal", "papers/x/index.html", ""),
        (PROJECT, "/repo/papers/x", "index.html", "internal", "papers/x/index.html", ""),
        (PROJECT, "/repo/", "papers/x/index.html", "internal", "index.html", ""),
        (PROJECT, "../../topics/", "papers/x/index.html", "internal", "topics/index.html", ""),
        (
            PROJECT,
            "#abstract",
            "papers/x/index.html",
            "internal",
            "papers/x/index.html",
            "abstract",
        ),
        (PROJECT, "/repo/about", "index.html", "internal", "about.html", ""),
        (PROJECT, "/repo/static/style.css?v=2", "index.html", "internal", "static/style.css", ""),
        (PROJECT, "https://user.github.io/repo/feed.xml", "index.html", "internal", "feed.xml", ""),
        (PROJECT, "HTTPS://USER.GITHUB.IO/repo/", "404.html", "internal", "index.html", ""),
        (
            PROJECT,
            "/repo/papers/x/#caf%C3%A9",
            "index.html",
            "internal",
            "papers/x/index.html",
            "café",
        ),
        (PROJECT, "/repo/papers/y/", "index.html", "missing", "", ""),
        (PROJECT, "/papers/x/", "index.html", "outside", "", ""),
        (PROJECT, "../../../x/", "papers/x/index.html", "outside", "", ""),
        (PROJECT, "https://user.github.io/other-project/", "index.html", "external", "", ""),
        (PROJECT, "//arxiv.org/abs/2401.00001", "index.html", "external", "", ""),
        (PROJECT, "mailto:someone@example.org", "index.html", "ignored", "", ""),
        (PROJECT, "javascript:void(0)", "index.html", "ignored", "", ""),
        (ROOT_PATH, "/papers/x/", "index.html", "internal", "papers/x/index.html", ""),
        (ROOT_PATH, "https://user.github.io/papers/x/", "index.html", "external", "", ""),
        (ROOT_PATH, "/pagefind/pagefind.js", "index.html", "internal", "pagefind/pagefind.js", ""),
    ],
)
def test_resolve(site: SiteMap, href: str, page: str, kind: str, file: str, fragment: str) -> None:
    resolved = site.resolve(href, page)
    assert (resolved.kind, resolved.file, resolved.fragment) == (kind, file, fragment)


@pytest.mark.parametrize(
    ("href", "checked"),
    [
        ("/repo/papers/x/#abstract", True),
        ("/repo/papers/x/#top", False),
        ("/repo/papers/x/#", False),
        ("/repo/static/style.css#x", False),
        ("/repo/papers/y/#abstract", False),
    ],
)
def test_which_fragments_must_name_an_element(href: str, checked: bool) -> None:
    assert needs_fragment_check(PROJECT.resolve(href, "index.html")) is checked


def test_url_of_a_file_is_its_pretty_url() -> None:
    assert PROJECT.url_of("papers/x/index.html") == "https://user.github.io/repo/papers/x/"
    assert ROOT_PATH.url_of("404.html") == "http://paperboard.invalid/404.html"

"""The decisions inside a build's steps, as tables: what is rewritten, kept or removed."""

from __future__ import annotations

import pytest

from generator.build.steps import find_changes
from generator.site.plan import PageSpec

PAGES = [PageSpec("", "home.html", {}), PageSpec("archive/", "archive.html", {})]
HOME, ARCHIVE = "index.html", "archive/index.html"
CSS = "static/style.css"


@pytest.mark.parametrize(
    ("written", "missing", "pages", "assets", "removed"),
    [
        ({HOME: "h", ARCHIVE: "a", CSS: "c"}, set(), [], [], []),
        ({HOME: "old", ARCHIVE: "a", CSS: "c"}, set(), [HOME], [], []),
        ({HOME: "h", ARCHIVE: "a", CSS: "old"}, set(), [], [CSS], []),
        ({HOME: "h", ARCHIVE: "a", CSS: "c"}, {ARCHIVE}, [ARCHIVE], [], []),
        (
            {HOME: "h", ARCHIVE: "a", CSS: "c", "old/index.html": "o"},
            set(),
            [],
            [],
            ["old/index.html"],
        ),
        ({HOME: "", ARCHIVE: "", CSS: ""}, set(), [HOME, ARCHIVE], [CSS], []),
        ({}, set(), [HOME, ARCHIVE], [CSS], []),
    ],
    ids=["nothing", "a page", "an asset", "a page gone", "a page dropped", "new config", "first"],
)
def test_what_a_build_writes(
    written: dict[str, str],
    missing: set[str],
    pages: list[str],
    assets: list[str],
    removed: list[str],
) -> None:
    prints = {HOME: "h", ARCHIVE: "a", CSS: "c"}
    changes = find_changes(
        PAGES, {CSS: b"body {}"}, prints, written, lambda name: name not in missing
    )
    assert [spec.output for spec in changes.pages] == pages
    assert list(changes.assets) == assets
    assert changes.removed == removed
    assert changes.kept == [name for name in prints if name not in {*pages, *assets}]
    assert changes.empty == (not pages and not assets and not removed)

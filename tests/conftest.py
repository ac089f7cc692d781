"""Layered fixtures: a project folder factory, a build, and parsed pages."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import html5lib
import pytest
from click.testing import CliRunner, Result
from hypothesis import settings
from lxml import etree

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]

# Property tests are reproducible by default (the same examples on every run, no
# example database); HYPOTHESIS_PROFILE=explore draws new examples on each run.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def parse_html(data: bytes | str) -> etree._Element:
    """Parse like a browser does; elements without the XHTML namespace."""
    return html5lib.parse(data, treebuilder="lxml", namespaceHTMLElements=False)


def text_of(element: Any) -> str:
    """The visible text of an element, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


@dataclass
class Project:
    """A Paperboard project in a temporary folder."""

    root: Path

    def write(self, relpath: str, text: str) -> Path:
        """Write a file (dedented) under the project."""
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def paper(
        self,
        slug: str,
        title: str = "A Paper",
        date: str = "2025-03-21",
        topics: tuple[str, ...] = ("Fairness",),
        authors: tuple[str, ...] = ("Ada Lovelace",),
        body: str = "An abstract.",
        extra: str = "",
    ) -> Path:
        """Write a well-formed paper file; `extra` adds raw front matter lines."""
        lines = ["---", f"title: {quote(title)}", f"date: {date}"]
        if authors:
            lines += ["authors:", *(f"  - {quote(a)}" for a in authors)]
        lines += ["topics:", *(f"  - {quote(t)}" for t in topics)]
        lines += [line for line in extra.splitlines() if line.strip()]
        lines += ["---", "", body, ""]
        path = self.root / "content" / "papers" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    def topic(self, slug: str, title: str, body: str = "A topic.") -> Path:
        """Write a topic file."""
        return self.write(f"content/topics/{slug}.md", f'---\ntitle: "{title}"\n---\n\n{body}\n')

    def build(self, *args: str) -> Result:
        """Run `paperboard build` in-process."""
        return CliRunner().invoke(main, ["build", "--source", str(self.root), *args])

    def page(self, url: str, output: str = "site") -> etree._Element:
        """Parse a built page by its URL (`papers/x/`, `404.html`)."""
        path = self.root / output / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return parse_html(path.read_bytes())


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a site but the search index, which each publishing build writes
    afresh (Pagefind's chunk names differ from run to run; test_search.py covers it)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != "pagefind"
    }


def quote(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project with a topic file for Fairness."""
    p = Project(tmp_path / "proj")
    p.root.mkdir()
    p.topic("fairness", "Fairness", "Papers about *fair* machine learning.")
    return p


@pytest.fixture
def built(project: Project) -> Iterator[Project]:
    """A small project with three papers over two topics, built."""
    project.topic("bias", "Bias in Language Models")
    project.paper(
        "alpha",
        "Alpha: $O(n^2)$ Fairness",
        "2025-03-21",
        ("Fairness",),
        ("Ada Lovelace", "Émile Borel"),
        "First *abstract* with $x^2$.",
    )
    project.paper("beta", "Beta Bias", "2025-02-10", ("bias", "Fairness"), ("Ada Lovelace",))
    project.paper(
        "gamma",
        "Gamma",
        "2024-12-01",
        ("bias",),
        ("Grace Hopper",),
        extra='arxiv: "2412.00001"\nvenue: "NeurIPS 2024"\nupvotes: 7',
    )
    result = project.build()
    assert result.exit_code == 0, result.output
    yield project


HOSTED = "https://example.org/board/"
"""An absolute base_url under a sub-path, as on GitHub Pages."""


@pytest.fixture
def hosted(built: Project) -> Project:
    """The `built` project, rebuilt for a host: feeds and meta tags get absolute URLs."""
    result = built.build("--base-url", HOSTED)
    assert result.exit_code == 0, result.output
    return built


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's 73 seed papers (`content/`), built once for a host."""
    output = tmp_path_factory.mktemp("seed") / "site"
    args = ["build", "--source", str(REPO), "--output", str(output), "--base-url", HOSTED]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`reader_site.py`'s project (authors, pages, math, every field), built once for a host."""
    from reader_site import write_reader_project

    project = write_reader_project(tmp_path_factory.mktemp("reader") / "proj")
    result = project.build("--base-url", HOSTED)
    assert result.exit_code == 0, result.output
    return project.root / "site"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for every browser test (`browser_helpers.py`)."""
    from browser_helpers import launch, require_chromium

    require_chromium()
    with launch() as chromium:
        yield chromium

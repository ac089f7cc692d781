"""Hostile values render as text in every output; names, debris and paths are handled.

Each case of issue 9 ("hostile and broken input") is one test here or in
`test_frontmatter.py` / `test_fields.py`; the property-based versions are in
`test_properties.py` and the SIGKILL case in `test_kill.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import lxml.html
import pytest
from conftest import Project, text_of
from sitecheck import Shape, snapshot, sources, texts, write_known_good

INJECTIONS = (
    "</title><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }} {% raw %}",
)
TITLE = " ".join(INJECTIONS) + " ' onmouseover='alert(1)' ]]><!-- --> }, note = {pwned"
VENUE = "</script><script>alert(1)</script> {{ 7*7 }} {% endraw %} & Co"
TOPIC_TITLE = "<b>Topic</b> {{ config }} & </script>"


@pytest.fixture(scope="module")
def shape(tmp_path_factory: pytest.TempPathFactory) -> Shape:
    """The markup of a known-good site: what any site may contain."""
    project = Project(tmp_path_factory.mktemp("good") / "proj")
    project.root.mkdir()
    project.topic("fairness", "Fairness", "Papers about *fair* machine learning.")
    write_known_good(project)
    result = project.build()
    assert result.exit_code == 0, result.output
    return Shape.learn(project.root / "site")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose title, authors, venue, topics and abstract are all injection attempts."""
    project = Project(tmp_path_factory.mktemp("hostile") / "proj")
    project.root.mkdir()
    write_known_good(project)
    project.topic("fairness", TOPIC_TITLE, "A <script>alert(1)</script> topic {{ 7*7 }}.")
    project.paper(
        "evil",
        TITLE,
        "2025-04-01",
        (*INJECTIONS, "fairness"),
        INJECTIONS,
        "Abstract </script><script>alert(1)</script> {{ 7*7 }} {% raw %} <img src=x onerror=1>",
        extra=f'venue: "{VENUE}"\narxiv: "2404.00001"',
    )
    result = project.build()
    assert result.exit_code == 0, result.output
    return project.root / "site"


def test_hostile_values_add_no_markup_to_any_output(shape: Shape, hostile_site: Path) -> None:
    assert shape.surprises(hostile_site) == []


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        (TITLE, ("html", "json-ld", "xml", "json", "bib", "search")),
        *[(name, ("html", "json-ld", "xml", "json", "bib", "search")) for name in INJECTIONS],
        (VENUE, ("html", "json-ld", "bib")),
        (TOPIC_TITLE, ("html", "xml", "search")),
    ],
)
def test_hostile_values_come_back_as_written_in_every_output(
    hostile_site: Path, value: str, kinds: tuple[str, ...]
) -> None:
    found = texts(hostile_site)
    for kind in kinds:
        if kind in found:
            assert any(value in text for text in found[kind]), f"{value!r} not shown in {kind}"


def test_hostile_values_on_the_paper_page(hostile_site: Path) -> None:
    page = Project(hostile_site.parent).page("papers/evil/")
    assert text_of(page.xpath("//h1")[0]) == TITLE
    assert page.xpath("//title/text()")[0].startswith(TITLE)
    assert page.xpath("//meta[@property='og:title']/@content") in ([TITLE], [])
    authors = [text_of(a) for a in page.xpath("//*[@class='authors']/a")]
    assert authors == list(INJECTIONS)
    chips = [text_of(a) for a in page.xpath("//ul[@class='chips']//a")]
    assert chips[: len(INJECTIONS)] == list(INJECTIONS)
    assert TOPIC_TITLE in chips


def test_template_syntax_in_values_is_never_evaluated(hostile_site: Path) -> None:
    found = texts(hostile_site)
    shown = [text for kind in found.values() for text in kind]
    assert any("{{ 7*7 }} {% raw %}" in text for text in shown)
    assert any("{% endraw %}" in text for text in shown)
    assert not any("{{ config }}" not in text and "<b>Topic</b>  &" in text for text in shown)


def test_every_file_stays_inside_the_output_folder(tmp_path: Path) -> None:
    project = Project(tmp_path / "proj")
    project.root.mkdir()
    project.paper(
        "p",
        "../../../escape",
        topics=("../../../etc", "/abs/path", "a/../../b", "C:\\Windows"),
        authors=("../../../x", "/etc/passwd", "~root", "%2e%2e%2f"),
        extra='venue: "../../v"',
    )
    project.write("content/papers/x..%2f..%2fy.md", project.paper("q").read_text())
    before, outside = sources(project.root), set(tmp_path.iterdir())
    result = project.build()
    assert result.exit_code == 0, result.output
    assert sources(project.root) == before
    assert set(tmp_path.iterdir()) == outside
    site = (project.root / "site").resolve()
    for path in site.rglob("*"):
        assert not path.is_symlink() and path.resolve().is_relative_to(site)


def paper_text(title: str = "T") -> str:
    return f"---\ntitle: {title}\ndate: 2025-01-01\ntopics: [Fairness]\n---\nText.\n"


def built_pages(project: Project) -> list[str]:
    folder = project.root / "site/papers"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize(
    ("name", "slug", "rename"),
    [
        pytest.param("With Spaces.md", "with-spaces", "with-spaces.md", id="spaces"),
        pytest.param("UPPER.md", "upper", "upper.md", id="uppercase"),
        pytest.param(
            "Émile's Über-Paper.md", "emile-s-uber-paper", "emile-s-uber-paper.md", id="latin"
        ),
        pytest.param("Øresund.md", "øresund", "øresund.md", id="unfoldable-letter"),
        pytest.param("日本語の論文.md", "日本語の論文", None, id="cjk"),
        pytest.param("ελληνικά.md", "ελληνικα", "ελληνικα.md", id="greek-accents"),
        pytest.param("ελληνικα.md", "ελληνικα", None, id="greek"),
        pytest.param("x.MD", None, "x.md", id="uppercase-suffix"),
    ],
)
def test_file_names_build_or_say_how_to_rename(
    project: Project, name: str, slug: str | None, rename: str | None
) -> None:
    project.write(f"content/papers/{name}", paper_text())
    result = project.build()
    assert result.exit_code == 0, result.output
    problems = [line for line in result.output.splitlines() if name in line]
    if rename is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].startswith(f"content/papers/{name}: warning: ")
        assert f"rename it to {rename})" in problems[0]
    assert built_pages(project) == ([slug] if slug else [])
    if slug and rename:
        (project.root / "content/papers" / name).rename(project.root / "content/papers" / rename)
        result = project.build()
        assert rename not in result.output
        assert built_pages(project) == [slug]


def test_long_names_in_any_script_fit_in_a_folder_name(project: Project) -> None:
    name = "\U00020000" * 100
    long_latin = " ".join(["Ada"] * 100)
    project.paper("p", topics=(name,), authors=(name, long_latin))
    result = project.build()
    assert result.exit_code == 0, result.output
    for kind in ("authors", "topics"):
        folders = [p.name for p in (project.root / "site" / kind).iterdir() if p.is_dir()]
        assert folders and all(len(f.encode()) <= 255 for f in folders)
    page = project.page("papers/p/")
    assert [text_of(a) for a in page.xpath("//*[@class='authors']/a")] == [name, long_latin]


def test_two_files_whose_slugs_collide_are_an_error_naming_both(project: Project) -> None:
    project.write("content/papers/my-paper.md", paper_text("A"))
    project.write("content/papers/My Paper.md", paper_text("B"))
    project.write("content/papers/MY_PAPER.md", paper_text("C"))
    result = project.build()
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [
        "content/papers/My Paper.md: error: this file and MY_PAPER.md both give the page "
        "papers/my-paper/ (rename one of them)",
        "content/papers/my-paper.md: error: this file and MY_PAPER.md both give the page "
        "papers/my-paper/ (rename one of them)",
    ]


@pytest.mark.parametrize(
    "name", [".hidden.md", ".#p.md", "p.md~", ".p.md.swp", "4913", ".DS_Store", "#p.md#"]
)
def test_editor_and_os_debris_never_becomes_a_page(project: Project, name: str) -> None:
    project.write("paperboard.toml", 'base_url = "https://example.org/"\n')
    project.write("content/papers/real.md", paper_text())
    path = project.root / "content/papers" / name
    if name == ".#p.md":
        path.symlink_to("user@host.1234:1700000000")
    else:
        path.write_bytes(b"\0\xff---\ntitle: [broken\n" + paper_text("Debris").encode())
    result = project.build("--strict")
    assert result.exit_code == 0, result.output
    assert name not in result.output
    assert built_pages(project) == ["real"]


def test_symlink_out_of_content_is_not_followed(project: Project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(paper_text("Secret Title"))
    project.write("content/papers/real.md", paper_text())
    (project.root / "content/papers/leak.md").symlink_to(secret)
    (project.root / "content/papers/passwd.md").symlink_to("/etc/passwd")
    (project.root / "content/papers/alias.md").symlink_to("real.md")
    (project.root / "content/papers/dangling.md").symlink_to("nowhere.md")
    result = project.build()
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        "content/papers/leak.md: warning: symbolic link to a file outside content/ is not "
        "followed (copy the file into content/ instead)" in lines
    )
    assert any(
        line.startswith("content/papers/passwd.md: warning: symbolic link") for line in lines
    )
    assert (
        "content/papers/dangling.md: warning: symbolic link to nothing is ignored "
        "(fix its target or delete it)" in lines
    )
    assert built_pages(project) == ["alias", "real"]
    site = project.root / "site"
    assert not any(b"Secret Title" in p.read_bytes() for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("target", [".", "content", "content/papers", "..", "home", "file"])
def test_output_that_is_not_a_site_folder_is_refused(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    project.paper("a")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    paths = {"home": home, "file": project.root / "paperboard.toml"}
    output = paths.get(target, project.root / target)
    (project.root / "paperboard.toml").write_text('title = "T"\n')
    before = snapshot(tmp_path)
    result = project.build("--output", str(output))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: refusing to write the site into {output.resolve()}")
    assert snapshot(tmp_path) == before


def test_output_through_a_symlink_to_the_project_is_refused(
    project: Project, tmp_path: Path
) -> None:
    project.paper("a")
    link = tmp_path / "innocent"
    link.symlink_to(project.root)
    before = snapshot(project.root)
    result = project.build("--output", str(link))
    assert result.exit_code == 1
    assert "refusing to write the site into" in result.output
    assert snapshot(project.root) == before


def test_non_empty_folder_without_marker_is_refused(project: Project, tmp_path: Path) -> None:
    project.paper("a")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    result = project.build("--output", str(mine))
    assert result.exit_code == 1
    assert "it is not empty and was not made by Paperboard" in result.output
    assert sorted(os.listdir(mine)) == ["thesis.tex"]
    assert (mine / "thesis.tex").read_text() == "precious"


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param("[](" * 50_000, id="link-openers"),
        pytest.param("**_* " * 20_000, id="emphasis-runs"),
        pytest.param(">" * 10_000 + " deep", id="blockquotes"),
        pytest.param("- " * 10_000 + "x", id="nested-lists"),
        pytest.param("[" * 50_000 + "x" + "]" * 50_000, id="brackets"),
        pytest.param("$" * 50_000, id="dollars"),
        pytest.param("`" * 50_000 + "x", id="backticks"),
        pytest.param("$" + "{" * 5_000 + "x" + "}" * 5_000 + "$", id="deep-tex"),
        pytest.param("<" * 50_000 + "a" + ">" * 50_000, id="angles"),
    ],
)
def test_pathological_markdown_renders(project: Project, body: str) -> None:
    project.write("content/papers/p.md", paper_text() + body + "\n")
    result = project.build()
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(project.root / "site/papers/p/index.html")
    assert page.xpath("//section[@class='abstract']")

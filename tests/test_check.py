"""`paperboard check`: each seeded defect is found, on the right page and line; clean sites pass."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, Project

from generator.check.site_check import CheckOptions, CheckReport, check_site
from generator.cli import main
from generator.errors import errors_in

BASE = "https://user.github.io/repo/"
PAGE = "papers/alpha/index.html"


@pytest.fixture
def site(built: Project) -> Project:
    """The small built project, rebuilt for a GitHub project page."""
    result = built.build("--strict", "--base-url", BASE)
    assert result.exit_code == 0, result.output
    return built


def check(project: Project, **options: object) -> CheckReport:
    """Check the built site/ as it lies (the seeded defects are edits to it)."""
    options.setdefault("output", project.root / "site")
    return check_site(CheckOptions(project.root, base_url=BASE, **options))  # type: ignore[arg-type]


def edit(project: Project, file: str, change: Callable[[str], str]) -> Path:
    path = project.root / "site" / file
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the seeded defect did not change the page"
    path.write_text(changed, encoding="utf-8")
    return path


def into_main(snippet: str) -> Callable[[str], str]:
    return lambda text: text.replace("</main>", f"\n{snippet}\n</main>", 1)


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_a_clean_site_passes(site: Project) -> None:
    report = check(site)
    assert not report.failed
    assert report.content == [] and report.site == []
    assert report.pages >= 8
    assert report.links > report.pages


SEEDED = [
    ("broken link", '<a href="/repo/papers/nope/">gone</a>', "broken link /repo/papers/nope/"),
    ("broken relative link", '<a href="../nope/">gone</a>', "broken link ../nope/"),
    ("missing fragment", '<a href="/repo/papers/beta/#nowhere">x</a>', "missing fragment"),
    ("missing local fragment", '<a href="#not-here">x</a>', "missing fragment #not-here"),
    (
        "missing asset",
        '<img src="/repo/static/gone.png" alt="">',
        "missing asset /repo/static/gone.png",
    ),
    ("missing srcset asset", '<img srcset="/repo/a.png 2x" alt="">', "missing asset /repo/a.png"),
    (
        "missing stylesheet",
        '<link rel="stylesheet" href="/repo/x.css">',
        "missing asset /repo/x.css",
    ),
    ("link out of the base path", '<a href="/papers/beta/">beta</a>', "/papers/beta/ leads out"),
    ("duplicate id", '<p id="content">again</p>', 'duplicate id "content"'),
]


@pytest.mark.parametrize(("name", "snippet", "message"), SEEDED, ids=[s[0] for s in SEEDED])
def test_each_seeded_defect_is_found_on_its_page_and_line(
    site: Project, name: str, snippet: str, message: str
) -> None:
    path = edit(site, PAGE, into_main(snippet))
    report = check(site)
    assert report.failed
    [problem] = report.site
    assert (problem.path, problem.line) == (path, line_of(path, snippet))
    assert message in problem.message


def test_a_page_without_a_title_is_found(site: Project) -> None:
    path = edit(site, PAGE, lambda t: re.sub(r"<title>.*?</title>", "", t, flags=re.S))
    [problem] = check(site).site
    assert (problem.path, problem.severity) == (path, "error")
    assert "<title>" in problem.message


def test_a_page_without_a_canonical_link_is_found(site: Project) -> None:
    path = edit(site, "topics/index.html", lambda t: re.sub(r'<link rel="canonical"[^>]*>', "", t))
    [problem] = check(site).site
    assert problem.path == path
    assert "canonical" in problem.message


def test_a_canonical_link_to_another_site_is_found(site: Project) -> None:
    path = edit(site, PAGE, lambda t: t.replace(BASE + "papers/alpha/", "https://elsewhere.org/a/"))
    [problem] = check(site).site
    assert problem.path == path
    assert "https://elsewhere.org/a/" in problem.message


def test_every_defect_is_reported_in_one_run(site: Project) -> None:
    for _name, snippet, _needle in SEEDED:
        edit(site, PAGE, into_main(snippet))
    edit(site, "404.html", lambda t: re.sub(r"<title>.*?</title>", "", t, flags=re.S))
    report = check(site)
    assert len(errors_in(report.site)) == len(SEEDED) + 1


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{base}</loc></url>
  <url><loc>{base}papers/alpha/</loc></url>
  <url><loc>{base}papers/removed/</loc></url>
  <url><loc>https://elsewhere.org/</loc></url>
</urlset>
"""
FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>t</title>
  <id>{base}</id>
  <link rel="self" href="{base}feed.xml"/>
  <entry><title>a</title><id>x</id><link href="{base}papers/alpha/"/></entry>
  <entry><title>b</title><id>y</id><link href="{base}papers/gone/"/></entry>
</feed>
"""


def test_sitemap_urls_must_be_pages_of_the_site(site: Project) -> None:
    path = site.root / "site" / "sitemap.xml"
    path.write_text(SITEMAP.format(base=BASE), encoding="utf-8")
    problems = check(site).site
    assert {(p.path, p.line) for p in problems} == {(path, 5), (path, 6)}
    assert any("papers/removed/" in p.message for p in problems)


def test_feed_urls_must_exist(site: Project) -> None:
    path = site.root / "site" / "topics" / "bias" / "feed.xml"
    path.write_text(FEED.format(base=BASE), encoding="utf-8")
    [problem] = check(site).site
    assert (problem.path, problem.line) == (path, 7)
    assert "papers/gone/" in problem.message


def test_robots_sitemap_line_must_exist(site: Project) -> None:
    path = site.root / "site" / "robots.txt"
    path.write_text(f"User-agent: *\nAllow: /\nSitemap: {BASE}no-sitemap.xml\n", encoding="utf-8")
    [problem] = check(site).site
    assert (problem.path, problem.line) == (path, 3)


def test_malformed_xml_is_an_error_with_its_line(site: Project) -> None:
    path = site.root / "site" / "feed.xml"
    path.write_text('<?xml version="1.0"?>\n<feed>\n<title>a & b</title>\n</feed>\n', "utf-8")
    [problem] = check(site).site
    assert (problem.path, problem.line) == (path, 3)


def test_pagefind_internals_are_not_parsed_but_can_be_linked(site: Project) -> None:
    index = site.root / "site" / "pagefind"
    (index / "fragment").mkdir(parents=True, exist_ok=True)
    (index / "fragment" / "x.html").write_text('<a href="/nowhere/">x</a>', encoding="utf-8")
    (index / "pagefind-ui.js").write_text("//", encoding="utf-8")
    edit(site, PAGE, into_main('<script src="/repo/pagefind/pagefind-ui.js"></script>'))
    assert check(site).site == []


def test_only_the_top_pagefind_folder_is_skipped(built: Project) -> None:
    built.paper("pagefind", "A Paper Whose Slug Is Pagefind")
    assert built.build("--strict", "--base-url", BASE).exit_code == 0
    path = edit(built, "papers/pagefind/index.html", into_main('<a href="/repo/nope/">x</a>'))
    [problem] = check(built).site
    assert problem.path == path


def test_a_site_built_for_another_base_url_gives_one_clear_error(site: Project) -> None:
    options = CheckOptions(site.root, site.root / "site", base_url="https://user.github.io/other/")
    [problem] = check_site(options).site
    assert problem.path == site.root / "site" / "index.html"
    assert "--base-url" in problem.hint


def test_content_is_validated_like_build_strict(site: Project) -> None:
    site.paper("delta", topics=("Unknown Topic",))
    report = check(site)
    assert report.failed
    assert any("delta.md" in str(p.path) for p in report.content)


def test_no_built_site_is_a_clear_error(project: Project) -> None:
    project.paper("alpha")
    report = check(project)
    [problem] = report.site
    assert "paperboard build" in problem.hint


def test_cli_prints_page_and_link_and_exits_1(site: Project) -> None:
    edit(site, PAGE, into_main('<a href="/repo/papers/nope/">gone</a>'))
    output = str(site.root / "site")
    args = ["check", "--source", str(site.root), "--base-url", BASE, "--output", output]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "/repo/papers/nope/" in line]
    assert len(lines) == 1
    assert lines[0].startswith("site/papers/alpha/index.html:")


def test_cli_passes_on_a_clean_site(site: Project) -> None:
    result = CliRunner().invoke(main, ["check", "--source", str(site.root), "--base-url", BASE])
    assert result.exit_code == 0, result.output


def test_check_of_an_output_folder_elsewhere(site: Project, tmp_path: Path) -> None:
    elsewhere = tmp_path / "public"
    shutil.copytree(site.root / "site", elsewhere)
    shutil.rmtree(site.root / "site")
    report = check(site, output=elsewhere)
    assert not report.failed


@pytest.mark.skipif(not (REPO / "content" / "papers").is_dir(), reason="no seed content")
def test_the_seed_site_passes(tmp_path: Path) -> None:
    root = tmp_path / "seed"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "paperboard.toml", root / "paperboard.toml")
    project = Project(root)
    result = project.build("--strict", "--base-url", "https://paperboard.github.io/paperboard/")
    assert result.exit_code == 0, result.output
    report = check_site(CheckOptions(root, base_url="https://paperboard.github.io/paperboard/"))
    assert report.content == [] and report.site == []
    assert report.pages > 73


@pytest.mark.skipif(not (REPO / "content" / "papers").is_dir(), reason="no seed content")
def test_the_demo_builds_and_checks_as_it_is_without_a_warning(tmp_path: Path) -> None:
    """The README's quick start: this repository's paperboard.toml, no --base-url."""
    root = tmp_path / "seed"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "paperboard.toml", root / "paperboard.toml")
    result = Project(root).build("--strict")
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.output and "0 warnings" in result.output
    report = check_site(CheckOptions(root))
    assert (report.content, report.site, report.advice) == ([], [], [])


def test_a_base_url_without_host_is_shown_by_check_but_not_a_failure(built: Project) -> None:
    """The published build gets its host from --base-url; a local "/" breaks nothing."""
    result = CliRunner().invoke(main, ["check", "--source", str(built.root)])
    assert result.exit_code == 0, result.output
    advice = [line for line in result.output.splitlines() if "has no host" in line]
    assert len(advice) == 1 and "warning:" in advice[0]
    assert result.output.splitlines()[-1].endswith(": no problems")


def test_check_builds_what_it_checks_so_a_new_broken_link_is_found(site: Project) -> None:
    site.paper("beta", "Beta Bias", body="See [gone](https://user.github.io/repo/papers/nope/).")
    report = check_site(CheckOptions(site.root, base_url=BASE))
    assert report.failed
    [problem] = report.site
    assert "broken link" in problem.message and "papers/nope/" in problem.message
    assert not (site.root / "site/papers/beta/index.html").read_text().count("nope")


def test_check_of_a_project_never_built_builds_it(project: Project) -> None:
    project.paper("a")
    report = check_site(CheckOptions(project.root, base_url=BASE))
    assert not report.failed, report
    assert report.pages >= 5
    assert not (project.root / "site").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["check"],
        ["new", "A Title"],
        ["import", "--dry-run", "x.bib"],
        ["serve"],
        ["fetch"],
        ["thumbnails", "--no-download"],
    ],
)
def test_every_project_command_refuses_a_folder_that_is_not_a_project(
    tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "x.bib").write_text("@article{a, title={A}, author={B, C}, year={2020}}\n")
    before = sorted(tmp_path.rglob("*"))
    args = [str(tmp_path / arg) if arg.endswith(".bib") else arg for arg in command]
    result = CliRunner().invoke(main, [*args, "--source", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "content: error: no content/ folder, so this is not a Paperboard project"
        " (pass --source with your project's folder, or start one with `paperboard init`)"
    ]
    assert sorted(tmp_path.rglob("*")) == before

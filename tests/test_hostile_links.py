"""Links out of the project, special files and folders named like files, where the build reads.

A symbolic link is followed only when it stays inside its boundary: content/
inside the project, papers/ and topics/ inside content/, a theme's templates
and static files inside the theme folder. Anything else is one warning line
(an error for content/ itself) and is never read, never published.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import Project, tree

SECRET = "SECRET-OUTSIDE-THE-PROJECT"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "leak.md").write_text(
        f'---\ntitle: "{SECRET}"\ndate: 2025-01-01\nauthors: ["A B"]\n'
        f'topics: ["Fairness"]\n---\n\n{SECRET}\n'
    )
    (folder / "base.html").write_text(SECRET)
    return folder


def leaked(site: Path) -> bool:
    return any(SECRET.encode() in data for data in tree(site).values())


def test_a_papers_folder_linking_out_of_content_is_not_followed(
    project: Project, outside: Path
) -> None:
    project.paper("a")
    (project.root / "content/topics").rename(project.root / "topics-real")
    os.symlink(project.root / "topics-real", project.root / "content/topics")
    papers = project.root / "content/papers"
    (papers / "a.md").rename(project.root / "a.md")
    papers.rmdir()
    os.symlink(outside, papers)
    result = project.build()
    assert "content/papers: warning: symbolic link to a folder outside content/" in result.output
    assert "content/topics: warning: symbolic link to a folder outside content/" in result.output
    assert not leaked(project.root / "site")


def test_a_content_folder_linking_out_of_the_project_is_refused(
    project: Project, outside: Path
) -> None:
    content = project.root / "content"
    content.rename(project.root.parent / "elsewhere")
    os.symlink(project.root.parent / "elsewhere", content)
    result = project.build()
    assert result.exit_code == 1
    assert "content: error: symbolic link to a folder outside the project" in result.output
    assert not (project.root / "site").exists()


def theme(project: Project) -> Path:
    folder = project.root / "mytheme"
    (folder / "static").mkdir(parents=True)
    (folder / "templates").mkdir()
    (project.root / "paperboard.toml").write_text('theme = "mytheme"\n')
    return folder


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_a_static_file_linking_out_of_the_theme_is_never_published(
    project: Project, target: str
) -> None:
    project.paper("a")
    os.symlink(target, theme(project) / "static" / "leak.txt")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "mytheme/static/leak.txt: warning: symbolic link to a file outside the theme" in (
        result.output
    )
    assert not (project.root / "site/static/leak.txt").exists()


def test_a_static_folder_linking_out_of_the_theme_is_not_followed(
    project: Project, outside: Path
) -> None:
    project.paper("a")
    os.symlink(outside, theme(project) / "static" / "more")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "mytheme/static/more: warning: symbolic link to a folder outside the theme" in (
        result.output
    )
    assert not leaked(project.root / "site")


def test_a_template_linking_out_of_the_theme_is_not_read(project: Project, outside: Path) -> None:
    project.paper("a")
    os.symlink(outside / "base.html", theme(project) / "templates" / "base.html")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "mytheme/templates/base.html: warning: symbolic link to a file outside" in result.output
    assert not leaked(project.root / "site")
    assert (project.root / "site/papers/a/index.html").is_file()


def test_a_template_that_is_not_utf8_is_one_error_line(project: Project) -> None:
    project.paper("a")
    (theme(project) / "templates" / "base.html").write_bytes(b"<p>\n caf\xe9 </p>\n")
    result = project.build()
    assert result.exit_code == 1
    assert "mytheme/templates/base.html:2: error: template is not UTF-8" in result.output
    assert "Traceback" not in result.output


@pytest.mark.timeout(60)
@pytest.mark.parametrize("where", ["content/papers/fifo.md", "mytheme/static/fifo.css"])
def test_a_fifo_where_the_build_reads_is_skipped_not_waited_on(
    project: Project, where: str
) -> None:
    project.paper("a")
    theme(project)
    os.mkfifo(project.root / where)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert f"{where}: warning: not a regular file" in result.output


@pytest.mark.parametrize("where", ["content/papers/b.md", "content/topics/bias.md"])
def test_a_folder_named_like_a_content_file_is_one_warning(project: Project, where: str) -> None:
    project.paper("a")
    (project.root / where).mkdir(parents=True)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert f"{where}: warning: a folder: not read" in result.output

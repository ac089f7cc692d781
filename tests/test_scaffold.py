"""`paperboard init`: a fresh folder becomes a project that builds and checks.

Existing files are never overwritten.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import __version__
from generator.cli import main
from generator.config import LOCAL_PREVIEW_URL, is_local_url

BASE = "https://octo.github.io/papers/"


def init(*args: str) -> Result:
    return CliRunner().invoke(main, ["init", *args])


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_init_writes_the_project_files(tmp_path: Path) -> None:
    project = tmp_path / "papers"
    result = init(str(project), "--base-url", BASE)
    assert result.exit_code == 0, result.output
    files = files_under(project)
    assert {"paperboard.toml", ".gitignore", ".github/workflows/pages.yml"} <= files
    assert len([f for f in files if f.startswith("content/papers/")]) == 1
    assert len([f for f in files if f.startswith("content/topics/")]) == 1
    config = tomllib.loads((project / "paperboard.toml").read_text(encoding="utf-8"))
    assert config["base_url"] == BASE
    [requirement] = [
        line for line in (project / "requirements.txt").read_text().splitlines() if line[:1] != "#"
    ]
    assert requirement.split("==") == ["paperboard", __version__]


def test_init_then_build_then_check_passes(tmp_path: Path) -> None:
    project = tmp_path / "papers"
    assert init(str(project), "--base-url", BASE).exit_code == 0
    build = CliRunner().invoke(main, ["build", "--strict", "--source", str(project)])
    assert build.exit_code == 0, build.output
    check = CliRunner().invoke(main, ["check", "--source", str(project)])
    assert check.exit_code == 0, check.output


def test_a_fresh_project_builds_and_checks_without_a_warning(tmp_path: Path) -> None:
    """What init's "Next:" line says to run passes, quietly, with no setting changed."""
    project = tmp_path / "papers"
    assert init(str(project)).exit_code == 0
    runner = CliRunner()
    build = runner.invoke(main, ["build", "--strict", "--source", str(project)])
    assert build.exit_code == 0, build.output
    assert "warning:" not in build.output and "0 warnings" in build.output
    quiet = runner.invoke(main, ["build", "-q", "--source", str(project)])
    assert (quiet.exit_code, quiet.output) == (0, "")
    check = runner.invoke(main, ["check", "--source", str(project)])
    assert check.exit_code == 0, check.output
    assert check.output.splitlines()[-1].endswith(": no problems")
    assert "warning:" not in check.output


def test_the_gitignore_ignores_the_built_site(tmp_path: Path) -> None:
    project = tmp_path / "papers"
    assert init(str(project)).exit_code == 0
    subprocess.run(["git", "init", "--quiet", str(project)], check=True)
    ignored = subprocess.run(
        ["git", "check-ignore", "site/index.html", ".paperboard-cache/x.json"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ignored.stdout.split() == ["site/index.html", ".paperboard-cache/x.json"]


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "papers"
    project.mkdir()
    (project / "notes.txt").write_text("mine")
    result = init(str(project))
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert "not empty" in line and "--force" in line
    assert files_under(project) == {"notes.txt"}


def test_force_adds_missing_files_and_never_overwrites(tmp_path: Path) -> None:
    project = tmp_path / "papers"
    (project / "content" / "papers").mkdir(parents=True)
    (project / "paperboard.toml").write_text('title = "Mine"\n')
    (project / ".gitignore").write_text("mine/\n")
    result = init(str(project), "--force")
    assert result.exit_code == 0, result.output
    assert (project / "paperboard.toml").read_text() == 'title = "Mine"\n'
    assert (project / ".gitignore").read_text() == "mine/\n"
    assert (project / ".github" / "workflows" / "pages.yml").is_file()
    kept = [line for line in result.output.splitlines() if line.startswith("kept")]
    assert len(kept) == 2


def test_a_fresh_clone_counts_as_empty_and_gives_the_base_url(tmp_path: Path) -> None:
    project = tmp_path / "papers"
    subprocess.run(["git", "init", "--quiet", str(project)], check=True)
    subprocess.run(
        ["git", "-C", str(project), "remote", "add", "origin", "git@github.com:Octo/papers.git"],
        check=True,
    )
    result = init(str(project))
    assert result.exit_code == 0, result.output
    config = tomllib.loads((project / "paperboard.toml").read_text(encoding="utf-8"))
    assert config["base_url"] == BASE


def test_without_a_remote_the_base_url_is_the_local_preview(tmp_path: Path) -> None:
    result = init(str(tmp_path / "papers"))
    assert result.exit_code == 0
    config = tomllib.loads((tmp_path / "papers" / "paperboard.toml").read_text(encoding="utf-8"))
    assert config["base_url"] == LOCAL_PREVIEW_URL
    assert is_local_url(config["base_url"])
    [said] = [line for line in result.output.splitlines() if "base_url" in line]
    assert LOCAL_PREVIEW_URL in said


@pytest.mark.parametrize(
    "spec",
    [
        "git+https://github.com/octo/paperboard@v0.1.0",
        "./vendor/paperboard-0.1.0-py3-none-any.whl",
        "paperboard>=0.1,<0.2",
    ],
)
def test_requirement_names_what_the_workflow_installs(tmp_path: Path, spec: str) -> None:
    project = tmp_path / "papers"
    result = init(str(project), "--requirement", spec)
    assert result.exit_code == 0, result.output
    lines = (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [spec]


@pytest.mark.parametrize("spec", ["", "  ", "paperboard\n-e .", "# paperboard"])
def test_a_requirement_that_is_not_one_line_is_refused(tmp_path: Path, spec: str) -> None:
    result = init(str(tmp_path / "papers"), "--requirement", spec)
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert "--requirement" in line and "paperboard==" in line
    assert not (tmp_path / "papers").exists()


@pytest.mark.parametrize("base_url", ["ftp://example.org/", "example.org"])
def test_a_bad_base_url_is_one_line(tmp_path: Path, base_url: str) -> None:
    result = init(str(tmp_path / "papers"), "--base-url", base_url)
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert "--base-url" in line
    assert not (tmp_path / "papers").exists()


def test_a_file_is_not_a_project_folder(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = init(str(target))
    assert result.exit_code == 1
    assert "is a file" in result.output

"""The build writes only into folders it made, and swaps a complete site into place."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project

from generator.output.staging import MARKER, publish, remove_leftovers, safe_relative


@pytest.mark.parametrize("target", [".", "content", "content/papers", "..", "themes/x"])
def test_refuses_project_and_content_folders(project: Project, target: str) -> None:
    project.paper("a")
    before = sorted(p.name for p in project.root.rglob("*"))
    result = project.build("--output", str(project.root / target))
    assert result.exit_code == 1
    assert "refusing to write the site into" in result.output
    assert sorted(p.name for p in project.root.rglob("*")) == before


def test_refuses_a_non_empty_folder_without_the_marker(project: Project, tmp_path: Path) -> None:
    project.paper("a")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    result = project.build("--output", str(mine))
    assert result.exit_code == 1
    assert f"has no {MARKER} file" in result.output
    assert (mine / "thesis.tex").read_text() == "precious"


def test_replaces_its_own_folder_and_an_empty_one(project: Project, tmp_path: Path) -> None:
    project.paper("a")
    out = tmp_path / "out"
    out.mkdir()
    assert project.build("--output", str(out)).exit_code == 0
    assert (out / MARKER).is_file()
    project.paper("b", "B")
    (out / "stale.html").write_text("old")
    assert project.build("--output", str(out)).exit_code == 0
    assert (out / "papers/b/index.html").is_file()
    assert not (out / "stale.html").exists()
    assert not list(tmp_path.glob(".paperboard-tmp-*"))


def test_failed_build_leaves_previous_site_byte_for_byte(project: Project) -> None:
    project.paper("a")
    assert project.build().exit_code == 0
    site = project.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    project.write("content/papers/b.md", "---\ntitle: [unclosed\n---\n")
    assert project.build().exit_code == 1
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_unsafe_output_names_are_refused(tmp_path: Path) -> None:
    for name in ["../x", "/etc/passwd", "a/../../b", "", "."]:
        with pytest.raises(ValueError):
            safe_relative(name)
    with pytest.raises(ValueError):
        publish(tmp_path / "site", {"../escape.html": b"x"})
    assert not (tmp_path / "escape.html").exists()
    assert not list(tmp_path.glob(".paperboard-tmp-*"))


def test_leftovers_of_killed_builds_are_removed_only_when_marked(tmp_path: Path) -> None:
    ours = tmp_path / ".paperboard-tmp-site-1234"
    ours.mkdir()
    (ours / MARKER).write_text("")
    theirs = tmp_path / ".paperboard-tmp-notes"
    theirs.mkdir()
    (theirs / "keep.txt").write_text("keep")
    remove_leftovers(tmp_path / "site")
    assert not ours.exists()
    assert (theirs / "keep.txt").read_text() == "keep"

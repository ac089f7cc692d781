"""Issue 14, round two: outputs the build must not take, the cache folder, pictures, kills.

Each test names what the user sees; each failed before its fix.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, Project

from generator.build.cache import CACHE_DIR, CACHE_FILE
from generator.config import default_theme_dir
from generator.errors import OutputRefused
from generator.output.staging import check_output


@pytest.fixture
def themed(project: Project) -> Project:
    """A project with its own theme folder holding one template."""
    project.write("paperboard.toml", 'title = "Board"\ntheme = "mytheme"\n')
    project.write("mytheme/templates/footer.html", "<footer>mine</footer>\n")
    project.paper("good", "Good")
    return project


@pytest.mark.parametrize(
    "output",
    ["mytheme", "mytheme/templates", "mytheme/site", "mytheme/static/x", "content/site"],
)
def test_an_output_in_the_theme_or_content_is_refused_before_anything_is_written(
    themed: Project, output: str
) -> None:
    before = sorted(p.relative_to(themed.root) for p in themed.root.rglob("*"))
    result = themed.build("--output", str(themed.root / output))
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith(f"error: refusing to write the site into {themed.root / output}: ")
    assert "theme" in line or "content/" in line, line
    assert sorted(p.relative_to(themed.root) for p in themed.root.rglob("*")) == before


def test_the_default_theme_folder_is_refused_as_an_output(project: Project) -> None:
    # Called directly: a build that wrongly took it would write into the checkout.
    with pytest.raises(OutputRefused) as refused:
        check_output(default_theme_dir() / "site", project.root)
    assert "lies inside a theme folder" in refused.value.diagnostics[0].message


@pytest.mark.parametrize("mode", [0o700, 0o750, 0o2770])
def test_a_user_made_output_folder_keeps_its_mode(project: Project, mode: int) -> None:
    project.paper("good", "Good")
    site = project.root / "site"
    site.mkdir()
    os.chmod(site, mode)
    for _ in range(2):  # the first build replaces the user's folder, the second its own
        result = project.build()
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(site.stat().st_mode) == mode
    assert (site / "index.html").is_file()


def test_a_non_empty_folder_we_did_not_make_is_never_deleted(project: Project) -> None:
    project.paper("good", "Good")
    site = project.root / "site"
    site.mkdir()
    (site / "thesis.tex").write_text("mine")
    result = project.build()
    assert result.exit_code == 1
    assert (site / "thesis.tex").read_text() == "mine"
    assert sorted(os.listdir(site)) == ["thesis.tex"]


# --- The cache folder -----------------------------------------------------------


def test_a_cache_folder_that_links_elsewhere_is_neither_read_nor_written(
    project: Project, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project.paper("good", "Good")
    (project.root / CACHE_DIR).symlink_to(elsewhere)
    for _ in range(2):
        result = project.build()
        assert result.exit_code == 0, result.output
        assert list(elsewhere.iterdir()) == []
        warnings = [line for line in result.output.splitlines() if CACHE_DIR in line]
        assert warnings == [
            f"{CACHE_DIR}: warning: the build cache was not used: the cache folder is a "
            "symbolic link (delete the link; the next build makes a real folder)"
        ]


@pytest.mark.parametrize("kind", ["file", "fifo", "link-to-nothing"])
def test_a_cache_folder_of_the_wrong_kind_is_one_line_and_the_build_goes_on(
    project: Project, kind: str
) -> None:
    project.paper("good", "Good")
    folder = project.root / CACHE_DIR
    if kind == "file":
        folder.write_text("not a folder")
    elif kind == "fifo":
        os.mkfifo(folder)
    else:
        folder.symlink_to(project.root / "nowhere")
    result = project.build()
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if CACHE_DIR in line]
    assert len(lines) == 1 and "warning: the build cache was not used" in lines[0], lines
    assert not (project.root / "nowhere").exists()
    assert (project.root / "site/index.html").is_file()


def test_a_cache_file_that_is_a_folder_is_one_line(project: Project) -> None:
    project.paper("good", "Good")
    (project.root / CACHE_DIR / CACHE_FILE).mkdir(parents=True)
    result = project.build()
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if CACHE_DIR in line]
    assert len(lines) == 1 and "not a regular file" in lines[0], lines


# --- Pictures beside papers -------------------------------------------------------


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ", "../../../outside.png"])
def test_a_picture_beside_a_paper_that_links_out_is_refused(project: Project, target: str) -> None:
    project.paper("good", "Good")
    (project.root.parent / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (project.root / "content/papers/good.webp").symlink_to(target)
    result = project.build()
    assert result.exit_code == 1
    assert (
        "content/papers/good.md: error: the image beside it lies outside content/ "
        "(replace or delete good.webp)"
    ) in result.output.splitlines()


def test_a_thumbnail_field_that_links_out_is_refused(project: Project) -> None:
    project.paper("good", "Good", extra="thumbnail: pic.png")
    (project.root / "content/papers/pic.png").symlink_to("/etc/passwd")
    result = project.build()
    assert result.exit_code == 1
    assert "content/papers/good.md:8: error: `thumbnail` pic.png lies outside content/" in (
        result.output
    )


def run_build(
    project: Project, *args: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """A real `paperboard build` process: a hang fails the test instead of blocking it."""
    command = [sys.executable, "-m", "generator", "build", "--source", str(project.root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO)


@pytest.mark.parametrize("name", ["good.webp", "pic.png"])
def test_a_picture_that_is_a_fifo_is_refused_without_waiting(project: Project, name: str) -> None:
    extra = "thumbnail: pic.png" if name == "pic.png" else ""
    project.paper("good", "Good", extra=extra)
    os.mkfifo(project.root / "content/papers" / name)
    result = run_build(project)
    assert result.returncode == 1, result.stderr
    assert "is not a regular file (a FIFO, socket or device)" in result.stderr, result.stderr


# --- Killing `check` ----------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_killing_check_mid_build_leaves_no_temporary_folder(
    project: Project, tmp_path: Path, sig: signal.Signals
) -> None:
    for number in range(400):
        project.paper(f"paper-{number}", f"Paper {number}", body="An abstract. " * 40)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "generator", "check", "--source", str(project.root)]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not any(scratch.glob("paperboard-check-*/site*")) and not any(
            scratch.glob("paperboard-check-*/.paperboard-tmp-*")
        ):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "check never started building"
            time.sleep(0.02)
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode != 0
    assert "Traceback" not in stderr, stderr
    assert list(scratch.iterdir()) == [], list(scratch.rglob("*"))[:5]


@pytest.mark.parametrize("kind", ["link-out", "fifo"])
def test_an_author_avatar_that_links_out_or_is_a_fifo_is_refused(
    project: Project, kind: str
) -> None:
    project.paper("good", "Good")
    project.write(
        "content/authors/ada-lovelace.md", '---\nname: "Ada Lovelace"\navatar: ada.png\n---\n'
    )
    avatar = project.root / "content/authors/ada.png"
    if kind == "fifo":
        os.mkfifo(avatar)
    else:
        avatar.symlink_to("/etc/passwd")
    result = run_build(project)
    assert result.returncode == 1, result.stderr
    what = "lies outside content/" if kind == "link-out" else "is not a regular file"
    assert f"content/authors/ada-lovelace.md: error: `avatar` ada.png {what}" in result.stderr, (
        result.stderr
    )

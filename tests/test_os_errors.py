"""Operating-system errors are one line: what failed, which path, what to do.

Each is reproduced for real: a small tmpfs that fills up (ENOSPC, also while
Pagefind writes its index), a read-only bind mount (EROFS), an immutable
folder (EPERM, `chattr +i`), and an output folder that is a mount point
(which cannot be renamed, EBUSY: it is built into in place). Mounting needs
root; a test skips, saying why, only when the kernel refuses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import Project, parse_html, text_of

from generator.output.staging import MARKER

Mount = Callable[..., Path]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, check=False)


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Mount]:
    """Make mounts under tmp_path; every one is unmounted at teardown."""
    made: list[Path] = []

    def make(name: str, *args: str) -> Path:
        point = tmp_path / name
        point.mkdir(exist_ok=True)
        done = run("mount", *args, str(point))
        if done.returncode != 0:
            pytest.skip(f"the kernel refused the mount ({done.stderr.strip()})")
        made.append(point)
        return point

    yield make
    for point in reversed(made):
        run("chattr", "-R", "-i", str(point))
        run("umount", "-l", str(point))


def tmpfs(mount: Mount, name: str, size: str) -> Path:
    return mount(name, "-t", "tmpfs", "-o", f"size={size}", "tmpfs")


def one_error(output: str) -> str:
    lines = [line for line in output.splitlines() if ": error: " in line or "error:" in line]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def test_a_full_disk_while_writing_pages(project: Project, mount: Mount) -> None:
    for number in range(20):
        project.paper(f"p{number}", body="Words. " * 2000)
    small = tmpfs(mount, "small", "64k")
    result = project.build("--output", str(small / "site"))
    assert result.exit_code == 1
    line = one_error(result.output)
    assert "failed: No space left on device" in line
    assert "free some space, or build elsewhere with --output" in line


def site_bytes(folder: Path) -> int:
    blocks = 0
    for path in folder.rglob("*"):
        if path.parts[len(folder.parts)] != "pagefind":
            blocks += -(-path.stat().st_size // 4096) + 1
    return blocks * 4096


def test_a_full_disk_while_indexing_is_not_blamed_on_the_install(
    project: Project, mount: Mount, tmp_path: Path
) -> None:
    project.paper("a")
    assert project.build("--output", str(tmp_path / "probe")).exit_code == 0
    size = site_bytes(tmp_path / "probe") + 16 * 4096
    small = tmpfs(mount, "fits-pages", str(size))
    result = project.build("--output", str(small / "site"))
    assert result.exit_code == 1
    line = one_error(result.output)
    assert "is full: free some space" in line
    assert "reinstall" not in line


def test_a_read_only_file_system(project: Project, mount: Mount, tmp_path: Path) -> None:
    project.paper("a")
    source = tmp_path / "writable"
    source.mkdir()
    frozen = mount("frozen", "--bind", str(source))
    done = run("mount", "-o", "remount,ro,bind", str(frozen))
    if done.returncode != 0:
        pytest.skip(f"the kernel refused a read-only remount ({done.stderr.strip()})")
    result = project.build("--output", str(frozen / "site"))
    assert result.exit_code == 1
    line = one_error(result.output)
    assert "Read-only file system" in line
    assert "choose a writable folder with --output" in line


def test_an_immutable_folder(project: Project, mount: Mount) -> None:
    project.paper("a")
    folder = tmpfs(mount, "immutable", "4m") / "out"
    folder.mkdir()
    done = run("chattr", "+i", str(folder))
    if done.returncode != 0:
        pytest.skip(f"this file system refuses chattr +i ({done.stderr.strip()})")
    result = project.build("--output", str(folder / "site"))
    assert result.exit_code == 1
    line = one_error(result.output)
    assert "Operation not permitted" in line
    assert "chattr -i" in line


def test_an_output_folder_that_is_a_mount_point_is_built_in_place(
    project: Project, mount: Mount
) -> None:
    project.paper("a", "First Title")
    volume = tmpfs(mount, "volume", "16m")
    device = os.stat(volume).st_dev
    result = project.build("--output", str(volume))
    assert result.exit_code == 0, result.output
    project.paper("a", "Second Title")
    project.paper("b", "Another")
    result = project.build("--output", str(volume))
    assert result.exit_code == 0, result.output
    assert os.path.ismount(volume) and os.stat(volume).st_dev == device
    assert (volume / MARKER).read_bytes().count(b"\n") == 1
    page = parse_html((volume / "papers/a/index.html").read_bytes())
    assert "Second Title" in text_of(page.find(".//h1"))
    assert (volume / "papers/b/index.html").is_file()
    assert sorted(p.name for p in volume.iterdir() if p.name.startswith(".paperboard")) == [MARKER]
    assert shutil.disk_usage(volume).used > 0

"""A build cache that cannot run code: only a cache this user's Paperboard signed is read.

The forged cache is the issue's: framed exactly as the old format (magic, the
computable key, an unkeyed checksum) around a pickle whose `__reduce__` runs
`os.system`. It must not run (a marker file proves it), and every cache the
build does not trust is one warning line and a build from nothing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, Project

from generator.build.cache import CACHE_DIR, CACHE_FILE, MAGIC, _write_framed, cache_key
from generator.build.secret import ENV_KEY, key_path
from generator.config import load_config


class Payload:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.command,))


def cache_file(project: Project) -> Path:
    return project.root / CACHE_DIR / CACHE_FILE


def forge(project: Project, marker: Path) -> None:
    key = cache_key(load_config(project.root))
    body = pickle.dumps(Payload(f"touch {marker}"))
    checksum = hashlib.blake2b(body, digest_size=len(key)).digest()
    cache_file(project).write_bytes(MAGIC + key + checksum + body)


def cache_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "the build cache was not used" in line]


def test_a_forged_cache_never_runs_its_code(built: Project, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    forge(built, marker)
    result = built.build()
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    assert "Traceback" not in result.output
    [line] = cache_lines(result.output)
    assert line.startswith(f"{CACHE_DIR}/{CACHE_FILE}: warning: ")
    assert "signature does not match" in line
    assert cache_lines(built.build().output) == []


def test_the_forged_payload_does_run_when_unpickled(tmp_path: Path) -> None:
    """The payload is real: unpickling it (as the old cache did) creates the marker."""
    marker = tmp_path / "ran"
    pickle.loads(pickle.dumps(Payload(f"touch {marker}")))
    assert marker.exists()


def cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(MAGIC) + 10])


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def foreign(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(MAGIC)] ^= 0xFF
    path.write_bytes(bytes(data))


def not_ours(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 a zip file, say\n" * 10)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (cut_short, "cut short"),
        (cut_in_half, "signature does not match"),
        (foreign, "another version"),
        (not_ours, "not a Paperboard build cache"),
    ],
)
def test_a_damaged_or_foreign_cache_is_one_line(
    built: Project, damage: object, reason: str
) -> None:
    assert callable(damage)
    damage(cache_file(built))
    result = built.build()
    assert result.exit_code == 0, result.output
    [line] = cache_lines(result.output)
    assert reason in line
    assert "Traceback" not in result.output


def test_a_signed_cache_of_the_wrong_type_is_one_line(built: Project) -> None:
    key = cache_key(load_config(built.root))
    assert _write_framed(cache_file(built), key, {"not": "a build state"})
    result = built.build()
    assert result.exit_code == 0, result.output
    [line] = cache_lines(result.output)
    assert "something other than a build state" in line


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_cache_path_of_the_wrong_kind_neither_hangs_nor_fails(built: Project, kind: str) -> None:
    path = cache_file(built)
    path.unlink()
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    result = built.build()
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert len(cache_lines(result.output)) == 1


def test_a_cache_folder_that_is_a_file_is_skipped(project: Project) -> None:
    project.paper("a")
    (project.root / CACHE_DIR).write_text("not a folder")
    for _ in range(2):
        result = project.build()
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output


def run_build(
    root: Path, config_home: Path, ci_key: str | None = None, quiet: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CONFIG_HOME": str(config_home)}
    env.pop(ENV_KEY, None)
    if ci_key is not None:
        env[ENV_KEY] = ci_key
    command = [sys.executable, "-m", "generator", "build", "--source", str(root)]
    command += ["-q"] if quiet else []
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_the_key_is_the_users_and_a_cache_of_another_user_is_not_read(project: Project) -> None:
    project.paper("a")
    mine, theirs = project.root.parent / "mine", project.root.parent / "theirs"
    assert run_build(project.root, theirs).returncode == 0
    key = theirs / key_path().relative_to(key_path().parents[1])
    assert key.stat().st_mode & 0o777 == 0o600
    assert not any(p.name == key.name for p in project.root.rglob("*"))
    result = run_build(project.root, mine)
    assert result.returncode == 0
    [line] = cache_lines(result.stderr)
    assert "signature does not match" in line
    assert cache_lines(run_build(project.root, mine).stderr) == []


def test_a_ci_key_from_the_environment_is_trusted_on_a_fresh_runner(project: Project) -> None:
    project.paper("a")
    key, site = "0123456789abcdef" * 4, project.root / "site"
    first = project.root.parent / "runner-1"
    assert run_build(project.root, first, key).returncode == 0
    assert not first.exists(), "the environment's key replaces the key file"
    again = run_build(project.root, project.root.parent / "runner-2", key, quiet=False)
    assert again.returncode == 0, again.stderr
    assert cache_lines(again.stderr) == []
    assert "(0 files written)" in again.stdout
    shutil.rmtree(site)
    forged = run_build(project.root, project.root.parent / "runner-3", "f" * 64)
    [line] = cache_lines(forged.stderr)
    assert "signature does not match" in line


@pytest.mark.parametrize("value", ["", "short-secret"])
def test_an_empty_or_short_ci_key_means_no_cache(project: Project, value: str) -> None:
    project.paper("a")
    key = "0123456789abcdef" * 4
    assert run_build(project.root, project.root.parent / "runner-1", key).returncode == 0
    written = cache_file(project).read_bytes()
    result = run_build(project.root, project.root.parent / "fork", value, quiet=False)
    assert result.returncode == 0, result.stderr
    assert cache_lines(result.stderr) == []
    assert "(0 files written)" not in result.stdout
    assert cache_file(project).read_bytes() == written, "a run without a key signs nothing"

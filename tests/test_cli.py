"""Command-line conventions: -h, --version, exit statuses, NO_COLOR, completion, `init .`.

Colour is only printed on a terminal, so the NO_COLOR tests run the real
command on a pseudo-terminal and read the bytes it wrote there.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HOSTED, Project

from generator import __version__
from generator.cli import main
from generator.cli.reporting import color_setting

ANSI_COLOR = re.compile(rb"\x1b\[[0-9;]*m")
WAIT = 60.0
"""Seconds a command on the terminal may take before the test gives up (never a pass)."""
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)], ids=["main", *COMMANDS])
def test_h_is_help(command: list[str]) -> None:
    short = CliRunner().invoke(main, [*command, "-h"])
    long = CliRunner().invoke(main, [*command, "--help"])
    assert short.exit_code == long.exit_code == 0
    assert short.output == long.output
    assert short.output.startswith("Usage: ")


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = CliRunner().invoke(main, [flag])
    assert (result.exit_code, result.output) == (0, f"paperboard, version {__version__}\n")


def test_the_help_documents_exit_statuses_colour_and_completion() -> None:
    text = " ".join(CliRunner().invoke(main, ["-h"]).output.split())
    assert "0 when all went well; 1 when the command found problems" in text
    assert "2 for a usage error" in text
    assert "NO_COLOR" in text
    assert "_PAPERBOARD_COMPLETE=bash_source paperboard" in text


def test_exit_status_0_when_all_went_well(built: Project) -> None:
    assert built.build().exit_code == 0


def test_exit_status_1_for_problems_in_the_content(built: Project) -> None:
    built.paper("broken", "Broken", extra="venue: [1, 2]")
    assert built.build().exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["bulid"],
        ["build", "--no-such-option"],
        ["build", "--source", "/no/such/folder"],
        ["serve", "--port", "http"],
        ["init"],
        ["import", "refs.bib", "--from", "."],
    ],
    ids=["unknown-command", "unknown-option", "missing-folder", "bad-value", "no-argument", "both"],
)
def test_exit_status_2_for_usage_errors(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "refs.bib").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"NO_COLOR": "1"}, False),
        ({"NO_COLOR": "yes"}, False),
        ({"NO_COLOR": ""}, None),
    ],
)
def test_color_setting(environ: dict[str, str], expected: bool | None) -> None:
    """no-color.org: set to anything but the empty string means no colour."""
    assert color_setting(environ) is expected


def read_terminal(fd: int, until: bytes | None, process: subprocess.Popen[bytes]) -> bytes:
    """What the command wrote to its terminal: up to `until`, or until it exits."""
    seen = b""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the other end closed: the command exited
                break
            seen += chunk
            if until is not None and until in seen:
                return seen
        elif process.poll() is not None and until is None:
            break
    assert until is None, f"{until!r} never appeared: {seen!r}"
    return seen


@contextmanager
def terminal(args: list[str], cwd: Path, no_color: str | None) -> Iterator[Terminal]:
    """Run `paperboard ARGS` with a pseudo-terminal as stdout and stderr; stop it at the end."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env |= {"TERM": "xterm", "PYTHONUNBUFFERED": "1"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=child_fd,
        stderr=child_fd,
    )
    os.close(child_fd)
    try:
        yield Terminal(main_fd, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        process.wait(timeout=WAIT)
        os.close(main_fd)


@dataclass
class Terminal:
    """The reading end of a command's pseudo-terminal."""

    fd: int
    process: subprocess.Popen[bytes]

    def read(self, until: bytes | None = None) -> bytes:
        """What the command wrote: up to the line holding `until`, or all until it exits."""
        return read_terminal(self.fd, until, self.process)


def on_a_terminal(args: list[str], cwd: Path, no_color: str | None) -> bytes:
    """Everything `paperboard ARGS` writes to a terminal before it exits."""
    with terminal(args, cwd, no_color) as term:
        return term.read()


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False), ("", True)])
def test_build_warnings_are_coloured_unless_no_color(
    built: Project, no_color: str | None, coloured: bool
) -> None:
    seen = on_a_terminal(["build", "--source", str(built.root)], built.root, no_color)
    assert b"has no host" in seen
    assert bool(ANSI_COLOR.search(seen)) is coloured


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_check_failures_are_coloured_unless_no_color(
    built: Project, no_color: str | None, coloured: bool
) -> None:
    (built.root / "site" / "papers" / "beta" / "index.html").unlink()
    seen = on_a_terminal(["check", "--source", str(built.root)], built.root, no_color)
    assert b"problem" in seen
    assert bool(ANSI_COLOR.search(seen)) is coloured


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_serve_warnings_are_coloured_unless_no_color(
    built: Project, no_color: str | None, coloured: bool
) -> None:
    """A rebuild's warnings are printed by serve's watcher thread, outside click's context."""
    args = ["serve", "--source", str(built.root), "--port", "0", "--base-url", HOSTED]
    with terminal(args, built.root, no_color) as term:
        term.read(until=b"Serving")
        built.paper("delta", "Delta", topics=("Unfiled",))
        seen = term.read(until=b"has no file content/topics/unfiled.md")
    line = seen[seen.rfind(b"\n", 0, seen.index(b"has no file")) + 1 :]
    assert bool(ANSI_COLOR.search(line)) is coloured


def test_shell_completion_is_clicks(tmp_path: Path) -> None:
    env = {**os.environ, "_PAPERBOARD_COMPLETE": "bash_source"}
    script = CliRunner().invoke(main, [], prog_name="paperboard", env=env)
    assert script.exit_code == 0
    assert "complete -o nosort -F _paperboard_completion paperboard" in script.output
    words = {
        "_PAPERBOARD_COMPLETE": "bash_complete",
        "COMP_WORDS": "paperboard bu",
        "COMP_CWORD": "1",
    }
    completed = CliRunner().invoke(main, [], prog_name="paperboard", env=words)
    assert completed.output.split() == ["plain,build"]


def test_init_in_the_current_folder_needs_no_cd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "."])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Next: paperboard build && paperboard check"


def test_init_elsewhere_says_where_to_cd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "my papers"])
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert last == "Next: cd 'my papers' && paperboard build && paperboard check"

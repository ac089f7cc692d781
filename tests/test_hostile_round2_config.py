"""Issue 14, round two: hostile `paperboard.toml` values, and what the terminal shows.

Every bad setting is one error line naming paperboard.toml, the key's line and
what to write; no control character from user data reaches the terminal raw.
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import Project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import load_config
from generator.errors import ConfigError, Diagnostic, terminal_safe

INVISIBLE = ("\x00", "\x1b", "\r", "\n", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u2066")
"""NUL, ESC, CR, LF, DEL, NEL, the Unicode line and paragraph separators, bidi overrides."""
TOML_ESCAPE = {c: f"\\u{ord(c):04x}" for c in INVISIBLE}
TEXT_KEYS = ("title", "description", "language", "cname", "theme", "home", "base_url")


def config_error(project: Project, toml: str) -> list[str]:
    """The lines `paperboard build` prints for this settings file (it must fail)."""
    project.write("paperboard.toml", toml)
    project.paper("good", "Good")
    result = project.build()
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output.splitlines()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from((*TEXT_KEYS, "digest.sender", "digest.unsubscribe")),
    char=st.sampled_from(INVISIBLE),
    before=st.sampled_from(("", "Board ", "https://example.org/")),
)
def test_control_characters_in_any_setting_are_refused(
    project: Project, key: str, char: str, before: str
) -> None:
    table, _, name = key.rpartition(".")
    head = f"[{table}]\n" if table else ""
    path = project.root / "paperboard.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'{head}{name} = "{before}{TOML_ESCAPE[char]}x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(project.root)
    (problem,) = caught.value.diagnostics
    line = problem.format(project.root)
    assert line.startswith(f"paperboard.toml:{2 if table else 1}: error: `{key}` "), line
    assert terminal_safe(line) == line


def test_an_escape_sequence_in_the_title_is_refused_naming_it(project: Project) -> None:
    lines = config_error(project, 'title = "Board\\u001b[31m red"\n')
    assert lines == [
        "paperboard.toml:1: error: `title` contains an escape character (ESC, U+001B) "
        "(remove the `\\u....` escape that makes it: a page or a terminal cannot show it)"
    ]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("https://example.org/my board/", "has a space"),
        ("https://example.org/a/../b/", "has a `..` or `.` segment"),
        ("/a/./b/", "has a `..` or `.` segment"),
        ("https://example.org/%2e%2e/b/", "has a `..` or `.` segment"),
        ("https://example.org/\\nx/", "has a line break"),
        ("https://example.org/\\tx/", "has a tab"),
        ("javascript:alert(1)//", "must be an http(s) URL"),
        ("https://user:secret@example.org/", "has a user name or password (`@`)"),
        ("https://example.org/#top", "must not have a ?query or #fragment"),
        ("https://example.org/?q=1", "must not have a ?query or #fragment"),
        ("https://example.org/?", "must not have a ?query or #fragment"),
        ("https://example.org\\\\evil.org/", "has a backslash"),
        ("https://example.org:99999/", "has a port that is not a number from 0 to 65535"),
        ("https://[::1/", "is not a URL"),
        (" https://example.org/", "has a space"),
    ],
)
def test_a_bad_base_url_is_one_config_error(project: Project, value: str, problem: str) -> None:
    lines = config_error(project, f'title = "x"\nbase_url = "{value}"\n')
    assert len(lines) == 1, lines
    assert lines[0].startswith("paperboard.toml:2: error: `base_url` "), lines
    assert problem in lines[0], lines
    assert "https://user.github.io/repo/" in lines[0], lines


def test_a_bad_base_url_option_is_one_error(project: Project) -> None:
    project.paper("good", "Good")
    result = project.build("--base-url", "https://example.org/a b/")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("error: --base-url ")


def test_a_cname_that_is_not_a_host_name_is_one_error(project: Project) -> None:
    lines = config_error(project, 'cname = "papers.example.org\\u001b["\n')
    assert len(lines) == 1 and lines[0].startswith("paperboard.toml:1: error: `cname` "), lines
    lines = config_error(project, 'cname = "papers.example.org/x y"\n')
    assert lines == [
        "paperboard.toml:1: error: `cname` must be a host name such as papers.example.org, "
        "not 'papers.example.org/x y' (write the custom domain alone, without a path)"
    ]


def test_a_settings_file_that_is_not_utf8_names_the_line(project: Project) -> None:
    (project.root / "paperboard.toml").write_bytes(b'title = "x"\n\ndescription = "caf\xe9"\n')
    project.paper("good", "Good")
    result = project.build()
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "paperboard.toml:3: error: the file is not UTF-8 (save it as UTF-8)"
    ]


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_settings_file_that_is_a_folder_or_a_fifo_is_one_error(
    project: Project, kind: str
) -> None:
    path = project.root / "paperboard.toml"
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    project.paper("good", "Good")
    result = project.build()
    assert result.exit_code == 1
    what = "a folder" if kind == "folder" else "a FIFO"
    assert result.output.splitlines() == [
        f"paperboard.toml: error: the settings file is {what}, not a file "
        "(replace it with a text file, or remove it to use the defaults)"
    ]


# --- What the terminal shows --------------------------------------------------


@pytest.mark.parametrize("char", INVISIBLE)
def test_diagnostics_never_print_a_raw_control_character(char: str) -> None:
    problem = Diagnostic("error", f"bad {char}[31m value", None, 3, f"hint {char}")
    line = problem.format()
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", line)
    assert f"\\x{ord(char):02x}" in line or f"\\u{ord(char):04x}" in line


def test_a_file_name_with_an_escape_or_bad_bytes_is_shown_escaped(project: Project) -> None:
    name = os.fsdecode(b"\xff\x1b[31mred.md")
    project.paper("good", "Good")
    (project.root / "content/papers" / name).write_text("---\ntitle: x\n---\n")
    result = project.build()
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "\x1b" not in result.output and "\udcff" not in result.output
    assert "content/papers/\\xff\\x1b[31mred.md: warning: the file name is not UTF-8" in (
        result.output
    ), result.output

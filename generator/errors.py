"""Diagnostics: every problem the build finds is data, formatted once by the CLI.

A diagnostic names the file and the line, says what is wrong, and how to fix it.
The pipeline collects them instead of raising on the first one, so a single run
reports every broken paper.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one place."""

    severity: Severity
    message: str
    path: Path | None = None
    line: int | None = None
    hint: str = ""

    def format(self, root: Path | None = None) -> str:
        """Render as `file:line: severity: message (hint)` on one line."""
        where = ""
        if self.path is not None:
            where = display_path(self.path, root)
            where += f":{self.line}: " if self.line else ": "
        text = f"{where}{self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def counted(number: int, noun: str) -> str:
    """`1 paper`, `2 papers`: counts in messages read as English."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def display_path(path: Path, root: Path | None) -> str:
    """Show `path` relative to `root` when it lies inside it."""
    if root is not None:
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return os.fspath(path)


def error(
    message: str, path: Path | None = None, line: int | None = None, hint: str = ""
) -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic("error", message, path, line, hint)


def warning(
    message: str, path: Path | None = None, line: int | None = None, hint: str = ""
) -> Diagnostic:
    """Shorthand for a warning diagnostic."""
    return Diagnostic("warning", message, path, line, hint)


def errors_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Keep the errors."""
    return [d for d in diagnostics if d.severity == "error"]


def warnings_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Keep the warnings."""
    return [d for d in diagnostics if d.severity == "warning"]


class PaperboardError(Exception):
    """A failure the user can fix; carries the diagnostics that explain it."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("; ".join(d.format() for d in self.diagnostics))


class ConfigError(PaperboardError):
    """`paperboard.toml` or a command-line option is invalid."""


class BuildFailed(PaperboardError):
    """Content or templates have errors; nothing was written."""


class OutputRefused(PaperboardError):
    """The output folder is not one the build may replace."""

"""Diagnostics: every problem the build finds is data, formatted once by the CLI.

A diagnostic names the file and the line, says what is wrong, and how to fix it.
The pipeline collects them instead of raising on the first one, so a single run
reports every broken paper.
"""

from __future__ import annotations

import errno
import os
import re
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
        return terminal_safe(text)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What a terminal would act on or a reader would not see: C0 and C1 controls (ESC
starts a colour or cursor sequence), line and paragraph separators, bidi overrides,
and the stand-ins Python reads for bytes of a file name that are not UTF-8."""


def terminal_safe(text: str) -> str:
    """Show invisible and control characters as escapes (`\\x1b`), so user data in a
    message can neither move the cursor, recolour the terminal nor hide itself."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def counted(number: int, noun: str) -> str:
    """`1 paper`, `2 papers`: counts in messages read as English."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def display_path(path: Path, root: Path | None) -> str:
    """Show `path` relative to `root` when it lies inside it."""
    if root is not None:
        try:
            return terminal_safe(str(path.relative_to(root)))
        except ValueError:
            pass
    return terminal_safe(os.fspath(path))


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


_OS_HINTS = {
    errno.ENOSPC: "the disk is full: free some space, or build elsewhere with --output",
    errno.EDQUOT: "your disk quota is used up: free some space, or build elsewhere with --output",
    errno.EROFS: "that file system is read-only: choose a writable folder with --output",
    errno.EACCES: "make that folder writable, or choose another folder with --output",
    errno.EPERM: "make that folder writable (an immutable one: chattr -i), or use --output",
    errno.EBUSY: "the file is in use: close what holds it, or use another --output",
    errno.EMFILE: "too many open files: raise `ulimit -n`, then build again",
}


def os_problem(exc: OSError, doing: str) -> Diagnostic:
    """One line for an operating-system error: what failed, on which path, what to do."""
    path = Path(os.fsdecode(exc.filename)) if exc.filename else None
    reason = exc.strerror or str(exc)
    hint = _OS_HINTS.get(exc.errno or 0, "check the folder and its permissions, then try again")
    return error(f"{doing} failed: {reason}", path, hint=hint)

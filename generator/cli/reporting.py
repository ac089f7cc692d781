"""How the commands show the user what went wrong: diagnostics and user errors.

Every failure the user can fix is a `PaperboardError`; it is printed as
`file:line: error: message (hint)` lines and exits 1. Nothing else is caught,
so a real bug still shows its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.errors import Diagnostic, PaperboardError, counted, errors_in, warnings_in

F = TypeVar("F", bound=Callable[..., Any])


def color_setting(environ: Mapping[str, str]) -> bool | None:
    """False when NO_COLOR is set to anything but "" (no-color.org); else None, click's default.

    click decides by whether the output is a terminal, and does not read NO_COLOR.
    """
    return False if environ.get("NO_COLOR") else None


def report(diagnostics: Iterable[Diagnostic], root: Path | None) -> None:
    """Print diagnostics to stderr, one line each."""
    for diagnostic in diagnostics:
        color = "red" if diagnostic.severity == "error" else "yellow"
        click.secho(diagnostic.format(root), fg=color, err=True)


def user_errors(func: F) -> F:
    """Turn a PaperboardError into its diagnostics and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PaperboardError as exc:
            root = kwargs.get("source")
            report(exc.diagnostics, Path(root).resolve() if root else None)
            found = exc.diagnostics
            if len(found) > 1:
                click.secho(
                    f"{counted(len(errors_in(found)), 'error')}, "
                    f"{counted(len(warnings_in(found)), 'warning')}; nothing was written",
                    fg="red",
                    err=True,
                )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]

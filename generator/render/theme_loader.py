"""The template loader: the theme's templates that the build may read, and only those.

Jinja's `FileSystemLoader` follows any link and reads any file under its
folders; this one reads only what `theme_files` accepts (regular files that
stay inside their theme folder, the user's theme first), and says which file
and byte is at fault when a template is not UTF-8.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import jinja2

from generator.content.sources import theme_files
from generator.errors import BuildFailed, error


class ThemeLoader(jinja2.BaseLoader):
    """Templates by name from the theme folders, the first folder's winning."""

    def __init__(self, themes: list[Path]) -> None:
        self.paths: dict[str, Path] = {}
        for theme in themes:
            for name, path in theme_files(theme, "templates")[0]:
                self.paths.setdefault(name, path)

    def list_templates(self) -> list[str]:
        """Every template name, sorted."""
        return sorted(self.paths)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, its file, and whether it is still current."""
        path = self.paths.get(template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        try:
            data = path.read_bytes()
            mtime = os.stat(path).st_mtime_ns
        except OSError as exc:
            raise jinja2.TemplateNotFound(template) from exc
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise BuildFailed(
                [error("template is not UTF-8", path, line, hint="re-save it as UTF-8")]
            ) from None
        return text, str(path), lambda: _mtime(path) == mtime


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None

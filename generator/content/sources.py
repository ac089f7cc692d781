"""Find the input files. `classify` is the one place that decides what a path is.

The watcher uses `classify` too, so what triggers a rebuild and what the build
reads can never disagree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from generator.config import CONFIG_FILE, SiteConfig, default_theme_dir
from generator.errors import BuildFailed, Diagnostic, error, warning

Kind = Literal["paper", "topic", "author", "config", "template", "static", "image"]
MARKDOWN_SUFFIXES = (".md", ".markdown")
IMAGE_SUFFIXES = (".webp", ".png", ".jpg", ".jpeg", ".gif", ".avif")
"""Thumbnails in content/ (see `content.thumbnails`): read by the build, so watched."""
KEPT_BESIDE_PAPERS = (*IMAGE_SUFFIXES, ".pdf")
"""Files that belong beside a paper (its picture, its PDF) and are not warned about."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input file."""

    kind: Kind
    path: Path
    name: str
    """The file name without its suffix (a paper's or topic's slug, before checks)."""


def is_debris(name: str) -> bool:
    """Editor and OS leftovers that must never become pages or trigger builds."""
    return (
        name.startswith((".", "#", "~$"))
        or name.endswith(("~", ".swp", ".swx", ".swo", ".tmp", ".bak", ".orig"))
        or name in ("4913", "Thumbs.db", "desktop.ini")
    )


def classify(relative: PurePosixPath) -> Kind | None:
    """What a project-relative path is, or None when the build ignores it."""
    parts = relative.parts
    if not parts or any(is_debris(part) for part in parts):
        return None
    if parts == (CONFIG_FILE,):
        return "config"
    if len(parts) == 3 and parts[0] == "content" and content_kind(parts[1], parts[2]):
        return content_kind(parts[1], parts[2])
    if len(parts) >= 2 and parts[0] == "content" and parts[-1].lower().endswith(IMAGE_SUFFIXES):
        return "image"
    if len(parts) >= 2 and "templates" in parts[:-1]:
        return "template"
    if len(parts) >= 2 and "static" in parts[:-1]:
        return "static"
    return None


def content_kind(folder: str, name: str) -> Kind | None:
    """What `content/<folder>/<name>` is: `classify` for the one place scanned per build."""
    if is_debris(name) or not name.endswith(MARKDOWN_SUFFIXES):
        return None
    return _CONTENT_FOLDERS.get(folder)


_CONTENT_FOLDERS: dict[str, Kind] = {"papers": "paper", "topics": "topic", "authors": "author"}
ContentKind = Literal["paper", "topic", "author"]
_FOLDER_OF: dict[ContentKind, str] = {"paper": "papers", "topic": "topics", "author": "authors"}


def content_sources(config: SiteConfig) -> tuple[list[Source], list[Diagnostic]]:
    """Every paper, topic and author file, sorted; symlinks leaving `content/` are skipped."""
    content = config.content_dir
    if content.is_symlink() and not _inside(content, config.root):
        return [], [_linked_out(content, "the project", error)]
    if not content.is_dir():
        return [], [_no_content(content)]
    papers, paper_problems = scan_content(content, "paper")
    topics, topic_problems = scan_content(content, "topic")
    authors, author_problems = scan_content(content, "author")
    return [*papers, *topics, *authors], [*paper_problems, *topic_problems, *author_problems]


def scan_content(content: Path, kind: ContentKind) -> tuple[list[Source], list[Diagnostic]]:
    """The paper or topic files of a `content/` folder, sorted by name, and why others are not.

    The one scanner: the build, the duplicate check of `add`/`import` and the topic
    suggestions all read what it returns, so they agree on debris, on symbolic links
    to nothing or out of `content/`, and on files that are not Markdown.
    """
    folder = _FOLDER_OF[kind]
    directory = content / folder
    sources: list[Source] = []
    problems: list[Diagnostic] = []
    if not directory.is_dir():
        return sources, problems
    if not _inside(directory, content):
        return sources, [_linked_out(directory, "content/", warning)]
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        path = Path(entry.path)
        if content_kind(folder, entry.name) == kind and not _utf8(entry.name):
            problems.append(_not_utf8_name(path))
        elif content_kind(folder, entry.name) == kind:
            problem = _link_problem(entry, path, content)
            if problem is not None:
                problems.append(problem)
            elif entry.is_file():
                sources.append(Source(kind, path, path.stem))
            else:
                problems.append(_special(path))
        elif _stray(entry, folder):
            problems.append(_not_markdown(path, kind, folder))
    return sources, problems


def _utf8(name: str) -> bool:
    """False for a name with bytes that are not UTF-8 (Python reads them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _not_utf8_name(path: Path) -> Diagnostic:
    """A URL, a feed and the cache cannot hold such a name: skipped, with the fix."""
    return warning(
        "the file name is not UTF-8: not read", path, hint="rename it, e.g. with `mv -i`"
    )


def _stray(entry: os.DirEntry[str], folder: str) -> bool:
    """A file among the papers or topics that the build does not read, and would not expect."""
    if is_debris(entry.name) or not entry.is_file():
        return False
    kept = (
        KEPT_BESIDE_PAPERS if folder == "papers" else IMAGE_SUFFIXES if folder == "authors" else ()
    )
    return not (kept and entry.name.lower().endswith(kept))


def require_project(root: Path) -> Path:
    """`root`, resolved, when it is a project (it has `content/`); else the one refusal.

    Every command that reads or writes a project calls this first, so `new`,
    `import` and `serve` refuse a folder that is not one just as `build` does,
    instead of writing papers into it or serving nothing.
    """
    root = root.resolve()
    content = root / "content"
    if content.is_symlink() and not _inside(content, root):
        raise BuildFailed([_linked_out(content, "the project", error)])
    if not content.is_dir():
        raise BuildFailed([_no_content(content)])
    return root


def _no_content(content: Path) -> Diagnostic:
    """Building a folder that is not a project would write a site of nothing into it."""
    return error(
        "no content/ folder, so this is not a Paperboard project",
        content,
        hint="pass --source with your project's folder, or start one with `paperboard init`",
    )


def _link_problem(entry: os.DirEntry[str], path: Path, content: Path) -> Diagnostic | None:
    """A symbolic link the build does not follow: dangling, or leading out of content/."""
    if not entry.is_symlink():
        return None
    if not path.exists():
        return warning(
            "symbolic link to nothing is ignored", path, hint="fix its target or delete it"
        )
    if not _inside(path, content):
        return warning(
            "symbolic link to a file outside content/ is not followed",
            path,
            hint="copy the file into content/ instead",
        )
    return None


def _linked_out(folder: Path, boundary: str, make: Callable[..., Diagnostic]) -> Diagnostic:
    """A folder the build reads is a symbolic link leaving `boundary`: never followed."""
    return make(
        f"symbolic link to a folder outside {boundary} is not followed",
        folder,
        hint=f"replace the link with a real folder inside {boundary}",
    )


def _special(path: Path) -> Diagnostic:
    """A folder, FIFO, socket or device named like a file: reading a FIFO would block."""
    what = "a folder" if path.is_dir() else "not a regular file (a FIFO, socket or device)"
    return warning(f"{what}: not read", path, hint="replace it with a regular file, or rename it")


def _not_markdown(path: Path, kind: str, folder: str) -> Diagnostic:
    """A file the build skips although it sits among the papers: say so, never drop it silently."""
    suffix = path.suffix.lower()
    hint = f"move it out of content/{folder}/"
    if suffix in MARKDOWN_SUFFIXES:
        hint = f"rename it to {path.stem}{suffix}"
    return warning(f"not read: only *.md files in content/{folder}/ are {kind}s", path, hint=hint)


def theme_dirs(config: SiteConfig) -> list[Path]:
    """Theme folders, the user's first so any of their templates wins."""
    dirs = [config.theme_dir] if config.theme_dir else []
    return [*dirs, default_theme_dir()]


def static_files(config: SiteConfig) -> Iterator[tuple[str, Path]]:
    """(output name, file) for each theme static file; the user's shadow the default's."""
    seen: set[str] = set()
    for theme in theme_dirs(config):
        for name, path in theme_files(theme, "static")[0]:
            if name not in seen:
                seen.add(name)
                yield name, path


def theme_problems(config: SiteConfig) -> list[Diagnostic]:
    """Why theme files are not read: links out of their theme folder, special files."""
    problems: list[Diagnostic] = []
    for theme in theme_dirs(config):
        for sub in ("templates", "static"):
            problems += theme_files(theme, sub)[1]
    return problems


def theme_files(theme: Path, sub: str) -> tuple[list[tuple[str, Path]], list[Diagnostic]]:
    """The regular files under `theme/sub` that stay inside `theme`, sorted, and the others.

    A theme's `static/` is published as it is: a link in it to `/etc/passwd`
    or `/proc/self/environ` would publish that file, so no link leaving the
    theme folder is followed, and linked folders are not descended into.
    """
    folder = theme / sub
    if not folder.is_dir():
        return [], []
    if not _inside(folder, theme):
        return [], [_linked_out(folder, "the theme", warning)]
    files: list[tuple[str, Path]] = []
    problems: list[Diagnostic] = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not is_debris(d))
        for name in sorted(n for n in names if not is_debris(n)):
            path = Path(base, name)
            problem = _theme_file_problem(path, theme)
            if problem is None:
                files.append((path.relative_to(folder).as_posix(), path))
            else:
                problems.append(problem)
        problems += [
            _linked_out(Path(base, d), "the theme", warning)
            for d in dirs
            if not _inside(Path(base, d), theme)
        ]
    return files, problems


def _theme_file_problem(path: Path, theme: Path) -> Diagnostic | None:
    """Why the build does not read a theme file, or None when it does."""
    if path.is_symlink() and not path.exists():
        return warning("symbolic link to nothing is ignored", path, hint="fix or delete it")
    if not _inside(path, theme):
        return warning(
            "symbolic link to a file outside the theme is not followed",
            path,
            hint="copy the file into the theme instead",
        )
    if not path.is_file():
        return _special(path)
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True

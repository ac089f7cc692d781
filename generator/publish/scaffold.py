"""`paperboard init`: write a new project that builds, checks and publishes as is.

The files come from the `generator.skeleton` package data, so an installed
wheel has them. Existing files are never overwritten: `--force` only lets
init fill in the missing files of a folder that is not empty.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import NoReturn

from generator import __version__
from generator.config import CONFIG_FILE, LOCAL_PREVIEW_URL, SiteConfig
from generator.errors import PaperboardError, error
from generator.publish.deploy import github_pages_url
from generator.publish.git import run_git
from generator.publish.scaffold_daily import DAILY_FOLDER, daily_files

SKELETON_PACKAGE = "generator.skeleton"
DOTTED = frozenset({"gitignore", "github"})
"""Top-level skeleton names that get a leading dot in the project."""
IGNORED = frozenset({"__init__.py", "__pycache__"})
DEFAULT_BASE_URL_LINE = f"base_url = {json.dumps(LOCAL_PREVIEW_URL)}".encode()
"""The skeleton's setting, replaced when init knows where the site will be published."""
ALLOWED_IN_EMPTY = frozenset({".git"})
"""A folder holding only these counts as empty (a fresh `git clone` of an empty repo)."""


class InitRefused(PaperboardError):
    """The target folder cannot receive a new project."""


@dataclass(frozen=True, slots=True)
class InitResult:
    """What init wrote and what it left alone."""

    root: Path
    base_url: str | None
    """The base URL written to paperboard.toml; None leaves the local preview address."""
    requirement: str = ""
    """What requirements.txt installs: the line the Pages workflow's pip reads."""
    created: list[PurePosixPath] = field(default_factory=list)
    kept: list[PurePosixPath] = field(default_factory=list)


def skeleton_files(
    base_url: str | None = None, requirement: str | None = None, daily: bool = False
) -> dict[PurePosixPath, bytes]:
    """Every file of a new project: relative path -> contents; `daily` adds `--daily`'s."""
    skeleton = resources.files(SKELETON_PACKAGE)
    files = {
        _project_path(relpath): item.read_bytes()
        for relpath, item in _walk(skeleton, PurePosixPath())
        if relpath.parts[0] != DAILY_FOLDER
    }
    if daily:
        config = PurePosixPath(CONFIG_FILE)
        files.update(daily_files(skeleton, files[config]))
    files[PurePosixPath("requirements.txt")] = requirements_text(requirement).encode()
    if base_url:
        config = PurePosixPath(CONFIG_FILE)
        setting = f"base_url = {json.dumps(base_url)}".encode()
        files[config] = files[config].replace(DEFAULT_BASE_URL_LINE, setting, 1)
    return files


def project_base_url(target: Path, explicit: str | None) -> str | None:
    """`--base-url`, else the Pages URL of `origin` when the folder is a GitHub clone.

    Only a folder that is itself a repository's top counts: GitHub reads
    `.github/workflows/` there and nowhere else.
    """
    if explicit is not None:
        return SiteConfig(root=target).with_base_url(explicit).base_url
    if not (target / ".git").exists() or shutil.which("git") is None:
        return None
    result = run_git(target, ["remote", "get-url", "origin"])
    if result.returncode != 0:
        return None
    return github_pages_url(result.stdout.decode("utf-8", "replace"))


def default_requirement() -> str:
    """This very release, so the Pages workflow builds with the Paperboard that made the project.

    The release workflow publishes every tagged version to PyPI, so the pin
    names a release that exists there.
    """
    return f"paperboard=={__version__}"


def check_requirement(spec: str) -> str:
    """`--requirement` as one line of requirements.txt; a clear error for anything else."""
    line = spec.strip()
    if not line or "\n" in line or "\r" in line or line.startswith("#"):
        _refuse(
            f"--requirement {spec!r} is not one requirement",
            "give one line pip understands, such as paperboard==0.1.0, "
            "git+https://github.com/you/paperboard@v0.1.0 or ./paperboard-0.1.0-py3-none-any.whl",
        )
    return line


def requirements_text(requirement: str | None = None) -> str:
    """requirements.txt: the Paperboard the Pages workflow installs with pip."""
    line = check_requirement(requirement) if requirement is not None else default_requirement()
    return (
        "# What the GitHub Pages workflow installs to build the site. To build with\n"
        "# another Paperboard (a fork, a wheel in the repository), replace this line\n"
        "# or run `paperboard init --requirement SPEC`.\n"
        f"{line}\n"
    )


def init_project(
    target: Path,
    force: bool = False,
    base_url: str | None = None,
    requirement: str | None = None,
    daily: bool = False,
) -> InitResult:
    """Write the skeleton into `target`, creating it; never overwrite a file."""
    target = target.resolve()
    line = check_requirement(requirement) if requirement is not None else default_requirement()
    _check_target(target, force)
    result = InitResult(target, project_base_url(target, base_url), line)
    for relpath, data in sorted(skeleton_files(result.base_url, line, daily).items()):
        path = target.joinpath(*relpath.parts)
        if path.exists() or path.is_symlink():
            result.kept.append(relpath)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:
                handle.write(data)
        except OSError as exc:
            _refuse(f"cannot write {path}: {exc.strerror}", "fix the folder and run init again")
        result.created.append(relpath)
    return result


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        _refuse(f"{target} is a file", "give the path of a new or empty folder")
    if not target.is_dir() or force:
        return
    extra = sorted(p.name for p in target.iterdir() if p.name not in ALLOWED_IN_EMPTY)
    if extra:
        shown = ", ".join(extra[:3]) + (", ..." if len(extra) > 3 else "")
        _refuse(
            f"{target} is not empty (it has {shown})",
            "choose a new folder, or use --force to add only the missing files",
        )


def _refuse(message: str, hint: str) -> NoReturn:
    raise InitRefused([error(f"cannot create a project: {message}", hint=hint)])


def _walk(
    folder: Traversable, prefix: PurePosixPath
) -> Iterator[tuple[PurePosixPath, Traversable]]:
    for item in folder.iterdir():
        if item.name in IGNORED:
            continue
        if item.is_dir():
            yield from _walk(item, prefix / item.name)
        else:
            yield prefix / item.name, item


def _project_path(relpath: PurePosixPath) -> PurePosixPath:
    first, *rest = relpath.parts
    if first in DOTTED:
        first = "." + first
    return PurePosixPath(first, *rest)

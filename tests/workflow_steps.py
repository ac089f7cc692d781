"""Reading a GitHub workflow's steps the way the runner does, for the tests that run them.

A step's `run:` is a bash script; its `env:` values may hold `${{ ... }}`
expressions, which the runner fills in before the shell starts. The only one
the Pages workflows use is configure-pages' base URL; the cache key secret is
empty, as in a run that is not given it.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import yaml

PAGES_BASE_URL = "${{ steps.pages.outputs.base_url }}"
CONFIGURED = "https://octo.github.io/papers"
"""What configure-pages outputs as base_url for a project page: no trailing slash."""
CACHE_SECRET = "${{ secrets.PAPERBOARD_CACHE_KEY }}"


def load(path: Path) -> dict[str, Any]:
    """A workflow file as data."""
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    """The steps of one job, in order."""
    return list(workflow["jobs"][job]["steps"])


def paperboard_step(workflow: dict[str, Any], command: str) -> tuple[int, list[str]]:
    """The build job's step that runs `paperboard COMMAND`: its index and its words."""
    for index, step in enumerate(steps(workflow, "build")):
        args = shlex.split(step.get("run", ""))
        if args[:2] == ["paperboard", command]:
            return index, args
    raise AssertionError(f"no `paperboard {command}` step")


def install_step(workflow: dict[str, Any]) -> dict[str, Any]:
    """The build job's one step that installs Paperboard with pip."""
    found = [s for s in steps(workflow, "build") if "pip install" in s.get("run", "")]
    assert len(found) == 1, "the build job should install with pip once"
    return found[0]


def step_env(step: dict[str, Any]) -> dict[str, str]:
    """The step's `env:` with configure-pages' output filled in, as the runner sets it."""
    return {
        name: str(value).replace(PAGES_BASE_URL, CONFIGURED).replace(CACHE_SECRET, "")
        for name, value in step.get("env", {}).items()
    }


def expanded(word: str, step: dict[str, Any]) -> str:
    """A `$NAME` argument as the runner passes it: the step's `env:` value, expression kept."""
    if word.startswith("$"):
        return str(step.get("env", {})[word[1:]])
    return word

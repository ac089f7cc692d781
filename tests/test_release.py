"""The release workflow: a version tag builds, checks, tests and publishes by OIDC.

The YAML is read for what PyPI's trusted publishing needs (an `id-token`
permission on the publishing job alone, no password), and the step that
compares the tag with the built version is run as the runner runs it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from generator import __version__

RELEASE = REPO / ".github" / "workflows" / "release.yml"
VERSION_STEP = "The tag names the version that was built"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    return loaded


def step(job: dict[str, Any], name: str) -> dict[str, Any]:
    [found] = [s for s in job["steps"] if s.get("name") == name]
    return found


def uses(job: dict[str, Any], action: str) -> dict[str, Any]:
    [found] = [s for s in job["steps"] if s.get("uses", "").startswith(action + "@")]
    return found


def test_a_version_tag_starts_it(workflow: dict[str, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {}


def test_publishing_waits_for_the_checks_and_holds_no_secret(workflow: dict[str, Any]) -> None:
    jobs = workflow["jobs"]
    publish = jobs["publish"]
    assert set(publish["needs"]) == {"dist", "test"}
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    upload = uses(publish, "pypa/gh-action-pypi-publish")
    assert "password" not in upload.get("with", {})
    assert "secrets." not in RELEASE.read_text(encoding="utf-8")
    for name in ("dist", "test"):
        assert jobs[name]["permissions"] == {"contents": "read"}


def test_the_built_distribution_is_what_gets_published(workflow: dict[str, Any]) -> None:
    dist, publish = workflow["jobs"]["dist"], workflow["jobs"]["publish"]
    runs = "\n".join(s.get("run", "") for s in dist["steps"])
    assert "python -m build" in runs
    assert "twine check --strict dist/*" in runs
    kept = uses(dist, "actions/upload-artifact")["with"]
    fetched = uses(publish, "actions/download-artifact")["with"]
    assert kept["name"] == fetched["name"]
    assert kept["path"] == fetched["path"] == "dist/"


def test_the_tests_run_as_ci_runs_them(workflow: dict[str, Any]) -> None:
    test = workflow["jobs"]["test"]
    assert [s["run"] for s in test["steps"] if "run" in s] == ["bash .ci/run"]
    assert test["container"].startswith("python:3.11-")


def run_version_check(workflow: dict[str, Any], tmp_path: Path, tag: str, built: str) -> int:
    """Run the workflow's tag check in a folder holding a dist/ of version `built`."""
    dist = tmp_path / "dist"
    dist.mkdir(parents=True)
    for name in (f"paperboard-{built}.tar.gz", f"paperboard-{built}-py3-none-any.whl"):
        (dist / name).write_bytes(b"")
    check = step(workflow["jobs"]["dist"], VERSION_STEP)
    assert check["env"] == {"TAG": "${{ github.ref_name }}"}
    env = {**os.environ, "TAG": tag}
    result = subprocess.run(
        ["bash", "-e", "-c", check["run"]], cwd=tmp_path, env=env, capture_output=True, check=False
    )
    return result.returncode


def test_the_tag_must_name_the_built_version(workflow: dict[str, Any], tmp_path: Path) -> None:
    assert run_version_check(workflow, tmp_path / "same", f"v{__version__}", __version__) == 0
    assert run_version_check(workflow, tmp_path / "other", "v9.9.9", __version__) != 0

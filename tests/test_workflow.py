"""The GitHub Pages workflow: this repository's and the one `init` writes.

The YAML is loaded and its jobs, steps, permissions and environment are
asserted; then the workflow's own build and check commands are run with the
base URL configure-pages would report, in a fresh project and on the seed site.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, parse_html
from shared_data import shared_path
from workflow_steps import (
    CONFIGURED,
    PAGES_BASE_URL,
    expanded,
    install_step,
    load,
    paperboard_step,
    step_env,
    steps,
)

from generator.cli import main
from generator.publish.scaffold import init_project, skeleton_files

REPO_WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def scaffold_workflow() -> dict[str, Any]:
    return yaml.safe_load(skeleton_files()[PurePosixPath(".github/workflows/pages.yml")])


def workflows() -> list[tuple[str, dict[str, Any]]]:
    return [("init", scaffold_workflow()), ("repository", load(REPO_WORKFLOW))]


def action_index(workflow: dict[str, Any], action: str) -> int:
    found = [
        i for i, s in enumerate(steps(workflow, "build")) if s.get("uses", "").startswith(action)
    ]
    assert len(found) == 1, f"{action} should be used once"
    return found[0]


@pytest.mark.parametrize(
    ("name", "workflow"), workflows(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_triggers_permissions_and_concurrency(name: str, workflow: dict[str, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False


@pytest.mark.parametrize(
    ("name", "workflow"), workflows(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_build_job_uses_the_official_actions_in_order(name: str, workflow: dict[str, Any]) -> None:
    build = steps(workflow, "build")
    checkout = action_index(workflow, "actions/checkout@")
    python = action_index(workflow, "actions/setup-python@")
    pages = action_index(workflow, "actions/configure-pages@")
    upload = action_index(workflow, "actions/upload-pages-artifact@")
    built, build_args = paperboard_step(workflow, "build")
    checked, check_args = paperboard_step(workflow, "check")
    assert checkout < python < pages < built < checked < upload
    assert build[python]["with"]["cache"] == "pip"
    assert build[pages]["id"] == "pages"
    for index, args in ((built, build_args), (checked, check_args)):
        assert expanded(args[args.index("--base-url") + 1], build[index]) == PAGES_BASE_URL + "/"
    assert build[checkout]["with"]["persist-credentials"] is False
    assert "--strict" in build_args
    assert build[upload]["with"]["path"].rstrip("/") == "site"


@pytest.mark.parametrize(
    ("name", "workflow"), workflows(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_deploy_job_publishes_to_the_pages_environment(name: str, workflow: dict[str, Any]) -> None:
    job = workflow["jobs"]["deploy"]
    assert job["needs"] == "build"
    assert job["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    [step] = job["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")
    assert step["id"] == "deployment"


def test_the_repository_uses_the_same_workflow_as_new_projects() -> None:
    ours, theirs = load(REPO_WORKFLOW), scaffold_workflow()
    for workflow, dependency_file in ((ours, "pyproject.toml"), (theirs, "requirements.txt")):
        python = steps(workflow, "build")[action_index(workflow, "actions/setup-python@")]
        assert python["with"].pop("cache-dependency-path") == dependency_file
        workflow["jobs"]["build"]["steps"].remove(install_step(workflow))
    assert ours == theirs
    assert (REPO / "pyproject.toml").is_file()


def run_workflow_commands(workflow: dict[str, Any], project: Path) -> None:
    """Run the workflow's paperboard steps as the runner would, with this checkout's code."""
    python = shlex.quote(sys.executable)
    for command in ("build", "check"):
        index, _ = paperboard_step(workflow, command)
        step = steps(workflow, "build")[index]
        env = {**os.environ, "PYTHONPATH": str(REPO), **step_env(step)}
        line = step["run"].replace("paperboard", f"{python} -m generator", 1)
        result = subprocess.run(
            ["bash", "-e", "-c", line],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    upload = steps(workflow, "build")[action_index(workflow, "actions/upload-pages-artifact@")]
    assert (project / upload["with"]["path"] / "index.html").is_file()


def test_init_then_the_workflow_builds_and_checks_a_fresh_folder(tmp_path: Path) -> None:
    project = tmp_path / "papers"
    init_project(project)
    workflow = load(project / ".github" / "workflows" / "pages.yml")
    run_workflow_commands(workflow, project)
    home = parse_html((project / "site" / "index.html").read_bytes())
    assert home.xpath("//link[@rel='canonical']/@href") == [CONFIGURED + "/"]


@pytest.mark.skipif(not (REPO / "content" / "papers").is_dir(), reason="no seed content")
def test_the_repository_workflow_builds_and_checks_the_seed_site(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "paperboard.toml", project / "paperboard.toml")
    run_workflow_commands(load(REPO_WORKFLOW), project)


def test_the_workflow_passes_after_importing_a_real_bibliography(tmp_path: Path) -> None:
    """Issue 18: an imported site used to fail `build --strict` on its topics."""
    bib = shared_path("realdata", "d2l-bib", "d2l.bib")
    project = tmp_path / "papers"
    init_project(project)
    result = CliRunner().invoke(
        main, ["import", str(bib), "--replace-example", "-q", "--source", str(project)]
    )
    assert result.exit_code == 0, result.output
    run_workflow_commands(load(project / ".github" / "workflows" / "pages.yml"), project)
    topics = parse_html((project / "site" / "topics" / "index.html").read_bytes())
    assert topics.xpath("//main//h2/a/text()") == ["Uncategorized"]
    home = parse_html((project / "site" / "index.html").read_bytes())
    assert "Example Paper" not in "".join(home.xpath("//main//text()"))


@pytest.mark.parametrize(
    ("name", "workflow"), workflows(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_the_build_cache_is_restored_and_saved_around_a_signed_build(
    name: str, workflow: dict[str, Any]
) -> None:
    build = steps(workflow, "build")
    restore = action_index(workflow, "actions/cache/restore@")
    save = action_index(workflow, "actions/cache/save@")
    built, _ = paperboard_step(workflow, "build")
    assert restore < built < save
    restored, saved = build[restore]["with"], build[save]["with"]
    assert restored["path"] == saved["path"] == ".paperboard-cache"
    assert restored["key"] == saved["key"]
    prefix = restored["restore-keys"]
    assert saved["key"].startswith(prefix)
    for changes_the_cache in ("requirements.txt", "paperboard.toml"):
        assert changes_the_cache in prefix
    assert build[built]["env"]["PAPERBOARD_CACHE_KEY"] == "${{ secrets.PAPERBOARD_CACHE_KEY }}"

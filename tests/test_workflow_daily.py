"""The workflows `init --daily` writes: the daily board and reader submissions.

Their YAML is loaded and asserted (triggers, permissions, where untrusted text
goes), then their `run:` steps are run in order as the runner would run them,
in a real git repository with a bare remote standing in for GitHub: the daily
fetch against the recorded Hugging Face server, the commit and push, the build
and check; and a recorded submission issue against the recorded arXiv server.
`gh` is the one command replaced: a script that records what it was asked.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO
from recorded_server import Answer, recorded_server
from shared_data import shared_path
from workflow_steps import PAGES_BASE_URL, load, steps

from generator.authoring.arxiv_client import API_ENV, RETRIES_ENV
from generator.authoring.fetch import HF_ENV
from generator.authoring.submit import ID_FIELD, NOTE_FIELD, TOPICS_FIELD
from generator.cli import main
from generator.publish.scaffold import init_project, skeleton_files

DAY = "2025-07-22"
ARXIV = Path(__file__).parent / "fixtures" / "arxiv"
ISSUES = Path(__file__).parent / "fixtures" / "issues"
REPOSITORY = "octo/papers"
GH_STUB = """#!/usr/bin/env python3
import json, os, sys
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
sys.exit(1 if sys.argv[1:3] == ["pr", "view"] else 0)
"""
"""`gh`: records its arguments; `gh pr view` finds no pull request, so one is created."""
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """`init --daily` committed in a clone of a bare repository, and the runner's environment."""
    bare = tmp_path / "server" / f"{REPOSITORY}.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    project = tmp_path / "papers"
    init_project(project, daily=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "init")
    git(project, "push", "-q", str(bare), "HEAD:main")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "paperboard"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n')
    stub = bin_dir / "gh"
    stub.write_text(GH_STUB)
    shim.chmod(0o755)
    stub.chmod(0o755)
    runner = tmp_path / "runner"
    runner.mkdir()
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
        "HOME": str(tmp_path),
        "RUNNER_TEMP": str(runner),
        "GH_LOG": str(tmp_path / "gh.log"),
        RETRIES_ENV: "0",
    }
    yield {"project": project, "bare": bare, "env": env, "tmp": tmp_path}


def git(where: Path, *args: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=where, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def workflow(repo: dict[str, Any], name: str) -> dict[str, Any]:
    return load(repo["project"] / ".github" / "workflows" / name)


def step_named(workflow: dict[str, Any], job: str, name: str) -> dict[str, Any]:
    [step] = [s for s in steps(workflow, job) if s.get("name") == name]
    return step


def run_step(
    repo: dict[str, Any], step: dict[str, Any], values: dict[str, str], extra: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run a step's script with its `env:`, expressions filled in from `values`; its outputs."""
    env = {**repo["env"], **extra}
    for name, value in step.get("env", {}).items():
        filled = str(value)
        for expression, replacement in values.items():
            filled = filled.replace(expression, replacement)
        assert not EXPRESSION.search(filled), f"{step['name']}: {name} = {filled}"
        env[name] = filled
    output = repo["tmp"] / "github_output"
    output.write_text("")
    env["GITHUB_OUTPUT"] = str(output)
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=repo["project"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = output.read_text(encoding="utf-8").splitlines()
    return done, dict(line.split("=", 1) for line in lines)


def context(repo: dict[str, Any]) -> dict[str, str]:
    """What the runner fills in for the expressions of `env:` values."""
    return {
        "${{ github.token }}": "the-job-token",
        "${{ github.server_url }}": str(repo["tmp"] / "server"),
        "${{ github.repository }}": REPOSITORY,
        "${{ github.ref_name }}": "main",
        "${{ github.event.repository.default_branch }}": "main",
        PAGES_BASE_URL: "https://octo.github.io/papers",
    }


def gh_calls(repo: dict[str, Any]) -> list[list[str]]:
    log = repo["tmp"] / "gh.log"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_daily_workflow_runs_on_a_schedule_with_least_permissions(
    repo: dict[str, Any],
) -> None:
    daily = workflow(repo, "daily.yml")
    triggers = daily.get("on", daily.get(True))
    assert [entry["cron"] for entry in triggers["schedule"]] == ["17 6 * * *"]
    assert "workflow_dispatch" in triggers
    assert daily["permissions"] == {}
    jobs = daily["jobs"]
    assert jobs["fetch"]["permissions"] == {"contents": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["needs"] == "fetch" and jobs["deploy"]["needs"] == "build"
    pages = workflow(repo, "pages.yml")
    assert jobs["deploy"] == pages["jobs"]["deploy"]
    checkout = steps(daily, "build")[0]
    assert checkout["with"]["ref"] == "${{ needs.fetch.outputs.sha }}"
    for job in jobs:
        for step in steps(daily, job):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_the_submission_workflow_keeps_issue_text_out_of_its_scripts(
    repo: dict[str, Any],
) -> None:
    submit = workflow(repo, "submit.yml")
    triggers = submit.get("on", submit.get(True))
    assert triggers == {"issues": {"types": ["opened", "edited"]}}
    assert submit["permissions"] == {}
    job = submit["jobs"]["submit"]
    assert job["if"] == "contains(github.event.issue.labels.*.name, 'submission')"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
    body = step_named(submit, "submit", "Write the issue body to a file")
    assert body["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}"}


def test_the_form_asks_what_submit_reads(repo: dict[str, Any]) -> None:
    form_file = repo["project"] / ".github" / "ISSUE_TEMPLATE" / "submit-paper.yml"
    form = yaml.safe_load(form_file.read_text(encoding="utf-8"))
    assert form["labels"] == ["submission"]
    fields = {f["attributes"]["label"]: f for f in form["body"] if f["type"] != "markdown"}
    assert list(fields) == [ID_FIELD, TOPICS_FIELD, NOTE_FIELD]
    assert [f["validations"]["required"] for f in fields.values()] == [True, False, False]


def test_the_daily_steps_fetch_commit_push_build_and_check(repo: dict[str, Any]) -> None:
    daily = workflow(repo, "daily.yml")
    values = context(repo)
    recorded = json.loads(hf_day())
    with recorded_server() as server:
        server.routes["/api/daily_papers"] = Answer(hf_day())
        hf = {HF_ENV: server.url}
        fetched, _ = run_step(repo, step_named(daily, "fetch", "Fetch new papers"), values, hf)
        assert fetched.returncode == 0, fetched.stderr
        assert f"{len(recorded)} papers" in fetched.stdout
        commit = step_named(daily, "fetch", "Commit and push the new papers")
        pushed, outputs = run_step(repo, commit, values, {})
        assert pushed.returncode == 0, pushed.stderr
        remote = git(repo["project"], "--git-dir", str(repo["bare"]), "rev-parse", "main")
        assert outputs == {"sha": remote} and remote == git(repo["project"], "rev-parse", "HEAD")
        files = git(repo["project"], "--git-dir", str(repo["bare"]), "ls-tree", "-r", "main")
        assert files.count("content/papers/") == len(recorded) + 1  # and the example paper

        fetched, _ = run_step(repo, step_named(daily, "fetch", "Fetch new papers"), values, hf)
        again, outputs = run_step(repo, commit, values, {})
    assert again.returncode == 0 and "No new papers or upvotes." in again.stdout
    assert outputs == {"sha": remote}
    assert git(repo["project"], "--git-dir", str(repo["bare"]), "rev-parse", "main") == remote

    for name in ("Build the site", "Check links, ids, titles and feeds"):
        done, _ = run_step(repo, step_named(daily, "build", name), values, {})
        assert done.returncode == 0, done.stdout + done.stderr
    site = repo["project"] / "site"
    listed = {item["paper"]["submittedOnDailyAt"][:10] for item in recorded}
    assert listed <= {p.name for p in (site / "digest").iterdir() if p.is_dir()}
    assert (site / "digest" / "feed.xml").is_file()


def test_a_submission_becomes_a_pull_request(repo: dict[str, Any]) -> None:
    submit = workflow(repo, "submit.yml")
    values = {**context(repo), "${{ github.event.issue.number }}": "7"}
    body = (ISSUES / "submission.md").read_text(encoding="utf-8")
    values["${{ github.event.issue.body }}"] = body
    outputs = run_submission(repo, submit, values)

    assert outputs["status"] == "created"
    for key in ("path", "title", "note"):
        values[f"${{{{ steps.submit.outputs.{key} }}}}"] = outputs[key]
    opened, _ = run_step(
        repo, step_named(submit, "submit", "Open a pull request with the paper"), values, {}
    )
    assert opened.returncode == 0, opened.stderr
    branch = "submission/issue-7"
    files = git(
        repo["project"], "--git-dir", str(repo["bare"]), "ls-tree", "-r", "--name-only", branch
    )
    assert outputs["path"] in files.splitlines()
    view, create = gh_calls(repo)
    assert view == ["pr", "view", branch]
    assert create[:7] == ["pr", "create", "--base", "main", "--head", branch, "--title"]
    assert create[7] == f"Add paper: {outputs['title']}"
    assert create[8] == "--body" and "A calibrated take on DPO; worth a read." in create[9]
    assert f"Adds `{outputs['path']}`, submitted in #7." in create[9]


def test_a_submission_that_is_no_id_gets_a_comment_and_runs_nothing(repo: dict[str, Any]) -> None:
    submit = workflow(repo, "submit.yml")
    values = {**context(repo), "${{ github.event.issue.number }}": "8"}
    body = "### arXiv id or URL\n\n$(touch${IFS}pwned)\n\n### Topics\n\n_No response_\n"
    values["${{ github.event.issue.body }}"] = body
    outputs = run_submission(repo, submit, values)

    assert outputs["status"] == "not-arxiv-id"
    values["${{ steps.submit.outputs.message }}"] = outputs["message"]
    said, _ = run_step(
        repo, step_named(submit, "submit", "Say why the paper could not be added"), values, {}
    )
    assert said.returncode == 0, said.stderr
    [comment] = gh_calls(repo)
    assert comment[:3] == ["issue", "comment", "8"]
    said_text = "Paperboard could not add this paper: `$(touch${IFS}pwned)` is not an arXiv id"
    assert comment[4].startswith(said_text)
    assert not (repo["project"] / "pwned").exists()


def run_submission(
    repo: dict[str, Any], submit: dict[str, Any], values: dict[str, str]
) -> dict[str, str]:
    """The body and submit steps, in order; the submit step's outputs."""
    wrote, _ = run_step(
        repo, step_named(submit, "submit", "Write the issue body to a file"), values, {}
    )
    assert wrote.returncode == 0, wrote.stderr
    with recorded_server() as server:
        server.routes["/api/query"] = Answer((ARXIV / "one_paper.xml").read_bytes())
        added, outputs = run_step(
            repo, step_named(submit, "submit", "Add the paper"), values, {API_ENV: server.url}
        )
    assert step_named(submit, "submit", "Add the paper")["continue-on-error"] is True
    assert (added.returncode == 0) == (outputs["status"] == "created"), added.stderr
    return outputs


def hf_day() -> bytes:
    return shared_path(
        "realdata", "hf-daily-paper-newsletter-chinese", "Paper_metadata_download", f"{DAY}.json"
    ).read_bytes()


DAILY_FILES = {
    ".github/workflows/daily.yml",
    ".github/workflows/submit.yml",
    ".github/ISSUE_TEMPLATE/submit-paper.yml",
}


def test_only_init_daily_writes_the_daily_files_and_sources(tmp_path: Path) -> None:
    plain = {path.as_posix() for path in skeleton_files()}
    assert plain & DAILY_FILES == set() and not any(p.startswith("daily/") for p in plain)
    result = CliRunner().invoke(main, ["init", "--daily", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    for path in DAILY_FILES:
        assert f"created  {path}" in result.stdout
    config = (tmp_path / "new" / "paperboard.toml").read_text(encoding="utf-8")
    assert tomllib.loads(config)["sources"] == [{"kind": "hf-daily", "days": 1}]


def test_init_daily_in_a_project_keeps_its_settings_and_says_so(tmp_path: Path) -> None:
    init_project(tmp_path / "old")
    result = CliRunner().invoke(main, ["init", "--daily", "--force", str(tmp_path / "old")])
    assert result.exit_code == 0, result.output
    assert "kept     paperboard.toml" in result.stdout
    assert "add a [[sources]] table to it" in result.stdout
    assert all((tmp_path / "old" / path).is_file() for path in DAILY_FILES)

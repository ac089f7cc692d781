"""Every GitHub workflow, this repository's and the one `init` writes, is valid and safe.

Validity is GitHub's workflow schema (check-jsonschema's vendored copy); safety
is zizmor's offline audits (unpinned actions, broad permissions, persisted
credentials, template injection...). Both are the real tools from the test
extra, run as a developer would; nothing above an informational finding passes.
Each action is pinned by commit with its release in a comment, and one action
is pinned to the same commit everywhere, so an update cannot miss a file.
"""

from __future__ import annotations

import json
import re
import subprocess
import sysconfig
from pathlib import Path

import pytest
from conftest import REPO

from generator.publish.scaffold import init_project

REPO_WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)(?P<rest>.*)$")
SHA = re.compile(r"^[0-9a-f]{40}$")
RELEASE_COMMENT = re.compile(r"^\s+#\s+v\d+(?:\.\d+){0,2}$")
BAD_WORKFLOW = """\
on: push
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - run: echo "${{ github.event.head_commit.message }}"
  other:
    runs-on: ubuntu-latest
    steps:
      - run: "true"
"""
"""The faults zizmor found in this repository's first Pages workflow, in small."""


def tool(name: str) -> str:
    """A console script of this environment's test extra (the venv need not be on PATH)."""
    path = Path(sysconfig.get_path("scripts")) / name
    if not path.is_file():
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return str(path)


@pytest.fixture(scope="module")
def daily_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh `init --daily`: the Pages workflow, the daily and submission ones, the form."""
    project = tmp_path_factory.mktemp("init") / "papers"
    init_project(project, daily=True)
    return project


@pytest.fixture(scope="module")
def all_workflows(daily_project: Path) -> list[Path]:
    """The repository's workflows and those a fresh `init --daily` writes."""
    written = sorted((daily_project / ".github" / "workflows").glob("*.yml"))
    assert [path.name for path in written] == ["daily.yml", "pages.yml", "submit.yml"]
    return [*REPO_WORKFLOWS, *written]


def test_the_submission_form_matches_githubs_issue_form_schema(daily_project: Path) -> None:
    form = daily_project / ".github" / "ISSUE_TEMPLATE" / "submit-paper.yml"
    command = [tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms"]
    result = subprocess.run([*command, str(form)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_repository_has_its_pages_and_release_workflows() -> None:
    assert {path.name for path in REPO_WORKFLOWS} == {"pages.yml", "release.yml"}


def test_every_workflow_matches_githubs_schema(all_workflows: list[Path]) -> None:
    command = [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    result = subprocess.run(
        [*command, *map(str, all_workflows)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_zizmor_finds_nothing_above_informational(all_workflows: list[Path]) -> None:
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--format", "json", *map(str, all_workflows)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings = json.loads(result.stdout)
    serious = [
        f"{f['ident']} ({f['determinations']['severity']}): "
        f"{f['locations'][0]['concrete']['feature'].strip()}"
        for f in findings
        if f["determinations"]["severity"] not in ("Informational", "Unknown")
    ]
    assert serious == []


def test_zizmor_reports_a_workflow_it_should_refuse(tmp_path: Path) -> None:
    """The audit above can fail: the old workflow's faults are all found."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    found = {f["ident"] for f in json.loads(result.stdout)}
    assert {"unpinned-uses", "excessive-permissions", "artipacked", "template-injection"} <= found


def pins(path: Path) -> list[tuple[str, str, str]]:
    """(action, ref, what follows it) for every `uses:` line of a workflow."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [PINNED.match(line) for line in lines]
    return [(m["action"], m["ref"], m["rest"]) for m in found if m]


def test_actions_are_pinned_by_commit_with_the_release_named(all_workflows: list[Path]) -> None:
    seen: dict[str, set[tuple[str, str]]] = {}
    for path in all_workflows:
        for action, ref, rest in pins(path):
            assert SHA.match(ref), f"{path.name}: {action}@{ref} is not a commit"
            assert RELEASE_COMMENT.match(rest), f"{path.name}: {action} has no `# vX.Y.Z`"
            seen.setdefault(action, set()).add((ref, rest.strip()))
    assert {"actions/checkout", "actions/deploy-pages", "pypa/gh-action-pypi-publish"} <= set(seen)
    assert {action: refs for action, refs in seen.items() if len(refs) > 1} == {}

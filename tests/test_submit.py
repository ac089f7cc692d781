"""`paperboard submit --from-issue`: a recorded submission-form body against a real HTTP server
on 127.0.0.1 that answers with recorded arXiv responses (tests/fixtures/arxiv/)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import Project
from recorded_server import Answer, Recorded, recorded_server

from generator.authoring.arxiv_client import API_ENV, RETRIES_ENV
from generator.authoring.submit import IssueForm, MalformedIssue, parse_issue_form
from generator.cli import main

ARXIV = Path(__file__).parent / "fixtures" / "arxiv"
ISSUES = Path(__file__).parent / "fixtures" / "issues"
FORM = "### arXiv id or URL\n\n{ref}\n\n### Topics\n\n_No response_\n\n### Note\n\n_No response_\n"


@pytest.fixture
def arxiv() -> Iterator[Recorded]:
    with recorded_server() as server:
        server.routes["/api/query"] = Answer(
            (ARXIV / "one_paper.xml").read_bytes(), content_type="application/atom+xml"
        )
        yield server


def submit(project: Project, issue: Path, server_url: str, **env: str) -> tuple[Result, dict]:
    result_file = project.root.parent / "result.json"
    args = ["--from-issue", str(issue), "--result", str(result_file)]
    result = CliRunner().invoke(
        main,
        ["submit", *args, "--source", str(project.root)],
        env={API_ENV: server_url, RETRIES_ENV: "0", **env},
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result, json.loads(result_file.read_text(encoding="utf-8"))


def issue(tmp_path: Path, ref: str) -> Path:
    path = tmp_path / "issue.md"
    path.write_text(FORM.format(ref=ref), encoding="utf-8")
    return path


def test_a_recorded_submission_becomes_a_paper_file(project: Project, arxiv: Recorded) -> None:
    result, outcome = submit(project, ISSUES / "submission.md", arxiv.url)

    assert result.exit_code == 0, result.output
    path = project.root / outcome["path"]
    assert result.stdout == f"added {outcome['path']}\n"
    assert outcome["status"] == "created" and outcome["arxiv"] == "2403.01234v2"
    assert outcome["title"].startswith("Calibrated Preference Optimization")
    assert outcome["note"] == "A calibrated take on DPO; worth a read."
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["arxiv"] == "2403.01234v2"
    assert meta["topics"] == ["Fairness", "Preference Optimization"]
    assert "id_list=2403.01234v2" in arxiv.requests[0][0]
    assert project.build().exit_code == 0


def test_a_paper_already_on_the_board_is_a_duplicate(project: Project, arxiv: Recorded) -> None:
    submit(project, ISSUES / "submission.md", arxiv.url)
    result, outcome = submit(project, ISSUES / "bare.md", arxiv.url)

    assert result.exit_code == 3
    assert outcome["status"] == "duplicate"
    assert outcome["message"].startswith("2403.01234 is already on the board: content/papers/")
    assert result.stderr == f"error: {outcome['message']}\n"
    assert len(list((project.root / "content" / "papers").glob("*.md"))) == 1


def test_an_id_arxiv_does_not_know_is_one_line(project: Project, tmp_path: Path) -> None:
    with recorded_server() as server:
        server.routes["/api/query"] = Answer((ARXIV / "no_results.xml").read_bytes())
        result, outcome = submit(project, issue(tmp_path, "2403.99999"), server.url)

    assert result.exit_code == 4
    assert outcome["status"] == "unknown-id"
    assert result.stderr == "error: arXiv has no paper 2403.99999 (check the id)\n"
    assert not (project.root / "content" / "papers").exists()


@pytest.mark.parametrize(
    ("ref", "code", "status", "said"),
    [
        ("abc", 5, "not-arxiv-id", "`abc` is not an arXiv id"),
        ("_No response_", 6, "malformed", "the `arXiv id or URL` answer is empty"),
        ("2403.01234 2402.00007", 6, "malformed", "should be one id or URL"),
    ],
)
def test_an_answer_that_is_no_id_is_refused_before_asking(
    project: Project, arxiv: Recorded, tmp_path: Path, ref: str, code: int, status: str, said: str
) -> None:
    result, outcome = submit(project, issue(tmp_path, ref), arxiv.url)

    assert result.exit_code == code
    assert outcome["status"] == status and said in outcome["message"]
    assert len(result.stderr.splitlines()) == 1 and said in result.stderr
    assert arxiv.requests == []


def test_a_body_that_is_not_the_form_is_malformed(
    project: Project, arxiv: Recorded, tmp_path: Path
) -> None:
    body = tmp_path / "issue.md"
    body.write_text("Please add 2403.01234, thanks!\n", encoding="utf-8")
    result, outcome = submit(project, body, arxiv.url)

    assert result.exit_code == 6 and outcome["status"] == "malformed"
    assert "has no `### arXiv id or URL` section" in result.stderr
    assert "Traceback" not in result.output


def test_arxiv_out_of_reach_is_one_line(project: Project, tmp_path: Path) -> None:
    result, outcome = submit(project, issue(tmp_path, "2403.01234"), "http://127.0.0.1:9")

    assert result.exit_code == 1 and outcome["status"] == "failed"
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "cannot get an answer from the arXiv API at" in lines[0]


def test_the_outcome_goes_to_github_output_one_line_per_value(
    project: Project, arxiv: Recorded, tmp_path: Path
) -> None:
    body = tmp_path / "issue.md"
    body.write_text(
        FORM.format(ref="2403.01234").replace(
            "### Note\n\n_No response_", "### Note\n\nnice\nstatus=created\npath=/etc/passwd"
        ),
        encoding="utf-8",
    )
    output = tmp_path / "github_output"
    result, _ = submit(project, body, arxiv.url, GITHUB_OUTPUT=str(output))

    assert result.exit_code == 0, result.output
    lines = output.read_text(encoding="utf-8").splitlines()
    names = [line.partition("=")[0] for line in lines]
    assert names == ["status", "message", "path", "arxiv", "title", "note"]
    assert lines[0] == "status=created"
    assert lines[-1] == "note=nice status=created path=/etc/passwd"


@pytest.mark.parametrize(
    ("body", "form"),
    [
        (FORM.format(ref="arXiv:2403.01234"), IssueForm("arXiv:2403.01234")),
        (
            "### arXiv id or URL\r\n\r\n 2403.01234 \r\n\r\n### Topics\r\n\r\na, b\nc\r\n",
            IssueForm("2403.01234", ("a", "b", "c")),
        ),
        ("### ARXIV ID OR URL\n\nx\n\n### Other\n\n_No response_\n", IssueForm("x")),
        ("### Note\n\nhi\n\n### arXiv id or URL\n\n1\n", IssueForm("1", note="hi")),
    ],
)
def test_form_bodies_are_read_by_their_headings(body: str, form: IssueForm) -> None:
    assert parse_issue_form(body) == form


@pytest.mark.parametrize("body", ["", "2403.01234", "### Topics\n\nx\n", "### arXiv id or URL\n"])
def test_bodies_without_an_id_are_malformed(body: str) -> None:
    with pytest.raises(MalformedIssue):
        parse_issue_form(body)

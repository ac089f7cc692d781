"""`paperboard submit --from-issue FILE`: a reader's submission issue becomes a paper file.

GitHub writes an issue form's answers as Markdown: a `### Label` heading per
field, then the answer, or `_No response_` for an optional field left empty.
The arXiv id is read from it and added exactly as `paperboard add` adds one
(the arXiv client, topics, dedupe). The outcome is a `Submission`: a status
the submission workflow branches on, one line to show the reader, and the
paper file to open a pull request with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from generator.authoring.arxiv_client import ArxivClient
from generator.authoring.commands import AuthoringOptions, Report, add_from_arxiv
from generator.content.arxiv_ids import NotAnArxivId, parse_arxiv_ref
from generator.errors import Diagnostic, PaperboardError, display_path

ID_FIELD = "arXiv id or URL"
TOPICS_FIELD = "Topics"
NOTE_FIELD = "Note"
NO_RESPONSE = "_No response_"
"""What GitHub writes for an optional field left empty."""
_HEADING = re.compile(r"^###[ \t]+(?P<label>.+?)[ \t]*$", re.MULTILINE)
_LIST_SPLIT = re.compile(r"[,\n]")

Status = Literal["created", "duplicate", "unknown-id", "not-arxiv-id", "malformed", "failed"]
EXIT_CODES: Mapping[Status, int] = {
    "created": 0,
    "failed": 1,
    "duplicate": 3,
    "unknown-id": 4,
    "not-arxiv-id": 5,
    "malformed": 6,
}
"""The exit status of each outcome (2 stays click's usage error)."""


class MalformedIssue(ValueError):
    """The issue body is not the submission form's."""


@dataclass(frozen=True, slots=True)
class IssueForm:
    """The answers of one submission issue."""

    ref: str
    """What the reader wrote as the arXiv id or URL, unchecked."""
    topics: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Submission:
    """What came of a submission: for the workflow (as JSON) and for the reader (`message`)."""

    status: Status
    message: str
    """One line."""
    path: str = ""
    """The paper file written (created) or already holding the paper (duplicate), relative to
    the project; empty otherwise."""
    arxiv: str = ""
    title: str = ""
    note: str = ""

    @property
    def exit_code(self) -> int:
        """The command's exit status."""
        return EXIT_CODES[self.status]

    def as_json(self) -> dict[str, str]:
        """The result file's fields."""
        return {key: str(value) for key, value in asdict(self).items()}


def parse_issue_form(body: str) -> IssueForm:
    """The answers of a submission form; MalformedIssue when the id is missing or not one line."""
    fields = issue_fields(body)
    if ID_FIELD.casefold() not in fields:
        raise MalformedIssue(f"the issue has no `### {ID_FIELD}` section")
    ref = fields[ID_FIELD.casefold()]
    if not ref:
        raise MalformedIssue(f"the `{ID_FIELD}` answer is empty")
    if len(ref.split()) > 1:
        raise MalformedIssue(f"the `{ID_FIELD}` answer should be one id or URL, not several words")
    topics = tuple(
        t.strip() for t in _LIST_SPLIT.split(fields.get(TOPICS_FIELD.casefold(), "")) if t.strip()
    )
    note = " ".join(fields.get(NOTE_FIELD.casefold(), "").split())
    return IssueForm(ref, topics, note)


def issue_fields(body: str) -> dict[str, str]:
    """`### Label` sections of an issue form body: casefolded label -> answer ("" if none)."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    headings = list(_HEADING.finditer(text))
    fields: dict[str, str] = {}
    for number, heading in enumerate(headings):
        end = headings[number + 1].start() if number + 1 < len(headings) else len(text)
        answer = text[heading.end() : end].strip()
        fields[heading["label"].casefold()] = "" if answer == NO_RESPONSE else answer
    return fields


def submit_from_issue(body: str, root: Path, client: ArxivClient) -> Submission:
    """Add the paper an issue names, as `paperboard add` would; never raises for a user error."""
    try:
        form = parse_issue_form(body)
    except MalformedIssue as exc:
        hint = f"use the submission form: a `### {ID_FIELD}` section with one id"
        return Submission("malformed", f"{exc}; {hint}")
    try:
        arxiv = parse_arxiv_ref(form.ref)
    except NotAnArxivId as exc:
        return Submission("not-arxiv-id", str(exc), note=form.note)
    try:
        report = add_from_arxiv([arxiv], AuthoringOptions(root, form.topics), client)
    except PaperboardError as exc:
        return Submission("failed", _said(exc.diagnostics[0]), arxiv=arxiv)
    return _outcome(report, root, arxiv, form.note)


def _outcome(report: Report, root: Path, arxiv: str, note: str) -> Submission:
    """The first outcome of the one id asked for, or why there was none."""
    for outcome in report.outcomes:
        where = Path(display_path(outcome.path, root)).as_posix()
        if outcome.status == "created":
            return Submission("created", f"added {where}", where, arxiv, outcome.title, note)
        message = f"{arxiv} is already on the board: {where} ({outcome.reason})"
        return Submission("duplicate", message, where, arxiv, outcome.title, note)
    problem = report.failed[0] if report.failed else None
    message = _said(problem) if problem else f"arXiv gave nothing for {arxiv}"
    unknown = problem is not None and problem.message.startswith("arXiv has no paper")
    return Submission("unknown-id" if unknown else "failed", message, arxiv=arxiv, note=note)


def _said(problem: Diagnostic) -> str:
    """A problem as the reader's one line: its message and hint, no severity or file."""
    return _one_line(f"{problem.message} ({problem.hint})" if problem.hint else problem.message)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def github_output(submission: Submission) -> str:
    """`name=value` lines for `$GITHUB_OUTPUT`, every value on one line.

    A value holds text from the issue or from arXiv; folding it onto one line
    keeps it from adding outputs of its own.
    """
    return "".join(f"{key}={_one_line(value)}\n" for key, value in submission.as_json().items())

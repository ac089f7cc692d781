"""`paperboard add` and the arXiv client against a real HTTP server on 127.0.0.1.

The server answers with recorded Atom responses (tests/fixtures/arxiv/), in
the order a test plans them, and records every request it gets.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import Project, text_of
from shared_data import shared_path

from generator.authoring.arxiv_client import (
    API_ENV,
    RETRIES_ENV,
    ArxivClient,
    ArxivUnavailable,
    ClientSettings,
)
from generator.authoring.commands import AuthoringOptions, add_from_arxiv
from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "arxiv"
RECORDED = ("realdata", "arxiv-py-fixtures", "tests", "fixtures")
"""Responses of the real arXiv API, recorded by another project, under ../shared/."""


@dataclass
class Reply:
    """One planned answer: a status, a fixture (or raw body), and a delay before it."""

    status: int = 200
    fixture: str = ""
    delay: float = 0.0


@dataclass
class ArxivServer:
    """The planned replies (the last one repeats) and the requests received."""

    url: str = ""
    plan: list[Reply] = field(default_factory=list)
    requests: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)

    def next_reply(self) -> Reply:
        return self.plan.pop(0) if len(self.plan) > 1 else self.plan[0]

    def ids(self, number: int) -> list[str]:
        query = urllib.parse.urlsplit(self.requests[number][1]).query
        return urllib.parse.parse_qs(query)["id_list"][0].split(",")


@pytest.fixture
def arxiv() -> Iterator[ArxivServer]:
    """A live server on an ephemeral port."""
    state = ArxivServer()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((time.monotonic(), self.path, dict(self.headers)))
            reply = state.next_reply()
            time.sleep(reply.delay)
            body = (FIXTURES / reply.fixture).read_bytes() if reply.fixture else b"busy"
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/atom+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting: that is what a timeout test wants

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def fast(url: str, **changes: float) -> ArxivClient:
    """A client with short waits, so the retry tests take a fraction of a second."""
    values = {"timeout": 2.0, "retries": 2, "backoff": 0.05, "spacing": 0.05, **changes}
    return ArxivClient(ClientSettings(base_url=url, **values))  # type: ignore[arg-type]


def front_matter(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def add(project: Project, server: ArxivServer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["add", *args, "--source", str(project.root)], env={API_ENV: server.url}
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_add_writes_the_paper_from_the_api(project: Project, arxiv: ArxivServer) -> None:
    project.write(
        "content/topics/preference-optimization.md",
        '---\ntitle: "Preference Optimization"\nkeywords: [dpo, rlhf, preference optimization]\n'
        "---\n\nAlignment.\n",
    )
    arxiv.plan = [Reply(200, "one_paper.xml")]
    code, out, err = add(project, arxiv, "arXiv:2403.01234")
    assert code == 0, err
    assert "1 created, 0 skipped as duplicate, 0 failed" in out
    meta = front_matter(project.root / "content/papers" / out.split()[1].split("/")[-1])
    assert meta["title"] == (
        "Calibrated Preference Optimization: Aligning Language Models with "
        "$\\beta$-Weighted Rewards & Human Feedback"
    )
    assert meta["authors"] == ["Ada Lovelace", "Émile Borel", "Zoë Ng-Müller"]
    assert str(meta["date"]) == "2024-03-02"  # the first version's, not the update's
    assert meta["arxiv"] == "2403.01234"
    assert meta["links"] == {
        "pdf": "https://arxiv.org/pdf/2403.01234",
        "doi": "https://doi.org/10.1234/cpo.2024.5678",
    }
    assert meta["venue"] == "Proceedings of ICML 2024, PMLR 235"
    assert meta["topics"][0] == "preference-optimization"
    assert arxiv.ids(0) == ["2403.01234"]
    assert arxiv.requests[0][2]["User-Agent"].startswith("paperboard/")
    assert project.build().exit_code == 0


def test_topics_fall_back_to_the_primary_category(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "one_paper.xml")]
    code, _, _ = add(project, arxiv, "https://arxiv.org/abs/2403.01234")
    meta = front_matter(next((project.root / "content/papers").glob("*.md")))
    assert code == 0 and meta["topics"] == ["Machine Learning"]


def test_the_fallback_topic_gets_a_placeholder_file(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "one_paper.xml")]
    code, out, _ = add(project, arxiv, "2403.01234")
    topic = project.root / "content/topics/machine-learning.md"
    assert code == 0 and "created topic content/topics/machine-learning.md" in out
    assert front_matter(topic) == {"title": "Machine Learning", "placeholder": True}
    assert "paperboard add" in topic.read_text(encoding="utf-8")
    result = project.build("--strict", "--base-url", "https://example.org/")
    assert result.exit_code == 0, result.output
    assert [text_of(a) for a in project.page("topics/").xpath("//main//h2/a")] == [
        "Fairness",
        "Machine Learning",
    ]


def test_several_ids_in_batches_keep_the_spacing(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "two_papers.xml"), Reply(200, "one_paper.xml")]
    client = fast(arxiv.url, spacing=0.3, batch_size=2)
    refs = ["2402.00007v1", "https://arxiv.org/pdf/hep-th/9901001", "arXiv:2403.01234"]
    report = add_from_arxiv(refs, AuthoringOptions(project.root), client)
    assert [len(report.created), len(report.failed)] == [3, 0]
    assert arxiv.ids(0) == ["2402.00007v1", "hep-th/9901001"]
    assert arxiv.ids(1) == ["2403.01234"]
    assert arxiv.requests[1][0] - arxiv.requests[0][0] >= 0.3 * 0.9
    arxiv_ids = sorted(str(front_matter(o.path)["arxiv"]) for o in report.created)
    assert arxiv_ids == ["2402.00007v1", "2403.01234", "hep-th/9901001"]


def test_an_unknown_id_is_reported_and_nothing_written(
    project: Project, arxiv: ArxivServer
) -> None:
    arxiv.plan = [Reply(200, "no_results.xml")]
    code, out, err = add(project, arxiv, "2403.99999")
    assert code == 1
    assert "error: arXiv has no paper 2403.99999 (check the id)" in err
    assert "0 created, 0 skipped as duplicate, 1 failed" in out
    assert not (project.root / "content/papers").exists()


def test_a_withdrawn_paper_is_reported(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "withdrawn.xml")]
    code, _, err = add(project, arxiv, "2301.05555")
    assert code == 1
    assert "2301.05555v3 was withdrawn by its authors" in err
    assert "Traceback" not in err


def test_an_api_error_feed_is_shown(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(400, "malformed_id.xml")]
    # Shaped like an id (January 2007) but older than arXiv's new-style ids (April 2007).
    report = add_from_arxiv(["0701.0001"], AuthoringOptions(project.root), fast(arxiv.url))
    assert [d.message for d in report.failed] == ["incorrect id format for 0701.0001"]
    assert len(arxiv.requests) == 1  # a 400 is an answer, not a reason to retry


def test_text_that_is_no_id_is_refused_before_asking(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "one_paper.xml")]
    code, _, err = add(project, arxiv, "abc")
    assert code == 1 and "`abc` is not an arXiv id" in err
    assert arxiv.requests == []


def test_a_server_error_is_retried(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(503), Reply(500), Reply(200, "one_paper.xml")]
    report = add_from_arxiv(["2403.01234"], AuthoringOptions(project.root), fast(arxiv.url))
    assert len(report.created) == 1
    assert len(arxiv.requests) == 3


def test_a_timeout_is_retried_then_reported(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "one_paper.xml", delay=1.0)]
    client = fast(arxiv.url, timeout=0.2, retries=1)
    with pytest.raises(ArxivUnavailable) as caught:
        add_from_arxiv(["2403.01234"], AuthoringOptions(project.root), client)
    message = caught.value.diagnostics[0].format()
    assert "after 2 attempts: no answer within 0.2 s" in message
    assert API_ENV in message
    assert len(arxiv.requests) == 2


def test_a_slow_first_answer_then_a_quick_one(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "one_paper.xml", delay=1.0), Reply(200, "one_paper.xml")]
    report = add_from_arxiv(
        ["2403.01234"], AuthoringOptions(project.root), fast(arxiv.url, timeout=0.2)
    )
    assert len(report.created) == 1


def test_offline_is_one_clear_line(project: Project) -> None:
    url = "http://127.0.0.1:9"  # the discard port: nothing listens there
    env = {API_ENV: url, RETRIES_ENV: "0"}
    result = CliRunner().invoke(main, ["add", "2403.01234", "--source", str(project.root)], env=env)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot get an answer from the arXiv API at" in lines[0]
    assert "Traceback" not in result.output


def test_adding_twice_skips_the_duplicate(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "one_paper.xml")]
    add(project, arxiv, "2403.01234")
    code, out, _ = add(project, arxiv, "2403.01234v2")
    assert code == 0
    assert "0 created, 1 skipped as duplicate, 0 failed" in out
    assert "(same arXiv id)" in out
    assert len(list((project.root / "content/papers").glob("*.md"))) == 1


def test_dry_run_writes_nothing(project: Project, arxiv: ArxivServer) -> None:
    arxiv.plan = [Reply(200, "one_paper.xml")]
    code, out, _ = add(project, arxiv, "2403.01234", "--dry-run")
    assert code == 0 and "1 would be created" in out and "would create content/papers/" in out
    assert not (project.root / "content/papers").exists()


def test_real_recorded_responses_parse(project: Project) -> None:
    from generator.importers.arxiv_atom import parse_feed

    recorded = shared_path(*RECORDED, "id_1605.08386_s0_m100_199195aa31ad.json")
    body = json.loads(recorded.read_text())["body"]
    (entry,) = parse_feed(body)
    assert entry.arxiv.startswith("1605.08386") and entry.authors and entry.categories


def test_a_failed_lookup_keeps_the_example_paper(tmp_path: Path, arxiv: ArxivServer) -> None:
    """`--replace-example` removes init's example only once a paper has taken its place."""
    from generator.publish.scaffold import init_project

    project = Project(tmp_path / "fresh")
    init_project(project.root)
    example = project.root / "content/papers/an-example-paper.md"
    arxiv.plan = [Reply(200, "no_results.xml")]
    code, out, _ = add(project, arxiv, "2403.99999", "--replace-example")
    assert code == 1 and example.exists()
    assert "removed the example" not in out
    arxiv.plan = [Reply(200, "one_paper.xml")]
    code, out, _ = add(project, arxiv, "2403.01234", "--replace-example")
    assert code == 0 and not example.exists()
    assert "removed the example content/papers/an-example-paper.md" in out

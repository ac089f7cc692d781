"""`paperboard fetch` against a real HTTP server on 127.0.0.1 serving recorded responses.

The Hugging Face answers are real `api/daily_papers?date=...` responses saved by
another project (../shared/realdata); the arXiv answers are recorded API feeds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import Project
from recorded_server import Answer, Recorded, recorded_server
from shared_data import shared_path

from generator.authoring.arxiv_client import API_ENV, USER_AGENT, ArxivClient
from generator.authoring.fetch import HF_ENV, Clients, fetch
from generator.authoring.upvotes import update_upvotes
from generator.cli import main

DAY = "2025-07-22"
ARXIV_FIXTURES = Path(__file__).parent / "fixtures" / "arxiv"


def hf_day(day: str) -> bytes:
    return shared_path(
        "realdata", "hf-daily-paper-newsletter-chinese", "Paper_metadata_download", f"{day}.json"
    ).read_bytes()


def front_matter(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def papers(project: Project) -> dict[str, Path]:
    """The paper files by arXiv id."""
    found = {}
    for path in (project.root / "content" / "papers").glob("*.md"):
        found[str(front_matter(path)["arxiv"])] = path
    return found


@pytest.fixture
def server() -> Iterator[Recorded]:
    with recorded_server() as state:
        yield state


def run_fetch(project: Project, server: Recorded) -> tuple[int, str, str]:
    env = {HF_ENV: server.url, API_ENV: server.url}
    result = CliRunner().invoke(main, ["fetch", "--source", str(project.root)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def fast(clients: Clients, timeout: float = 2.0) -> Clients:
    """Short waits, so retries and timeouts take a fraction of a second."""

    def quick(client: ArxivClient) -> ArxivClient:
        settings = replace(client.settings, timeout=timeout, retries=1, backoff=0.01, spacing=0)
        return ArxivClient(settings)

    return Clients(quick(clients.arxiv), quick(clients.hf), quick(clients.feed))


def test_fetch_adds_the_days_papers_then_only_updates_upvotes(
    project: Project, server: Recorded
) -> None:
    recorded = json.loads(hf_day(DAY))
    server.routes[f"/api/daily_papers?date={DAY}"] = Answer(hf_day(DAY))
    project.write(
        "paperboard.toml",
        f'[[sources]]\nkind = "hf-daily"\ndate = {DAY}\ntopics = ["Daily Picks"]\n',
    )

    status, out, err = run_fetch(project, server)

    assert status == 0, err
    written = papers(project)
    assert set(written) == {item["paper"]["id"] for item in recorded}
    first = recorded[0]["paper"]
    meta = front_matter(written[first["id"]])
    assert meta["upvotes"] == first["upvotes"]
    assert meta["listed"] == dt.date.fromisoformat(first["submittedOnDailyAt"][:10])
    assert "Daily Picks" in meta["topics"]  # type: ignore[operator]
    assert front_matter(project.root / "content/topics/daily-picks.md")["title"] == "Daily Picks"
    assert f"hf-daily {DAY}: {len(recorded)} papers" in out
    assert server.requests[0][1]["User-Agent"] == USER_AGENT
    built = CliRunner().invoke(main, ["build", "--source", str(project.root)])
    assert built.exit_code == 0 and "has no file" not in built.stderr, built.output

    before = {key: path.read_bytes() for key, path in written.items()}
    upvotes = first["upvotes"]
    recorded[0]["paper"]["upvotes"] += 7
    recorded[1]["paper"]["title"] = "A title changed upstream"
    server.routes[f"/api/daily_papers?date={DAY}"] = Answer(json.dumps(recorded).encode())

    status, out, err = run_fetch(project, server)

    assert status == 0, err
    assert papers(project).keys() == written.keys()
    assert f"0 created, {len(recorded)} skipped as duplicate (1 with new upvotes)" in out
    changed = written[first["id"]].read_bytes()
    old_line = f"upvotes: {upvotes}\n".encode()
    new_line = f"upvotes: {upvotes + 7}\n".encode()
    assert changed == before[first["id"]].replace(old_line, new_line)
    unchanged = {k: p.read_bytes() for k, p in written.items() if k != first["id"]}
    assert unchanged == {k: v for k, v in before.items() if k != first["id"]}


def test_a_server_error_and_a_timeout_are_one_line_each_and_lose_nothing(
    project: Project, server: Recorded
) -> None:
    server.routes[f"/api/daily_papers?date={DAY}"] = Answer(hf_day(DAY))
    server.routes["/api/daily_papers?date=2025-07-23"] = Answer(b"oops", 500)
    server.routes["/api/query"] = Answer(b"", delay=1.5)
    project.write(
        "paperboard.toml",
        '[[sources]]\nkind = "hf-daily"\ndate = 2025-07-23\n'
        f'[[sources]]\nkind = "arxiv"\nquery = "cat:cs.CL"\nmax = 5\n'
        f'[[sources]]\nkind = "hf-daily"\ndate = {DAY}\n',
    )
    clients = fast(Clients.from_env({HF_ENV: server.url, API_ENV: server.url}), timeout=0.3)

    result = fetch(project.root, clients, dt.date(2025, 7, 23))

    assert len(result.report.created) == len(json.loads(hf_day(DAY)))
    assert len(papers(project)) == len(result.report.created)
    messages = [problem.format(project.root) for problem in result.report.failed]
    assert len(messages) == 2
    assert all("\n" not in message for message in messages)
    assert "the Hugging Face API" in messages[0] and "HTTP 500" in messages[0]
    assert HF_ENV in messages[0]
    assert "the arXiv API" in messages[1] and "no answer within 0.3 s" in messages[1]
    assert [f.failed for f in result.sources] == [1, 1, 0]


def test_the_cli_exits_1_on_a_failed_source_but_keeps_the_others(
    project: Project, server: Recorded
) -> None:
    server.routes[f"/api/daily_papers?date={DAY}"] = Answer(hf_day(DAY))
    server.routes["/api/daily_papers?date=2025-07-21"] = Answer(b"gone", 404)
    project.write(
        "paperboard.toml",
        '[[sources]]\nkind = "hf-daily"\ndate = 2025-07-21\n'
        f'[[sources]]\nkind = "hf-daily"\ndate = {DAY}\n',
    )

    status, _out, err = run_fetch(project, server)

    assert status == 1
    assert err.count("error:") == 1 and "HTTP 404" in err
    assert len(papers(project)) == len(json.loads(hf_day(DAY)))


def test_an_arxiv_search_source_asks_for_the_query_and_writes_its_papers(
    project: Project, server: Recorded
) -> None:
    server.routes["/api/query"] = Answer(
        (ARXIV_FIXTURES / "two_papers.xml").read_bytes(), content_type="application/atom+xml"
    )
    project.write(
        "paperboard.toml",
        '[[sources]]\nkind = "arxiv"\nquery = "cat:cs.CL AND abs:preference"\nmax = 2\n',
    )

    status, _out, err = run_fetch(project, server)

    assert status == 0, err
    path, _ = server.requests[0]
    assert "search_query=cat%3Acs.CL+AND+abs%3Apreference" in path and "max_results=2" in path
    assert len(papers(project)) == 2


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0"><channel>
<title>cs.CL updates on arXiv.org</title>
<item><title>Tokens &amp; Types</title><link>https://arxiv.org/abs/2507.01234</link>
<description>arXiv:2507.01234v1 Announce Type: new
Abstract: We count tokens &lt;and&gt; types.</description>
<guid isPermaLink="false">oai:arXiv.org:2507.01234v1</guid>
<pubDate>Tue, 22 Jul 2025 00:00:00 -0400</pubDate>
<dc:creator>Ada Lovelace, Alan Turing</dc:creator></item>
</channel></rss>
"""


def test_an_rss_feed_source_writes_its_items(project: Project, server: Recorded) -> None:
    server.routes["/rss/cs.CL"] = Answer(RSS.encode(), content_type="application/rss+xml")
    project.write(
        "paperboard.toml",
        f'[[sources]]\nkind = "feed"\nurl = "{server.url}/rss/cs.CL"\ntopics = ["Fairness"]\n',
    )

    status, _out, err = run_fetch(project, server)

    assert status == 0, err
    meta = front_matter(papers(project)["2507.01234"])
    assert meta["title"] == "Tokens & Types"
    assert meta["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert meta["date"] == dt.date(2025, 7, 22)
    assert meta["topics"] == ["Fairness"]
    body = papers(project)["2507.01234"].read_text(encoding="utf-8")
    assert "We count tokens <and> types." in body and "Announce Type" not in body


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[[sources]]\nkind = "hf"\n', "`kind` is 'hf'"),
        ('[[sources]]\nkind = "arxiv"\n', "`query` is missing"),
        ('[[sources]]\nkind = "hf-daily"\ndays = 0\n', "`days` must be a whole number"),
        ('[[sources]]\nkind = "feed"\nurl = "ftp://x"\n', "is not an http(s) URL"),
        ('[[sources]]\nkind = "hf-daily"\nquery = "x"\n', "unknown key `query`"),
        ('title = "Board"\n', "no sources to fetch from"),
    ],
)
def test_a_bad_source_is_one_line_naming_the_table(
    project: Project, server: Recorded, toml: str, expected: str
) -> None:
    project.write("paperboard.toml", "# what fetch reads\n" + toml)

    status, _out, err = run_fetch(project, server)

    assert status == 1
    assert expected in err and "paperboard.toml" in err
    assert len(err.strip().splitlines()) == 1
    if "[[sources]]" in toml:
        assert "paperboard.toml:2:" in err
    assert server.requests == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            b"---\r\ntitle: A\r\nupvotes: 3 # from HF\r\n---\r\nBody\r\n",
            b"---\r\ntitle: A\r\nupvotes: 9 # from HF\r\n---\r\nBody\r\n",
        ),
        (
            b"---\ntitle: A\n# upvotes: 0\n---\n\nBody\n",
            b"---\ntitle: A\n# upvotes: 0\nupvotes: 9\n---\n\nBody\n",
        ),
        (b"---\ntitle: A\nupvotes: many\n---\n", b"---\ntitle: A\nupvotes: many\n---\n"),
        (b"---\ntitle: A\nupvotes: 9\n---\n", b"---\ntitle: A\nupvotes: 9\n---\n"),
    ],
)
def test_update_upvotes_changes_only_the_number(
    tmp_path: Path, before: bytes, after: bytes
) -> None:
    path = tmp_path / "paper.md"
    path.write_bytes(before)

    changed = update_upvotes(path, 9)

    assert path.read_bytes() == after
    assert changed == (before != after)

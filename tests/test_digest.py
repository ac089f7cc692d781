"""`paperboard digest`: the period's papers as a multipart email, written out and sent over SMTP
to a real aiosmtpd server on 127.0.0.1 that keeps what it receives."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from conftest import Project

from generator.cli import main

BASE = "https://example.org/board/"


class Keep:
    """The aiosmtpd handler: every message received, with its envelope."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Keep, int]]:
    keep = Keep()
    with socket.socket() as probe:  # aiosmtpd checks its port by connecting, so not port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(keep, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield keep, port
    finally:
        controller.stop()


@pytest.fixture
def board(project: Project) -> Project:
    project.write(
        "paperboard.toml",
        f'base_url = "{BASE}"\ntitle = "Daily <Board>"\n'
        '[digest]\nunsubscribe = "mailto:leave@example.org"\nsender = "board@example.org"\n'
        'recipients = "a@example.org, b@example.org"\n',
    )
    project.paper(
        "low",
        "Few Votes",
        extra="listed: 2025-03-21\nupvotes: 2\nlinks:\n  pdf: https://arxiv.org/pdf/2503.00001",
    )
    project.paper(
        "high",
        "Many <Votes> & More",
        extra="listed: 2025-03-21\nupvotes: 40\n",
        body="We find things out.",
    )
    project.paper("older", "Yesterday", extra="listed: 2025-03-20\nupvotes: 99\n")
    return project


def digest(project: Project, *args: str, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(
        main, ["digest", *args, "--source", str(project.root)], env=env or {}
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def parts(message: EmailMessage) -> tuple[str, Any]:
    text = message.get_body(("plain",))
    page = message.get_body(("html",))
    assert text is not None and page is not None
    return text.get_content(), lxml.html.fromstring(page.get_content())


def test_send_delivers_a_multipart_digest_to_the_smtp_server(
    board: Project, smtp: tuple[Keep, int]
) -> None:
    keep, port = smtp
    env = {
        "PAPERBOARD_SMTP_HOST": "127.0.0.1",
        "PAPERBOARD_SMTP_PORT": str(port),
        "PAPERBOARD_SMTP_TLS": "none",
    }

    result = digest(board, "--latest", "--send", env=env)

    assert result.exit_code == 0, result.output
    assert "sent to a@example.org, b@example.org" in result.stdout
    [(sender, rcpts, data)] = keep.received
    assert sender == "board@example.org" and rcpts == ["a@example.org", "b@example.org"]
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message.get_content_type() == "multipart/alternative"
    assert message["List-Unsubscribe"] == "<mailto:leave@example.org>"
    assert message["Subject"] == "Daily <Board>: papers of 21 March 2025"
    text, page = parts(message)
    assert text.index("Many <Votes> & More") < text.index("Few Votes")
    assert "Yesterday" not in text
    assert f"{BASE}papers/high/" in text
    titles = [a.text_content() for a in page.xpath("//a[contains(@href, '/papers/')]")]
    assert titles == ["Many <Votes> & More", "Few Votes"]
    hrefs = page.xpath("//a/@href")
    assert hrefs and all(h.startswith(("https://", "mailto:")) for h in hrefs)
    assert "https://arxiv.org/pdf/2503.00001" in hrefs
    assert page.xpath("//style") == [] and page.xpath("//link[@rel='stylesheet']") == []
    assert "We find things out." in page.text_content()


def test_output_writes_the_parts_for_a_week(board: Project, tmp_path: Path) -> None:
    result = digest(board, "--week", "2025-W12", "--output", str(tmp_path / "out"))

    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "digest.txt").read_text(encoding="utf-8")
    assert text.index("Yesterday") < text.index("Many <Votes> & More")
    page = lxml.html.fromstring((tmp_path / "out" / "digest.html").read_text(encoding="utf-8"))
    assert page.xpath("//h1")[0].text_content() == "Daily <Board>"
    message = email.message_from_bytes(
        (tmp_path / "out" / "digest.eml").read_bytes(), policy=email.policy.default
    )
    assert message.get_content_type() == "multipart/alternative"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--day", "2025-03-22"], "no papers on day 2025-03-22"),
        (["--latest", "--send"], "PAPERBOARD_SMTP_HOST is not set"),
    ],
)
def test_a_digest_that_cannot_be_made_is_one_line(
    board: Project, args: list[str], expected: str
) -> None:
    result = digest(board, *args)

    assert result.exit_code == 1
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_relative_base_url_is_refused_since_email_links_must_be_absolute(
    project: Project,
) -> None:
    project.paper("one", "One", extra="listed: 2025-03-21\n")

    result = digest(project, "--latest")

    assert result.exit_code == 1 and "must be absolute" in result.stderr


def test_the_smtp_server_refusing_is_one_line(board: Project, smtp: tuple[Keep, int]) -> None:
    _, port = smtp
    env = {"PAPERBOARD_SMTP_HOST": "127.0.0.1", "PAPERBOARD_SMTP_PORT": str(port)}

    result = digest(board, "--latest", "--send", env=env)  # starttls, which it does not offer

    assert result.exit_code == 1
    assert "cannot send the digest through 127.0.0.1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

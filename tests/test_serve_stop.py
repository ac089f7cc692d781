"""A real `paperboard serve` process stops clean, and rude clients are quiet.

SIGTERM while Pagefind indexes the live folder (right after an edit) must
leave no live folder and no Pagefind process; a client that disconnects
before reading its reply prints nothing; an idle connection is closed.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, Project

from generator.serve.http_server import IDLE_TIMEOUT
from generator.serve.session import LIVE_PREFIX, live_parent

pytestmark = pytest.mark.slow


@dataclass
class Served:
    process: subprocess.Popen[str]
    host: str
    port: int


@pytest.fixture
def served(project: Project) -> Iterator[Served]:
    for number in range(60):
        project.paper(f"p{number}", f"Paper {number}", body="Words and words. " * 200)
    command = [sys.executable, "-m", "generator", "serve", "--port", "0"]
    process = subprocess.Popen(
        [*command, "--source", str(project.root)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        found = re.search(r"Serving (http://\S+)", line)
        if found:
            url = urlsplit(found.group(1))
            break
    assert url.hostname is not None and url.port is not None
    yield Served(process, url.hostname, url.port)
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def command_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return True
    return state == "Z"


def test_sigterm_while_pagefind_indexes_leaves_nothing_behind(
    served: Served, project: Project
) -> None:
    pid = served.process.pid
    pagefind: list[int] = []
    for attempt in range(20):
        project.paper("p0", f"Edited {attempt}", body="New words. " * 200)
        deadline = time.monotonic() + 10
        while not pagefind and time.monotonic() < deadline:
            pagefind = [c for c in children(pid) if "pagefind" in command_name(c)]
            time.sleep(0.005)
        if pagefind:
            break
    assert pagefind, "Pagefind never ran after an edit"
    served.process.send_signal(signal.SIGTERM)
    served.process.wait(timeout=30)
    assert all(gone(child) for child in pagefind)
    assert not list(live_parent().glob(f"{LIVE_PREFIX}{pid}-*"))


def test_a_client_that_disconnects_early_and_an_idle_one_are_quiet(served: Served) -> None:
    for _ in range(20):
        with socket.create_connection((served.host, served.port)) as early:
            early.sendall(b"GET /search/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            early.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
    with socket.create_connection((served.host, served.port)) as idle:
        idle.settimeout(IDLE_TIMEOUT * 3)
        assert idle.recv(1) == b""
    served.process.send_signal(signal.SIGTERM)
    _, stderr = served.process.communicate(timeout=30)
    assert "Traceback" not in stderr
    assert "Error" not in stderr

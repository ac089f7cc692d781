"""Clients for `serve` tests: plain HTTP, the reload event stream, a served process."""

from __future__ import annotations

import http.client
import os
import queue
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from conftest import parse_html

WAIT = 30.0
"""Generous: only reached when something is broken."""


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def html(self):  # type: ignore[no-untyped-def]
        return parse_html(self.body)

    def version(self) -> str:
        """The site version the page was served at, from the injected script."""
        scripts = self.html().xpath("//script[@data-paperboard-live]")
        assert len(scripts) == 1
        return str(scripts[0].get("data-version"))


def request(url: str, path: str, headers: dict[str, str] | None = None) -> Response:
    """GET `path` (sent as written, no normalising) from the server at `url`."""
    split = urlsplit(url)
    conn = http.client.HTTPConnection(split.hostname, split.port, timeout=WAIT)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        conn.close()


class EventStream:
    """The reload channel, as a page served at `version` opens it."""

    def __init__(self, url: str, version: str, headers: dict[str, str] | None = None) -> None:
        split = urlsplit(url)
        self.conn = http.client.HTTPConnection(split.hostname, split.port, timeout=WAIT)
        self.conn.request("GET", f"/__paperboard/events?version={version}", headers=headers or {})
        self.response = self.conn.getresponse()

    def next(self) -> tuple[str, str]:
        """The next event's name and data (comments and `retry` skipped)."""
        name, data = "", []
        while True:
            line = self.response.readline().decode()
            assert line, "the stream ended"
            line = line.rstrip("\n")
            if line.startswith("event: "):
                name = line[len("event: ") :]
            elif line.startswith("data: "):
                data.append(line[len("data: ") :])
            elif line == "" and name:
                return name, "\n".join(data)

    def close(self) -> None:
        self.conn.close()


class ServeProcess:
    """`paperboard serve` in a real process; its output lines land in queues."""

    def __init__(self, root: Path, *args: str, env: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-m", "generator", "serve", "--source", str(root)]
        self.process = subprocess.Popen(
            [*command, "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        self.pumps = [
            threading.Thread(target=_pump, args=(stream, lines), daemon=True)
            for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err))
        ]
        for pump in self.pumps:
            pump.start()
        self.url = self.wait_for(self.out, r"Serving (http://\S+)").group(1)

    def wait_for(self, lines: queue.Queue[str], pattern: str) -> re.Match[str]:
        """Read lines until one matches."""
        while True:
            line = lines.get(timeout=WAIT)
            found = re.search(pattern, line)
            if found:
                return found

    def errors_until(self, pattern: str) -> list[str]:
        """stderr lines up to and including the first that matches."""
        seen = []
        while True:
            seen.append(self.err.get(timeout=WAIT))
            if re.search(pattern, seen[-1]):
                return seen

    def close(self) -> None:
        """Stop the process (as a terminal closing would, so it deletes its live folder)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(WAIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.wait()
        for pump in self.pumps:
            pump.join(WAIT)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def _pump(stream: IO[bytes] | None, lines: queue.Queue[str]) -> None:
    assert stream is not None
    for raw in stream:
        lines.put(raw.decode(errors="replace").rstrip("\n"))

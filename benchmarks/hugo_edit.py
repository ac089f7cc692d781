"""Time `hugo server`'s rebuild after a one-paper edit, as Hugo itself reports it.

Hugo prints `Total in N ms` after each rebuild; that is its in-process figure,
the counterpart of timing Paperboard's `Builder.build()` in serve mode. After
the first build it prints `Built in N ms` instead (Hugo 0.168), so a wait for
`Total in` there never ended (issue 20): either line ends a build.
"""

from __future__ import annotations

import queue
import re
import socket
import subprocess
import threading
import time
from pathlib import Path

_BUILT = re.compile(r"(?:Built|Total) in (\d+(?:\.\d+)?) ?ms")


def free_port() -> int:
    """A TCP port nobody listens on, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _lines(stream: object, out: queue.Queue[str]) -> None:
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        out.put(line)


def _next_build(lines: queue.Queue[str], timeout: float) -> float:
    """Seconds of the next build Hugo reports, the first one or a rebuild."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("hugo server printed no `Built in` or `Total in` line")
        match = _BUILT.search(lines.get(timeout=left))
        if match:
            return float(match.group(1)) / 1000


def hugo_edit_times(binary: str, site: Path, runs: int, timeout: float = 600) -> list[float]:
    """Start `hugo server` on `site`, edit one paper `runs` times, return each rebuild's time."""
    papers = sorted((site / "content" / "papers").glob("[0-9]*.md"))
    target = papers[len(papers) // 2]
    original = target.read_bytes()
    command = [
        binary, "server", "--source", str(site), "--bind", "127.0.0.1",
        "--port", str(free_port()), "--renderToMemory", "--disableLiveReload",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    times = []
    try:
        _next_build(lines, timeout)
        for run in range(runs):
            time.sleep(0.5)
            target.write_bytes(original + f"\nEdited, run {run}.\n".encode())
            times.append(_next_build(lines, timeout))
    finally:
        target.write_bytes(original)
        process.terminate()
        process.wait(timeout=30)
    return times

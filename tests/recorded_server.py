"""A real HTTP server on 127.0.0.1 that answers each path with a planned, recorded response.

Routes are matched on the path with its query (`/api/daily_papers?date=2025-07-22`)
or, failing that, on the path alone; every request is recorded, with its
headers, so a test can see what the client asked for.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Answer:
    """A status, a body, and how long to wait before answering (a timeout test waits)."""

    body: bytes = b""
    status: int = 200
    delay: float = 0.0
    content_type: str = "application/json"


@dataclass
class Recorded:
    """The routes and the requests received."""

    url: str = ""
    routes: dict[str, Answer] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def answer(self, path: str) -> Answer:
        return (
            self.routes.get(path)
            or self.routes.get(path.partition("?")[0])
            or Answer(b"not found", 404, content_type="text/plain")
        )


@contextmanager
def recorded_server() -> Iterator[Recorded]:
    """Serve until the block ends."""
    state = Recorded()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, dict(self.headers)))
            reply = state.answer(self.path)
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped waiting, as a timeout test wants

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()

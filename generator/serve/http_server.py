"""The HTTP side of `serve`: files of the live folder, under the site's base path.

Only regular files inside the folder are sent: no `..`, no hidden files, no
symbolic link leading out. Requests naming another host are refused, so a
web page cannot reach this server through DNS rebinding; the reload stream
also refuses other origins. HTML gets the live-reload script on the way out.
"""

from __future__ import annotations

import contextlib
import ipaddress
import mimetypes
import socket
import socketserver
import sys
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from generator.serve.livereload import (
    EVENTS_PATH,
    RETRY_MS,
    LiveState,
    inject,
    message_for,
    reload_script,
)
from generator.serve.livereload import sse_event as event_bytes

HEARTBEAT = 15.0
"""Seconds between keep-alive comments on an idle event stream."""
IDLE_TIMEOUT = 10.0
"""Seconds of silence after which a connection is closed (the event stream sends heartbeats)."""
NOT_BUILT = b"<!doctype html><title>Not built yet</title><body><p>Not built yet.</p></body>"
"""The 404 page before any build succeeded; it reloads when one does."""
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".bib": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}


def content_type(path: Path) -> str:
    """The Content-Type for a file, by its suffix."""
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Located:
    """Where a request path leads: a file, a redirect, or nothing (`status` 404)."""

    status: int
    file: Path | None = None
    location: str = ""


def locate(folder: Path, base_path: str, path: str) -> Located:
    """Map a decoded URL path to a file of `folder` served under `base_path`."""
    if not path.startswith(base_path):
        if path in ("/", base_path.rstrip("/")):
            return Located(HTTPStatus.FOUND, location=base_path)
        return Located(HTTPStatus.NOT_FOUND)
    rest = path[len(base_path) :]
    parts = [part for part in rest.split("/") if part]
    if any(part.startswith(".") or "\\" in part or "\0" in part for part in parts):
        return Located(HTTPStatus.NOT_FOUND)
    target = folder.joinpath(*parts)
    try:
        if target.is_dir():
            if rest and not rest.endswith("/"):
                return Located(HTTPStatus.MOVED_PERMANENTLY, location=quote(path) + "/")
            target = target / "index.html"
        if _inside(target, folder) and target.is_file():
            return Located(HTTPStatus.OK, target)
    except OSError:
        pass
    return Located(HTTPStatus.NOT_FOUND)


def host_allowed(header: str | None, bind_host: str) -> bool:
    """Whether a `Host` header names this server: an IP address, localhost, or `--host`.

    A DNS-rebinding page reaches us under its own domain name, which is none of these.
    """
    if not header:
        return False
    try:
        split = urlsplit("//" + header)
        name, _ = split.hostname, split.port
    except ValueError:
        return False
    if not name:
        return False
    if name in ("localhost", bind_host.lower()) or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def origin_allowed(origin: str | None, host: str) -> bool:
    """A same-origin request sends no `Origin`, or one naming the host it asked."""
    if origin is None:
        return True
    split = urlsplit(origin)
    return split.scheme == "http" and split.netloc.lower() == host.lower()


class SiteHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the live folder, and the reload event stream."""

    server_version = "Paperboard"
    timeout = IDLE_TIMEOUT
    """A connection silent this long is closed: each one holds a thread."""

    def __init__(
        self, *args: Any, folder: Path, state: LiveState, base_path: Callable[[], str], **kw: Any
    ) -> None:
        self.folder = folder
        self.state = state
        self.base_path = base_path
        super().__init__(*args, **kw)

    def do_GET(self) -> None:
        """Serve a file, a redirect, the 404 page or the event stream."""
        self._respond(head=False)

    def do_HEAD(self) -> None:
        """As GET, without the body."""
        self._respond(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the terminal is for build results."""

    def _respond(self, head: bool) -> None:
        bind_host = str(self.server.server_address[0])  # type: ignore[index]
        if not host_allowed(self.headers.get("Host"), bind_host):
            self._plain(HTTPStatus.FORBIDDEN, "This server answers only to its own address.", head)
            return
        split = urlsplit(self.path)
        if split.path == EVENTS_PATH and not head:
            self._events(parse_qs(split.query).get("version", [""])[0])
            return
        found = locate(self.folder, self.base_path(), unquote(split.path))
        if found.location:
            self.send_response(found.status)
            self.send_header("Location", found.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif found.file is not None:
            self._file(HTTPStatus.OK, found.file, head)
        else:
            self._not_found(head)

    def _not_found(self, head: bool) -> None:
        page = self.folder / "404.html"
        if page.is_file():
            self._file(HTTPStatus.NOT_FOUND, page, head)
        else:
            data = inject(NOT_BUILT, reload_script(self.state.status().version))
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", data, head)

    def _file(self, status: int, path: Path, head: bool) -> None:
        try:
            data = path.read_bytes()
        except OSError:
            self._plain(HTTPStatus.NOT_FOUND, "Not found.", head)
            return
        kind = content_type(path)
        if kind.startswith("text/html"):
            data = inject(data, reload_script(self.state.status().version))
        self._send(status, kind, data, head)

    def _plain(self, status: int, text: str, head: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode() + b"\n", head)

    def _send(self, status: int, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self, page_version: str) -> None:
        """Stream reload and error events until the page reloads or the server stops."""
        if not origin_allowed(self.headers.get("Origin"), self.headers.get("Host", "")):
            self._plain(HTTPStatus.FORBIDDEN, "Cross-origin event streams are refused.", False)
            return
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._stream(page_version)

    def _stream(self, page_version: str) -> None:
        self._emit(f"retry: {RETRY_MS}\n\n".encode())
        status, shown = self.state.status(), None
        while not status.closed:
            message = message_for(page_version, status, shown)
            if message is not None:
                self._emit(event_bytes(*message))
                if message[0] == "reload":
                    return
                shown = status.error
            latest = self.state.wait(status, HEARTBEAT)
            if latest == status:
                self._emit(b": still here\n\n")
            status = latest

    def _emit(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()


class LiveServer(ThreadingHTTPServer):
    """A threading HTTP server that skips the reverse DNS lookup of its address."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (a closed tab, an idle connection timed out) is not news."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)

    def server_bind(self) -> None:
        """Bind without `socket.getfqdn`, which can stall without a network."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)


class LiveServer6(LiveServer):
    """The same, for an IPv6 address."""

    address_family = socket.AF_INET6


def make_server(
    host: str, port: int, folder: Path, state: LiveState, base_path: Callable[[], str]
) -> LiveServer:
    """Bind (raises OSError when the port is taken); `serve_forever` starts answering."""

    def handler(*args: Any) -> SiteHandler:
        return SiteHandler(*args, folder=folder, state=state, base_path=base_path)

    server_class = LiveServer6 if ":" in host else LiveServer
    return server_class((host, port), handler)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True

"""Live reload: what browsers are told after each build, and the script that listens.

`LiveState` is shared by the build thread and the request threads: the
site's version (it moves after every build that changed a file, and after the
build that fixes an error) and the text of the current build error. Pages
carry the version they were served at, so a page that missed an event while
loading still reloads. The script is added to HTML responses by the server
only; built files never contain it.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
from dataclasses import dataclass

EVENTS_PATH = "/__paperboard/events"
OVERLAY_ID = "paperboard-overlay"
RETRY_MS = 1000
"""How soon a browser reconnects after the server went away (a restart)."""


@dataclass(frozen=True, slots=True)
class LiveStatus:
    """One moment of the live site."""

    version: str
    error: str | None
    closed: bool = False


class LiveState:
    """The live site's version and error, with a way to wait for the next change."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._token = secrets.token_hex(4)
        self._count = 0
        self._error: str | None = None
        self._closed = False

    def status(self) -> LiveStatus:
        """The state now."""
        with self._changed:
            return self._status()

    def built(self, changed: bool) -> bool:
        """Record a good build; True when open pages must reload."""
        with self._changed:
            reload = changed or self._error is not None
            if reload:
                self._count += 1
                self._error = None
                self._changed.notify_all()
            return reload

    def failed(self, text: str) -> None:
        """Record a failed build: pages show `text` over the last good page."""
        with self._changed:
            self._error = text
            self._changed.notify_all()

    def close(self) -> None:
        """The server is stopping: end every waiting event stream."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def wait(self, seen: LiveStatus, timeout: float) -> LiveStatus:
        """Block until the state differs from `seen`, or `timeout` passes."""
        with self._changed:
            self._changed.wait_for(lambda: self._status() != seen, timeout)
            return self._status()

    def _status(self) -> LiveStatus:
        return LiveStatus(f"{self._token}-{self._count}", self._error, self._closed)


def message_for(page_version: str, status: LiveStatus, shown: str | None) -> tuple[str, str] | None:
    """What to tell a page that was served at `page_version` and shows error `shown`."""
    if status.version != page_version:
        return ("reload", "")
    if status.error != shown:
        return ("build-error", status.error) if status.error else ("build-ok", "")
    return None


def sse_event(name: str, data: str) -> bytes:
    """One Server-Sent Event; each line of `data` gets its own `data:` field."""
    lines = data.splitlines() or [""]
    body = "".join(f"data: {line}\n" for line in lines)
    return f"event: {name}\n{body}\n".encode()


SCRIPT = """<script data-paperboard-live data-version="%(version)s">
(() => {
  const version = document.currentScript.dataset.version;
  const source = new EventSource(%(events)s + "?version=" + encodeURIComponent(version));
  const overlayId = %(overlay)s;
  source.addEventListener("reload", () => { source.close(); location.reload(); });
  source.addEventListener("build-ok", () => document.getElementById(overlayId)?.remove());
  source.addEventListener("build-error", (event) => {
    let overlay = document.getElementById(overlayId);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = overlayId;
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "all:initial;position:fixed;inset:0;z-index:2147483647;" +
        "overflow:auto;padding:2rem;background:rgba(20,20,20,.95);color:#fff";
      const heading = document.createElement("h2");
      heading.textContent = "The build failed; this is the last good page.";
      heading.style.cssText = "all:initial;display:block;margin:0 0 1rem;color:#ff8a80;" +
        "font:bold 20px/1.4 sans-serif";
      const text = document.createElement("pre");
      text.style.cssText = "all:initial;display:block;white-space:pre-wrap;color:#fff;" +
        "font:15px/1.5 monospace";
      overlay.append(heading, text);
      document.body.append(overlay);
    }
    overlay.querySelector("pre").textContent = event.data;
  });
})();
</script>
"""


def reload_script(version: str) -> bytes:
    """The script for a page served at `version` (a token of hex digits and a hyphen)."""
    values = {"events": json.dumps(EVENTS_PATH), "overlay": json.dumps(OVERLAY_ID)}
    return (SCRIPT % {**values, "version": html.escape(version)}).encode()


def inject(html: bytes, script: bytes) -> bytes:
    """Put `script` before the last `</body>`, or at the end when there is none."""
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + script
    return html[:at] + script + html[at:]

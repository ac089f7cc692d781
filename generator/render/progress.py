"""A one-line progress display on stderr, for builds long enough to wonder about.

It stays silent for the first `delay` seconds (most builds are done by then),
when stderr is not a terminal (CI logs, pipes) and with `-q`; afterwards it
redraws `Rendering pages: 1,234 / 31,901` at most ten times a second and
erases itself when the build is done.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 1.0
INTERVAL = 0.1


class Progress:
    """Pages rendered out of the total, redrawn in place."""

    def __init__(self, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self._start = time.monotonic()
        self._delay = delay
        self._last = 0.0
        self._shown = False

    def update(self, done: int, total: int) -> None:
        """Show `done` of `total`, if the build has run long enough and enough time passed."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < self._delay or now - self._last < INTERVAL:
            return
        self._last = now
        self._shown = True
        self.stream.write(f"\rRendering pages: {min(done, total):,} / {total:,}\x1b[K")
        self.stream.flush()

    def finish(self) -> None:
        """Erase the line, so the summary that follows starts clean."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Silent(Progress):
    """No display at all (`-q`, tests, the library used from code)."""

    def __init__(self) -> None:
        super().__init__()
        self.enabled = False

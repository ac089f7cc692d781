"""Stop signals as Ctrl-C: commands that write temporary folders clean up when stopped.

`serve` (a live folder in /dev/shm) and `check` (a site built into a
temporary folder) both delete what they made in `finally` blocks, which a
SIGTERM's default action (kill at once) never runs.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) raise KeyboardInterrupt, as Ctrl-C does.

    Their default action kills the process at once, leaving the live folder
    (up to ~600 MB of memory in /dev/shm) or the checked site behind. Signals
    reach only the main thread, so elsewhere (tests) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stops = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {number: signal.signal(number, signal.default_int_handler) for number in stops}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)

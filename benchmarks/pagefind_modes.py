"""Where Pagefind's time goes, and whether its service API would be cheaper than its CLI.

    python benchmarks/pagefind_modes.py SITE [--runs 1]

SITE is a built site (e.g. `benchmarks/paperboard_pages.py PROJECT SITE`). For
each run it indexes the paper pages three ways, each into a folder of its own,
and prints wall seconds and Pagefind's own CPU seconds (user + system):

- `cli`: the command `paperboard build` runs (`output/search_index.py`);
- `service`: `pagefind --service`, the protocol the `pagefind` Python API
  speaks (base64 JSON messages ending in `,`), fed every page whole, pipelined;
- `service-trimmed`: the same, each page cut to its `<html>` tag and its
  `data-pagefind-body` element, so Pagefind parses a third of the bytes.

It also prints how many files of each bundle are empty (the service answers
`WriteFiles` before its files are complete) and whether the trimmed bundle
holds the same page records as the CLI's (decoded fragments).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pagefind.service import get_executable

from generator.output.search_index import PAPER_PAGES

BODY = re.compile(r"<article\b[^>]*data-pagefind-body[^>]*>.*?</article>", re.S)
HTML_TAG = re.compile(r"<html\b[^>]*>")


def child_cpu() -> float:
    """CPU seconds of every waited-for child so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli(binary: Path, site: Path, out: Path) -> None:
    """Index as `paperboard build` does."""
    command = [str(binary), "--site", str(site), "--glob", PAPER_PAGES]
    subprocess.run([*command, "--output-path", str(out), "--silent"], check=True)


def trimmed(page: str) -> str:
    """The page cut to what Pagefind indexes: the `<html>` tag and the body element."""
    tag, body = HTML_TAG.search(page), BODY.search(page)
    if tag is None or body is None:
        return page
    return f"{tag.group(0)}<body>{body.group(0)}</body></html>"


def service(binary: Path, site: Path, out: Path, trim: bool) -> None:
    """Index through `pagefind --service`, every page sent before the first answer is read."""
    with subprocess.Popen(
        [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        stdin, stdout, buffer = process.stdin, process.stdout, bytearray()

        def send(number: int, payload: dict[str, Any]) -> None:
            message = json.dumps({"message_id": number, "payload": payload}).encode()
            stdin.write(base64.b64encode(message) + b",")

        def answer() -> dict[str, Any]:
            while b"," not in buffer:
                chunk = stdout.read1(1 << 20)
                if not chunk:
                    raise RuntimeError("pagefind --service stopped")
                buffer.extend(chunk)
            end = buffer.index(b",")
            message, buffer[: end + 1] = bytes(buffer[:end]), b""
            payload: dict[str, Any] = json.loads(base64.b64decode(message))["payload"]
            if payload["type"] == "Error":
                raise RuntimeError(payload["message"])
            return payload

        send(1, {"type": "NewIndex", "config": None})
        stdin.flush()
        index = answer()["index_id"]
        pages = sorted(site.glob(PAPER_PAGES))

        def feed() -> None:
            for number, path in enumerate(pages, 2):
                text = path.read_text(encoding="utf-8")
                url = "/" + path.parent.relative_to(site).as_posix() + "/"
                contents = trimmed(text) if trim else text
                send(number, {"type": "AddFile", "index_id": index, "file_path": None,
                              "url": url, "file_contents": contents})  # fmt: skip
            stdin.flush()

        feeder = threading.Thread(target=feed)
        feeder.start()
        for _ in pages:
            answer()
        feeder.join()
        send(len(pages) + 2, {"type": "WriteFiles", "index_id": index, "output_path": str(out)})
        stdin.flush()
        answer()
        stdin.close()


def records(bundle: Path) -> list[str]:
    """The bundle's page records, decoded and sorted."""
    found = []
    for path in (bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        found.append(json.dumps(json.loads(data), sort_keys=True))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    binary = get_executable()
    if binary is None:
        sys.exit("Pagefind is not installed: pip install 'pagefind[bin]'")
    work = Path(tempfile.mkdtemp(prefix="pb-pagefind-"))
    modes = {
        "cli": lambda out: cli(binary, args.site, out),
        "service": lambda out: service(binary, args.site, out, trim=False),
        "service-trimmed": lambda out: service(binary, args.site, out, trim=True),
    }
    for run in range(args.runs):
        for name, index in modes.items():
            out = work / f"{name}-{run}"
            cpu, started = child_cpu(), time.perf_counter()
            index(out)
            wall, cpu = time.perf_counter() - started, child_cpu() - cpu
            files = [p for p in out.rglob("*") if p.is_file()]
            empty = sum(1 for p in files if p.stat().st_size == 0)
            print(f"{name:16} wall {wall:6.2f} s  pagefind cpu {cpu:6.2f} s  "
                  f"{len(files)} files, {empty} empty")  # fmt: skip
        same = records(work / f"cli-{run}") == records(work / f"service-trimmed-{run}")
        print(f"trimmed pages give the CLI's page records: {same}")
    shutil.rmtree(work, ignore_errors=True)
    os.sync()


if __name__ == "__main__":
    main()

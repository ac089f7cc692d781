"""Check external links over HTTP: concurrently, politely, with timeouts and a cache.

A URL is asked with HEAD first and with GET when a server refuses HEAD.
Several hosts are asked at once, but only a few requests go to any one host
at a time, so a listing of 500 arXiv links does not look like an attack. A
working URL is remembered on disk for `max_age`; a failing one is asked again
on every run, since it may be fixed. A 429 (rate limited) is a warning, not a
broken link.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from generator import __version__
from generator.output.atomic import write_atomic

USER_AGENT = f"Paperboard/{__version__} link checker (+https://github.com/paperboard/paperboard)"
RETRY_WITH_GET = frozenset({400, 403, 405, 501})
CACHE_VERSION = 1


@dataclass(frozen=True, slots=True)
class ExternalOptions:
    """How to ask the web."""

    timeout: float = 10.0
    """Seconds to wait for a server's answer."""
    workers: int = 16
    per_host: int = 4
    cache: Path | None = None
    """A JSON file remembering the URLs that worked, or None for no cache."""
    max_age: dt.timedelta = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What asking for one URL gave."""

    url: str
    ok: bool
    status: int | None = None
    reason: str = ""
    """Why it failed: `404 Not Found`, `timed out after 10 s`, ..."""
    cached: bool = False

    @property
    def rate_limited(self) -> bool:
        """The server asked us to slow down; the link may well be fine."""
        return self.status == 429


def check_urls(
    urls: Iterable[str], options: ExternalOptions, now: dt.datetime | None = None
) -> dict[str, Outcome]:
    """Ask for each URL once; answer from the cache where it is fresh."""
    now = now or dt.datetime.now(dt.UTC)
    cache = load_cache(options.cache)
    results: dict[str, Outcome] = {}
    pending: list[str] = []
    for url in dict.fromkeys(urls):
        if _fresh(cache.get(url), now, options.max_age):
            status = cache[url].get("status")
            code = status if isinstance(status, int) else None
            results[url] = Outcome(url, True, code, cached=True)
        else:
            pending.append(url)
    limits = {_host(url): threading.Semaphore(options.per_host) for url in pending}

    def ask(url: str) -> Outcome:
        with limits[_host(url)]:
            return fetch(url, options.timeout)

    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        for outcome in pool.map(ask, pending):
            results[outcome.url] = outcome
            if outcome.ok:
                cache[outcome.url] = {"status": outcome.status, "checked": now.isoformat()}
    if pending:
        fresh = {u: e for u, e in cache.items() if _fresh(e, now, options.max_age)}
        save_cache(options.cache, fresh)
    return results


def fetch(url: str, timeout: float) -> Outcome:
    """HEAD the URL, then GET it if the server does not do HEAD."""
    outcome = _request(url, "HEAD", timeout)
    if not outcome.ok and outcome.status in RETRY_WITH_GET:
        outcome = _request(url, "GET", timeout)
    return outcome


def _request(url: str, method: str, timeout: float) -> Outcome:
    request = urllib.request.Request(
        _ascii_url(url), method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Outcome(url, True, response.status)
    except urllib.error.HTTPError as exc:
        exc.close()
        return Outcome(url, False, exc.code, f"{exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        return Outcome(url, False, reason=_describe(exc.reason, timeout))
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return Outcome(url, False, reason=_describe(exc, timeout))


def _describe(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    return str(reason) or type(reason).__name__


def _ascii_url(url: str) -> str:
    """Percent-encode what urllib will not send (spaces, non-ASCII) and IDNA the host."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        netloc = parts.netloc.replace(host, host.encode("idna").decode("ascii"), 1)
    except UnicodeError:
        netloc = parts.netloc
    rest = quote(url[len(parts.scheme) + 3 + len(parts.netloc) :], safe="/?#[]@!$&'()*+,;=%:~")
    return f"{parts.scheme}://{netloc}{rest}"


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _fresh(entry: dict[str, object] | None, now: dt.datetime, max_age: dt.timedelta) -> bool:
    if not entry or not isinstance(entry.get("checked"), str):
        return False
    try:
        checked = dt.datetime.fromisoformat(str(entry["checked"]))
    except ValueError:
        return False
    return dt.timedelta(0) <= now - checked <= max_age


def load_cache(path: Path | None) -> dict[str, dict[str, object]]:
    """The remembered URLs; a missing or damaged cache is an empty one."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    urls = data.get("urls")
    if not isinstance(urls, dict):
        return {}
    return {k: v for k, v in urls.items() if isinstance(v, dict)}


def save_cache(path: Path | None, cache: dict[str, dict[str, object]]) -> None:
    """Write the cache atomically; a cache that cannot be written is skipped."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": CACHE_VERSION, "urls": cache}, indent=0, sort_keys=True)
        write_atomic(path, text.encode("utf-8"))
    except OSError:
        return

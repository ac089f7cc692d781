"""Ask the arXiv API for papers by id: `GET <base>/api/query?id_list=...`.

It follows arXiv's terms of use: a User-Agent that names the program, one
request at a time with at least three seconds between requests, a timeout on
every request, and a few retries with growing waits when the server fails or
asks us to slow down. The base URL comes from `PAPERBOARD_ARXIV_API`, so
tests and mirrors can stand in for export.arxiv.org. Waits are parameters:
the tests pass short ones, users get arXiv's.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from generator import __version__
from generator.errors import PaperboardError, error
from generator.importers.arxiv_atom import ArxivEntry, FeedError, parse_feed

DEFAULT_API = "https://export.arxiv.org"
API_ENV = "PAPERBOARD_ARXIV_API"
RETRIES_ENV = "PAPERBOARD_ARXIV_RETRIES"
USER_AGENT = f"paperboard/{__version__} (static site generator for paper listings; Python urllib)"
DEFAULT_RETRIES = 3
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class ArxivUnavailable(PaperboardError):
    """The API could not be reached or kept failing; nothing was added."""


class DownloadRefused(PaperboardError):
    """A server answered a download with an error that retrying will not mend (404, 403)."""


def _server(url: str, api: str, service: str) -> str:
    """How a message names the server: the API (arXiv's or another), or the host of a download."""
    if url.startswith(api.rstrip("/")):
        return f"{service} at {api}"
    return urllib.parse.urlsplit(url).netloc or url


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """Where the API is and how patiently to ask it."""

    base_url: str = DEFAULT_API
    timeout: float = 30.0
    """Seconds to wait for one response."""
    retries: int = DEFAULT_RETRIES
    """Further attempts after a failed one."""
    backoff: float = 3.0
    """Seconds before the first retry; doubled for each next one."""
    spacing: float = 3.0
    """Least seconds between two requests (arXiv asks for 3)."""
    batch_size: int = 50
    """Ids per request."""
    service: str = "the arXiv API"
    """How messages name the server at `base_url`."""
    env_name: str = API_ENV
    """The variable that names another server, for the hint of a failure."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ClientSettings:
        """The defaults; `PAPERBOARD_ARXIV_API` sets the server, `..._RETRIES` the retries."""
        retries = env.get(RETRIES_ENV, "")
        return cls(
            base_url=env.get(API_ENV) or DEFAULT_API,
            retries=int(retries) if retries.isdigit() else DEFAULT_RETRIES,
        )

    def query_url(self, ids: Sequence[str]) -> str:
        """The request for some ids; the base may be a server root or end in `/api/query`."""
        base = self.base_url.rstrip("/")
        if not base.endswith("/api/query"):
            base += "/api/query"
        query = urllib.parse.urlencode({"id_list": ",".join(ids), "max_results": len(ids)})
        return f"{base}?{query}"

    def search_url(self, search: str, most: int) -> str:
        """A search (`cat:cs.CL AND abs:preference`), the newest submissions first."""
        base = self.base_url.rstrip("/")
        if not base.endswith("/api/query"):
            base += "/api/query"
        fields = {
            "search_query": search,
            "max_results": most,
            "sortBy": "submittedDate",
            "sortOrder": "descending",
        }
        return f"{base}?{urllib.parse.urlencode(fields)}"


@dataclass(slots=True)
class ArxivClient:
    """One polite client; it remembers when it last asked, to keep the spacing."""

    settings: ClientSettings
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: float | None = field(default=None, init=False)

    def fetch(self, ids: Sequence[str]) -> list[ArxivEntry]:
        """The feed entries for the ids, in batches; error entries included as entries."""
        entries: list[ArxivEntry] = []
        size = max(1, self.settings.batch_size)
        for start in range(0, len(ids), size):
            text = self.get(self.settings.query_url(ids[start : start + size]))
            try:
                entries += parse_feed(text)
            except FeedError as exc:
                raise ArxivUnavailable(
                    [error(f"the arXiv API sent something that is not a feed: {exc.message}")]
                ) from None
        return entries

    def get(self, url: str) -> str:
        """The body of one GET, retried on network errors, timeouts, 429 and 5xx."""
        body = self._retrying(url, self._error_body)
        return body.decode("utf-8", errors="replace")

    def download(self, url: str) -> bytes:
        """A file (a paper's PDF), asked for as the API is: same agent, spacing and retries."""
        return self._retrying(url, self._refused)

    def _retrying(self, url: str, refused: Callable[[urllib.error.HTTPError, str], bytes]) -> bytes:
        reason = ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.sleep(self.settings.backoff * 2 ** (attempt - 1))
            self._keep_spacing()
            try:
                return self._request(url)
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUS:
                    return refused(exc, url)
                reason = f"HTTP {exc.code} {exc.reason}"
            except (OSError, http.client.HTTPException) as exc:
                reason = _network_reason(exc, self.settings.timeout)
        raise ArxivUnavailable(
            [
                error(
                    f"cannot get an answer from {self._server(url)} "
                    f"after {self.settings.retries + 1} attempts: {reason}",
                    hint="check your internet connection, "
                    f"or set {self.settings.env_name} to another server",
                )
            ]
        )

    def _server(self, url: str) -> str:
        return _server(url, self.settings.base_url, self.settings.service)

    def _keep_spacing(self) -> None:
        if self._last is not None:
            wait = self._last + self.settings.spacing - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last = self.clock()

    def _request(self, url: str) -> bytes:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
            body: bytes = response.read()
        return body

    def _error_body(self, exc: urllib.error.HTTPError, url: str) -> bytes:
        """arXiv answers a bad id with HTTP 400 and an error feed: read it like any feed."""
        body: bytes = exc.read()
        if b"<feed" in body:
            return body
        raise ArxivUnavailable(
            [error(f"the arXiv API refused the request: HTTP {exc.code} {exc.reason}", hint=url)]
        )

    def _refused(self, exc: urllib.error.HTTPError, url: str) -> bytes:
        raise DownloadRefused([error(f"HTTP {exc.code} {exc.reason} for {url}")])


def _network_reason(exc: BaseException, timeout: float) -> str:
    inner = getattr(exc, "reason", exc)
    if isinstance(inner, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    return str(inner) or type(inner).__name__

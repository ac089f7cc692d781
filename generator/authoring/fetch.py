"""`paperboard fetch`: ask every `[[sources]]` for papers and write the new ones.

Each answer is read by the importer of its format (the Hugging Face daily
list, arXiv's Atom, an RSS feed) and written the way `import` writes: papers
already present are skipped, except that their upvotes are brought up to date.
Each source, and each day of a `hf-daily` source, is written as soon as it
arrives, so a server that fails later loses nothing fetched before it; its
failure is one problem line and the other sources still run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.authoring.arxiv_client import ArxivClient, ClientSettings
from generator.authoring.commands import AuthoringOptions, Report, write_records
from generator.authoring.fetch_sources import Source, read_sources
from generator.config import load_config
from generator.errors import PaperboardError
from generator.importers.arxiv_atom import read_atom
from generator.importers.hf_daily import read_hf_daily
from generator.importers.records import Batch
from generator.importers.rss import read_feed

HF_API = "https://huggingface.co"
HF_ENV = "PAPERBOARD_HF_API"
Reader = Callable[[str, Path | None], Batch]


@dataclass(frozen=True, slots=True)
class Clients:
    """One polite client per kind of server."""

    arxiv: ArxivClient
    hf: ArxivClient
    feed: ArxivClient

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Clients:
        """arXiv's settings for arXiv; the same patience, a shorter spacing, for the others."""
        arxiv = ClientSettings.from_env(env)
        hf = replace(
            arxiv,
            base_url=env.get(HF_ENV) or HF_API,
            service="the Hugging Face API",
            env_name=HF_ENV,
            spacing=1.0,
        )
        feed = replace(hf, base_url="", service="the feed", spacing=1.0)
        return cls(ArxivClient(arxiv), ArxivClient(hf), ArxivClient(feed))


@dataclass(slots=True)
class Fetched:
    """What one source gave: how many papers its answers held."""

    source: Source
    found: int = 0
    failed: int = 0
    """Requests that got no usable answer."""


@dataclass(slots=True)
class FetchResult:
    """Everything `fetch` did: the papers (and topic files) and the sources."""

    report: Report
    sources: list[Fetched] = field(default_factory=list)

    @property
    def topic_files(self) -> list[Path]:
        """The topic files written for topics that had none."""
        return self.report.topic_files


def fetch(root: Path, clients: Clients, today: dt.date, dry_run: bool = False) -> FetchResult:
    """Fetch every source in order, writing each answer's new papers as it comes."""
    config = load_config(root)
    result = FetchResult(Report(dry_run=dry_run))
    for source in read_sources(config):
        result.sources.append(_fetch_one(source, root, clients, today, result.report))
    return result


def _fetch_one(
    source: Source, root: Path, clients: Clients, today: dt.date, report: Report
) -> Fetched:
    fetched = Fetched(source)
    options = AuthoringOptions(
        root, source.topics, report.dry_run, today, update_upvotes=True, command="fetch"
    )
    for listed, url, reader in _requests(source, clients, today):
        try:
            text = _get(source, clients, url)
        except PaperboardError as exc:
            report.problems += exc.diagnostics
            fetched.failed += 1
            continue
        batch = reader(text, None)
        fetched.found += len(batch.records)
        written = write_records(batch.records, replace(options, today=listed))
        report.outcomes += written.outcomes
        report.topic_files += written.topic_files
        report.problems += batch.problems
    return fetched


def _requests(
    source: Source, clients: Clients, today: dt.date
) -> list[tuple[dt.date, str, Reader]]:
    """(the `listed` day of papers that do not say, the URL, its reader) per request."""
    if source.kind == "hf-daily":
        base = clients.hf.settings.base_url.rstrip("/")
        return [
            (day, f"{base}/api/daily_papers?date={day.isoformat()}", read_hf_daily)
            for day in source.days_asked(today)
        ]
    if source.kind == "arxiv":
        return [(today, clients.arxiv.settings.search_url(source.query, source.most), read_atom)]
    return [(today, source.url, read_feed)]


def _get(source: Source, clients: Clients, url: str) -> str:
    client = {"hf-daily": clients.hf, "arxiv": clients.arxiv}.get(source.kind, clients.feed)
    if source.kind == "arxiv":
        return client.get(url)
    return client.download(url).decode("utf-8", errors="replace")

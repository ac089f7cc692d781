"""`paperboard thumbnails`: a picture of the first page of each paper that has none.

The PDF is `<slug>.pdf` beside the paper file, else its `links.pdf` or its
arXiv PDF, downloaded with the client `add` uses (its User-Agent, three
seconds between requests, a timeout, retries). The first page is rendered
with PDFium (pypdfium2) about 400 px wide and saved as `<slug>.webp` beside
the paper, which the build then shows. Rendered images are kept in
`.paperboard-cache/thumbnails/` by the PDF's SHA-256, so the same PDF is never
rendered twice. A picture a person put beside a paper (any `<slug>.webp`,
`.png`, `.jpg` that this command did not write, or a `thumbnail` field) is
never replaced: `manifest.json` there remembers what was written, by hash.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.authoring.arxiv_client import ArxivClient, ArxivUnavailable, DownloadRefused
from generator.config import load_config
from generator.content.load import load_source
from generator.content.markdown import make_markdown
from generator.content.sources import content_sources
from generator.content.thumbnails import OWN_SUFFIXES
from generator.errors import Diagnostic, error
from generator.models import Paper

WIDTH = 400
"""Pixels: sharp at the card's 6rem on a 2x screen, and at 12rem on the paper page."""
QUALITY = 60
CACHE = Path(".paperboard-cache") / "thumbnails"
ARXIV_PDF = "https://arxiv.org/pdf/"
PDF_ENV = "PAPERBOARD_ARXIV_PDF"
"""Another server for arXiv PDFs (a mirror, or a test server on 127.0.0.1)."""
Status = Literal["made", "current", "kept", "no-pdf", "failed"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one paper's thumbnail."""

    status: Status
    slug: str
    path: Path | None = None
    """The image written or kept."""
    reason: str = ""


@dataclass(slots=True)
class ThumbnailReport:
    """Every paper's outcome, and the problems (one per failed paper)."""

    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many papers ended so."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)


class NoThumbnail(Exception):
    """This paper gets no picture this time; the message says why."""

    def __init__(self, status: Status, reason: str) -> None:
        super().__init__(reason)
        self.status: Status = status
        self.reason = reason


def render_first_page(pdf: bytes, width: int = WIDTH) -> bytes:
    """The PDF's first page as a WebP image `width` pixels wide."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        raise NoThumbnail("failed", f"the PDF cannot be read ({exc})") from None
    try:
        if len(document) == 0:
            raise NoThumbnail("failed", "the PDF has no pages")
        page = document[0]
        scale = width / page.get_width()
        image = page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, "WEBP", quality=QUALITY, method=6)
        return out.getvalue()
    finally:
        document.close()


@dataclass
class Thumbnailer:
    """Makes the thumbnails of one project."""

    root: Path
    client: ArxivClient | None
    """None: use only the PDFs beside the papers, download nothing."""
    arxiv_pdf: str = ARXIV_PDF
    render: Callable[[bytes], bytes] = render_first_page
    manifest: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def cache(self) -> Path:
        """Rendered images by PDF hash, and the manifest of what was written."""
        return self.root / CACHE

    def run(self) -> ThumbnailReport:
        """One outcome per paper."""
        self.manifest = self._read_manifest()
        report = ThumbnailReport()
        for paper, problems in self._papers(report):
            if problems:
                continue
            try:
                report.outcomes.append(self.one(paper))
            except NoThumbnail as exc:
                report.outcomes.append(Outcome(exc.status, paper.slug, None, exc.reason))
                if exc.status == "failed":
                    report.problems.append(error(exc.reason, self.root / paper.source))
        self._write_manifest()
        return report

    def _papers(self, report: ThumbnailReport) -> Iterator[tuple[Paper, list[Diagnostic]]]:
        config = load_config(self.root)
        md = make_markdown(config.markdown)
        sources, _ = content_sources(config)
        for source in sources:
            if source.kind != "paper":
                continue
            loaded = load_source(source, source.path.read_bytes(), md, self.root)
            if isinstance(loaded.item, Paper):
                yield loaded.item, []
            else:
                errors = [p for p in loaded.problems if p.severity == "error"]
                report.problems.extend(errors)
                report.outcomes.append(Outcome("failed", loaded.slug, None, "the file has errors"))

    def one(self, paper: Paper) -> Outcome:
        """Make (or find current) the thumbnail of one paper."""
        source = self.root / paper.source
        if paper.thumbnail_ref is not None:
            return Outcome("kept", paper.slug, None, "its thumbnail field names its picture")
        target = source.with_suffix(".webp")
        mine = self._mine(paper.slug, target)
        for suffix in OWN_SUFFIXES:
            other = source.with_suffix(suffix)
            if other.exists() and not (other == target and mine):
                return Outcome("kept", paper.slug, other, f"{other.name} is already there")
        pdf = self._pdf(paper, source, current=mine)
        digest = hashlib.sha256(pdf).hexdigest()
        if mine and self.manifest[paper.slug]["pdf"] == digest:
            return Outcome("current", paper.slug, target)
        image = self._image(pdf, digest)
        _replace(target, image)
        self.manifest[paper.slug] = {"pdf": digest, "image": hashlib.sha256(image).hexdigest()}
        return Outcome("made", paper.slug, target)

    def _mine(self, slug: str, target: Path) -> bool:
        """Whether `target` is the very image this command wrote for the paper."""
        known = self.manifest.get(slug)
        try:
            data = target.read_bytes()
        except OSError:
            return False
        return known is not None and known.get("image") == hashlib.sha256(data).hexdigest()

    def _pdf(self, paper: Paper, source: Path, current: bool) -> bytes:
        """The paper's PDF: beside it, else downloaded (not again for a thumbnail we made)."""
        local = source.with_suffix(".pdf")
        if local.is_file():
            return _checked(local.read_bytes(), local.name)
        if current:
            raise NoThumbnail("current", "made from a downloaded PDF")
        url = self._pdf_url(paper)
        if url is None:
            raise NoThumbnail("no-pdf", f"no {local.name} beside it, no PDF link, no arXiv id")
        if self.client is None:
            raise NoThumbnail("no-pdf", f"no {local.name} beside it (downloads are off)")
        try:
            return _checked(self.client.download(url), url)
        except (DownloadRefused, ArxivUnavailable) as exc:
            why = exc.diagnostics[0].message
            raise NoThumbnail("failed", f"cannot download {url}: {why}") from None

    def _pdf_url(self, paper: Paper) -> str | None:
        for link in paper.links:
            if link.kind == "pdf":
                if paper.arxiv and link.url == ARXIV_PDF + paper.arxiv:
                    return self.arxiv_pdf + paper.arxiv
                return link.url
        return None

    def _image(self, pdf: bytes, digest: str) -> bytes:
        """The rendered first page, from the cache when this PDF was rendered before."""
        cached = self.cache / f"{digest}.webp"
        if cached.is_file():
            return cached.read_bytes()
        image = self.render(pdf)
        self._ensure_cache()
        _replace(cached, image)
        return image

    def _ensure_cache(self) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        ignore = self.cache.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")

    def _read_manifest(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads((self.cache / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_manifest(self) -> None:
        if self.manifest:
            self._ensure_cache()
            text = json.dumps(self.manifest, indent=1, sort_keys=True)
            _replace(self.cache / "manifest.json", text.encode())


def _checked(data: bytes, name: str) -> bytes:
    if not data.startswith(b"%PDF-"):
        raise NoThumbnail("failed", f"{name} is not a PDF")
    return data


def _replace(path: Path, data: bytes) -> None:
    """Write a file whole or not at all."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def make_thumbnails(
    root: Path, client: ArxivClient | None, env: dict[str, str] | None = None
) -> ThumbnailReport:
    """`paperboard thumbnails`: every paper without a picture gets its first page's."""
    base = (env or {}).get(PDF_ENV) or ARXIV_PDF
    return Thumbnailer(root, client, base if base.endswith("/") else base + "/").run()

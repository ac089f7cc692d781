"""`paperboard thumbnails` and the `thumbnail` field: real PDFs rendered by PDFium, real HTTP.

The PDFs are written in the test (pdf_maker.py): the first page's top half is
black, the second page red, so the pixels of a thumbnail show that the first
page was drawn. Downloads go to a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import Project
from pdf_maker import BLACK, HEIGHT, RED, make_pdf
from PIL import Image
from test_arxiv_add import fast

from generator.authoring.arxiv_client import USER_AGENT
from generator.authoring.thumbnails import PDF_ENV, WIDTH, Thumbnailer, make_thumbnails
from generator.build.builder import Builder, BuildOptions
from generator.cli import main

PAPERS = "content/papers"


def thumbnails(project: Project, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(
        main, ["thumbnails", *args, "--source", str(project.root)], env=env or {}
    )


def pixels(path: Path) -> Image.Image:
    image = Image.open(io.BytesIO(path.read_bytes()))
    image.load()
    return image.convert("RGB")


def test_the_first_page_of_the_pdf_beside_a_paper_becomes_its_thumbnail(project: Project) -> None:
    project.paper("alpha", "Alpha")
    (project.root / PAPERS / "alpha.pdf").write_bytes(make_pdf([BLACK, RED]))
    result = thumbnails(project, "--no-download")
    assert result.exit_code == 0, result.output
    assert "made content/papers/alpha.webp" in result.output
    assert "1 made, 0 up to date" in result.output
    made = project.root / PAPERS / "alpha.webp"
    image = pixels(made)
    with Image.open(made) as opened:
        assert opened.format == "WEBP"
    assert image.size == (WIDTH, round(WIDTH * HEIGHT / 612))
    assert max(image.getpixel((WIDTH // 2, 20))) < 40  # the first page's black top half
    assert min(image.getpixel((WIDTH // 2, image.height - 20))) > 215  # its white bottom half

    assert project.build().exit_code == 0
    [img] = project.page("").xpath("//ol[@class='papers']//img")
    assert img.get("src") == "/papers/alpha/thumbnail.webp"
    assert (img.get("width"), img.get("height")) == (str(WIDTH), str(image.height))
    assert img.get("alt") == "" and img.get("loading") == "lazy"
    assert (project.root / "site/papers/alpha/thumbnail.webp").read_bytes() == made.read_bytes()
    assert project.page("papers/alpha/").xpath("//article//img/@src") == [img.get("src")]


def test_a_picture_a_person_put_there_is_never_replaced(project: Project) -> None:
    for slug in ("own-webp", "own-png"):
        project.paper(slug, slug.title())
        (project.root / PAPERS / f"{slug}.pdf").write_bytes(make_pdf([BLACK]))
    mine = project.root / PAPERS / "own-webp.webp"
    Image.new("RGB", (40, 30), (0, 0, 255)).save(mine, "WEBP")
    png = project.root / PAPERS / "own-png.png"
    Image.new("RGB", (30, 40), (255, 0, 0)).save(png, "PNG")
    before = {mine: mine.read_bytes(), png: png.read_bytes()}
    result = thumbnails(project, "--no-download")
    assert result.exit_code == 0, result.output
    assert "0 made, 0 up to date, 2 kept" in result.output
    assert {path: path.read_bytes() for path in before} == before
    assert not (project.root / PAPERS / "own-png.webp").exists()
    assert project.build().exit_code == 0
    assert project.page("papers/own-png/").xpath("//article//img/@src") == [
        "/papers/own-png/thumbnail.png"
    ]


def test_a_pdf_is_rendered_once_and_a_new_pdf_replaces_our_own_thumbnail(project: Project) -> None:
    project.paper("alpha", "Alpha")
    pdf = project.root / PAPERS / "alpha.pdf"
    pdf.write_bytes(make_pdf([BLACK]))
    assert make_thumbnails(project.root, None).count("made") == 1
    made = project.root / PAPERS / "alpha.webp"
    first = made.read_bytes()

    def refuse(data: bytes) -> bytes:
        raise AssertionError("rendered again")

    assert Thumbnailer(project.root, None, render=refuse).run().count("current") == 1
    made.unlink()
    assert Thumbnailer(project.root, None, render=refuse).run().count("made") == 1
    assert made.read_bytes() == first  # from the cache, by the PDF's hash

    pdf.write_bytes(make_pdf([RED]))
    assert make_thumbnails(project.root, None).count("made") == 1
    assert pixels(made).getpixel((WIDTH // 2, 20))[0] > 200  # red now: ours was replaced
    assert (project.root / ".paperboard-cache/.gitignore").read_text() == "*\n"


@dataclass
class PdfServer:
    """Serves PDFs by path; fails the first request of each path in `flaky` with a 503."""

    url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    flaky: set[str] = field(default_factory=set)
    requests: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def pdfs() -> Iterator[PdfServer]:
    state = PdfServer()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path in state.flaky:
                state.flaky.discard(self.path)
                self.send_error(503)
                return
            body = state.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def test_pdfs_are_downloaded_from_links_and_arxiv_politely(
    project: Project, pdfs: PdfServer
) -> None:
    pdfs.files = {"/files/beta.pdf": make_pdf([BLACK]), "/pdf/2412.00001": make_pdf([BLACK])}
    pdfs.flaky = {"/files/beta.pdf"}
    project.paper("beta", "Beta", extra=f'links:\n  pdf: "{pdfs.url}/files/beta.pdf"')
    project.paper("gamma", "Gamma", extra='arxiv: "2412.00001"')
    project.paper("gone", "Gone", extra=f'links:\n  pdf: "{pdfs.url}/files/gone.pdf"')
    project.paper("bare", "Bare")
    env = {PDF_ENV: pdfs.url + "/pdf/"}
    report = make_thumbnails(project.root, fast(pdfs.url), env)
    assert {o.slug: o.status for o in report.outcomes} == {
        "bare": "no-pdf",
        "beta": "made",
        "gamma": "made",
        "gone": "failed",
    }
    [problem] = report.problems
    assert problem.path == project.root / PAPERS / "gone.md"
    assert "HTTP 404" in problem.message and "/files/gone.pdf" in problem.message
    paths = [path for path, _ in pdfs.requests]
    assert paths.count("/files/beta.pdf") == 2  # a 503, then the retry
    assert "/pdf/2412.00001" in paths
    assert {agent for _, agent in pdfs.requests} == {USER_AGENT}

    pdfs.requests.clear()
    again = make_thumbnails(project.root, fast(pdfs.url), env)
    assert {o.slug: o.status for o in again.outcomes if o.slug in ("beta", "gamma")} == {
        "beta": "current",
        "gamma": "current",
    }
    assert [p for p, _ in pdfs.requests] == ["/files/gone.pdf"]


def test_a_failed_download_is_a_line_naming_the_file_and_exit_1(
    project: Project, pdfs: PdfServer
) -> None:
    project.paper("gone", "Gone", extra=f'links:\n  pdf: "{pdfs.url}/nothing.pdf"')
    result = thumbnails(project, env={"PAPERBOARD_ARXIV_RETRIES": "0"})
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "error" in line]
    assert line.startswith("content/papers/gone.md: error: cannot download")
    assert "0 made, 0 up to date, 0 kept (a picture is there), 0 without a PDF, 1 failed" in (
        result.output
    )


def test_thumbnail_field_a_relative_path_or_a_url(project: Project) -> None:
    (project.root / PAPERS / "art").mkdir(parents=True)
    Image.new("RGB", (200, 100), (0, 0, 255)).save(project.root / PAPERS / "art/wide.png")
    project.paper("local", "Local", extra="thumbnail: art/wide.png")
    project.paper("remote", "Remote", extra='thumbnail: "https://example.org/t.png"')
    assert project.build().exit_code == 0
    cards = {
        a.get("href"): a.xpath("ancestor::article[1]//img")[0]
        for a in project.page("").xpath("//h2[@class='card-title']/a")
    }
    local, remote = cards["/papers/local/"], cards["/papers/remote/"]
    assert (local.get("src"), local.get("width"), local.get("height")) == (
        "/papers/local/thumbnail.png",
        "200",
        "100",
    )
    assert (remote.get("src"), remote.get("width"), remote.get("height")) == (
        "https://example.org/t.png",
        "400",
        "300",
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("missing.webp", "`thumbnail` missing.webp does not exist"),
        ("../../outside.png", "`thumbnail` ../../outside.png lies outside content/"),
        ("notes.txt", "`thumbnail` `notes.txt` is not an image a browser shows"),
        ("javascript:alert(1)", "is neither an http(s) URL nor a relative path"),
    ],
)
def test_a_bad_thumbnail_is_an_error_at_its_line(
    project: Project, value: str, message: str
) -> None:
    (project.root / "outside.png").write_bytes(b"")
    project.paper("bad", "Bad", extra=f'thumbnail: "{value}"')
    result = project.build()
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "thumbnail" in line]
    assert line.startswith("content/papers/bad.md:8: error:"), line
    assert message in line


def test_a_new_picture_re_renders_the_pages_that_show_it(project: Project, tmp_path: Path) -> None:
    project.paper("alpha", "Alpha")
    project.paper("beta", "Beta", topics=("Other",))
    picture = project.root / PAPERS / "alpha.png"
    Image.new("RGB", (40, 30), (0, 0, 255)).save(picture)
    builder = Builder(BuildOptions(project.root), output=tmp_path / "live", live=True)
    builder.build()
    assert builder.build().rendered == []
    Image.new("RGB", (40, 60), (255, 0, 0)).save(picture)
    result = builder.build()
    assert "papers/alpha/thumbnail.png" in result.rendered
    assert {"index.html", "papers/alpha/index.html", "topics/fairness/index.html"} <= set(
        result.rendered
    )
    assert "papers/beta/index.html" not in result.rendered
    assert (tmp_path / "live/papers/alpha/thumbnail.png").read_bytes() == picture.read_bytes()
    picture.unlink()
    result = builder.build()
    assert "papers/alpha/thumbnail.png" in result.removed
    assert not (tmp_path / "live/papers/alpha/thumbnail.png").exists()


def test_pictures_and_pdfs_beside_papers_are_not_warned_about_but_notes_are(
    project: Project,
) -> None:
    project.paper("alpha", "Alpha")
    (project.root / PAPERS / "alpha.pdf").write_bytes(make_pdf([BLACK]))
    Image.new("RGB", (40, 30), (0, 0, 255)).save(project.root / PAPERS / "alpha.webp")
    (project.root / PAPERS / "notes.txt").write_text("to do")
    result = project.build()
    assert result.exit_code == 0
    warned = [line for line in result.output.splitlines() if "warning: not read" in line]
    assert [line.split(":")[0] for line in warned] == ["content/papers/notes.txt"]

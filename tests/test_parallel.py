"""Loading and rendering over several processes gives exactly the single-process site."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import Project, tree

from generator.build.builder import Builder, BuildOptions
from generator.models import Paper
from generator.render.parallel import WorkerCrashed, deal, fork_map
from generator.render.progress import Progress
from generator.scholarly import PartialDate
from generator.site.related import RelatedIndex

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def seed(tmp_path: Path) -> Project:
    """The repository's 73 seed papers, copied into a fresh project."""
    project = Project(tmp_path / "seed")
    shutil.copytree(REPO / "content", project.root / "content")
    return project


def build(project: Project, out: Path, workers: int, live: bool = False) -> Builder:
    options = BuildOptions(project.root, cache=False, quiet=True, workers=workers)
    builder = Builder(options, output=out, live=live)
    builder.build()
    return builder


def test_two_and_three_processes_write_the_same_site_as_one(seed: Project, tmp_path: Path) -> None:
    build(seed, tmp_path / "one", workers=1)
    build(seed, tmp_path / "two", workers=2)
    build(seed, tmp_path / "three", workers=3)
    one = tree(tmp_path / "one")
    assert len(one) > 200
    assert tree(tmp_path / "two") == one
    assert tree(tmp_path / "three") == one


def test_parallel_live_edits_match_a_single_process_build(seed: Project, tmp_path: Path) -> None:
    live = build(seed, tmp_path / "live", workers=2, live=True)
    papers = sorted((seed.root / "content/papers").glob("*.md"))
    papers[0].write_text(papers[0].read_text().replace("title:", "title: Edited", 1))
    papers[1].unlink()
    live.build()
    build(seed, tmp_path / "one", workers=1)
    assert tree(tmp_path / "live") == tree(tmp_path / "one")


def test_a_template_error_in_a_worker_is_reported_and_nothing_is_published(
    seed: Project, tmp_path: Path
) -> None:
    (seed.root / "paperboard.toml").write_text('theme = "broken"\n')
    seed.write("broken/templates/paper.html", "{{ paper.no_such_field.deeper }}")
    options = BuildOptions(seed.root, cache=False, quiet=True, workers=2)
    with pytest.raises(Exception, match=r"paper\.html"):
        Builder(options, output=tmp_path / "out").build()
    assert not (tmp_path / "out").exists()


def test_cards_that_read_the_page_still_differ_per_page(project: Project) -> None:
    """Cards are rendered once per paper only while they read nothing else."""
    project.write("paperboard.toml", 'per_page = 1\ntheme = "mine"\n')
    project.write(
        "mine/templates/partials/paper_card.html",
        '<p class="card">{{ paper.slug }} on {{ page_url or "home" }}</p>',
    )
    for slug in ("a", "b"):
        project.paper(slug, slug.upper(), authors=("Ada Lovelace",))
    assert project.build().exit_code == 0
    home = project.page("").xpath("//p[@class='card']/text()")
    author = project.page("authors/ada-lovelace/").xpath("//p[@class='card']/text()")
    assert home != author
    assert author[0].endswith("authors/ada-lovelace/")


def test_fork_map_deals_every_item_once_in_chunks() -> None:
    shares = deal(100, 3, chunk=8)
    assert sorted(i for share in shares for i in share) == list(range(100))
    assert shares[0][:8] == list(range(8)) and shares[1][:8] == list(range(8, 16))
    results = fork_map(lambda indices, done: [i * i for i in indices], 100, 3)
    assert sorted(v for part in results for v in part) == [i * i for i in range(100)]


def test_a_crashing_worker_is_reported_with_its_traceback() -> None:
    def work(indices: list[int], done: object) -> list[int]:
        if 40 in indices:
            raise ZeroDivisionError("in the child")
        return list(indices)

    with pytest.raises(WorkerCrashed, match="ZeroDivisionError: in the child"):
        fork_map(work, 200, 2)  # type: ignore[arg-type]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_pages_rendered_on_a_terminal_only() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(stream, delay=0)
        progress.update(1234, 31901)
        progress.finish()
    assert "Rendering pages: 1,234 / 31,901" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")
    assert pipe.getvalue() == ""


def test_progress_stays_quiet_for_short_builds() -> None:
    terminal = Terminal()
    progress = Progress(terminal, delay=60)
    progress.update(10, 20)
    progress.finish()
    assert terminal.getvalue() == ""


def paper(slug: str, text: str) -> Paper:
    day = PartialDate(2025, 1, 1)
    return Paper(slug, slug, slug, slug, slug, (), day, (), (), text, text, text, slug)


def test_related_index_survives_removing_papers_without_other_changes() -> None:
    """A rebuild that only deletes papers used to fail with a zero-size array error."""
    alpha = paper("alpha", "kernels gaussian process")
    beta = paper("beta", "reward policy agents")
    gamma = paper("gamma", "surface scene meshes")
    index = RelatedIndex()
    index.update([alpha, beta, gamma])
    assert index.update([alpha]) == RelatedIndex().update([alpha])

"""Edits the random sequence of test_incremental leaves out, each checked against a clean build.

`serve` meets these while a user works: the config, theme overrides and
static files, topic files appearing, going and being renamed, and drafts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project
from test_incremental import Editor, clean_build, tree

from generator.build.builder import Builder, BuildOptions


def _draft(project: Project) -> None:
    path = project.root / "content/papers/p1.md"
    path.write_text(path.read_text().replace("---\n\n", "draft: true\n---\n\n", 1))


def _unlink(relpath: str) -> Callable[[Project], None]:
    return lambda project: (project.root / relpath).unlink()


STEPS: list[tuple[str, Callable[[Project], object]]] = [
    ("config", lambda p: p.write("paperboard.toml", 'per_page = 2\ntheme = "t"\ntitle = "N"\n')),
    ("css added", lambda p: p.write("t/static/style.css", "body { color: red }\n")),
    ("css changed", lambda p: p.write("t/static/style.css", "body { color: blue }\n")),
    ("css removed", _unlink("t/static/style.css")),
    ("topic added", lambda p: p.topic("bias", "Bias", "About *bias*.")),
    ("topic removed", _unlink("content/topics/bias.md")),
    (
        "topic renamed",
        lambda p: (p.root / "content/topics/fairness.md").rename(p.root / "content/topics/f.md"),
    ),
    ("draft", _draft),
    ("partial added", lambda p: p.write("t/templates/partials/nav.html", "<nav>Mine</nav>\n")),
    ("partial removed", _unlink("t/templates/partials/nav.html")),
    ("theme dropped", lambda p: p.write("paperboard.toml", "per_page = 2\n")),
]


@pytest.mark.parametrize("seed", [4, 5])
def test_config_theme_topic_and_draft_edits_match_a_clean_build(
    project: Project, tmp_path: Path, seed: int
) -> None:
    project.write("paperboard.toml", 'per_page = 3\ntheme = "t"\n')
    project.write("t/templates/.keep", "")
    editor = Editor(project, seed)
    for index in range(8):
        editor.write_paper(f"p{index}")
    live = Builder(BuildOptions(project.root), output=tmp_path / "live", live=True)
    live.build()
    for name, step in STEPS:
        step(project)
        live.build()
        assert tree(tmp_path / "live") == clean_build(project, tmp_path / "clean"), name

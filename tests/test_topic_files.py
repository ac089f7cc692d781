"""Topic files after `import` and `add`, and the example paper of `init` removed on request.

Every topic an import introduces gets `content/topics/<slug>.md`, so the
imported site passes `build --strict`; the topics import falls back to are
marked `placeholder: true`. The example paper (`example: true`) is removed by
`--replace-example`, and only a hint is printed when no one can be asked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, Project, parse_html, text_of

from generator.cli import main
from generator.publish.scaffold import init_project

BIB = r"""
@inproceedings{fair,
  title = {Fair Ranking at Scale},
  author = {Lovelace, Ada},
  booktitle = {FAccT},
  year = {2024},
  keywords = {Fair Ranking; Recommender Systems},
}
@article{plain,
  title = {A Paper Nothing Is Known About},
  author = {Hopper, Grace},
  journal = {Journal of Things},
  year = {2023},
}
@article{again,
  title = {Recommender Systems, Again},
  author = {Borel, Émile},
  journal = {Journal of Things},
  year = {2022},
  keywords = {recommender systems},
}
"""


def front_matter(path: Path) -> dict[str, object]:
    meta: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return meta


def new_project(tmp_path: Path) -> Project:
    project = Project(tmp_path / "site")
    init_project(project.root)
    return project


def run(project: Project, *args: str) -> tuple[int, str, str]:
    bib = project.root.parent / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(bib), *args, "--source", str(project.root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_import_writes_a_topic_file_for_each_new_topic(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    code, out, _ = run(project, "--replace-example")
    assert code == 0, out
    topics = project.root / "content" / "topics"
    assert sorted(p.name for p in topics.glob("*.md")) == [
        "fair-ranking.md",
        "recommender-systems.md",
        "uncategorized.md",
    ]
    assert front_matter(topics / "fair-ranking.md") == {"title": "Fair Ranking"}
    # the first spelling a paper chose names the topic, not a later one in lower case
    assert front_matter(topics / "recommender-systems.md")["title"] == "Recommender Systems"
    assert front_matter(topics / "uncategorized.md") == {
        "title": "Uncategorized",
        "placeholder": True,
    }
    assert "created topic content/topics/fair-ranking.md" in out
    result = project.build("--strict")
    assert result.exit_code == 0, result.output
    listing = project.page("topics/")
    names = {text_of(a) for a in listing.xpath("//main//h2/a")}
    assert names == {"Fair Ranking", "Recommender Systems", "Uncategorized"}


def test_an_existing_topic_file_is_left_alone(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    mine = project.topic("fair-ranking", "Fair Ranking", "My own words.")
    before = mine.read_bytes()
    code, out, _ = run(project, "--replace-example")
    assert code == 0
    assert mine.read_bytes() == before
    assert "created topic content/topics/fair-ranking.md" not in out


def test_a_dry_run_writes_no_topic_file_and_keeps_the_example(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    code, out, _ = run(project, "--replace-example", "--dry-run")
    assert code == 0
    assert not (project.root / "content/topics/fair-ranking.md").exists()
    assert (project.root / "content/papers/an-example-paper.md").exists()
    assert "would remove the example content/papers/an-example-paper.md" in out


def test_replace_example_removes_the_example_paper_and_its_topic(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    code, out, _ = run(project, "--replace-example")
    assert code == 0
    assert not (project.root / "content/papers/an-example-paper.md").exists()
    assert not (project.root / "content/topics/machine-learning.md").exists()
    assert "removed the example content/papers/an-example-paper.md" in out
    assert project.build("--strict").exit_code == 0
    home = project.page("")
    titles = [text_of(a) for a in home.xpath("//main//article//h2//a | //main//article//h3//a")]
    assert titles and not any("Example Paper" in t for t in titles)
    assert "Example Paper" not in text_of(home.xpath("//main")[0])


def test_the_example_topic_stays_when_another_paper_names_it(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.paper("mine", "My Learning Paper", topics=("machine-learning",))
    code, _, _ = run(project, "--replace-example")
    assert code == 0
    assert not (project.root / "content/papers/an-example-paper.md").exists()
    assert (project.root / "content/topics/machine-learning.md").exists()


def test_without_a_terminal_import_only_hints(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    code, _, err = run(project)
    assert code == 0
    assert (project.root / "content/papers/an-example-paper.md").exists()
    hints = [line for line in err.splitlines() if "example" in line]
    assert hints == [
        "hint: the example content/papers/an-example-paper.md, "
        "content/topics/machine-learning.md is still there; delete it, or add --replace-example"
    ]


@pytest.mark.parametrize(("answer", "removed"), [(b"y\n", True), (b"n\n", False)])
def test_on_a_terminal_import_asks_first(tmp_path: Path, answer: bytes, removed: bool) -> None:
    project = new_project(tmp_path)
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    command = [sys.executable, "-m", "generator", "import", str(bib), "--source", str(project.root)]
    terminal, stdin = os.openpty()  # a real terminal on stdin, as a person at a shell has
    with subprocess.Popen(
        command,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    ) as process:
        os.close(stdin)
        os.write(terminal, answer)
        out, err = process.communicate(timeout=120)
    os.close(terminal)
    assert process.returncode == 0, err.decode()
    # The question comes once the new papers are written, after the report.
    summary, question = out.decode().split("failed\n", 1)
    assert "3 created" in summary
    assert question.startswith(
        "Remove the example content/papers/an-example-paper.md, "
        "content/topics/machine-learning.md? [Y/n]: "
    )
    assert (project.root / "content/papers/an-example-paper.md").exists() is not removed
    assert "hint:" not in err.decode()


def test_a_paper_without_the_mark_is_never_taken_for_the_example(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    example = project.root / "content/papers/an-example-paper.md"
    text = example.read_text(encoding="utf-8")
    example.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("example:")) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(project, "--replace-example")
    assert code == 0
    assert example.exists()
    assert "example" not in out + err.replace("an-example-paper", "")


def test_the_example_paper_and_topic_of_init_are_marked(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    paper = front_matter(project.root / "content/papers/an-example-paper.md")
    topic = front_matter(project.root / "content/topics/machine-learning.md")
    assert paper["example"] is True and topic["example"] is True
    result = project.build("--strict")
    assert result.exit_code == 0, result.output
    page = parse_html((project.root / "site/papers/an-example-paper/index.html").read_bytes())
    assert "An Example Paper" in text_of(page.xpath("//h1")[0])

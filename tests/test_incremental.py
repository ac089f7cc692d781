"""Incremental builds write exactly what a clean build writes, and nothing more."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import Project, tree

from generator.build.builder import Builder, BuildOptions, build_site
from generator.errors import BuildFailed

TOPICS = ["Fairness", "Bias", "Learning to Rank", "Bayesian Optimization", "3D Reconstruction"]
AUTHORS = ["Ada Lovelace", "Grace Hopper", "Émile Borel", "Alan Turing", "Kurt Gödel"]
WORDS = "preference reward ranking fairness gaussian surface kernel bias policy scene".split()


def clean_build(project: Project, out: Path) -> dict[str, bytes]:
    build_site(BuildOptions(project.root, output=out))
    return tree(out)


class Editor:
    """Random, valid edits of a project, seeded for reproducibility."""

    def __init__(self, project: Project, seed: int) -> None:
        self.project = project
        self.rng = random.Random(seed)
        self.count = 0

    def papers(self) -> list[Path]:
        return sorted((self.project.root / "content/papers").glob("*.md"))

    def write_paper(self, slug: str) -> None:
        rng = self.rng
        self.project.paper(
            slug,
            title=" ".join(rng.sample(WORDS, 3)).title() + f" {rng.randint(1, 99)}",
            date=f"2025-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}",
            topics=tuple(rng.sample(TOPICS, rng.randint(1, 2))),
            authors=tuple(rng.sample(AUTHORS, rng.randint(1, 3))),
            body=" ".join(rng.choices(WORDS, k=rng.randint(5, 30))) + ".",
            extra=f"upvotes: {rng.randint(0, 9)}",
        )

    def step(self) -> str:
        rng = self.rng
        papers = self.papers()
        action = rng.choice(["edit", "edit", "create", "delete", "rename", "topic", "template"])
        if action == "create" or len(papers) < 3:
            self.count += 1
            self.write_paper(f"new-{self.count}")
        elif action == "edit":
            self.write_paper(rng.choice(papers).stem)
        elif action == "delete":
            rng.choice(papers).unlink()
        elif action == "rename":
            path = rng.choice(papers)
            self.count += 1
            path.rename(path.with_name(f"renamed-{self.count}.md"))
        elif action == "topic":
            self.project.topic(
                "fairness",
                rng.choice(["Fairness", "Fair ML", "Equity"]),
                " ".join(rng.choices(WORDS, k=8)),
            )
        else:
            footer = rng.choice(["one", "two", "three"])
            self.project.write(
                "mytheme/templates/partials/authors.html",
                '{% for name in paper.authors %}<a href="{{ url(author_url(name)) }}">'
                "{{ name }}</a> {% endfor %}" + footer,
            )
        return action


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_match_a_clean_build_after_every_step(
    project: Project, tmp_path: Path, seed: int
) -> None:
    project.write("paperboard.toml", 'per_page = 3\ntheme = "mytheme"\n')
    project.write("mytheme/templates/.keep", "")
    editor = Editor(project, seed)
    for index in range(8):
        editor.write_paper(f"p{index}")
    live = Builder(BuildOptions(project.root), output=tmp_path / "live", live=True)
    live.build()
    for step in range(12):
        action = editor.step()
        live.build()
        expected = clean_build(project, tmp_path / "clean")
        assert tree(tmp_path / "live") == expected, f"step {step}: {action}"


def test_second_build_renders_nothing(built: Project, tmp_path: Path) -> None:
    builder = Builder(BuildOptions(built.root), output=tmp_path / "live", live=True)
    first = builder.build()
    assert (
        first.files == first.pages + len([n for n in first.rendered if n.startswith("static/")]) + 1
    )
    again = builder.build()
    assert again.rendered == []
    assert again.removed == []


def test_editing_one_abstract_renders_only_pages_that_show_it(
    built: Project, tmp_path: Path
) -> None:
    builder = Builder(BuildOptions(built.root), output=tmp_path / "live", live=True)
    builder.build()
    path = built.root / "content/papers/gamma.md"
    path.write_text(path.read_text().replace("An abstract.", "A new abstract."))
    result = builder.build()
    assert set(result.rendered) == {
        "papers/gamma/index.html",
        "index.html",
        "topics/bias/index.html",
        "authors/grace-hopper/index.html",
        "feed.xml",
        "topics/bias/feed.xml",
        "authors/grace-hopper/feed.xml",
        "papers.json",
        "topics/bias/papers.json",
        "papers.bib",
        "topics/bias/papers.bib",
        "papers/gamma/cite.bib",
        "days/2024-12-01/index.html",
        "weeks/2024-W48/index.html",
        "months/2024-12/index.html",
        "trending/index.html",
        "papers.csl.json",
        "topics/bias/papers.csl.json",
        "papers/gamma/cite.json",
        "digest/2024-12-01/index.html",
        "digest/feed.xml",
    }


def test_moving_a_paper_between_topics_updates_both_topics_and_counts(
    built: Project, tmp_path: Path
) -> None:
    builder = Builder(BuildOptions(built.root), output=tmp_path / "live", live=True)
    builder.build()
    path = built.root / "content/papers/gamma.md"
    path.write_text(path.read_text().replace('  - "bias"', '  - "Fairness"'))
    result = builder.build()
    assert {
        "topics/bias/index.html",
        "topics/fairness/index.html",
        "topics/index.html",
        "index.html",
        "papers/gamma/index.html",
    } <= set(result.rendered)
    assert tree(tmp_path / "live") == clean_build(built, tmp_path / "clean")


def test_a_broken_file_fails_the_build_and_the_next_good_build_recovers(
    built: Project, tmp_path: Path
) -> None:
    builder = Builder(BuildOptions(built.root), output=tmp_path / "live", live=True)
    builder.build()
    before = tree(tmp_path / "live")
    path = built.root / "content/papers/gamma.md"
    good = path.read_text()
    path.write_text(good.replace("title:", "title: [broken"))
    with pytest.raises(BuildFailed):
        builder.build()
    assert tree(tmp_path / "live") == before
    path.write_text(good.replace("Gamma", "Gamma Two"))
    builder.build()
    assert tree(tmp_path / "live") == clean_build(built, tmp_path / "clean")


def test_publishing_again_hard_links_unchanged_pages(built: Project) -> None:
    builder = Builder(BuildOptions(built.root))
    builder.build()
    site = built.root / "site"
    before = {
        name: (site / name).stat().st_ino
        for name in ["archive/index.html", "papers/gamma/index.html"]
    }
    path = built.root / "content/papers/gamma.md"
    path.write_text(path.read_text().replace("An abstract.", "Changed."))
    result = builder.build()
    assert "archive/index.html" not in result.rendered
    assert (site / "archive/index.html").stat().st_ino == before["archive/index.html"]
    assert (site / "papers/gamma/index.html").stat().st_ino != before["papers/gamma/index.html"]
    assert tree(site) == clean_build(built, built.root / "clean")

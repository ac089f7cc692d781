"""`paperboard topics suggest`: topics found in the papers' words, and `--apply`.

The clustering is checked on a collection whose groups are plain, the names
on a table of top terms, and `--apply` on real imported files: only the
`topics:` entry changes, byte for byte, and the built site lists the topics.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import Project, text_of
from shared_data import shared_path

from generator.authoring.commands import AuthoringOptions, import_papers
from generator.authoring.topic_apply import (
    apply,
    new_topics,
    placeholder_slugs,
    propose,
    replace_topics,
)
from generator.authoring.topic_clusters import PaperText, cluster_papers, topic_title
from generator.cli import main
from generator.publish.scaffold import init_project

GROUPS = {
    "graph": [
        "Graph Neural Networks for Molecules",
        "Message Passing Graph Neural Networks",
        "Scalable Graph Neural Networks",
        "Graph Neural Networks Are Expressive",
        "Attention on Graph Neural Networks",
        "Pooling in Graph Neural Networks",
    ],
    "flow": [
        "Information Flow Control for Haskell",
        "Dynamic Information Flow Control",
        "Information Flow Control in the Browser",
        "Static Information Flow Control",
        "Declassification and Information Flow Control",
        "Information Flow Control for Smart Contracts",
    ],
    "types": [
        "Homotopy Type Theory Explained",
        "Cubical Type Theory",
        "Modal Type Theory Revisited",
        "Guarded Type Theory",
        "Observational Type Theory",
        "Two-Level Type Theory",
    ],
}
VENUE = "Proceedings of the 12th International Conference on Things (ICT 2024)"


def collection() -> list[PaperText]:
    return [PaperText(t, venue=VENUE) for titles in GROUPS.values() for t in titles]


def test_plain_groups_become_named_topics() -> None:
    papers = collection()
    clusters = cluster_papers(papers, 3)
    assert cluster_papers(papers, 3) == clusters  # deterministic
    found = {c.title: {papers[i].title for i in c.members} for c in clusters}
    assert found == {
        "Graph Neural Networks": set(GROUPS["graph"]),
        "Information Flow Control": set(GROUPS["flow"]),
        "Type Theory": set(GROUPS["types"]),
    }
    words = {w for c in clusters for k in (c.title, *c.keywords) for w in k.lower().split()}
    assert not words & {"proceedings", "international", "conference", "things", "ict", "2024"}


@pytest.mark.parametrize(
    ("terms", "taken", "title"),
    [
        ("effect .34, monads .26, systems .23, effect systems .21", set(), "Effect Systems"),
        ("types .64, monads .29, dependent .22, dependent types .16", set(), "Types and Monads"),
        ("logic 1.4, linear .56, linear logic .46, semantics .13", set(), "Logic and Semantics"),
        ("networks .95, neural .75, neural networks .59", set(), "Neural Networks"),
        ("deep 1, deep learning 1, learning .9", set(), "Deep Learning"),
        ("attention .18, optimization .17", set(), "Attention and Optimization"),
        ("type theory .7, modal .2, homotopy .1", {"type theory"}, "Modal and Homotopy"),
    ],
)
def test_topic_titles_read_well(terms: str, taken: set[str], title: str) -> None:
    ranked = [(t.rsplit(" ", 1)[0], float(t.rsplit(" ", 1)[1])) for t in terms.split(", ")]
    assert topic_title(ranked, taken) == title


def test_too_few_papers_give_no_topics() -> None:
    assert cluster_papers([PaperText("Alone")]) == []
    assert cluster_papers([PaperText("the of and"), PaperText("and the")]) == []


PLACEHOLDERS = frozenset({"uncategorized", "computer-vision"})


@pytest.mark.parametrize(
    ("topics", "found", "after"),
    [
        (("Uncategorized",), "Type Theory", ("Type Theory",)),
        (("Fairness",), "Type Theory", ("Fairness",)),
        (("Fairness", "Uncategorized"), "Type Theory", ("Fairness", "Type Theory")),
        (("Computer Vision",), "Type Theory", ("Type Theory",)),
        (("Uncategorized",), None, ("Uncategorized",)),
        (("type-theory", "Uncategorized"), "Type Theory", ("type-theory",)),
    ],
)
def test_only_placeholders_are_replaced(
    topics: tuple[str, ...], found: str | None, after: tuple[str, ...]
) -> None:
    assert new_topics(topics, PLACEHOLDERS, found) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            '---\ntitle: "A"\ntopics:\n  - "Uncategorized"\nvenue: "V"\n---\n\nBody\n',
            '---\ntitle: "A"\ntopics:\n  - "Type Theory"\nvenue: "V"\n---\n\nBody\n',
        ),
        (
            "---\r\ntitle: A\r\ntopics: [Uncategorized]\r\n# a comment\r\n---\r\ntopics: x\r\n",
            '---\r\ntitle: A\r\ntopics:\r\n  - "Type Theory"\r\n# a comment\r\n'
            "---\r\ntopics: x\r\n",
        ),
        (
            "---\ntitle: A\ntopics:\n- Uncategorized\n- Computer Vision\n\ndate: 2020\n---\n",
            '---\ntitle: A\ntopics:\n  - "Type Theory"\n\ndate: 2020\n---\n',
        ),
    ],
)
def test_only_the_topics_entry_is_rewritten(before: str, after: str) -> None:
    assert replace_topics(before.encode(), ["Type Theory"]) == after.encode()


def run(project: Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["topics", "suggest", *args, "--source", str(project.root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def small_project(tmp_path: Path) -> Project:
    project = Project(tmp_path / "site")
    project.root.mkdir()
    project.topic("fairness", "Fairness")
    project.write(
        "content/topics/uncategorized.md",
        "---\ntitle: Uncategorized\nplaceholder: true\n---\n\nNot sorted yet.\n",
    )
    number = 0
    for titles in GROUPS.values():
        for title in titles:
            number += 1
            chosen = ("Fairness",) if number == 1 else ("Uncategorized",)
            project.paper(f"p{number}", title, topics=chosen, extra=f'venue: "{VENUE}"')
    return project


def test_suggest_prints_the_proposal_and_writes_nothing(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    before = {p: p.read_bytes() for p in (project.root / "content").rglob("*.md")}
    code, out = run(project, "--count", "3")
    assert code == 0, out
    assert "Information Flow Control (6 papers)" in out
    assert "  keywords: information flow control" in out
    assert "  - Dynamic Information Flow Control" in out
    assert "17 of 18 papers change; papers with only a placeholder topic: 17 -> 0" in out
    assert {p: p.read_bytes() for p in (project.root / "content").rglob("*.md")} == before


def test_apply_sets_the_topics_and_the_site_lists_them(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    code, out = run(project, "--count", "3", "--apply")
    assert code == 0, out
    topics = project.root / "content" / "topics"
    meta = yaml.safe_load((topics / "type-theory.md").read_text().split("---\n")[1])
    assert meta["title"] == "Type Theory" and "type theory" in meta["keywords"]
    assert not (topics / "uncategorized.md").exists()  # no paper names it any more
    first = yaml.safe_load((project.root / "content/papers/p1.md").read_text().split("---\n")[1])
    assert first["topics"] == ["Fairness"]  # a person's choice stays
    result = project.build("--strict", "--base-url", "https://example.org/")
    assert result.exit_code == 0, result.output
    listing = project.page("topics/")
    assert {text_of(a) for a in listing.xpath("//main//h2/a")} == {
        "Fairness",
        "Graph Neural Networks",
        "Information Flow Control",
        "Type Theory",
    }
    page = project.page("topics/type-theory/")
    assert "Cubical Type Theory" in text_of(page.xpath("//main")[0])
    code, out = run(project, "--count", "3", "--apply")
    assert "0 of 18 papers change" in out  # a second run finds nothing to do


def test_apply_keeps_every_other_byte_of_real_files(tmp_path: Path) -> None:
    bib = shared_path("realdata", "d2l-bib", "d2l.bib")
    root = tmp_path / "site"
    init_project(root)
    shutil.rmtree(root / "content")  # the example paper and topic, as --replace-example does
    import_papers([bib], AuthoringOptions(root))
    papers = sorted((root / "content" / "papers").glob("*.md"))
    before = {p: p.read_bytes() for p in papers}
    proposal = propose(root / "content")
    assert len(proposal.clusters) >= 8
    applied = apply(root / "content", proposal)
    assert len(applied.papers) >= 0.9 * len(papers)
    for path in papers:
        old, new = before[path], path.read_bytes()
        head, _, rest = old.partition(b"\ntopics:\n")
        items = rest[: rest.index(b"\n", rest.index(b"  - ")) + 1]
        while rest[len(items) :].startswith(b"  - "):
            items = rest[: rest.index(b"\n", len(items)) + 1]
        tail = rest[len(items) :]
        assert new.startswith(head + b"\ntopics:\n") and new.endswith(tail), path.name
        listed = yaml.safe_load(new.decode().split("---\n")[1])["topics"]
        assert listed == (["Uncategorized"] if path not in applied.papers else listed)
        if path in applied.papers:
            assert "Uncategorized" not in listed and len(listed) == 1


def test_which_topics_are_placeholders(tmp_path: Path) -> None:
    project = Project(tmp_path / "site")
    project.topic("computer-vision", "Computer Vision")  # a person's file: a real topic
    project.write("content/topics/robotics.md", "---\ntitle: Robotics\nplaceholder: true\n---\n")
    project.topic("uncategorized", "Uncategorized", "Mine, with my own words.")
    found = placeholder_slugs(project.root / "content")
    assert {"uncategorized", "robotics", "machine-learning", "cs-lg"} <= found
    assert "computer-vision" not in found and "fairness" not in found


def test_a_topic_file_a_person_wrote_is_never_removed(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    mine = project.topic("uncategorized", "Uncategorized", "Mine, with my own words.")
    code, out = run(project, "--count", "3", "--apply")
    assert code == 0, out
    assert mine.is_file() and "removed" not in out

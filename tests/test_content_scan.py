"""One content scanner: the build, dedupe and topic suggestions read the same files."""

from __future__ import annotations

from pathlib import Path

from conftest import Project

from generator.authoring.dedupe import index_papers
from generator.authoring.topic_suggest import load_topic_words
from generator.config import load_config
from generator.content.sources import content_sources


def _leftovers(project: Project, folder: str, outside: Path) -> None:
    """Everything the build does not read, in `content/<folder>/`."""
    base = project.root / "content" / folder
    for debris in (".#plain.md", "plain.md~", ".plain.md.swp", "#plain.md#", "4913"):
        project.write(f"content/{folder}/{debris}", '---\ntitle: "Debris"\n---\n')
    project.write(f"content/{folder}/notes.txt", "not Markdown\n")
    (base / "folder.md").mkdir()
    (base / "leak.md").symlink_to(outside)
    (base / "dangling.md").symlink_to("nowhere.md")


def test_build_dedupe_and_topic_suggestions_read_the_same_files(
    project: Project, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text('---\ntitle: "Outside"\narxiv: "2401.00001"\n---\n', encoding="utf-8")
    project.paper("plain", title="Plain")
    project.paper("long", title="Long Suffix").rename(project.root / "content/papers/long.markdown")
    project.write("content/drafts/kept.md", '---\ntitle: "Linked In"\n---\n')
    (project.root / "content/papers/alias.md").symlink_to("../drafts/kept.md")
    _leftovers(project, "papers", outside)
    project.topic("vision", "Vision").rename(project.root / "content/topics/vision.markdown")
    _leftovers(project, "topics", outside)
    content = project.root / "content"

    sources, _ = content_sources(load_config(project.root))
    built_papers = {s.name for s in sources if s.kind == "paper"}
    built_topics = {s.name for s in sources if s.kind == "topic"}
    indexed = {path.name for path in index_papers(content).known.values()}
    suggested = {words.slug for words in load_topic_words(content)}

    assert built_papers == {"alias", "long", "plain"}
    assert indexed == {"alias.md", "long.markdown", "plain.md"}
    assert built_topics == suggested == {"fairness", "vision"}

"""Related papers: similar papers recommend each other, and incremental = fresh."""

from __future__ import annotations

import pickle
import random
from dataclasses import replace

import pytest
from conftest import REPO, Project, text_of

from generator.build.builder import BuildOptions, load_project
from generator.models import Paper
from generator.scholarly import PartialDate
from generator.site.related import SHOWN, RelatedIndex

SYLLABLES = "ka lo mi nu pe ra si tu ve zo".split()
WORDS = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:4]]


def seed_papers() -> dict[str, Paper]:
    if not (REPO / "content" / "papers").is_dir():
        pytest.skip("no seed content")
    site, _ = load_project(BuildOptions(REPO, cache=False))
    return {paper.slug: paper for paper in site.papers}


def topic_slugs(paper: Paper) -> set[str]:
    return {topic.slug for topic in paper.topics}


def test_seed_preference_papers_recommend_each_other_not_3d_reconstruction() -> None:
    papers = seed_papers()
    related = RelatedIndex().update(list(papers.values()))
    preference = [p for p in papers.values() if "preference-optimization" in topic_slugs(p)]
    assert len(preference) > 10
    same = total = 0
    for paper in preference:
        others = [papers[slug] for slug in related[paper.slug]]
        assert len(others) == SHOWN
        assert not any("3d-scene-reconstruction" in topic_slugs(o) for o in others)
        same += sum("preference-optimization" in topic_slugs(o) for o in others)
        total += len(others)
    assert same / total > 0.7
    scenes = [p for p in papers.values() if "3d-scene-reconstruction" in topic_slugs(p)]
    for paper in scenes:
        first = papers[related[paper.slug][0]]
        assert "3d-scene-reconstruction" in topic_slugs(first)


def test_paper_page_lists_related_papers_with_links(built: Project) -> None:
    page = built.page("papers/alpha/")
    section = page.xpath("//section[@class='related']")
    assert section, "alpha shares words with beta"
    links = section[0].xpath(".//a")
    assert links and all(a.get("href").startswith("/papers/") for a in links)
    assert "/papers/alpha/" not in [a.get("href") for a in links]
    assert all(text_of(a) for a in links)


def make_paper(rng: random.Random, slug: str) -> Paper:
    title = " ".join(rng.choices(WORDS, k=4))
    text = " ".join(rng.choices(WORDS, k=rng.randint(5, 40)))
    return Paper(
        slug=slug,
        source=f"{slug}.md",
        title=title,
        title_html=title,
        title_text=title,
        authors=(),
        date=PartialDate(2025, 1, 1),
        topics=(),
        links=(),
        abstract_html="",
        summary="",
        text=text,
        digest=slug + text,
    )


@pytest.mark.parametrize("seed", range(6))
def test_incremental_updates_equal_a_fresh_index(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = []
    original = RelatedIndex._recompute_some
    monkeypatch.setattr(
        RelatedIndex,
        "_recompute_some",
        lambda self, *args: partial.append(1) or original(self, *args),
    )
    rng = random.Random(seed)
    papers = {f"p{i:03d}": make_paper(rng, f"p{i:03d}") for i in range(150)}
    index = RelatedIndex()
    index.update(list(papers.values()))
    for step in range(25):
        if step % 5 == 4:
            index = pickle.loads(pickle.dumps(index))  # as the build cache keeps it
        action = rng.choice(["edit", "edit", "edit", "add", "remove", "rename"])
        slug = rng.choice(sorted(papers))
        if action == "edit":
            old = papers[slug]
            papers[slug] = replace(old, text=old.text + " " + rng.choice(WORDS))
        elif action == "add":
            new = f"n{step:03d}"
            papers[new] = make_paper(rng, new)
        elif action == "remove" and len(papers) > 10:
            del papers[slug]
        elif action == "rename":
            paper = papers.pop(slug)
            papers[f"r{step:03d}"] = replace(paper, slug=f"r{step:03d}")
        got = index.update(list(papers.values()))
        assert got == RelatedIndex().update(list(papers.values())), f"step {step}: {action}"
    assert len(partial) >= 4, "the incremental path is exercised"

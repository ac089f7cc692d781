"""A small project that has what the seed papers lack: authors, pages, math, every field.

The seed site has no authors, one date and no upvotes, and fits its listings on few
pages; this one has five papers a page (so home, a topic and an author paginate),
dates over three years, math in a title and an abstract, a table, a long URL, a
long word and an equation wider than a phone, a long topic name, every kind of link,
papers listed on the board on other days than their dates, and thumbnails.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from conftest import Project
from pdf_maker import make_pdf

from generator.authoring.thumbnails import make_thumbnails

PER_PAGE = 5
TITLE = "Reading Group & Friends"
ADA = "Ada Lovelace"
"""The author of enough papers for two pages."""

MATH_BODY = r"""
Sorting $n$ keys needs $\Omega(n \log n)$ comparisons; we show
$$\sum_{i=1}^{n} \frac{x_i^2}{\epsilon} \le \sqrt{n}\,\|x\|_2$$
for every input. Code: https://example.org/a/really/long/path/that/does/not/wrap/easily/on/a/phone/screen/at/all.html
and the Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt.

| method | comparisons | memory | notes |
|---|---|---|---|
| merge sort | $n \log n$ | $O(n)$ | stable, predictable, and used as the reference throughout |
| quicksort | $1.39\, n \log n$ | $O(\log n)$ | fastest in practice on random keys |

The cost of one pass, wider than a phone:

$$
C(x) = a_1 x_1 + a_2 x_2 + a_3 x_3 + a_4 x_4 + a_5 x_5 + a_6 x_6
  + a_7 x_7 + a_8 x_8 + a_9 x_9 + a_{10} x_{10} + a_{11} x_{11}
$$
"""


class Paper(NamedTuple):
    """A paper of the project: what `Project.paper` takes."""

    title: str
    date: str
    topics: tuple[str, ...]
    authors: tuple[str, ...]
    extra: str = ""
    body: str = ""


PAPERS: dict[str, Paper] = {
    "sorting-bounds": Paper(
        r"Sorting in $O(n \log n)$ Time with $\alpha$-Approximate Keys",
        "2025-06-02",
        ("optimization",),
        (ADA, "Srinivasa Ramanujan Aiyangar", "山田 太郎"),
        'arxiv: "2506.00001"\nvenue: "SODA 2026"\nupvotes: 41',
        MATH_BODY,
    ),
    "every-link": Paper(
        "A Paper with Every Kind of Link",
        "2025-05-20",
        ("vision", "fairness", "optimization"),
        (ADA, "Grace Hopper"),
        'arxiv: "2505.00002"\nupvotes: 3\nlinks:\n'
        '  code: "https://github.com/example/every-link"\n'
        '  project: "https://example.org/every-link/"\n'
        '  data: "https://example.org/data.tar"\n'
        '  video: "https://example.org/talk.mp4"\n'
        '  doi: "10.1234/every.link.5678"\n'
        '  slides: "https://example.org/slides.pdf"\n'
        '  poster: "https://example.org/poster.pdf"',
    ),
    "fair-ranking": Paper(
        "Fair Ranking under Uncertainty", "2025-03-10", ("fairness",), (ADA, "Émile Borel")
    ),
    "robust-vision": Paper(
        "Robust Vision Transformers at Scale", "2025-01-15", ("vision",), ("Grace Hopper",)
    ),
    "equal-opportunity": Paper(
        "Equal Opportunity in Classifiers", "2024-11-30", ("fairness",), (ADA,), "upvotes: 7"
    ),
    "momentum": Paper(
        "Momentum Methods Revisited", "2024-09-01", ("optimization",), (ADA, "Émile Borel")
    ),
    "segmentation": Paper(
        "Open-Vocabulary Segmentation", "2024-06-12", ("vision",), ("Grace Hopper",), "upvotes: 0"
    ),
    "calibration": Paper(
        "Calibration of Fair Classifiers", "2024-02-02", ("fairness", "vision"), (ADA,)
    ),
    "line-search": Paper(
        "Line Search without Tears", "2023-12-24", ("optimization",), ("Émile Borel",)
    ),
    "depth": Paper("Monocular Depth in the Wild", "2023-10-05", ("vision",), ("Grace Hopper",)),
    "auditing": Paper(
        "Auditing Recommender Systems", "2023-07-19", ("fairness",), (ADA, "Grace Hopper")
    ),
    "adam-variants": Paper(
        "A Survey of Adam Variants", "2023-03-03", ("optimization",), ("Émile Borel",)
    ),
}


LISTED = {"sorting-bounds": "2025-06-03", "every-link": "2025-06-03", "fair-ranking": "2025-06-04"}
"""Three papers listed on two consecutive board days; the others are on the board by date."""
PAGE_KINDS = {
    "home": "",
    "topic": "topics/fairness/",
    "paper": "papers/every-link/",
    "author": "authors/ada-lovelace/",
    "archive": "archive/",
    "day": "days/2025-06-03/",
    "search": "search/",
}
"""One page of each kind a reader meets, as paths under the site: the browser checks
(layout shift, Lighthouse) visit these."""
THUMBNAILS = ("sorting-bounds", "fair-ranking", "momentum")
"""Papers given a thumbnail by `paperboard thumbnails`, from a PDF beside them."""


def write_reader_project(root: Path) -> Project:
    """Write the project's settings, topics and papers under `root`, and make thumbnails."""
    project = Project(root)
    project.write(
        "paperboard.toml",
        f'title = "{TITLE}"\ndescription = "Papers our group read, with notes."\n'
        f"per_page = {PER_PAGE}\n",
    )
    project.topic("vision", "Computer Vision", "Seeing machines.")
    project.topic("fairness", "Fairness", "Papers about *fair* machine learning.")
    project.topic(
        "optimization",
        "Optimization Algorithms for Extremely Large-Scale Nonconvex Problems",
        "Descent, momentum and line search.",
    )
    for slug, paper in PAPERS.items():
        body = paper.body or f"An abstract about {paper.title.lower()}, in a few words."
        extra = paper.extra + (f"\nlisted: {LISTED[slug]}" if slug in LISTED else "")
        project.paper(slug, paper.title, paper.date, paper.topics, paper.authors, body, extra)
    for number, slug in enumerate(THUMBNAILS):
        pdf = make_pdf([(0.85, 0.9, 1.0)], text=number)
        (root / "content" / "papers" / f"{slug}.pdf").write_bytes(pdf)
    assert make_thumbnails(root, None).count("made") == len(THUMBNAILS)
    write_member(project)
    return project


def write_member(project: Project) -> None:
    """Émile Borel as one of the group's own people: a profile with every field."""
    from PIL import Image

    project.write(
        "content/authors/emile-borel.md",
        '---\nname: "Émile Borel"\nmember: true\norcid: "0000-0002-1825-0097"\n'
        'affiliation: "Université de Paris"\nhomepage: "https://example.org/borel/"\n'
        "avatar: borel.png\n---\nMeasure theory and *probability*.\n",
    )
    Image.new("RGB", (96, 96), (40, 90, 160)).save(project.root / "content/authors/borel.png")


def papers_of(author: str) -> list[str]:
    """Slugs of an author's papers, newest first."""
    mine = [slug for slug, paper in PAPERS.items() if author in paper.authors]
    return sorted(mine, key=lambda slug: PAPERS[slug].date, reverse=True)

"""`paperboard import` of BibTeX: real-world quirks, bad entries, and the export round trip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, Project
from shared_data import shared_path

from generator.authoring.commands import AuthoringOptions, import_papers
from generator.build.builder import BuildOptions, load_project
from generator.cli import main
from generator.importers.bibtex import read_bibtex
from generator.scholarly import PartialDate
from generator.site.bibtex_entry import paper_bibtex

NASTY = r"""---
---
% a comment line, and al-folio's Jekyll header above
@string{icml = "International Conference on Machine Learning"}

@inproceedings{goedel2024,
  title     = {{\"U}ber {T}ensor{F}low: na\"{\i}ve {\ss} and Caf\'e \& More},
  author    = {G{\"o}del, Kurt and Ada Lovelace and van Beethoven, Ludwig and {Google Research}},
  booktitle = icml,
  year      = 2024,
  month     = mar,
  keywords  = {Fairness; program synthesis, Graph Neural Networks},
  eprint    = {2403.01234v2},
  archivePrefix = {arXiv},
  url       = {https://arxiv.org/abs/2403.01234v2},
  doi       = {10.5555/12345.678},
  pdf       = {https://example.org/goedel.pdf},
  code      = {https://github.com/kg/uber},
  abstract  = {We show $O(n^2)$ bounds for 50% of cases, improving {BERT}.},
}

@article{broken,
  title = {Unclosed {brace,
  year = 2020
}

@misc{nodate,
  title = {A Paper Without a Year},
}

@article{corr,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  journal = {CoRR},
  volume = {abs/1706.03762},
  year = {2017},
  month = {6},
}
"""


def meta_of(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_nasty_entry_fields() -> None:
    batch = read_bibtex(NASTY, Path("refs.bib"))
    first = batch.records[0].draft
    assert first.title == "Über TensorFlow: naïve ß and Café & More"
    assert tuple(name.display for name in first.authors) == (  # type: ignore[union-attr]
        "Kurt Gödel",
        "Ada Lovelace",
        "Ludwig van Beethoven",
        "Google Research",
    )
    assert first.venue == "International Conference on Machine Learning"
    assert first.date == PartialDate(2024, 3)  # year and month: no invented day
    assert first.arxiv == "2403.01234v2"
    assert first.topics == ("Fairness", "program synthesis", "Graph Neural Networks")
    assert first.links == {
        "doi": "https://doi.org/10.5555/12345.678",
        "pdf": "https://example.org/goedel.pdf",
        "code": "https://github.com/kg/uber",
    }
    assert first.abstract == "We show $O(n^2)$ bounds for 50% of cases, improving BERT."
    corr = batch.records[-1].draft
    assert (corr.arxiv, corr.venue, corr.date) == ("1706.03762", None, PartialDate(2017, 6))


def test_bad_entries_are_reported_with_their_line_and_the_rest_import() -> None:
    batch = read_bibtex(NASTY, Path("refs.bib"))
    assert len(batch.records) == 2
    errors = {d.line: d.message for d in batch.problems if d.severity == "error"}
    assert set(errors) == {22, 27}
    assert errors[22].startswith("cannot read this entry")
    assert errors[27] == "@misc{nodate}: the entry has no year or date"


def test_a_single_proceedings_entry_lends_year_and_venue() -> None:
    text = (
        "@Proceedings{VOL-18, booktitle = {Proc. of AISTATS}, year = {2018}}\n"
        "@InProceedings{a18, title = {A}, author = {Ng, Andrew}}\n"
        "@InProceedings{b18, title = {B}, crossref = {VOL-18}, year = {2017}}\n"
    )
    drafts = [r.draft for r in read_bibtex(text).records]
    assert [(d.title, d.date.year, d.venue) for d in drafts] == [
        ("A", 2018, "Proc. of AISTATS"),
        ("B", 2017, "Proc. of AISTATS"),
    ]


def test_import_command_writes_files_that_build(project: Project) -> None:
    bib = project.write("refs.bib", NASTY)
    result = CliRunner().invoke(main, ["import", str(bib), "--source", str(project.root)])
    assert result.exit_code == 1  # two entries failed
    assert "2 created, 0 skipped as duplicate, 2 failed" in result.stdout
    assert "refs.bib:22: error: cannot read this entry" in result.stderr
    files = sorted((project.root / "content/papers").glob("*.md"))
    assert [f.name for f in files] == [
        "attention-is-all-you-need.md",
        "uber-tensorflow-naive-ss-and-cafe-more.md",
    ]
    meta = meta_of(files[1])
    assert meta["arxiv"] == "2403.01234v2" and meta["venue"].startswith("International")
    assert project.build().exit_code == 0
    again = CliRunner().invoke(main, ["import", str(bib), "--source", str(project.root)])
    assert "0 created, 2 skipped as duplicate, 2 failed" in again.stdout


TRICKY = """---
title: "50% of $x_i$ & {braces} #1: Tom_s Über-Test -- a ``study''"
authors:
  - "Émile Borel"
  - "Jean-Luc von Neumann"
date: 2024-02-29
arxiv: "2402.01234v3"
topics:
  - "Fairness"
links:
  code: "https://github.com/a/b_c?x=1%20y"
  doi: "10.1000/xyz_1"
  demo: "https://example.org/demo"
  pdf: "https://example.org/paper.pdf"
venue: "NeurIPS 2024"
---

Abstract.
"""


def round_trip(
    source: Path, tmp: Path
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    site, _ = load_project(BuildOptions(source))
    (tmp / "site.bib").write_text("\n".join(paper_bibtex(p) for p in site.papers))
    report = import_papers(tmp / "site.bib", AuthoringOptions(tmp / "empty"))
    assert not report.problems
    again, _ = load_project(BuildOptions(tmp / "empty"))

    def key(p: object) -> tuple[object, ...]:
        links = tuple(sorted((link.kind, link.url) for link in p.links))  # type: ignore[attr-defined]
        return (p.title, p.authors, p.date, p.arxiv, links)  # type: ignore[attr-defined]

    return sorted(map(key, site.papers)), sorted(map(key, again.papers))


def test_seed_papers_round_trip_through_bibtex(tmp_path: Path) -> None:
    before, after = round_trip(REPO, tmp_path)
    assert len(before) >= 70 and before == after


def test_a_tricky_paper_round_trips(project: Project, tmp_path: Path) -> None:
    project.write("content/papers/tricky.md", TRICKY)
    before, after = round_trip(project.root, tmp_path)
    assert before == after
    assert any("{braces}" in str(row[0]) for row in after)


def test_a_generated_corpus_round_trips(project: Project, tmp_path: Path) -> None:
    make = shared_path("bench", "make_corpus.py")
    papers = project.root / "content/papers"
    subprocess.run(
        [sys.executable, str(make), str(papers), "150", "--format", "paper"],
        check=True,
        capture_output=True,
    )
    before, after = round_trip(project.root, tmp_path)
    assert len(before) == 150 and before == after


@pytest.mark.parametrize("name", ["akhirsch-bibliography/main.bib", "d2l-bib/d2l.bib"])
def test_real_files_import(name: str) -> None:
    path = shared_path("realdata", name)
    batch = read_bibtex(path.read_text(encoding="utf-8"), path)
    assert len(batch.records) > 400
    assert not [d for d in batch.problems if d.severity == "error"]
    assert all(r.draft.title and r.draft.date.year > 1000 for r in batch.records)

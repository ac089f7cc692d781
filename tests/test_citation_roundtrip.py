"""Real bibliographies, imported and built, read back by the tools people cite with.

Two real files, a PL researcher's bibliography (DBLP-style DOIs, von parts,
"Steele Jr.", organisations, theses and reports) and a textbook's (year-only
dates, Google Scholar's `Ar{X}iv:ID` journals, "and et al."), are imported and
built. `citation_compare` reads the site as pybtex (also formatting it with
BibTeX's `plain` style), bibtexparser, citeproc-py and a meta-tag and JSON-LD
reader would, and compares field by field with pybtex's reading of the
source. Every difference left is listed in `EXPLAINED` with its reason; the
test fails on any other, and on an explained one that is gone.

Measured before this comparison existed (the same readers on the site the
previous code built), akhirsch main.bib: family names differed in 23 entries
for pybtex and 40 for the meta tags, 549 months were invented, 138 types and
56 DOIs were wrong, 115 volumes and 101 numbers were lost; d2l.bib: 476
invented months, 284 wrong types, 126 lost arXiv ids and 245 lost page ranges.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from citation_compare import Comparison, compare, differences_text
from citation_source import source_entries, title_key
from click.testing import CliRunner
from conftest import HOSTED
from shared_data import shared_path
from test_html_valid import page_of, vnu

from generator.cli import main

SOURCES = {
    "akhirsch": ("akhirsch-bibliography", "main.bib"),
    "d2l": ("d2l-bib", "d2l.bib"),
}
"""Each real file's path under shared/realdata/."""
ALL = ("pybtex", "bibtexparser", "citeproc", "meta", "jsonld")
TYPO = "the source's `Fran\\c{}ois` puts a cedilla on nothing: LaTeX prints a lone ¸"
ORGANISATION = (
    "a citation_author has no way to say 'organisation': Zotero splits it at its last space"
)
EXPLAINED: dict[str, dict[tuple[str, str, str], str]] = {
    "akhirsch": {
        **{(reader, "given", "PottierS02"): TYPO for reader in ALL},
        ("pybtex", "plain", "PottierS02"): TYPO,
        ("pybtex", "sort", "PottierS02"): TYPO,
        **{
            ("meta", part, key): ORGANISATION
            for part in ("family", "given")
            for key in ("RustReference", "ConcurrentRacket")
        },
    },
    "d2l": {
        ("pybtex", "plain", "hutter-book19a"): (
            "an edited book: Paperboard keeps authors, not editors, and BibTeX's plain style "
            "needs one of the two for a @book"
        ),
    },
}
"""(reader, field, source key) -> why that reading differs from the source."""
MUST_MATCH = ("family", "given", "suffix", "others", "doi", "type")

pytestmark = pytest.mark.slow


def import_and_build(bib: Path, root: Path) -> tuple[str, Path]:
    """A new project holding the file's papers, built for a host: the import's output
    and the site folder."""
    (root / "content" / "papers").mkdir(parents=True)
    runner = CliRunner()
    done = runner.invoke(main, ["import", str(bib), "--source", str(root), "--quiet"])
    assert done.exit_code == 0, done.output
    built = runner.invoke(main, ["build", "--source", str(root), "--base-url", HOSTED, "-q"])
    assert built.exit_code == 0, built.output
    return done.output, root / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Path, Comparison]]:
    """Each real file imported, built and compared (once for the whole module)."""
    found = {}
    for name, parts in SOURCES.items():
        bib = shared_path("realdata", *parts)
        output, site = import_and_build(bib, tmp_path_factory.mktemp(name) / "proj")
        found[name] = (output, site, compare(bib, site))
    if os.environ.get("PAPERBOARD_ROUND_TRIP_REPORT"):
        for name, (_, _, result) in found.items():
            print(f"\n{name}: {result.table()}")
    return found


def unexplained(name: str, result: Comparison, fields: tuple[str, ...] = ()) -> list[str]:
    """The differences EXPLAINED does not list (of `fields` only, when given)."""
    known = EXPLAINED[name]
    return [
        f"{reader}.{field} {key}: source {want!r}, read {got!r}"
        for reader, field, key, want, got in result.differences
        if (reader, field, key) not in known and (not fields or field in fields)
    ]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_names_dois_and_types_survive_every_reader(
    sites: dict[str, tuple[str, Path, Comparison]], name: str
) -> None:
    result = sites[name][2]
    assert result.compared > 450
    wrong = [
        line for line in unexplained(name, result) if line.split()[0].split(".")[1] in MUST_MATCH
    ]
    assert wrong == [], "\n".join(wrong[:30])


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_the_only_differences_left_are_the_explained_ones(
    sites: dict[str, tuple[str, Path, Comparison]], name: str
) -> None:
    result = sites[name][2]
    assert unexplained(name, result) == [], "\n".join(differences_text(result))
    found = {(reader, field, key) for reader, field, key, _, _ in result.differences}
    assert found == set(EXPLAINED[name]), "an explained difference is gone: update EXPLAINED"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_entries_left_out_are_repeated_titles(
    sites: dict[str, tuple[str, Path, Comparison]], name: str
) -> None:
    """The import skips an entry whose title is already there; nothing else is lost."""
    result = sites[name][2]
    entries = source_entries(shared_path("realdata", *SOURCES[name]))
    titles = {e.key: title_key(e.title) for e in entries}
    kept = [e for e in entries if e.key not in result.unmatched]
    for key in result.unmatched:
        assert any(titles[e.key] == titles[key] for e in kept), key
    assert len(result.unmatched) < 15


def test_malformed_dois_of_the_source_are_reported(
    sites: dict[str, tuple[str, Path, Comparison]],
) -> None:
    """`10.323/JCS-15805` and `0.1007/...` are no DOIs; the import says so instead of linking."""
    output = sites["akhirsch"][0]
    for key in ("LiuAGM17", "StefanRMM11b"):
        assert f"warning: `doi` of {key} is not a DOI" in output


def test_the_nu_checker_finds_no_backslash_in_any_link(
    sites: dict[str, tuple[str, Path, Comparison]],
) -> None:
    folders = [site / "papers" for _, site, _ in sites.values()]
    escaped = folders[0] / "internal-type-theory" / "index.html"  # DOI 10.1007/3-540-61780-9\_66
    checked, messages = vnu(*folders)
    assert len(checked) > 900 and escaped in checked
    assert [m["message"] for m in messages if "Backslash" in m["message"]] == []
    assert [f"{page_of(m)}: {m['message']}" for m in messages] == []

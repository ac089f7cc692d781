"""Issue 14, round two: hostile imported records (BibTeX, arXiv Atom, HF JSON, RSS).

A bad record costs itself only: one line naming the file and the record, and
the good records around it are imported. Control characters from a record
never reach a paper file or the terminal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import Project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.importers.arxiv_atom import read_atom
from generator.importers.bibtex import read_bibtex
from generator.importers.hf_daily import read_hf_daily
from generator.importers.rss import read_feed

INVISIBLE = "\x00\x07\x1b\x7f\x85\x9b\u2028\u2029\u202e\u2066\ufffe"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe]")


def good_entry(number: int) -> str:
    return (
        f"@article{{good{number},\n  title = {{Good Paper {number}}},\n"
        f"  author = {{Lovelace, Ada}},\n  year = {{2024}}\n}}\n"
    )


HOSTILE_ENTRIES = (
    "@article{slash, title = {foo\\}, author = {Ada Lovelace}, year = {2024}}\n",
    "@article{win, title = {Win}, note = {C:\\}, author = {Ada Lovelace}, year = {2024}}\n",
    '@article{quoted, title = "foo\\", author = {Ada Lovelace}, year = {2024}}\n',
    "@article{open, title = {foo {bar}, author = {Ada Lovelace}, year = {2024}}\n",
    "@article{close, title = {foo }bar}}, author = {Ada Lovelace}, year = {2024}}\n",
    "@string{a = b}\n@string{b = a}\n@article{loop, title = a, author = {A B}, year = {2024}}\n",
    "@string{s = s # s}\n@article{self, title = s, author = {A B}, year = {2024}}\n",
    '@string{x0 = "x"}\n'
    + "".join(f"@string{{x{i + 1} = x{i} # x{i}}}\n" for i in range(60))
    + "@article{blowup, title = x60, author = {A B}, year = {2024}}\n",
    "@article{huge, title = {Huge}, author = {A B}, year = {" + "9" * 5000 + "}}\n",
    "@article{ctrl, title = {Red \x1b[31m alert \u202e}, author = {Ada \x07 Lovelace}, "
    "year = {2024}}\n",
    "@article{nul, title = {Nul \x00 here}, author = {Ada Lovelace}, year = {2024}}\n",
    "@article{noclose, title = {Never closed, author = {Ada Lovelace}, year = {2024}\n",
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    hostile=st.lists(st.sampled_from(HOSTILE_ENTRIES), min_size=1, max_size=3),
    goods=st.integers(min_value=1, max_value=3),
    where=st.integers(min_value=0, max_value=3),
)
def test_a_hostile_bibtex_entry_costs_only_itself(
    hostile: list[str], goods: int, where: int
) -> None:
    entries = [good_entry(n) for n in range(goods)]
    # An entry that never closes swallows what follows it, as in BibTeX itself:
    # the good entries go first then.
    at = 0 if any("noclose" in h for h in hostile) else min(where, goods)
    text = "".join([*entries[:at], *hostile, *entries[at:]])
    batch = read_bibtex(text, Path("refs.bib"))
    titles = {r.draft.title for r in batch.records}
    assert {f"Good Paper {n}" for n in range(goods)} <= titles, (titles, batch.problems)
    for problem in batch.problems:
        line = problem.format()
        assert line.startswith("refs.bib:") and "\n" not in line, line
    for record in batch.records:
        draft = record.draft
        shown = [draft.title, draft.abstract, *map(str, draft.authors), draft.venue or ""]
        assert not any(UNSAFE.search(text) for text in shown), shown


def test_a_year_of_five_digits_is_not_cut_to_four() -> None:
    text = "@article{a, title = {A}, author = {A B}, year = {99999}}\n" + good_entry(0)
    batch = read_bibtex(text, Path("refs.bib"))
    assert [r.draft.title for r in batch.records] == ["Good Paper 0"]
    (problem,) = batch.problems
    assert problem.format() == (
        "refs.bib:1: error: @article{a}: `year = {99999}` is not a year of four digits "
        "(write e.g. `year = {2024}`)"
    )


def test_a_biblatex_date_of_five_digits_is_not_cut_to_four() -> None:
    batch = read_bibtex("@article{a, title = {A}, author = {A B}, date = {20245-01-01}}\n")
    assert batch.records == [] and len(batch.problems) == 1


def test_a_huge_number_in_hugging_face_json_costs_only_that_number() -> None:
    item = {
        "paper": {
            "id": "2509.07980",
            "title": "T",
            "summary": "S",
            "authors": [{"name": "Ada Lovelace"}],
            "publishedAt": "2025-09-09T17:59:35.000Z",
        }
    }
    text = json.dumps([item]).replace('"title"', '"upvotes": ' + "9" * 5000 + ', "title"')
    second = dict(item, paper=dict(item["paper"], id="2509.07981", title="U", upvotes=3))
    text = text[:-1] + ", " + json.dumps(second) + "]"
    batch = read_hf_daily(text)
    assert [(r.draft.title, r.draft.upvotes) for r in batch.records] == [("T", None), ("U", 3)]


def test_control_characters_are_stripped_from_every_kind_of_record() -> None:
    atom = read_atom(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        "<id>http://arxiv.org/abs/2402.00007v1</id><published>2024-02-01T00:00:00Z</published>"
        "<title>Bidi \u202e title \u2028 here</title><summary>Line\u2028sep \u0085 and"
        " \u2066isolate\u2069</summary><author><name>Ada \u202e Lovelace</name></author>"
        "</entry></feed>",
        Path("a.xml"),
    )
    hf = read_hf_daily(
        json.dumps(
            [
                {
                    "paper": {
                        "id": "2509.07980",
                        "title": "Red\x1b[31m x\u202e",
                        "summary": "S\x1b[0m\x00 \x9b2J",
                        "authors": [{"name": "Ada\x1b[31m Lovelace"}],
                        "publishedAt": "2025-09-09T17:59:35.000Z",
                    }
                }
            ]
        )
    )
    rss = read_feed(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>c</title><item>'
        "<title>Bidi \u202e item</title><link>https://arxiv.org/abs/2509.07981</link>"
        "<description>Text \u2028 with \u2029 separators</description>"
        "<pubDate>Tue, 09 Sep 2025 00:00:00 GMT</pubDate></item></channel></rss>",
        Path("f.xml"),
    )
    records = [*atom.records, *hf.records, *rss.records]
    assert len(records) == 3, (atom.problems, hf.problems, rss.problems)
    for record in records:
        draft = record.draft
        for text in (draft.title, draft.abstract, *map(str, draft.authors)):
            assert not UNSAFE.search(text), repr(text)
    assert hf.records[0].draft.title == "Red[31m x"
    assert hf.records[0].draft.authors == ("Ada[31m Lovelace",)


def run(project: Project, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--source", str(project.root)])


def test_an_imported_record_with_control_characters_builds(
    project: Project, tmp_path: Path
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{ctrl, title = {Red \x1b[31m alert \u202e x}, author = {Ada \x1b Lovelace},"
        " year = {2024}}\n",
        encoding="utf-8",
    )
    result = run(project, "import", str(bib))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    (paper,) = (project.root / "content/papers").glob("*.md")
    front = yaml.safe_load(paper.read_text(encoding="utf-8").split("---\n")[1])
    assert front["title"] == "Red [31m alert x"
    assert front["authors"] == ["Ada Lovelace"]
    project.topic("uncategorized", "Uncategorized")
    built = project.build()
    assert built.exit_code == 0, built.output


@pytest.mark.parametrize(
    "name", ["slash", "win", "quoted", "open", "noclose"], ids=lambda name: f"entry-{name}"
)
def test_each_unreadable_entry_is_one_line(name: str) -> None:
    (entry,) = [e for e in HOSTILE_ENTRIES if "{" + name + "," in e]
    batch = read_bibtex(entry + good_entry(0) if name != "noclose" else good_entry(0) + entry)
    assert [r.draft.title for r in batch.records] == ["Good Paper 0"]
    assert len(batch.problems) == 1, batch.problems
    assert "\n" not in batch.problems[0].format()

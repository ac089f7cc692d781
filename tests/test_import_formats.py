"""`paperboard new` and `import` of Atom, arXiv JSON, daily-arXiv tables, Hugging Face JSON,
listings and other sites' folders."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import Project
from shared_data import shared_path

from generator.authoring.dedupe import normal_title
from generator.cli import main
from generator.importers.arxiv_json import read_arxiv_json
from generator.importers.daily_arxiv import read_daily_arxiv
from generator.importers.formats import detect_format, read_site
from generator.importers.hf_daily import read_hf_daily
from generator.scholarly import PartialDate

FIXTURES = Path(__file__).parent / "fixtures" / "arxiv"


def run(project: Project, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--source", str(project.root)])


def papers(project: Project) -> dict[str, dict[str, object]]:
    folder = project.root / "content" / "papers"
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])
        for p in sorted(folder.glob("*.md"))
    }


def test_new_writes_every_field_and_never_overwrites(project: Project) -> None:
    title = "Ünïcode Façade: The Art of the Long Title That Goes On and On Past Sixty Characters"
    first = run(project, "new", title, "--topic", "Fairness")
    second = run(project, "new", title, "--topic", "Fairness")
    assert first.exit_code == 0 and second.exit_code == 0
    found = papers(project)
    slug = "unicode-facade-the-art-of-the-long-title-that-goes-on-and"
    assert sorted(found) == [slug, f"{slug}-2"] and len(slug) <= 60
    text = next(iter((project.root / "content/papers").glob("*.md"))).read_text()
    for commented in ("# authors:", "# arxiv:", "# links:", "# venue:", "# upvotes:"):
        assert commented in text
    meta = found[slug]
    assert meta["title"] == title and meta["topics"] == ["Fairness"]
    assert meta["date"] == dt.date.today() and meta["draft"] is False
    assert project.build().exit_code == 0


def test_import_a_saved_atom_response(project: Project) -> None:
    result = run(project, "import", str(FIXTURES / "two_papers.xml"))
    assert result.exit_code == 0, result.output
    found = papers(project)
    assert {str(m["arxiv"]) for m in found.values()} == {"2402.00007", "hep-th/9901001"}
    withdrawn = run(project, "import", str(FIXTURES / "withdrawn.xml"))
    assert withdrawn.exit_code == 1
    assert "withdrawn.xml:10: error: 2301.05555v3 was withdrawn" in withdrawn.stderr


HF = """[
  {"paper": {"id": "2509.07980", "title": "Parallel-R1: Towards Parallel Thinking",
             "summary": "Parallel thinking\\nhelps reasoning.", "upvotes": 54,
             "authors": [{"_id": "1", "name": "Tong Zheng", "hidden": false},
                         {"_id": "2", "name": "Hongming Zhang", "hidden": false}],
             "publishedAt": "2025-09-09T17:59:35.000Z",
             "githubRepo": "https://github.com/zhengkid/Parallel-R1"},
   "publishedAt": "2025-09-10T00:20:34.994Z", "title": "Parallel-R1"},
  "{'paper': {'id': '2509.00001', 'title': 'A Python repr', 'hidden': False}}",
  {"paper": {"id": "2509.00002", "title": "No date", "authors": []}}
]
"""


def test_hugging_face_records_and_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "2025-09-10.json"
    batch = read_hf_daily(HF, path)
    (record,) = batch.records
    draft = record.draft
    assert (draft.title, draft.arxiv, draft.upvotes) == (
        "Parallel-R1: Towards Parallel Thinking",
        "2509.07980",
        54,
    )
    assert draft.authors == ("Tong Zheng", "Hongming Zhang")
    assert (
        draft.date == PartialDate(2025, 9, 9)
        and draft.abstract == "Parallel thinking helps reasoning."
    )
    assert draft.links == {"code": "https://github.com/zhengkid/Parallel-R1"}
    assert [(d.line, d.message.split(" (")[0]) for d in batch.problems] == [
        (9, "the record is a string"),
        (10, "`publishedAt` None is not a date"),
    ]


def test_hugging_face_wrapper_and_broken_json(tmp_path: Path) -> None:
    wrapped = json.dumps({"status": "ok", "count": 1, "data": json.loads(HF)[:1]})
    assert len(read_hf_daily(wrapped).records) == 1
    broken = read_hf_daily('[{"paper": {"id": "1"}},\n {"paper": ')
    assert broken.problems[-1].line == 2 and "invalid JSON" in broken.problems[-1].message


def test_import_a_listing_and_detect_formats(project: Project) -> None:
    abstract = "We study a thing. " * 20
    listing = project.write("listing.txt", f"Mar 21\n\nA Listed Paper\n\n{abstract}\n")
    assert run(project, "import", str(listing)).exit_code == 0
    meta = papers(project)["a-listed-paper"]
    assert meta["date"] == dt.date(dt.date.today().year, 3, 21)
    assert meta["topics"] == ["Uncategorized"]
    cases = {
        "x.bib": "@article{a,}",
        "x.xml": "<?xml version='1.0'?><feed/>",
        "x.json": "[]",
        "y.json": ARXIV_JSON,
        "z.json": DAILY_TABLES,
        "README.md": DAILY_README,
    }
    kinds = [detect_format(Path(name), text) for name, text in cases.items()]
    assert kinds == ["bibtex", "arxiv", "hf", "arxiv-json", "daily-arxiv", "daily-arxiv"]


ARXIV_JSON = json.dumps(
    {
        "count": 3,
        "papers": [
            {
                "title": "Humanoid Running\n  Over Stepping Stones",
                "authors": ["Sait Sovukluk", "Johannes Englsberger"],
                "arxiv_id": "2512.13304v2",
                "summary": "A step adaptation\nframework.",
                "categories": ["cs.RO", "cs.SY"],
                "primary_category": "cs.RO",
                "published": "2025-12-15",
                "doi": "10.1000/xyz",
                "journal_ref": "Biomimetic Intelligence and Robotics",
                "code_links": ["https://github.com/u/stepping"],
            },
            {
                "title": "Gone",
                "authors": ["A B"],
                "arxiv_id": "2510.23594v4",
                "summary": "x",
                "published": "2025-10-27",
                "comment": "This paper has been withdrawn",
            },
            {"title": "No id", "authors": [], "published": "2025-10-27"},
        ],
        "query_info": {"categories": ["cs.RO"]},
    },
    indent=2,
)


def test_import_arxiv_records_saved_as_json(project: Project) -> None:
    source = project.write("arxiv.json", ARXIV_JSON)
    result = run(project, "import", str(source))
    assert result.exit_code == 1
    assert "1 created, 0 skipped as duplicate, 2 failed" in result.stdout
    assert "arxiv.json:24: error: 2510.23594v4 was withdrawn" in result.stderr
    assert "arxiv.json:34: error: the entry has no arXiv id or no title" in result.stderr
    (meta,) = papers(project).values()
    assert meta["title"] == "Humanoid Running Over Stepping Stones"
    assert (meta["arxiv"], str(meta["date"])) == ("2512.13304", "2025-12-15")
    assert meta["authors"] == ["Sait Sovukluk", "Johannes Englsberger"]
    assert meta["venue"] == "Biomimetic Intelligence and Robotics"
    assert meta["links"] == {
        "pdf": "https://arxiv.org/pdf/2512.13304",
        "doi": "https://doi.org/10.1000/xyz",
        "code": "https://github.com/u/stepping",
    }
    assert meta["topics"] == ["Robotics"]
    assert project.build().exit_code == 0


DAILY_TABLES = json.dumps(
    {
        "SLAM": {
            "2110.07546": "|**2021-10-14**|**Active SLAM over Continuous Trajectory**|"
            "Shumon Koga et.al.|[2110.07546](http://arxiv.org/abs/2110.07546)|null|\n",
            "2111.09006": "|**2021-11-17**|**Attentional Keypoints Matching**|"
            "Xiaoming Zhao et.al.|[2111.09006](http://arxiv.org/abs/2111.09006)|"
            "**[link](https://github.com/u/kp)**|\n",
        },
        "Image Matching": {
            "2111.09006": "|**2021-11-17**|**Attentional Keypoints Matching**|"
            "Xiaoming Zhao et.al.|[2111.09006](http://arxiv.org/abs/2111.09006)|"
            "**[link](https://github.com/u/kp)**|\n",
            "2112.00001": "|**2021-13-01**|**Bad Date**|X et.al.|[2112.00001](u)|null|\n",
        },
    },
    indent=1,
)


def test_import_daily_arxiv_tables_merges_a_paper_listed_under_two_topics(
    project: Project,
) -> None:
    source = project.write("cv-arxiv-daily.json", DAILY_TABLES)
    result = run(project, "import", str(source))
    assert "2 created, 0 skipped as duplicate, 1 failed" in result.stdout
    assert (
        "cv-arxiv-daily.json:8: error: 2112.00001: the date '2021-13-01' is not YYYY-MM-DD"
        in result.stderr
    )
    found = {str(m["arxiv"]): m for m in papers(project).values()}
    assert set(found) == {"2110.07546", "2111.09006"}
    matching = found["2111.09006"]
    assert matching["topics"] == ["SLAM", "Image Matching"]
    assert matching["authors"] == ["Xiaoming Zhao"]
    assert matching["links"] == {"code": "https://github.com/u/kp"}
    assert str(matching["date"]) == "2021-11-17"
    assert "links" not in found["2110.07546"]
    assert project.build().exit_code == 0


DAILY_README = """## Updated on 2026.06.29
> Usage instructions: [here](./docs/README.md#usage)

## SLAM

|Publish Date|Title|Authors|PDF|Code|
|---|---|---|---|---|
|**2021-10-14**|**Active SLAM over Continuous Trajectory**|Shumon Koga et.al.|[2110.07546](http://arxiv.org/abs/2110.07546)|null|
|**2021-11-17**|**Attentional Keypoints Matching**|Xiaoming Zhao et.al.|[2111.09006](http://arxiv.org/abs/2111.09006)|**[link](https://github.com/u/kp)**|

## Image Matching

|Publish Date|Title|Authors|PDF|Code|
|---|---|---|---|---|
|**2021-11-17**|**Attentional Keypoints Matching**|Xiaoming Zhao et.al.|[2111.09006](http://arxiv.org/abs/2111.09006)|**[link](https://github.com/u/kp)**|
|**2021-12-01**|**A row with a missing cell**|X et.al.|null|

<p align=right>(<a href=#updated-on-20260629>back to top</a>)</p>
"""


def test_import_the_readme_of_a_daily_arxiv_site(project: Project) -> None:
    source = project.write("README.md", DAILY_README)
    result = run(project, "import", str(source))
    assert "2 created, 0 skipped as duplicate, 1 failed" in result.stdout
    assert "README.md:16: error: row at line 16: the row is not" in result.stderr
    found = {str(m["arxiv"]): m for m in papers(project).values()}
    assert found["2111.09006"]["topics"] == ["SLAM", "Image Matching"]
    assert found["2110.07546"]["topics"] == ["SLAM"]
    assert found["2111.09006"]["links"] == {"code": "https://github.com/u/kp"}


def write_site(root: Path) -> None:
    files = {
        "_publications/graph4code.markdown": (
            '---\nlayout: publication\ntitle: "Graph4Code: A Knowledge Graph for Code"\n'
            "authors: Ibrahim Abdelaziz, Julian Dolby and Kavitha Srinivas.\nconference:\n"
            "year: 2020\nadditional_links:\n"
            '   - {name: "ArXiV", url: "https://arxiv.org/abs/2002.09440"}\n'
            '   - {name: "Website", url: "https://wala.github.io/graph4code/"}\n'
            'tags: ["dataset", "representation"]\n---\nKnowledge graphs are useful.\n'
        ),
        "_publications/broken.md": '---\ntitle: "Broken\nyear: 2020\n---\nx\n',
        "_publications/ye18a.md": (
            "---\ntitle: 'HONES: Homotopy for Online Newton Step'\nabstract: We develop HONES.\n"
            "author:\n- given: Yuting\n  family: Ye\n- given: Lihua\n  family: Lei\n"
            "container-title: Proceedings of AISTATS\nissued:\n  date-parts:\n  - 2018\n  - 3\n"
            "  - 31\npdf: http://proceedings.mlr.press/v84/ye18a/ye18a.pdf\n---\n"
        ),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_hugo(root: Path) -> None:
    folder = root / "content/publication/2019_bjerva"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(
        '+++\ntitle = "Transductive Auxiliary Task Self-Training"\ndate = 2019-08-11T00:00:00\n'
        '# a comment\nauthors = ["Johannes Bjerva", "admin"]\npublication_types = ["1"]\n'
        'publication = "In *DeepLo @ EMNLP*"\nabstract = "Multi-task learning."\n'
        'tags = ["NLP"]\nurl_pdf = "https://aclanthology.org/x.pdf"\nurl_code = ""\n'
        "[image]\npreview_only = true\n+++\n",
        encoding="utf-8",
    )
    (folder / "cite.bib").write_text(
        "@article{b19, author = {Bjerva, Johannes}, title = {X}, year = 2019,\n"
        " eprint = {1908.06136}, archivePrefix = {arXiv}, doi = {10.18653/v1/D19-6128}}\n"
    )


def test_import_a_jekyll_folder_with_pmlr_posts(project: Project, tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    result = run(project, "import", "--from", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "broken.md:2: error: invalid YAML" in result.stderr
    found = papers(project)
    jekyll = found["graph4code-a-knowledge-graph-for-code"]
    assert jekyll["authors"] == ["Ibrahim Abdelaziz", "Julian Dolby", "Kavitha Srinivas"]
    # ml4code gives `year: 2020` only: the paper is dated 2020, not 1 January 2020.
    assert (jekyll["arxiv"], str(jekyll["date"])) == ("2002.09440", "2020")
    assert jekyll["links"] == {"project": "https://wala.github.io/graph4code/"}
    assert jekyll["topics"] == ["dataset", "representation"]
    pmlr = found["hones-homotopy-for-online-newton-step"]
    assert pmlr["authors"] == ["Yuting Ye", "Lihua Lei"] and str(pmlr["date"]) == "2018-03-31"
    assert pmlr["venue"] == "Proceedings of AISTATS"
    assert project.build().exit_code == 0


def test_import_hugo_toml_with_its_cite_bib(project: Project, tmp_path: Path) -> None:
    write_hugo(tmp_path / "hugo")
    assert run(project, "import", "--from", str(tmp_path / "hugo")).exit_code == 0
    (meta,) = papers(project).values()
    assert meta["authors"] == ["Johannes Bjerva"]
    assert meta["venue"] == "In DeepLo @ EMNLP" and meta["arxiv"] == "1908.06136"
    assert meta["links"] == {
        "doi": "https://doi.org/10.18653/v1/D19-6128",
        "pdf": "https://aclanthology.org/x.pdf",
    }
    assert meta["topics"] == ["NLP"] and str(meta["date"]) == "2019-08-11"


def test_duplicates_by_arxiv_doi_and_title(project: Project, tmp_path: Path) -> None:
    project.paper("known", "Transductive  AUXILIARY task self-training", extra='arxiv: "1111.2222"')
    write_hugo(tmp_path / "hugo")
    result = run(project, "import", "--from", str(tmp_path / "hugo"), "--dry-run")
    assert "0 would be created, 1 skipped as duplicate" in result.stdout
    assert "already in content/papers/known.md (same title)" in result.stdout
    assert normal_title("Über $x^2$: Pre-Training") == normal_title("uber x2 pre training")


@pytest.mark.parametrize(
    ("corpus", "least"),
    [
        ("ml4code", 500),
        ("copenlu-academic-kickstart", 150),
        ("cdmuir-hugoblox", 40),
        ("pmlr-v84", 200),
        ("pmlr-v22", 150),
        ("papers-I-read", 140),
    ],
)
def test_real_sites_import(corpus: str, least: int) -> None:
    folder = shared_path("realdata", corpus)
    batch = read_site(folder)
    assert len(batch.records) >= least
    assert len([d for d in batch.problems if d.severity == "error"]) <= 2
    assert all(r.draft.title and r.draft.date for r in batch.records)


def test_real_hugging_face_sample() -> None:
    folder = shared_path("realdata", "hf-daily-paper-newsletter-chinese", "Paper_metadata_download")
    good = read_hf_daily((folder / "2025-09-10.json").read_text(encoding="utf-8"))
    assert good.records and not good.problems
    bad = read_hf_daily((folder / "2025-01-10.json").read_text(encoding="utf-8"))
    assert not bad.records and bad.problems and all(d.line for d in bad.problems)


def test_real_arxiv_json_and_daily_tables() -> None:
    records = sorted(shared_path("realdata", "shiyibihua-arxiv-daily", "data").glob("*/arxiv.json"))
    tables = shared_path("realdata", "cv-arxiv-daily", "docs", "cv-arxiv-daily.json")
    batches = [read_arxiv_json(p.read_text(encoding="utf-8"), p) for p in records]
    assert sum(len(b.records) for b in batches) == 3820
    problems = [d for b in batches for d in b.problems]
    assert len(problems) == 2 and all("withdrawn" in d.message and d.line for d in problems)
    daily = read_daily_arxiv(tables.read_text(encoding="utf-8"), tables)
    assert len(daily.records) == 8563 and not daily.problems
    assert all(r.draft.title and r.draft.arxiv and r.draft.topics for r in daily.records)
    readme = tables.parent.parent / "README.md"
    rendered = read_daily_arxiv(readme.read_text(encoding="utf-8"), readme)
    assert {r.draft.arxiv: r.draft.topics for r in rendered.records} == {
        r.draft.arxiv: r.draft.topics for r in daily.records
    }


def test_import_several_files_and_refuse_no_input(project: Project) -> None:
    one = project.write("a.bib", "@misc{a, title = {First Paper}, year = 2021}\n")
    two = project.write("b.bib", "@misc{b, title = {First  paper}, year = 2021}\n")
    result = run(project, "import", str(one), str(two))
    assert "1 created, 1 skipped as duplicate, 0 failed" in result.stdout
    nothing = run(project, "import")
    assert nothing.exit_code == 2 and "give either FILES or --from DIR" in nothing.stderr


def test_a_listing_without_a_recognisable_paper_is_an_error_not_silence(
    project: Project,
) -> None:
    listing = project.write("short.txt", "Mar 21\r\n\r\nA Title\r\n\r\nA short abstract.\r\n")
    result = run(project, "import", str(listing))
    assert result.exit_code == 1
    assert "0 created, 0 skipped as duplicate, 1 failed" in result.stdout
    assert "short.txt:1: error: no paper found" in result.stderr
    assert "200 characters" in result.stderr


def test_an_input_without_any_paper_gets_a_warning(project: Project, tmp_path: Path) -> None:
    empty_site = tmp_path / "not-a-site"
    empty_site.mkdir()
    (empty_site / "notes.txt").write_text("hello")
    result = run(project, "import", "--from", str(empty_site))
    assert result.exit_code == 0
    assert "not-a-site: warning: no paper files found in this folder" in result.stderr
    bib = project.write("empty.bib", "% a BibTeX file with comments only\n")
    result = run(project, "import", str(bib))
    assert "empty.bib: warning: no papers found in this file" in result.stderr

"""Bad input gives one clear line per problem (file, line, fix), exit 1, and no writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project, text_of


def site_snapshot(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def write_raw(project: Project, name: str, text: str) -> None:
    project.write(f"content/papers/{name}", text)


GOOD = "---\ntitle: Good\ndate: 2025-01-01\ntopics: [Fairness]\n---\nText.\n"


@pytest.mark.parametrize(
    ("text", "line", "needle", "hint"),
    [
        (
            "---\ntitle: Attention: all you need\ndate: 2025-01-01\ntopics: [Fairness]\n---\n",
            2,
            "mapping values are not allowed",
            "must be quoted",
        ),
        (
            "---\ntitle: A\ndate: 2025-01-01\ntitle: B\ntopics: [x]\n---\n",
            4,
            "the key `title` is given twice (first on line 2)",
            "",
        ),
        ("---\ndate: 2025-01-01\ntopics: [Fairness]\n---\n", 2, "`title` is missing", "title:"),
        (
            "---\ntitle: A\ndate: 2025-01-01\ntopics: [Fairness]\nupvotes: many\n---\n",
            5,
            "`upvotes` must be a whole number",
            "upvotes: 12",
        ),
        (
            "---\ntitle: A\ndate: 2025-01-01\ntopics: [Fairness]\narxiv: 2401.1\n---\n",
            5,
            "`2401.1` is not an arXiv id",
            'quote it: arxiv: "2401.10000"',
        ),
        (
            "---\ntitle: A\ndate: 2025-01-01\ntopics: [Fairness]\narxiv: 12345\n---\n",
            5,
            "`12345` is not an arXiv id",
            "2403.01234v2",
        ),
        (
            "---\ntitle: A\ndate: 2025-02-30\ntopics: [Fairness]\n---\n",
            3,
            "`2025-02-30` is not a real date",
            "",
        ),
        (
            "---\ntitle: A\ndate: 2025-01-01\ntopics: []\n---\n",
            4,
            "`topics` must list at least one topic",
            "",
        ),
        (
            "---\ntitle: A\ndate: 2025-01-01\ntopics: [Fairness]\n"
            "links:\n  code: javascript:alert(1)\n---\n",
            5,
            "`javascript:` links are not allowed",
            "http(s)",
        ),
        ("---\ntitle: A\ndate: 2025-01-01\ntopics: [Fairness]\n", 1, "never closed", "---"),
        ("title: A\n", 1, "has no front matter", "---"),
    ],
)
def test_bad_file_gives_one_line_with_file_and_line(
    project: Project, text: str, line: int, needle: str, hint: str
) -> None:
    write_raw(project, "good.md", GOOD)
    assert project.build().exit_code == 0
    before = site_snapshot(project.root)
    write_raw(project, "bad.md", text)
    result = project.build()
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"content/papers/bad.md:{line}: error: ")
    assert needle in first
    assert hint in first
    assert "Traceback" not in result.output
    assert site_snapshot(project.root) == before


def test_every_bad_file_is_reported_in_one_run(project: Project) -> None:
    write_raw(project, "a.md", "---\ntitle: A: B\n---\n")
    write_raw(project, "b.md", "---\ntitle: B\n---\n")
    write_raw(project, "c.md", GOOD)
    result = project.build()
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert [e.split(":")[0] for e in errors] == [
        "content/papers/a.md",
        "content/papers/b.md",
        "content/papers/b.md",
    ]
    assert "nothing was written" in result.output
    assert not (project.root / "site").exists()


def test_unquoted_arxiv_id_keeps_its_digits(project: Project) -> None:
    write_raw(project, "p.md", GOOD.replace("topics:", "arxiv: 2401.10000\ntopics:"))
    assert project.build().exit_code == 0
    page = project.page("papers/p/")
    facts = [text_of(d) for d in page.xpath("//dl/dd")]
    assert "2401.10000" in facts
    assert page.xpath("//a[.='arXiv']/@href") == ["https://arxiv.org/abs/2401.10000"]


def test_unknown_field_warns_with_the_closest_known_one(project: Project) -> None:
    write_raw(project, "p.md", GOOD.replace("topics:", "autors: [X]\ntopics:"))
    result = project.build()
    assert result.exit_code == 0
    assert (
        "content/papers/p.md:4: warning: unknown field `autors` is ignored "
        "(did you mean `authors`?)"
    ) in result.output
    assert project.build("--strict").exit_code == 1


def test_colliding_slugs_are_an_error_naming_both_files(project: Project) -> None:
    write_raw(project, "my-paper.md", GOOD)
    write_raw(project, "My Paper.md", GOOD)
    result = project.build()
    assert result.exit_code == 1
    assert (
        "content/papers/my-paper.md: error: this file and My Paper.md both give the page "
        "papers/my-paper/" in result.output
    )


def test_file_name_that_is_not_a_slug_warns_and_builds(project: Project) -> None:
    write_raw(project, "Fancy Name.md", GOOD)
    result = project.build()
    assert result.exit_code == 0
    assert "rename it to fancy-name.md" in result.output
    assert (project.root / "site/papers/fancy-name/index.html").is_file()


def test_config_errors_name_the_key_and_line(project: Project) -> None:
    project.write("paperboard.toml", 'title = "X"\nper_pgae = 10\n')
    result = project.build()
    assert result.exit_code == 1
    assert (
        "paperboard.toml:2: error: unknown setting `per_pgae` (did you mean `per_page`?)"
        in result.output
    )
    project.write("paperboard.toml", 'per_page = "ten"\n[markdown]\nhtml = 1\n')
    result = project.build()
    assert "paperboard.toml:1: error: `per_page` must be a whole number" in result.output
    assert "paperboard.toml:3: error: `markdown.html` must be true or false" in result.output
    project.write("paperboard.toml", 'title = "unclosed\n')
    result = project.build()
    assert result.exit_code == 1
    assert result.output.startswith("paperboard.toml:1: error: invalid TOML")


def test_a_base_url_with_a_query_or_fragment_is_an_error(project: Project) -> None:
    write_raw(project, "p.md", GOOD)
    project.write("paperboard.toml", 'title = "X"\nbase_url = "https://x.github.io/repo/?q=1"\n')
    result = project.build()
    assert result.exit_code == 1
    assert "paperboard.toml:2: error: `base_url` must not have a ?query or #fragment" in (
        result.output
    )
    assert project.build("--base-url", "https://x.github.io/repo/#top").exit_code == 1


def test_a_theme_folder_that_does_not_exist_is_an_error(project: Project) -> None:
    write_raw(project, "p.md", GOOD)
    project.write("paperboard.toml", 'title = "X"\ntheme = "mytheem"\n')
    result = project.build()
    assert result.exit_code == 1
    assert "paperboard.toml:2: error: theme folder `mytheem` does not exist" in result.output
    assert not (project.root / "site").exists()


def test_bad_base_url_option(project: Project) -> None:
    write_raw(project, "p.md", GOOD)
    result = project.build("--base-url", "ftp://x")
    assert result.exit_code == 1
    assert "--base-url 'ftp://x'" in result.output


def test_template_error_names_the_template_and_line(project: Project) -> None:
    write_raw(project, "p.md", GOOD)
    project.write("paperboard.toml", 'theme = "t"\n')
    project.write(
        "t/templates/paper.html",
        '{% extends "base.html" %}\n{% block content %}\n{{ paper.nope }}\n{% endblock %}\n',
    )
    result = project.build()
    assert result.exit_code == 1
    assert "t/templates/paper.html:3: error: template error while rendering papers/p/" in (
        result.output
    )
    project.write("t/templates/paper.html", "{% if %}\n")
    result = project.build()
    assert "t/templates/paper.html:1: error: template syntax" in result.output


def test_a_folder_without_content_is_an_error_and_gets_no_site(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-project"
    folder.mkdir()
    result = Project(folder).build()
    assert result.exit_code == 1
    assert "error: no content/ folder" in result.output
    assert "paperboard init" in result.output
    assert "Traceback" not in result.output
    assert list(folder.iterdir()) == []


def test_a_source_folder_that_does_not_exist_is_an_error_and_is_not_created(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "typo"
    result = Project(missing).build()
    assert result.exit_code != 0
    assert "typo" in result.output and "does not exist" in result.output
    assert "Traceback" not in result.output
    assert not missing.exists()


def test_the_summary_counts_in_english(project: Project) -> None:
    project.write("paperboard.toml", 'base_url = "https://example.org/"\n')
    write_raw(project, "p.md", GOOD.replace("topics:", "autors: [X]\ntopics:"))
    summary = project.build().output.splitlines()[-1]
    assert summary.startswith("Built 1 paper: ")
    assert ", 1 warning, in " in summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\nkeywords: [x]\n---\nNo title.\n",
            "fairness.md:2: error: `title` is missing "
            '(add a line `title: "Preference Optimization"`)',
        ),
        (
            "No front matter.\n",
            "fairness.md:1: error: the file has no front matter (the first line must be `---`, "
            "then the fields (`title:` ...), then a closing `---`)",
        ),
        (
            '---\ntitle: "Fairness"\nkeywords: "bias, parity"\n---\nd\n',
            "fairness.md:3: error: `keywords` must be a list "
            "(write `keywords: [bias, parity]`, one keyword or phrase each)",
        ),
    ],
    ids=["no-title", "no-front-matter", "keywords-string"],
)
def test_topic_file_errors_speak_of_topics(project: Project, text: str, expected: str) -> None:
    write_raw(project, "p.md", GOOD)
    project.write("content/topics/fairness.md", text)
    result = project.build()
    assert result.exit_code == 1
    assert f"content/topics/{expected}" in result.output

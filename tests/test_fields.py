"""Fields of the wrong shape: a clear error at the field's line, or a documented reading.

Cases of issue 9, "Fields".
"""

from __future__ import annotations

import pytest
from conftest import Project, text_of

HEAD = ("title: T", "date: 2025-03-21", "topics: [Fairness]")


def write(project: Project, name: str, *lines: str, body: str = "An abstract.") -> None:
    project.write(f"content/papers/{name}.md", "\n".join(("---", *lines, "---", body, "")))


def errors_of(project: Project) -> list[str]:
    result = project.build()
    assert "Traceback" not in result.output
    if result.exit_code:
        assert not (project.root / "site").exists()
    return [line for line in result.output.splitlines() if ": error: " in line]


@pytest.mark.parametrize(
    ("lines", "line", "needle", "hint"),
    [
        pytest.param(
            ("title: A", "date: 2025-01-01", "title: B", "topics: [x]"),
            4,
            "the key `title` is given twice (first on line 2)",
            "",
            id="key-twice",
        ),
        pytest.param(
            (*HEAD, "links:", "  pdf: https://a.org/1", "  pdf: https://a.org/2"),
            7,
            "the key `pdf` is given twice (first on line 6)",
            "",
            id="nested-key-twice",
        ),
        pytest.param(
            (*HEAD, "authors: Ada Lovelace, Alan Turing"),
            5,
            "`authors` must be a list, one name per line",
            '  - "Ada Lovelace"',
            id="authors-string",
        ),
        pytest.param(
            (*HEAD, "authors: [[Ada, Alan]]"),
            5,
            "`authors` has an entry that is not a name",
            "one name each",
            id="authors-nested",
        ),
        pytest.param(
            ("title: T", "date: 2025-02-30", "topics: [x]"),
            3,
            "`2025-02-30` is not a real date (day is out of range for month)",
            "",
            id="date-feb-30",
        ),
        pytest.param(
            ("title: T", "date: March 2025", "topics: [x]"),
            3,
            "`date` must be a date such as 2025-03-21, 2025-03 or 2025, not 'March 2025'",
            "YYYY-MM-DD",
            id="date-words",
        ),
        pytest.param(
            ("title: T", 'date: "2025-02-30"', "topics: [x]"),
            3,
            "`date` must be a date",
            "YYYY-MM-DD",
            id="date-quoted-impossible",
        ),
        pytest.param(
            ("title: T", "date: 2025-01-01", "topics: []"),
            4,
            "`topics` must list at least one topic",
            "",
            id="topics-empty",
        ),
        pytest.param(
            ("title: T", "date: 2025-01-01", "topics:"),
            4,
            "`topics` is empty",
            "topics: [Fairness]",
            id="topics-null",
        ),
        pytest.param(
            ("title: T", "date: 2025-01-01", "topics: [[a, b]]"),
            4,
            "`topics` has an entry that is a list",
            "one name on its own line",
            id="topics-nested-list",
        ),
        pytest.param(
            ("title: T", "date: 2025-01-01", "topics:", "  - a: b"),
            4,
            "`topics` has an entry that is a mapping",
            "",
            id="topics-nested-mapping",
        ),
        pytest.param(
            ("title: T", "date: 2025-01-01", "topics: ['???']"),
            4,
            "`???` has no letters or digits",
            "",
            id="topics-no-letters",
        ),
        pytest.param(
            (*HEAD, "upvotes: -3"), 5, "`upvotes` must be a whole number >= 0, not -3", "", id="neg"
        ),
        pytest.param(
            (*HEAD, 'upvotes: "12"'),
            5,
            "`upvotes` must be a whole number >= 0, not '12'",
            "upvotes: 12",
            id="upvotes-string",
        ),
        pytest.param(
            (*HEAD, "upvotes: 1.5"), 5, "`upvotes` must be a whole", "", id="upvotes-float"
        ),
        pytest.param(
            (*HEAD, "upvotes: true"), 5, "`upvotes` must be a whole", "", id="upvotes-bool"
        ),
        pytest.param(
            (*HEAD, "links:", "  code: javascript:alert(1)"),
            5,
            "`links` `code`: `javascript:` links are not allowed",
            "use an http(s) URL",
            id="link-javascript",
        ),
        pytest.param(
            (*HEAD, "links:", '  code: " JaVaScRiPt:alert(1)"'),
            5,
            "`JaVaScRiPt:` links are not allowed",
            "",
            id="link-javascript-case",
        ),
        pytest.param(
            (*HEAD, "links:", "  pdf: data:text/html;base64,PHNjcmlwdD4="),
            5,
            "`links` `pdf`: `data:` links are not allowed",
            "",
            id="link-data",
        ),
        pytest.param(
            (*HEAD, "links:", "  code: ../secret.html"),
            5,
            "`links` `code`: `../secret.html` is not an absolute URL",
            "starting with https://",
            id="link-relative",
        ),
        pytest.param(
            (*HEAD, "links:", "  code: //evil.example/x"),
            5,
            "is not an absolute URL",
            "",
            id="link-protocol-relative",
        ),
        pytest.param(
            (*HEAD, "links:", "  code: https:evil.example"),
            5,
            "is not an absolute URL",
            "",
            id="link-no-slashes",
        ),
        pytest.param(
            (*HEAD, "links: https://a.org"), 5, "`links` must be a mapping", "", id="links-string"
        ),
        pytest.param((*HEAD, "draft: maybe"), 5, "`draft` must be true or false", "", id="draft"),
        pytest.param(
            (*HEAD, "arxiv: 2401.1"), 5, "`2401.1` is not an arXiv id", "quote it", id="arxiv"
        ),
        pytest.param(
            (*HEAD, 'arxiv: "2403.1234"'),
            5,
            "`2403.1234` is not an arXiv id",
            "2403.01234",
            id="arxiv-four-digits-after-2014",
        ),
        pytest.param(
            (*HEAD, 'arxiv: "2413.01234"'),
            5,
            "`2413.01234` is not an arXiv id",
            "",
            id="arxiv-month-13",
        ),
        pytest.param(
            (*HEAD, 'arxiv: "2403.01234v0"'),
            5,
            "`2403.01234v0` is not an arXiv id",
            "",
            id="arxiv-version-0",
        ),
        pytest.param((*HEAD, "title: [a]"), 5, "given twice", "", id="title-twice"),
        pytest.param(
            ("title: [a, b]", "date: 2025-01-01", "topics: [x]"),
            2,
            "`title` must be text, not a list",
            'key: "text"',
            id="title-list",
        ),
        pytest.param(
            ("title: !!binary aGk=", "date: 2025-01-01", "topics: [x]"),
            2,
            "`title` must be text, not b'hi'",
            "",
            id="title-binary",
        ),
    ],
)
def test_wrong_field_is_an_error_at_its_line(
    project: Project, lines: tuple[str, ...], line: int, needle: str, hint: str
) -> None:
    write(project, "good", *HEAD)
    write(project, "bad", *lines)
    errors = errors_of(project)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"content/papers/bad.md:{line}: error: "), errors[0]
    assert needle in errors[0]
    assert hint in errors[0]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param('"2025-03-21"', "21 March 2025", id="quoted-iso"),
        pytest.param("2025-03-21T23:30:00-08:00", "21 March 2025", id="datetime-west-of-utc"),
        pytest.param("2025-03-21T01:30:00+09:00", "21 March 2025", id="datetime-east-of-utc"),
        pytest.param("2025-03-21 12:00:00", "21 March 2025", id="datetime-naive"),
        pytest.param('"2025-03-21T10:00"', "21 March 2025", id="quoted-datetime"),
    ],
)
def test_dates_are_the_calendar_day_written(project: Project, value: str, shown: str) -> None:
    write(project, "p", "title: T", f"date: {value}", "topics: [Fairness]")
    assert errors_of(project) == []
    page = project.page("papers/p/")
    assert text_of(page.xpath("//dl[@class='facts']//time")[0]) == shown
    assert page.xpath("//dl[@class='facts']//time/@datetime") == ["2025-03-21"]


def test_topic_spellings_that_slugify_alike_are_one_topic(project: Project) -> None:
    write(project, "a", "title: A", "date: 2025-01-01", "topics: [Deep Learning, deep-learning]")
    write(project, "b", "title: B", "date: 2025-01-02", "topics: [Deep-Learning!, Fairness]")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "topic spellings `Deep Learning`, `Deep-Learning!` are one topic (deep-learning)" in (
        result.output
    )
    chips = project.page("papers/a/").xpath("//ul[@class='chips']//a")
    assert [c.get("href") for c in chips] == ["/topics/deep-learning/"]
    listed = project.page("topics/deep-learning/").xpath("//article[@class='card']//h2/a/@href")
    assert listed == ["/papers/b/", "/papers/a/"]
    assert not (project.root / "site/topics/deep-learning-1").exists()


def test_duplicate_arxiv_ids_warn_naming_both_files(project: Project) -> None:
    write(project, "first", *HEAD, 'arxiv: "2401.00001v1"')
    write(project, "second", *HEAD, 'arxiv: "arXiv:2401.00001v2"')
    result = project.build()
    assert result.exit_code == 0
    warnings = [line for line in result.output.splitlines() if "arXiv id 2401.00001" in line]
    assert warnings == [
        "content/papers/second.md: warning: arXiv id 2401.00001 is also in "
        "content/papers/first.md (remove one of the two files)"
    ]
    assert project.build("--strict").exit_code == 1


def test_link_kinds_are_text_and_their_urls_are_kept_exactly(project: Project) -> None:
    url = 'https://example.org/a?b=1&c="2"#x<y>'
    write(project, "p", *HEAD, "links:", f"  code: '{url}'", "  doi: 10.1000/xyz(1)")
    assert errors_of(project) == []
    hrefs = project.page("papers/p/").xpath("//ul[@class='links']//a/@href")
    assert hrefs == [url, "https://doi.org/10.1000/xyz(1)"]


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        pytest.param(
            "---\ntitle: A\ntitle: B\n---\n", 3, "the key `title` is given twice", id="twice"
        ),
        pytest.param("---\ntitle:\n---\n", 2, "`title` is empty", id="empty-title"),
        pytest.param(
            "---\ntitle: A\nkeywords: rlhf\n---\n", 3, "`keywords` must be a list", id="kw"
        ),
        pytest.param("---\ntitle: [A\n---\n", 2, "invalid YAML", id="yaml"),
        pytest.param("no front matter\n", 1, "has no front matter", id="no-front-matter"),
    ],
)
def test_topic_file_errors_name_the_file_and_line(
    project: Project, text: str, line: int, needle: str
) -> None:
    write(project, "good", *HEAD)
    project.write("content/topics/fairness.md", text)
    errors = errors_of(project)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"content/topics/fairness.md:{line}: error: "), errors[0]
    assert needle in errors[0]

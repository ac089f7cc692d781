"""Broken files: each gives a page or one clear line naming the file and the line.

Cases of issue 9, "Files": every kind of file a user can save by accident,
paste from a PDF or import from a messy export.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import lxml.html
import pytest
from conftest import Project, text_of

from generator.config import MarkdownConfig
from generator.content.load import load_source
from generator.content.markdown import make_markdown
from generator.content.safe_yaml import MAX_DEPTH
from generator.content.sources import Source

GOOD = "---\ntitle: Good\ndate: 2025-01-01\ntopics: [Fairness]\n---\nText.\n"


def fields(*lines: str, body: str = "An abstract.\n") -> str:
    """A paper file: `---`, the lines, `---`, the body."""
    return "\n".join(("---", *lines, "---", body))


def build_with(project: Project, data: bytes) -> tuple[int, list[str]]:
    """Build a good paper and `bad.md`; a failed build must write nothing at all."""
    project.write("content/papers/good.md", GOOD)
    (project.root / "content/papers/bad.md").write_bytes(data)
    result = project.build()
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code:
        assert not (project.root / "site").exists(), "a failed build wrote the site"
    return result.exit_code, result.output.splitlines()


def only_error(lines: list[str]) -> str:
    errors = [line for line in lines if ": error: " in line]
    assert len(errors) == 1, lines
    return errors[0]


LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
)


@pytest.mark.parametrize(
    ("data", "line", "needle", "hint"),
    [
        pytest.param(b"", 1, "the file is empty", "start it with `---`", id="empty"),
        pytest.param(b"\n  \n\t\n", 1, "the file is empty", "`---`", id="blank"),
        pytest.param(b"An abstract.\n", 1, "has no front matter", "`---`", id="no-front-matter"),
        pytest.param(
            b"---\ntitle: T\ndate: 2025-01-01\n\nText\n", 1, "never closed", "`---`", id="unclosed"
        ),
        pytest.param(
            fields("title: Caf\xe9", "date: 2025-01-01", "topics: [x]").encode("latin-1"),
            2,
            "not valid UTF-8",
            "re-save it as UTF-8",
            id="latin-1",
        ),
        pytest.param(
            fields("title: T", "date: 2025-01-01", "topics: [x]", body="A\0b\n").encode(),
            6,
            "NUL byte (U+0000) (column 2)",
            "delete it",
            id="nul",
        ),
        pytest.param(
            fields("title: T", "date: 2025-01-01", "topics:", "\t- x").encode(),
            5,
            "invalid YAML",
            "spaces, never tabs",
            id="tab-indent",
        ),
        pytest.param(
            fields("title: T", "\tdate: 2025-01-01", "topics: [x]").encode(),
            3,
            "invalid YAML",
            "spaces, never tabs",
            id="tab-in-key",
        ),
        pytest.param(
            fields("title: T", "date: 2025-01-01", "topics: [x]", body="page\x0cbreak\n").encode(),
            6,
            "control character U+000C (column 5)",
            "invisible",
            id="form-feed-from-pdf",
        ),
        pytest.param(
            fields("title: T\x1b[31m", "date: 2025-01-01", "topics: [x]").encode(),
            2,
            "control character U+001B (column 9)",
            "invisible",
            id="escape-character",
        ),
        pytest.param(
            ("---\n" + LAUGHS + "\ntitle: T\ndate: 2025-01-01\ntopics: [x]\n---\n").encode(),
            2,
            "anchors and aliases (`&name`, `*name`) are not supported",
            "write the value out in full",
            id="billion-laughs",
        ),
        pytest.param(
            fields("title: T", "date: 2025-01-01", "topics: [x]", "x: " + "[" * 100_000).encode(),
            5,
            f"nests lists or mappings more than {MAX_DEPTH} deep",
            "two levels",
            id="deep-flow-nesting",
        ),
        pytest.param(
            fields("title: T", "date: 2025-01-01", "topics:", "  " + "- " * 100_000 + "x").encode(),
            5,
            "nests lists or mappings",
            "two levels",
            id="deep-block-nesting",
        ),
        pytest.param(
            fields("title: T", "--- x", "date: 2025-01-01").encode(),
            3,
            "second YAML document",
            "exactly `---`",
            id="second-document",
        ),
        pytest.param(
            fields("title: [unclosed", "date: 2025-01-01", "topics: [x]").encode(),
            2,
            "did not find expected ',' or ']'",
            "a bracket opened on this line is not closed",
            id="unclosed-bracket",
        ),
    ],
)
def test_broken_file_is_one_error_line_naming_file_and_line(
    project: Project, data: bytes, line: int, needle: str, hint: str
) -> None:
    status, lines = build_with(project, data)
    assert status == 1
    error = only_error(lines)
    assert error.startswith(f"content/papers/bad.md:{line}: error: "), error
    assert needle in error
    assert hint in error


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object:pathlib.Path {{}}",
        "!custom {marker}",
    ],
)
def test_yaml_tags_that_build_python_objects_are_refused(
    project: Project, tmp_path: Path, tag: str
) -> None:
    marker = tmp_path / "executed"
    text = fields(f"title: {tag.format(marker=marker)}", "date: 2025-01-01", "topics: [x]")
    status, lines = build_with(project, text.encode())
    assert status == 1
    assert only_error(lines).startswith("content/papers/bad.md:2: error: invalid YAML")
    assert not marker.exists()


def test_billion_laughs_is_refused_without_expanding(tmp_path: Path) -> None:
    data = ("---\n" + LAUGHS + "\ntitle: T\ndate: 2025-01-01\ntopics: [x]\n---\n").encode()
    source = Source("paper", tmp_path / "content/papers/p.md", "p")
    md = make_markdown(MarkdownConfig())
    tracemalloc.start()
    loaded = load_source(source, data, md, tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert loaded.item is None
    assert [p.line for p in loaded.problems] == [2]
    assert peak < 2_000_000, f"{peak} bytes: the aliases were expanded"


@pytest.mark.parametrize(
    ("data", "title"),
    [
        pytest.param(b"\xef\xbb\xbf" + GOOD.encode(), "Good", id="utf8-bom"),
        pytest.param(GOOD.replace("\n", "\r\n").encode(), "Good", id="crlf"),
        pytest.param(GOOD.replace("\n", "\r").encode(), "Good", id="old-mac-cr"),
        pytest.param(GOOD.replace("title: Good", "title:\tGood").encode(), "Good", id="tab-sep"),
        pytest.param(
            fields('title: "A\tB"', "date: 2025-01-01", "topics: [x]").encode(), "A B", id="tab-val"
        ),
    ],
)
def test_encoding_variants_build_the_same_page(project: Project, data: bytes, title: str) -> None:
    status, lines = build_with(project, data)
    assert status == 0, lines
    page = project.page("papers/bad/")
    assert text_of(page.xpath("//h1")[0]) == title
    assert "\ufeff" not in (project.root / "site/papers/bad/index.html").read_text("utf-8")


def test_crlf_file_reports_the_right_line(project: Project) -> None:
    text = fields("title: T", "date: 2025-01-01", "topics: [x]", "upvotes: -1")
    status, lines = build_with(project, text.replace("\n", "\r\n").encode())
    assert status == 1
    assert only_error(lines).startswith("content/papers/bad.md:5: error: `upvotes`")


def test_front_matter_only_builds_a_page_without_abstract(project: Project) -> None:
    status, lines = build_with(project, b"---\ntitle: T\ndate: 2025-01-01\ntopics: [x]\n---")
    assert status == 0, lines
    page = project.page("papers/bad/")
    assert text_of(page.xpath("//h1")[0]) == "T"
    # Issue 18: no empty "Abstract" heading; the description says what is known.
    assert page.xpath("//section[@class='abstract']") == []
    assert "Abstract" not in [text_of(h) for h in page.xpath("//h2")]
    assert page.xpath("//meta[@name='description']/@content")[0].strip()


def test_five_megabyte_abstract_builds(project: Project) -> None:
    paragraphs = [f"Paragraph {i} " + "lorem ipsum dolor sit amet " * 190 for i in range(1000)]
    body = "\n\n".join(paragraphs) + "\n\nThe last words.\n"
    assert len(body) > 5_000_000
    text = fields("title: Long", "date: 2025-01-01", "topics: [x]", body=body)
    status, lines = build_with(project, text.encode())
    assert status == 0, lines
    tree = lxml.html.parse(project.root / "site/papers/bad/index.html")
    paragraphs_shown = tree.xpath("//section[@class='abstract']/p")
    assert len(paragraphs_shown) == 1001
    assert text_of(paragraphs_shown[-1]) == "The last words."


def test_ten_thousand_character_title_builds(project: Project) -> None:
    title = ("Deep " * 2000).strip() + " $x^2$"
    text = fields(f'title: "{title}"', "date: 2025-01-01", "topics: [x]")
    status, lines = build_with(project, text.encode())
    assert status == 0, lines
    page = project.page("papers/bad/")
    assert text_of(page.xpath("//h1")[0]).startswith("Deep Deep")
    assert len(text_of(page.xpath("//h1")[0])) > 10_000
    assert page.xpath("//h1//*[local-name()='math']")
    assert page.xpath("//title/text()")[0].startswith(("Deep " * 100).strip())


def test_yaml_escapes_cannot_smuggle_control_characters(project: Project) -> None:
    text = fields('title: "Bell\\x07 here"', "date: 2025-01-01", "topics: [x]")
    status, lines = build_with(project, text.encode())
    assert status == 1
    error = only_error(lines)
    assert error.startswith("content/papers/bad.md:2: error: `title` contains the control ")
    assert "U+0007" in error


def test_a_long_value_is_shortened_in_messages(project: Project) -> None:
    text = fields("title: T", "date: 2025-01-01", "topics: [x]", 'arxiv: "' + "9" * 5000 + '"')
    status, lines = build_with(project, text.encode())
    assert status == 1
    assert len(only_error(lines)) < 300


def test_math_warnings_point_at_the_formula_line(project: Project) -> None:
    body = (
        "First line.\n\nSecond $\\frac{$ paragraph\nwith $\\sqrt{$ on line two.\n\n$$\n\\x{\n$$\n"
    )
    text = fields("title: T", "date: 2025-01-01", "topics: [x]", body=body)
    status, lines = build_with(project, text.encode())
    assert status == 0
    warnings = [line for line in lines if "cannot read the formula" in line]
    where = [line.split(": warning:")[0] for line in warnings]
    assert where == [
        "content/papers/bad.md:8",
        "content/papers/bad.md:9",
        "content/papers/bad.md:11",
    ]
    assert all(line.count("\n") == 0 and "$\\x{$" in warnings[2] for line in warnings)

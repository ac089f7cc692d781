"""Property-based tests: no input gives a traceback, a wrong site, or a vague error.

Hypothesis draws front matter from the schema's types and wrong types, raw
bytes, and Unicode titles and authors. Each example ends in a valid site or
in errors that name the file and the line; a failing paper changes nothing;
every page parses and holds only markup a known-good site holds.
Examples are derandomized (see the `ci` profile in conftest.py).
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Project
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sitecheck import Shape, snapshot, sources, write_known_good

from generator.config import MarkdownConfig
from generator.content.load import Loaded, load_source
from generator.content.markdown import make_markdown
from generator.content.sources import Source
from generator.models import Paper

PIECES = (
    "<script>", "</script>", "</title>", '"', "'", "&", "&amp;", "&#0;", "{{", "}}", "{%",
    "%}", "{{ 7*7 }}", "$", "$x^2$", "$\\frac{$", "\\", "]]>", "<!--", "-->", "javascript:",
    "\u202e", "\u2028", "\x85", "\x07", "\ufeff", "\ufffe", "`", "*", "_", "[", "](", "!",
    "#", "|", ":", ": ", "- ", "---", "\n", "\r\n", "\t", " ", "é", "日本", "𝔘",
)  # fmt: skip
MARKDOWN = (
    "# Heading\n", "> quote\n", "- item\n", "3. item\n", "```py\ncode\n```\n", "    code\n",
    "| a | b |\n|:--|--:|\n| c | d |\n", "[link](https://example.org)", "![i](https://e.org/i.png)",
    "[x](javascript:alert(1))", "<https://e.org>", "text[^1]\n\n[^1]: note\n", "$$\\frac{1}{2}$$",
    "$\\alpha$", "<b>raw</b>", "\n\n", "  \n", "***\n", "`c`", "**strong**", "_em_",
)  # fmt: skip

pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=8)
any_text = st.one_of(pieces.map("".join), st.text(max_size=30))
printable = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"))
visible = st.lists(
    st.one_of(st.sampled_from([p for p in PIECES if p.isprintable()]), st.text(printable)),
    max_size=8,
).map("".join)
names = st.one_of(
    visible.map(lambda text: f"N {text}"),
    st.sampled_from(["Ada Lovelace", "Émile Borel", "李雷", "O'Neil", "Fairness", "bias"]),
)
wrong = st.one_of(
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
    any_text,
    st.lists(any_text, max_size=2),
    st.dictionaries(any_text, any_text, max_size=2),
)
timezones = st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=-11))])
urls = st.one_of(
    st.sampled_from(["https://a.org/x?y=1&z=<>", "HTTPS://A.ORG/", " https://a.org "]),
    visible.map(lambda text: "https://example.org/" + text.replace("\n", "")),
)
RIGHT: dict[str, st.SearchStrategy[Any]] = {
    "title": visible.map(lambda text: text + " T"),
    "authors": st.lists(names, max_size=4),
    "date": st.one_of(st.dates(), st.datetimes(timezones=timezones)),
    "arxiv": st.sampled_from(["2401.00001", "2401.00001v2", "hep-th/9901001", "arXiv:2401.12345"]),
    "topics": st.lists(names, min_size=1, max_size=4),
    "links": st.dictionaries(
        st.sampled_from(["pdf", "code", "doi", "blog_post"]), urls, max_size=3
    ),
    "venue": visible.map(lambda text: text + " V"),
    "upvotes": st.integers(0, 10**12),
    "draft": st.booleans(),
}
WRONG: dict[str, st.SearchStrategy[Any]] = {
    "date": st.sampled_from(["2025-02-30", "2025-13-01", "March 2025", "0000-01-01"]) | wrong,
    "arxiv": st.sampled_from(["2401.1", "12345", "arxiv"]) | wrong,
    "topics": st.lists(st.lists(any_text, max_size=2), max_size=2) | wrong,
    "links": st.dictionaries(
        any_text, st.sampled_from(["javascript:alert(1)", "data:,x", "../x", "//x"]) | wrong
    )
    | wrong,
    "upvotes": st.integers(max_value=-1) | wrong,
    "unknown": wrong,
}


REQUIRED = ("title", "date", "topics")


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """The schema's keys, mostly with right values, some wrong, as YAML or as raw text."""
    keys = [key for key in RIGHT if draw(st.integers(0, 9)) < (8 if key in REQUIRED else 3)]
    keys += draw(st.lists(st.sampled_from(["unknown", *RIGHT]), max_size=2))
    lines = []
    for key in dict.fromkeys(keys):
        wrong_value = draw(st.integers(0, 9)) == 9 or key not in RIGHT
        value = draw(WRONG.get(key, wrong) if wrong_value else RIGHT[key])
        if draw(st.integers(0, 19)) == 19:
            raw = str(value).replace("\n", " ")
            lines.append(f"{key}: {raw}\n")
        else:
            lines.append(yaml.safe_dump({key: value}, allow_unicode=True, width=10**6))
    return "".join(lines)


bodies_text = st.lists(st.one_of(st.sampled_from(MARKDOWN), any_text), max_size=10).map("".join)
visible_bodies = st.lists(st.one_of(st.sampled_from(MARKDOWN), visible), max_size=10).map("".join)


def valid_front_matter(title: str, authors: list[str], topics: list[str], venue: str) -> str:
    """A paper with the right types, whatever the text in them."""
    fields = {"title": title, "date": dt.date(2025, 3, 21), "topics": topics or ["Fairness"]}
    fields |= {"authors": authors} if authors else {}
    fields |= {"venue": venue} if venue.strip() else {}
    return yaml.safe_dump(fields, allow_unicode=True, width=10**6, sort_keys=False)


def file_lines(data: bytes) -> int:
    """How many lines the file has: line ends are LF, CRLF, CR, U+2028 and U+2029."""
    return len(re.split("\r\n?|\n|[\u2028\u2029]", data.decode("utf-8", "replace")))


def check_loaded(loaded: Loaded, source: Source, data: bytes) -> None:
    """Every problem names the file and a line inside it, on one line of text."""
    lines = file_lines(data)
    for problem in loaded.problems:
        assert problem.path == source.path
        assert "\n" not in problem.message and "\n" not in problem.hint
        assert problem.line is not None and 1 <= problem.line <= lines, problem
    errors = [p for p in loaded.problems if p.severity == "error"]
    assert (loaded.item is None) == bool(errors)
    assert loaded.item is None or isinstance(loaded.item, Paper)
    assert pickle.loads(pickle.dumps(loaded)) == loaded


@pytest.fixture(scope="module")
def markdown() -> Any:
    return make_markdown(MarkdownConfig())


def load(markdown: Any, data: bytes) -> tuple[Loaded, Source]:
    source = Source("paper", Path("/proj/content/papers/gen.md"), "gen")
    loaded = load_source(source, data, markdown, Path("/proj"))
    assert load_source(source, data, markdown, Path("/proj")) == loaded, "not a pure function"
    return loaded, source


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(front=front_matter(), body=bodies_text)
def test_loader_on_random_front_matter(markdown: Any, front: str, body: str) -> None:
    data = f"---\n{front}---\n{body}".encode()
    loaded, source = load(markdown, data)
    check_loaded(loaded, source, data)


@settings(max_examples=300)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda b: b"---\n" + b),
        st.binary(max_size=300).map(lambda b: b"---\ntitle: " + b + b"\n---\n"),
        st.binary(max_size=300).map(lambda b: b"---\ntitle: T\ndate: 2025-01-01\n---\n" + b),
    )
)
def test_loader_on_random_bytes(markdown: Any, data: bytes) -> None:
    loaded, source = load(markdown, data)
    check_loaded(loaded, source, data)


@pytest.fixture(scope="module")
def shape(tmp_path_factory: pytest.TempPathFactory) -> Shape:
    """The markup of a known-good site: what any site may contain."""
    project = Project(tmp_path_factory.mktemp("good") / "proj")
    project.root.mkdir()
    project.topic("fairness", "Fairness")
    write_known_good(project)
    assert project.build().exit_code == 0
    return Shape.learn(project.root / "site")


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Two good papers, built; each example adds a third, `gen.md`."""
    project = Project(tmp_path_factory.mktemp("small") / "proj")
    project.root.mkdir()
    project.write("paperboard.toml", 'base_url = "https://example.org/repo/"\n')
    project.topic("fairness", "Fairness")
    project.paper("alpha", "Alpha $x^2$", topics=("Fairness", "bias"), body="About *fairness*.")
    project.paper("beta", "Beta", "2024-01-02", ("bias",), ("Grace Hopper",), "About bias.")
    assert project.build().exit_code == 0
    return project


ERROR = re.compile(r"^content/papers/gen\.md:\d+: error: \S")


def build_example(project: Project, shape: Shape, data: bytes) -> bool:
    """Build with `gen.md` holding `data`; check the outcome; True when the site was built."""
    (project.root / "content/papers/gen.md").write_bytes(data)
    site = project.root / "site"
    before = snapshot(site)
    sources_before = sources(project.root)
    result = project.build()
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert all(ERROR.match(line) for line in errors), errors
    assert sources(project.root) == sources_before, "the build wrote outside site/"
    assert not list(project.root.glob(".paperboard-tmp-*"))
    event("built" if result.exit_code == 0 else "refused")
    if result.exit_code:
        assert errors, result.output
        assert snapshot(site) == before, "a failing paper changed the site"
        return False
    assert result.exit_code == 0
    assert shape.surprises(site) == []
    return True


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(front=front_matter(), body=st.one_of(visible_bodies, bodies_text))
def test_build_with_random_front_matter(
    small_site: Project, shape: Shape, front: str, body: str
) -> None:
    build_example(small_site, shape, f"---\n{front}---\n{body}".encode())


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=RIGHT["title"],
    authors=RIGHT["authors"],
    topics=RIGHT["topics"],
    venue=RIGHT["venue"],
    body=visible_bodies,
)
def test_build_with_random_unicode_text(
    small_site: Project,
    shape: Shape,
    title: str,
    authors: list[str],
    topics: list[str],
    venue: str,
    body: str,
) -> None:
    front = valid_front_matter(title, authors, topics, venue)
    if build_example(small_site, shape, f"---\n{front}---\n{body}".encode()):
        page = small_site.page("papers/gen/")
        shown = [" ".join("".join(a.itertext()).split()) for a in page.xpath("//p/span/a")]
        assert shown == list(dict.fromkeys(" ".join(a.split()) for a in authors))


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(
            lambda b: b"---\ntitle: T\ndate: 2025-01-01\ntopics: [x]\n" + b
        ),
        st.binary(max_size=300).map(
            lambda b: b"---\ntitle: T\ndate: 2025-01-01\ntopics: [x]\n---\n" + b
        ),
    )
)
def test_build_with_random_bytes(small_site: Project, shape: Shape, data: bytes) -> None:
    build_example(small_site, shape, data)

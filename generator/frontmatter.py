"""Split a paper file into YAML front matter and a Markdown body, with exact lines.

We split the file ourselves instead of using python-frontmatter's regex split,
because error messages must point at the right line of the file and that regex
lets the boundary swallow blank lines. YAML is read with a safe loader that
also:

- refuses a key given twice, at the line of the second one;
- refuses anchors and aliases, so a "billion laughs" document costs nothing;
- keeps the source text of numbers, so an unquoted `arxiv: 2401.10000` can be
  read back as written instead of as the float 2401.1;
- records the line of every mapping key, for later diagnostics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class FrontMatterError(Exception):
    """The file cannot be read as front matter plus body."""

    def __init__(self, message: str, line: int | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line of each key (1-based, in the file)."""

    lines: dict[str, int]


class SourceFloat(float):
    """A float that remembers how it was written."""

    source: str


class SourceInt(int):
    """An int that remembers how it was written."""

    source: str


@dataclass(frozen=True, slots=True)
class Document:
    """A file split into its parts."""

    meta: LineDict
    body: str
    body_line: int
    """The file line where the body starts."""


def decode(data: bytes) -> str:
    """Decode UTF-8 (a BOM is dropped) and normalize line ends to `\\n`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FrontMatterError(
            "the file is not valid UTF-8",
            line,
            "re-save it as UTF-8 (text pasted from PDFs and Windows programs is often Latin-1)",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise FrontMatterError(
            "the file contains a NUL byte", text.count("\n", 0, nul) + 1, "remove it"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> tuple[str, str, int]:
    """Return (front matter, body, body line); the front matter starts on line 2."""
    if not text.strip():
        raise FrontMatterError(
            "the file is empty",
            1,
            "start it with `---`, the front matter, `---`, then the abstract",
        )
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise FrontMatterError(
            "the file has no front matter",
            1,
            "the first line must be `---`, followed by `title:`, `date:` ... and a closing `---`",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    raise FrontMatterError(
        "the front matter opened on line 1 is never closed",
        1,
        "add a line `---` after the last field",
    )


def parse(data: bytes) -> Document:
    """Decode, split and load one file."""
    front, body, body_line = split(decode(data))
    return Document(load_yaml(front, line_offset=1), body, body_line)


def load_yaml(text: str, line_offset: int = 0) -> LineDict:
    """Load a YAML mapping safely; `line_offset` maps its lines to the file's."""
    loader = _Loader(text)
    loader.line_offset = line_offset
    try:
        node = loader.get_single_node()
        if node is None:
            return _empty()
        _refuse_aliases(node, line_offset)
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, line_offset) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML: {exc}", line_offset + 1) from None
    finally:
        loader.dispose()
    if not isinstance(value, LineDict):
        raise FrontMatterError(
            "the front matter must be a list of `key: value` lines", line_offset + 1
        )
    return value


def _empty() -> LineDict:
    result = LineDict()
    result.lines = {}
    return result


def _refuse_aliases(root: yaml.Node, line_offset: int) -> None:
    """Reject any node reachable twice: that is what an alias is."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise FrontMatterError(
                "YAML anchors and aliases (`&name`, `*name`) are not supported",
                node.start_mark.line + 1 + line_offset,
                "write the value out in full",
            )
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


_HINTS = (
    (
        "mapping values are not allowed",
        'a value that contains `: ` must be quoted, e.g. title: "A: B"',
    ),
    ("tab character", "YAML is indented with spaces, never tabs"),
    ("found character '\\t'", "YAML is indented with spaces, never tabs"),
    ("2002:merge", "merge keys (`<<:`) are not supported: write the keys out"),
    ("could not determine a constructor", "YAML tags such as `!!python/object` are not allowed"),
    ("found duplicate", "remove one of the two"),
    ("expected <block end>", "check the indentation of this line and the one above"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
)


def _yaml_error(exc: yaml.MarkedYAMLError, line_offset: int) -> FrontMatterError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 + line_offset if mark else None
    problem = exc.problem or str(exc)
    detail = f"{exc.context}: {problem}" if exc.context and "duplicate" not in problem else problem
    hint = next((h for needle, h in _HINTS if needle in str(exc)), "")
    return FrontMatterError(f"invalid YAML: {detail}", line, hint)


class _Loader(_BaseLoader):
    line_offset = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        if not isinstance(node, yaml.MappingNode):  # pragma: no cover - yaml guarantees it
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping", node.start_mark
            )
        result = LineDict()
        result.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            key = key if isinstance(key, str) else str(key)
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key `{key}` is given twice (first on line {result.lines[key]})",
                    key_node.start_mark,
                )
            result[key] = self.construct_object(value_node, deep=deep)
            result.lines[key] = key_node.start_mark.line + 1 + self.line_offset
        return result

    def construct_yaml_map(self, node: yaml.MappingNode) -> Any:  # type: ignore[override]
        yield self.construct_mapping(node, deep=True)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:  # type: ignore[override]
        value = SourceFloat(super().construct_yaml_float(node))
        value.source = node.value
        return value

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:  # type: ignore[override]
        value = SourceInt(super().construct_yaml_int(node))
        value.source = node.value
        return value

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[no-any-return]
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"`{node.value}` is not a real date ({exc})", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

"""Safe YAML for front matter: one mapping, every key's line, no surprises.

PyYAML's safe loader, made stricter:

- a key given twice is refused, at the line of the second one;
- anchors and aliases are refused, so a "billion laughs" document costs nothing;
- nesting deeper than `MAX_DEPTH` is refused: PyYAML's composers recurse once
  per level, and libyaml's crashes the interpreter on 100,000 `[`, so the node
  tree is built here from the parser's events with an explicit stack;
- numbers keep their source text, so an unquoted `arxiv: 2401.10000` can be
  read back as written instead of as the float 2401.1;
- every mapping records the line of each of its keys, for diagnostics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from yaml import CSafeLoader as _BaseLoader
else:
    # PyYAML built without libyaml has only the pure-Python loader, with the same interface.
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(Exception):
    """The file cannot be read as front matter plus body."""

    def __init__(self, message: str, line: int | None = None, hint: str = "") -> None:
        message = excerpt(message, 300)
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


def excerpt(text: str, limit: int = 60) -> str:
    """A value as a message shows it: on one line, and not too long."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line of each key (1-based, in the file)."""

    lines: dict[str, int]


class SourceFloat(float):
    """A float that remembers how it was written."""

    source: str


class SourceInt(int):
    """An int that remembers how it was written, and shows itself so.

    `0x` + 5,000 digits converts (a power-of-two base has no digit limit) but
    cannot be printed in decimal: as written, it can always be shown.
    """

    source: str

    def __repr__(self) -> str:
        return self.source

    __str__ = __repr__


class HugeNumber(str):
    """A YAML integer with more digits than Python converts (`sys.set_int_max_str_digits`).

    Kept as the text written, so a citation field (`pages`) keeps it and a
    number field refuses it with one line instead of a ValueError (issue 14).
    """

    @property
    def description(self) -> str:
        """How a message names it: `a number of 5000 digits`."""
        return f"a number of {sum(c.isdigit() for c in self)} digits"


MAX_DEPTH = 16
"""How deeply front matter may nest lists and mappings (papers need 2)."""


def load_yaml(text: str, line_offset: int = 0) -> LineDict:
    """Load a YAML mapping safely; `line_offset` maps its lines to the file's."""
    loader = _Loader(text)
    loader.line_offset = line_offset
    try:
        node = _compose(loader)
        value = _empty() if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text, line_offset) from None
    except yaml.reader.ReaderError as exc:
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1 + line_offset
        raise FrontMatterError(f"invalid YAML: {exc.reason}", line, "delete it") from None
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


_COLLECTIONS: dict[type[yaml.CollectionStartEvent], type[yaml.CollectionNode]] = {
    yaml.SequenceStartEvent: yaml.SequenceNode,
    yaml.MappingStartEvent: yaml.MappingNode,
}


def _compose(loader: _Loader) -> yaml.Node | None:
    """Build the node tree from parser events with an explicit stack (see MAX_DEPTH).

    Anchors and aliases are refused as soon as the parser meets them, before
    anything is built, so an exponential document costs one pass over its text.
    """
    loader.get_event()
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()
    root: yaml.Node | None = None
    stack: list[yaml.CollectionNode] = []
    keys: list[yaml.Node | None] = []
    while not loader.check_event(yaml.DocumentEndEvent):
        event = loader.get_event()
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop().end_mark = event.end_mark
            keys.pop()
            continue
        node = _node(loader, event, len(stack))
        if not stack:
            root = node
        elif isinstance(stack[-1], yaml.SequenceNode):
            stack[-1].value.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            stack[-1].value.append((keys[-1], node))
            keys[-1] = None
        if isinstance(node, yaml.CollectionNode):
            stack.append(node)
            keys.append(None)
    loader.get_event()
    if not loader.check_event(yaml.StreamEndEvent):
        raise _refused(
            loader,
            loader.peek_event(),
            "the front matter holds a second YAML document",
            "the front matter ends at the first line that is exactly `---`",
        )
    return root


def _node(loader: _Loader, event: yaml.Event | None, depth: int) -> yaml.Node:
    """One scalar, or an empty sequence or mapping, with its tag resolved."""
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        raise _refused(
            loader,
            event,
            "YAML anchors and aliases (`&name`, `*name`) are not supported",
            "write the value out in full",
        )
    if isinstance(event, yaml.ScalarEvent):
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve(loader, yaml.ScalarNode, event.value, event.implicit)
        start, end = _marks(event)
        return yaml.ScalarNode(tag, event.value, start, end, event.style)
    if depth >= MAX_DEPTH:
        raise _refused(loader, event, _DEPTH_MESSAGE, _DEPTH_HINT)
    # Inside a document the parser yields only scalars, aliases and collection starts.
    assert isinstance(event, yaml.CollectionStartEvent), event
    kind = _COLLECTIONS[type(event)]
    tag = event.tag
    if tag is None or tag == "!":
        tag = _resolve(loader, kind, None, event.implicit)
    return kind(tag, [], _marks(event)[0], None, event.flow_style)


def _resolve(loader: _Loader, kind: type[yaml.Node], value: str | None, implicit: object) -> str:
    """The tag YAML gives an untagged node of this kind and value."""
    tag: str = loader.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
    return tag


def _marks(event: yaml.Event) -> tuple[yaml.Mark | None, yaml.Mark | None]:
    """The event's start and end marks, as a node holds them.

    libyaml's parser marks events with `yaml._yaml.Mark`, which a node holds as well
    as the pure-Python `yaml.Mark` (both have `line` and `column`); types-PyYAML
    types node marks as the pure-Python class only.
    """
    return event.start_mark, event.end_mark  # type: ignore[return-value]


def _refused(
    loader: _Loader, event: yaml.Event | None, message: str, hint: str
) -> FrontMatterError:
    mark = event.start_mark if event is not None else None
    line = mark.line + 1 + loader.line_offset if mark is not None else None
    return FrontMatterError(message, line, hint)


_TAB_HINT = "YAML is indented with spaces, never tabs"
_UNCLOSED = ("while parsing a flow", "while scanning a quoted scalar")
"""Errors found where a bracket or quote should have closed: the line that opened it helps."""
_HINTS = (
    (
        "mapping values are not allowed",
        'a value that contains `: ` must be quoted, e.g. title: "A: B"',
    ),
    ("tab character", _TAB_HINT),
    ("2002:merge", "merge keys (`<<:`) are not supported: write the keys out"),
    ("could not determine a constructor", "YAML tags such as `!!python/object` are not allowed"),
    ("found duplicate", "remove one of the two"),
    ("expected <block end>", "check the indentation of this line and the one above"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    ("did not find expected ','", "a bracket opened on this line is not closed"),
)


_DEPTH_MESSAGE = f"the front matter nests lists or mappings more than {MAX_DEPTH} deep"
_DEPTH_HINT = "a paper needs two levels at most (`links:` then `code: ...`)"


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> FrontMatterError:
    mark = exc.problem_mark or exc.context_mark
    if "maximum nesting depth" in str(exc):
        # PyYAML 6.0.4's scanner has a depth limit of its own; say what ours says.
        line = mark.line + 1 + line_offset if mark else None
        return FrontMatterError(_DEPTH_MESSAGE, line, _DEPTH_HINT)
    if exc.context_mark and (exc.context or "").startswith(_UNCLOSED):
        mark = exc.context_mark
    line = mark.line + 1 + line_offset if mark else None
    problem = exc.problem or str(exc)
    detail = f"{exc.context}: {problem}" if exc.context and "duplicate" not in problem else problem
    hint = next((h for needle, h in _HINTS if needle in str(exc)), "")
    if not hint and mark and "\t" in _line_start(text, mark):
        hint = _TAB_HINT
    return FrontMatterError(f"invalid YAML: {detail}", line, hint)


def _line_start(text: str, mark: yaml.Mark) -> str:
    """The marked line, up to and including the marked column."""
    lines = text.split("\n")
    return lines[mark.line][: mark.column + 1] if mark.line < len(lines) else ""


class _Loader(_BaseLoader):
    line_offset = 0

    def construct_line_dict(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        """The mapping with str keys and each key's line; a key given twice is refused.

        A method of its own rather than an override of `construct_mapping`, whose
        declared `dict[Hashable, Any]` a str-keyed dict cannot be.
        """
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

    def construct_yaml_map(self, node: yaml.MappingNode) -> Generator[LineDict]:
        yield self.construct_line_dict(node, deep=True)

    def construct_str_set(self, node: yaml.MappingNode) -> Generator[set[str]]:
        data: set[str] = set()
        yield data
        data.update(self.construct_line_dict(node))

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = SourceFloat(super().construct_yaml_float(node))
        value.source = node.value
        return value

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:  # int, or a HugeNumber (str)
        try:
            value = SourceInt(super().construct_yaml_int(node))
        except ValueError:
            return HugeNumber(node.value)
        value.source = node.value
        return value

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"`{node.value}` is not a real date ({exc})", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:set", _Loader.construct_str_set)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

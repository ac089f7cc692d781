"""Split a paper file into YAML front matter and a Markdown body, with exact lines.

We split the file ourselves instead of using python-frontmatter's regex split,
because error messages must point at the right line of the file and that regex
lets the boundary swallow blank lines. The YAML is read by `safe_yaml`.

Characters that no page, feed or YAML parser accepts (control characters,
U+FFFE) are refused with their line and column: they are invisible in an
editor, so the message has to point at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.safe_yaml import FrontMatterError, LineDict, excerpt, load_yaml

__all__ = [
    "NOT_TEXT",
    "Document",
    "FrontMatterError",
    "LineDict",
    "decode",
    "describe_character",
    "excerpt",
    "parse",
    "split",
]


@dataclass(frozen=True, slots=True)
class Document:
    """A file split into its parts."""

    meta: LineDict
    body: str
    body_line: int
    """The file line where the body starts."""


NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters that HTML calls parse errors and XML forbids (or YAML cannot read)."""
_LINE_ENDS = re.compile("\r\n?|[\u2028\u2029]")


def decode(data: bytes) -> str:
    """Decode UTF-8 (a BOM is dropped); normalize line ends to `\\n`; refuse control characters.

    U+2028 and U+2029 count as line ends, as YAML counts them, so that line
    numbers in YAML's errors and in ours agree.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = _LINE_ENDS.sub("\n", data[: exc.start].decode("utf-8", "replace"))
        raise FrontMatterError(
            "the file is not valid UTF-8",
            before.count("\n") + 1,
            "re-save it as UTF-8 (text pasted from PDFs and Windows programs is often Latin-1)",
        ) from None
    text = _LINE_ENDS.sub("\n", text)
    bad = NOT_TEXT.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - text.rfind("\n", 0, bad.start())
        raise FrontMatterError(
            f"the file contains {describe_character(bad.group())} (column {column})",
            line,
            "delete it: it is invisible in most editors, and pages and feeds cannot hold it",
        )
    return text


def describe_character(char: str) -> str:
    """Name a character that cannot be shown: `a NUL byte (U+0000)`."""
    code = f"U+{ord(char):04X}"
    return f"a NUL byte ({code})" if char == "\0" else f"the control character {code}"


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
            "the first line must be `---`, then the fields (`title:` ...), then a closing `---`",
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

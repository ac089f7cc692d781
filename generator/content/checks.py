"""The checks every field builds on: `Invalid`, and text that is one clean line.

They live apart from the field table (`validate`) so that the modules that
check one kind of value (`names`, `dois`) can use them without a cycle.
"""

from __future__ import annotations

from typing import Any

from generator.content.frontmatter import NOT_TEXT, describe_character, excerpt
from generator.content.safe_yaml import HugeNumber


class Invalid(ValueError):
    """A field's value is wrong; says how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def source_text(value: Any) -> Any:
    """A number as it was written in the file (see frontmatter.SourceFloat)."""
    return getattr(value, "source", value)


def check_text(value: Any) -> str:
    """A non-empty single-line string (numbers are taken as written)."""
    value = source_text(value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(f"must be text, not {describe(value)}", 'write it as `key: "text"`')
    text = " ".join(str(value).split())
    if not text:
        raise Invalid("is empty", "write some text or remove the line")
    bad = NOT_TEXT.search(text)
    if bad:
        char = describe_character(bad.group())
        raise Invalid(f"contains {char}", "remove the `\\x..` or `\\u....` escape that makes it")
    return text


def describe(value: Any) -> str:
    """A value as a message shows it: "a list", "a mapping", or its repr, shortened."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, HugeNumber):
        return value.description
    return excerpt(repr(value))

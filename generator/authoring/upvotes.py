"""A paper seen again by `fetch` gets its new upvote count, and nothing else changes.

The file may have been edited by hand since it was written, so it is not
rewritten from the record: only the digits of the top-level `upvotes:` line of
its front matter change (or, without one, a line is added before the closing
`---`). Every other byte stays as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

_FRONT = re.compile(
    rb"\A(\xef\xbb\xbf)?---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M
)
_LINE = re.compile(rb"^upvotes:[ \t]*(?P<value>\d+)[ \t]*(?:#.*)?$", re.M)


def update_upvotes(path: Path, upvotes: int) -> bool:
    """Set the file's upvotes; True when the file changed.

    A value that is not a plain number (a hand-written `upvotes: many`) is the
    author's, and is left alone.
    """
    data = path.read_bytes()
    front = _FRONT.match(data)
    if front is None:
        return False
    start, end = front.span("body")
    body = data[start:end]
    line = _LINE.search(body)
    if line is not None:
        if int(line.group("value")) == upvotes:
            return False
        value_start, value_end = line.span("value")
        body = body[:value_start] + str(upvotes).encode() + body[value_end:]
    elif re.search(rb"^upvotes:", body, re.M):
        return False
    else:
        newline = b"\r\n" if b"\r\n" in body else b"\n"
        body += b"upvotes: " + str(upvotes).encode() + newline
    path.write_bytes(data[:start] + body + data[end:])
    return True

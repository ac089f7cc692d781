"""The one way tests reach `../shared/`: real data nobody here wrote, and the corpus maker.

`../shared/` sits beside the checkout (CI lays a copy of it there). A test that
needs a file from it asks `shared_path`, which skips the test when the file is
missing on a developer's machine but fails it under CI, where a missing file
means the data moved or a name is wrong, not that it was never there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
"""`../shared/`, beside the checkout."""


def in_ci() -> bool:
    """True when the `CI` variable is set (to anything but empty, `0` or `false`)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def shared_path(*parts: str) -> Path:
    """`../shared/<parts>`, which must exist: else fail under CI and skip elsewhere."""
    path = SHARED.joinpath(*parts)
    if path.exists():
        return path
    message = f"{path} is missing; this test reads it from ../shared/ beside the checkout"
    if in_ci():
        pytest.fail(f"{message}, and under CI it must be there", pytrace=False)
    pytest.skip(message)

"""The one atomic-write helper: a target is the old file or the new one, never a mix."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator.output.atomic import (
    commit_pending,
    discard_pending,
    open_atomic,
    write_atomic,
    write_pending,
)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_atomic_replaces_the_file_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert names(tmp_path) == ["page.html"]


def test_an_error_while_writing_keeps_the_old_file_and_deletes_the_temporary(
    tmp_path: Path,
) -> None:
    target = tmp_path / "build.pickle"
    target.write_bytes(b"the last good cache")
    with pytest.raises(ZeroDivisionError), open_atomic(target) as out:
        out.write(b"half a ")
        out.write(pickle.dumps(1 / 0))
    assert target.read_bytes() == b"the last good cache"
    assert names(tmp_path) == ["build.pickle"]


def test_a_write_into_a_missing_folder_fails_without_creating_anything(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "gone" / "links.json", b"{}")
    assert names(tmp_path) == []


def test_a_pending_file_changes_nothing_until_committed(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    target.write_bytes(b"served")
    write_pending(target, b"rendered")
    assert target.read_bytes() == b"served"
    commit_pending(target)
    assert target.read_bytes() == b"rendered"
    assert names(tmp_path) == ["index.html"]


def test_a_discarded_pending_file_is_gone_and_the_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    target.write_bytes(b"served")
    write_pending(target, b"from a failed build")
    discard_pending(target)
    assert target.read_bytes() == b"served"
    assert names(tmp_path) == ["index.html"]

"""`shared_path`: present files are returned; a missing one fails under CI and skips elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
import shared_data
from shared_data import shared_path


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "shared"
    (folder / "realdata").mkdir(parents=True)
    (folder / "realdata" / "a.bib").write_text("@misc{a,}\n", encoding="utf-8")
    monkeypatch.setattr(shared_data, "SHARED", folder)
    return folder


def test_a_present_file_is_returned(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert shared_path("realdata", "a.bib") == shared / "realdata" / "a.bib"


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_missing_file_fails_under_ci(
    shared: Path, monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match=r"realdata/b\.bib is missing"):
        shared_path("realdata", "b.bib")


@pytest.mark.parametrize("ci", [None, "", "false"])
def test_a_missing_file_skips_outside_ci(
    shared: Path, monkeypatch: pytest.MonkeyPatch, ci: str | None
) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match=r"realdata/b\.bib is missing"):
        shared_path("realdata", "b.bib")

"""The persistent build cache: trusted only when it is ours, and never changes the output."""

from __future__ import annotations

import hashlib
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Project, tree

from generator.build.builder import Builder, BuildOptions
from generator.build.cache import (
    CACHE_DIR,
    CACHE_FILE,
    MAGIC,
    RELATED_FILE,
    Packed,
    cache_key,
    code_stamp,
    read_cache,
    write_cache,
)
from generator.build.refresh import Entry
from generator.config import load_config
from generator.models import Site
from generator.site.related import RelatedIndex

REPO = Path(__file__).resolve().parents[1]


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def clean_tree(project: Project, out: Path) -> dict[str, bytes]:
    """What a build without any cache writes."""
    result = project.build("--no-cache", "--output", str(out))
    assert result.exit_code == 0, result.output
    return tree(out)


def cache_file(project: Project) -> Path:
    return project.root / CACHE_DIR / CACHE_FILE


def test_a_build_leaves_a_git_ignored_cache(built: Project) -> None:
    assert cache_file(built).is_file()
    ignore = (built.root / CACHE_DIR / ".gitignore").read_text().splitlines()
    assert "*" in ignore


def test_a_no_op_rebuild_writes_no_file(built: Project) -> None:
    before = stamps(built.root / "site")
    result = built.build()
    assert result.exit_code == 0, result.output
    assert "(0 files written)" in result.output
    assert stamps(built.root / "site") == before


def test_a_rebuild_after_an_edit_rewrites_only_changed_files(built: Project) -> None:
    site = built.root / "site"
    before = stamps(site)
    built.paper("gamma", "Gamma", "2024-12-01", ("bias",), ("Grace Hopper",), "New words.")
    assert built.build().exit_code == 0
    after = stamps(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert "papers/gamma/index.html" in changed
    assert not changed & {"topics/fairness/index.html", "archive/index.html", "404.html"}
    assert tree(site) == clean_tree(built, built.root / "clean")


def test_a_cache_hit_gives_the_same_bytes_as_a_clean_build(built: Project, tmp_path: Path) -> None:
    built.paper("delta", "Delta $\\alpha$", "2025-01-05", ("Fairness",), ("Alan Turing",))
    (built.root / "content/papers/beta.md").unlink()
    assert built.build().exit_code == 0
    assert tree(built.root / "site") == clean_tree(built, tmp_path / "clean")


def test_a_corrupt_cache_is_discarded(built: Project, tmp_path: Path) -> None:
    path = cache_file(built)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data[: len(data) - 7]))
    shutil.rmtree(built.root / "site")
    result = built.build()
    assert result.exit_code == 0, result.output
    assert tree(built.root / "site") == clean_tree(built, tmp_path / "clean")
    config = load_config(built.root)
    assert read_cache(built.root, cache_key(config)) is not None


@pytest.mark.parametrize("damage", ["deleted", "truncated"])
def test_a_lost_or_damaged_related_papers_file_is_recomputed(
    built: Project, tmp_path: Path, damage: str
) -> None:
    side = built.root / CACHE_DIR / RELATED_FILE
    if damage == "deleted":
        side.unlink()
    else:
        side.write_bytes(side.read_bytes()[:-7])
    no_op = built.build()
    assert no_op.exit_code == 0, no_op.output
    assert "(0 files written)" in no_op.output
    built.paper("gamma", "Gamma", "2024-12-01", ("bias",), ("Grace Hopper",), "Bias words.")
    assert built.build().exit_code == 0
    assert tree(built.root / "site") == clean_tree(built, tmp_path / "clean")


def test_garbage_in_the_cache_file_is_discarded(built: Project) -> None:
    cache_file(built).write_bytes(b"not a cache at all")
    assert built.build().exit_code == 0
    assert cache_file(built).read_bytes().startswith(b"paperboard-cache")


def _poison(project: Project, key: bytes) -> None:
    """A well-formed cache under `key` whose parsed paper 'alpha' has another title."""
    config = load_config(project.root)
    state = read_cache(project.root, cache_key(config))
    assert state is not None
    entries = dict(state.entries)
    for path, entry in entries.items():
        if path.name == "alpha.md":
            paper = replace(entry.loaded.item, title_text="POISONED", title_html="POISONED")
            entries[path] = replace(entry, loaded=replace(entry.loaded, item=paper))
    write_cache(project.root, key, replace(state, entries=entries, inputs="", done=""))


def test_the_poisoned_cache_shows_that_a_cache_is_really_used(built: Project) -> None:
    _poison(built, cache_key(load_config(built.root)))
    shutil.rmtree(built.root / "site")
    assert built.build().exit_code == 0
    assert "POISONED" in (built.root / "site/papers/alpha/index.html").read_text()


def test_no_cache_neither_reads_nor_writes_it(built: Project) -> None:
    _poison(built, cache_key(load_config(built.root)))
    poisoned = cache_file(built).read_bytes()
    result = built.build("--no-cache", "--output", str(built.root / "other"))
    assert result.exit_code == 0, result.output
    assert "POISONED" not in (built.root / "other/papers/alpha/index.html").read_text()
    assert cache_file(built).read_bytes() == poisoned


def test_a_cache_of_another_version_or_setting_is_not_trusted(built: Project) -> None:
    config = load_config(built.root)
    other = replace(config, markdown=replace(config.markdown, html=True))
    _poison(built, cache_key(other))
    assert read_cache(built.root, cache_key(config)) is None
    assert not cache_file(built).exists()
    shutil.rmtree(built.root / "site")
    assert built.build().exit_code == 0
    assert "POISONED" not in (built.root / "site/papers/alpha/index.html").read_text()


def test_the_cache_key_changes_with_the_markdown_settings(built: Project) -> None:
    config = load_config(built.root)
    html = replace(config, markdown=replace(config.markdown, html=True))
    assert cache_key(config) != cache_key(html)
    assert cache_key(config) == cache_key(load_config(built.root))


def test_the_code_stamp_covers_every_module_of_the_package() -> None:
    """The stamp once covered only `build/`: a new field of `Paper` in `models.py` left
    the cache valid, and unpickling its old papers then failed mid-build."""
    package = REPO / "generator"
    modules = {path.relative_to(package).as_posix() for path in package.rglob("*.py")}
    stamped = {item.split(":")[0] for item in code_stamp().split(";")}
    assert stamped == modules
    assert {"models.py", "content/load.py", "build/cache.py"} <= stamped


def test_a_cache_that_unpickles_to_something_else_is_discarded(built: Project) -> None:
    config = load_config(built.root)
    key = cache_key(config)
    body = pickle.dumps({"not": "a cache state"})
    checksum = hashlib.blake2b(body, digest_size=len(key)).digest()
    cache_file(built).write_bytes(MAGIC + key + checksum + body)
    assert read_cache(built.root, key) is None
    assert built.build().exit_code == 0


def test_a_serve_builder_starts_from_the_cache_but_never_writes_it(
    built: Project, tmp_path: Path
) -> None:
    before = cache_file(built).read_bytes()
    builder = Builder(BuildOptions(built.root), output=tmp_path / "live", live=True)
    first = builder.build()
    assert len(first.site.papers) == 3
    built.paper("delta", "Delta", "2025-01-05")
    builder.build()
    assert cache_file(built).read_bytes() == before
    assert tree(tmp_path / "live") == clean_tree(built, tmp_path / "clean")


def test_the_typed_state_round_trips_through_the_cache(built: Project) -> None:
    key = cache_key(load_config(built.root))
    state = read_cache(built.root, key)
    assert state is not None
    assert all(isinstance(entry, Entry) for entry in state.entries.values())
    assert isinstance(state.site, Site) and len(state.site.papers) == 3
    assert isinstance(state.problems, tuple)
    assert isinstance(state.related, Packed)
    assert isinstance(state.related.unpack(), RelatedIndex)
    assert state.output == str((built.root / "site").resolve())
    assert "papers/alpha/index.html" in state.written
    write_cache(built.root, key, state)
    assert read_cache(built.root, key) == state


def test_a_cache_of_another_output_folder_rewrites_every_file(built: Project) -> None:
    site, other = built.root / "site", built.root / "other"
    result = built.build("--output", str(other))
    assert result.exit_code == 0, result.output
    assert tree(other) == tree(site)
    assert not any(
        (site / name).stat().st_ino == (other / name).stat().st_ino for name in tree(other)
    )

"""The search index is built with the site; its failures are one-line errors.

What readers do with it in a browser is tested in test_search_browser.py.
"""

from __future__ import annotations

import gzip
import json
import stat
from pathlib import Path

import pytest
from conftest import Project, text_of
from pagefind.service import get_executable


def indexed_pages(site: Path) -> int:
    """Pages in the Pagefind bundle, as its entry file says."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def fake_pagefind(tmp_path: Path, script: str) -> Path:
    """An executable that stands in for a broken Pagefind binary."""
    path = tmp_path / "pagefind-broken"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def fragment_texts(site: Path) -> list[str]:
    """The text of each page Pagefind indexed, from its gzipped fragments."""
    texts = []
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        texts.append(json.loads(data)["content"])
    return texts


def pagefind_that_only_tells_its_version(tmp_path: Path) -> Path:
    """A Pagefind that answers `--version` as the real one does and refuses to index."""
    real = get_executable()
    assert real is not None
    return fake_pagefind(
        tmp_path,
        f'if [ "$1" = "--version" ]; then exec "{real}" --version; fi\n'
        'echo "Error: asked to index" >&2\nexit 3',
    )


def test_a_build_that_changes_no_paper_page_keeps_the_index(
    built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = built.root / "site"
    entry = site / "pagefind" / "pagefind-entry.json"
    before, texts = entry.read_bytes(), fragment_texts(site)
    built.topic("fairness", "Fairness", "Now about *equity* too.")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(pagefind_that_only_tells_its_version(tmp_path)))
    result = built.build()
    assert result.exit_code == 0, result.output
    assert "equity" in text_of(built.page("topics/fairness/").xpath("//main")[0])
    assert entry.read_bytes() == before
    assert fragment_texts(site) == texts
    assert indexed_pages(site) == 3


def test_an_edited_paper_is_indexed_again(
    built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built.paper("gamma", "Gamma", "2024-03-01", body="An abstract about zeugmas.")
    with monkeypatch.context() as patch:
        patch.setenv("PAGEFIND_BINARY_PATH", str(pagefind_that_only_tells_its_version(tmp_path)))
        refused = built.build()
    assert refused.exit_code == 1
    assert "Error: asked to index" in refused.output
    result = built.build()
    assert result.exit_code == 0, result.output
    assert any("zeugmas" in text for text in fragment_texts(built.root / "site"))
    assert indexed_pages(built.root / "site") == 3


def test_the_index_holds_the_paper_pages_only(built: Project) -> None:
    site = built.root / "site"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert indexed_pages(site) == 3


def test_a_rebuild_indexes_new_papers(built: Project) -> None:
    built.paper("delta", "Delta", "2023-05-05")
    result = built.build()
    assert result.exit_code == 0, result.output
    assert indexed_pages(built.root / "site") == 4
    (built.root / "content" / "papers" / "alpha.md").unlink()
    (built.root / "content" / "papers" / "beta.md").unlink()
    assert built.build().exit_code == 0
    assert indexed_pages(built.root / "site") == 2


def test_the_search_page_loads_the_bundle_under_the_base_path(built: Project) -> None:
    result = built.build("--base-url", "https://user.github.io/repo/")
    assert result.exit_code == 0, result.output
    page = built.page("search/")
    (root,) = page.xpath("//*[@id='search']")
    assert root.get("data-bundle") == "/repo/pagefind/pagefind.js"
    assert root.get("data-base") == "/repo/"
    assert (built.root / "site" / "pagefind" / "pagefind.js").is_file()
    (form,) = root.xpath(".//form[@role='search']")
    (field,) = form.xpath(".//input[@name='q']")
    (label,) = form.xpath(f".//label[@for='{field.get('id')}']")
    assert "Search 3 papers" in text_of(label)
    assert page.xpath("//*[@id='search-status']/@role") == ["status"]
    scripts = page.xpath("//script/@src")
    assert any("/repo/static/search." in src for src in scripts)


def test_every_page_has_a_search_box_that_falls_back_to_the_topics(built: Project) -> None:
    result = built.build("--base-url", "https://user.github.io/repo/")
    assert result.exit_code == 0, result.output
    for url in ("", "papers/alpha/", "topics/", "topics/bias/", "archive/", "404.html"):
        page = built.page(url)
        (form,) = page.xpath("//header//form[@role='search']")
        assert form.get("action") == "/repo/search/"
        assert form.get("data-needs-js") is not None, "hidden without JavaScript, which it needs"
        assert page.xpath("//head/noscript/style")[0].text.startswith("[data-needs-js]")
        assert form.xpath(".//input[@name='q']")
        assert page.xpath("//header//noscript//a/@href") == ["/repo/topics/"]
        assert any("/repo/static/site." in src for src in page.xpath("//script/@src"))


def test_a_site_without_papers_builds_without_an_index(project: Project) -> None:
    result = project.build()
    assert result.exit_code == 0, result.output
    assert not (project.root / "site" / "pagefind").exists()
    page = project.page("search/")
    assert "no papers to search" in text_of(page.xpath("//main")[0])
    assert not page.xpath("//*[@id='search']")


def test_a_failing_pagefind_is_one_line_and_keeps_the_old_site(
    built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (built.root / "site" / "index.html").read_bytes()
    built.paper("delta", "Delta", "2023-05-05")
    broken = fake_pagefind(tmp_path, 'echo "Error: disk on fire" >&2\nexit 2')
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    result = built.build()
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: Pagefind failed (exit status 2)")
    assert "Error: disk on fire" in lines[0]
    assert "Traceback" not in result.output
    assert (built.root / "site" / "index.html").read_bytes() == before
    assert indexed_pages(built.root / "site") == 3


def test_a_missing_pagefind_binary_says_how_to_install_it(
    built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    built.paper("delta", "Delta", "2023-05-05")
    result = built.build()
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: cannot run Pagefind at ")
    assert "pip install 'pagefind[bin]'" in line


def test_pagefind_that_exits_cleanly_without_an_index_is_reported(
    built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_pagefind(tmp_path, "exit 0")))
    built.paper("delta", "Delta", "2023-05-05")
    result = built.build()
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "Pagefind wrote no usable index into pagefind/" in line


def test_listing_items_carry_what_the_browser_sorts_on(built: Project) -> None:
    home = built.page("")
    (listing,) = home.xpath("//ol[@data-listing]")
    assert listing.get("data-listing") == "all"
    rows = {item.xpath(".//h2/a/@href")[0].split("/")[-2]: item for item in listing.xpath("./li")}
    assert rows["gamma"].get("data-upvotes") == "7"
    assert rows["gamma"].get("data-year") == "2024"
    assert rows["gamma"].get("data-date") == "2024-12-01"
    assert rows["alpha"].get("data-upvotes") is None
    title = text_of(built.page("papers/alpha/").xpath("//title")[0])
    assert rows["alpha"].get("data-title") == title.split(" · ")[0]
    assert "7 upvotes" in text_of(rows["gamma"])


def test_a_paginated_listing_says_it_is_one_page(built: Project) -> None:
    built.write("paperboard.toml", "per_page = 2\n")
    assert built.build().exit_code == 0
    assert built.page("").xpath("//ol[@data-listing]/@data-listing") == ["page"]
    assert built.page("page/2/").xpath("//ol[@data-listing]/@data-listing") == ["page"]

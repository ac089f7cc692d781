"""The static JSON API: /papers.json and /topics/<slug>/papers.json, read back with json."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from conftest import HOSTED, REPO, Project


def document(site: Path, url: str) -> dict[str, Any]:
    data = (site / url).read_bytes()
    assert b"<" not in data and b">" not in data
    return json.loads(data)


def built_file(site: Path, path: str) -> Path:
    return site / path / "index.html" if path.endswith("/") else site / path


def test_papers_json_describes_every_paper(hosted: Project) -> None:
    site = hosted.root / "site"
    doc = document(site, "papers.json")
    assert doc["version"] == 2
    assert doc["url"] == HOSTED + "papers.json" and doc["path"] == "papers.json"
    assert (doc["site"]["title"], doc["site"]["url"]) == ("Paperboard", HOSTED)
    assert doc["topic"] is None
    assert doc["count"] == 3
    assert [p["slug"] for p in doc["papers"]] == ["alpha", "beta", "gamma"]
    alpha = doc["papers"][0]
    assert alpha["title"] == "Alpha: $O(n^2)$ Fairness"
    assert alpha["title_text"] == "Alpha: O(n²) Fairness"
    assert alpha["authors"] == ["Ada Lovelace", "Émile Borel"]
    assert alpha["date"] == "2025-03-21"
    assert alpha["topics"] == [{"slug": "fairness", "title": "Fairness"}]
    assert alpha["abstract"] == "First abstract with x²."
    assert alpha["arxiv"] is None and alpha["venue"] is None and alpha["upvotes"] is None
    assert alpha["url"] == HOSTED + "papers/alpha/" and alpha["path"] == "papers/alpha/"
    assert alpha["bibtex_key"] == "alpha"
    assert alpha["bibtex_url"] == HOSTED + "papers/alpha/cite.bib"


def test_links_and_venue_of_a_published_paper(hosted: Project) -> None:
    gamma = document(hosted.root / "site", "papers.json")["papers"][2]
    assert (gamma["arxiv"], gamma["venue"], gamma["upvotes"]) == ("2412.00001", "NeurIPS 2024", 7)
    assert {link["kind"]: link["url"] for link in gamma["links"]} == {
        "arxiv": "https://arxiv.org/abs/2412.00001",
        "pdf": "https://arxiv.org/pdf/2412.00001",
    }


def test_every_url_in_the_api_is_a_built_file(hosted: Project) -> None:
    site = hosted.root / "site"
    docs = [document(site, "papers.json")]
    docs += [document(site, f"topics/{slug}/papers.json") for slug in ("bias", "fairness")]
    for doc in docs:
        assert built_file(site, doc["path"]).is_file()
        for paper in doc["papers"]:
            assert paper["url"] == HOSTED + paper["path"]
            assert built_file(site, paper["path"]).is_file()
            assert built_file(site, paper["bibtex_url"].removeprefix(HOSTED)).is_file()


def test_a_topic_document_holds_its_papers(hosted: Project) -> None:
    doc = document(hosted.root / "site", "topics/bias/papers.json")
    assert doc["version"] == 2
    assert doc["topic"] == {
        "slug": "bias",
        "title": "Bias in Language Models",
        "url": HOSTED + "topics/bias/",
        "path": "topics/bias/",
    }
    assert doc["url"] == HOSTED + "topics/bias/papers.json"
    assert (doc["count"], [p["slug"] for p in doc["papers"]]) == (2, ["beta", "gamma"])
    full = document(hosted.root / "site", "papers.json")["papers"]
    without_abstracts = [
        {k: v for k, v in p.items() if k != "abstract"}
        for p in full
        if p["slug"] in ("beta", "gamma")
    ]
    assert doc["papers"] == without_abstracts


def test_without_a_host_urls_are_root_relative(built: Project) -> None:
    doc = document(built.root / "site", "papers.json")
    assert doc["papers"][0]["url"] == "/papers/alpha/"
    assert doc["papers"][0]["path"] == "papers/alpha/"


def test_seed_api_matches_the_content(seed_site: Path) -> None:
    files = sorted((REPO / "content" / "papers").glob("*.md"))
    metas = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1]) for p in files}
    doc = document(seed_site, "papers.json")
    assert doc["count"] == len(doc["papers"]) == len(files)
    by_slug = {paper["slug"]: paper for paper in doc["papers"]}
    assert set(by_slug) == set(metas)
    for slug, meta in metas.items():
        assert by_slug[slug]["title"] == meta["title"]
        assert [t["slug"] for t in by_slug[slug]["topics"]] == meta["topics"]
        assert by_slug[slug]["date"] == meta["date"].isoformat()
    counts = Counter(topic for meta in metas.values() for topic in meta["topics"])
    for topic, count in counts.items():
        topic_doc = document(seed_site, f"topics/{topic}/papers.json")
        assert topic_doc["count"] == count
        assert all(topic in [t["slug"] for t in p["topics"]] for p in topic_doc["papers"])

"""BibTeX files, each parsed back with bibtexparser: keys, fields, TeX and non-ASCII names."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import bibtexparser
import yaml
from bibtexparser import middlewares as mw
from conftest import REPO, Project, parse_html, text_of


def parse_bib(text: str, decode: bool = False) -> bibtexparser.Library:
    """Parse and insist that nothing failed; `decode` turns TeX accents into Unicode."""
    layers = [mw.LatexDecodingMiddleware(), mw.SeparateCoAuthors()] if decode else []
    library = bibtexparser.parse_string(text, append_middleware=layers)
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(set(keys)), Counter(keys).most_common(3)
    return library


def read_bib(site: Path, url: str, decode: bool = False) -> bibtexparser.Library:
    return parse_bib((site / url).read_text(encoding="utf-8"), decode)


def fields(entry: bibtexparser.model.Entry) -> dict[str, object]:
    return {name: field.value for name, field in entry.fields_dict.items()}


def test_site_topic_and_paper_files_hold_the_right_entries(hosted: Project) -> None:
    site = hosted.root / "site"
    keys = {
        "papers.bib": ["alpha", "beta", "gamma"],
        "topics/bias/papers.bib": ["beta", "gamma"],
        "topics/fairness/papers.bib": ["alpha", "beta"],
        "papers/alpha/cite.bib": ["alpha"],
        "papers/gamma/cite.bib": ["gamma"],
    }
    for url, expected in keys.items():
        assert [entry.key for entry in read_bib(site, url).entries] == expected, url
    every = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.bib"))
    assert every == sorted(keys | {"papers/beta/cite.bib": ["beta"]})


def test_fields_keep_tex_titles_and_non_ascii_authors(hosted: Project) -> None:
    raw = {e.key: fields(e) for e in read_bib(hosted.root / "site", "papers.bib").entries}
    assert "$O(n^2)$" in str(raw["alpha"]["title"])
    decoded = {e.key: e for e in read_bib(hosted.root / "site", "papers.bib", True).entries}
    alpha = fields(decoded["alpha"])
    assert alpha["author"] == ["Ada Lovelace", "Émile Borel"]
    assert (alpha["year"], alpha["month"]) == ("2025", "mar")
    gamma = decoded["gamma"]
    assert gamma.entry_type == "inproceedings"
    assert fields(gamma)["booktitle"] == "NeurIPS 2024"
    assert fields(gamma)["eprint"] == "2412.00001"


def test_tex_specials_and_scripts_survive_a_round_trip(project: Project) -> None:
    project.paper(
        "specials",
        "100% of {Braces} & $\\alpha_1$ #hash",
        authors=("Zoë Ångström", "李雷", "Jean-Pierre O'Brien"),
        extra='venue: "IEEE Transactions on Pattern Analysis"',
    )
    assert project.build().exit_code == 0
    (entry,) = read_bib(project.root / "site", "papers/specials/cite.bib", True).entries
    assert entry.entry_type == "article"
    values = fields(entry)
    assert values["author"] == ["Zoë Ångström", "李雷", "Jean-Pierre O'Brien"]
    assert values["journal"] == "IEEE Transactions on Pattern Analysis"
    title = str(values["title"])
    assert "100% of" in title and "& $\\alpha_1$ #hash" in title and "Braces" in title


def test_the_cite_block_links_its_file_and_says_the_same(hosted: Project) -> None:
    page = hosted.page("papers/gamma/")
    hrefs = page.xpath("//section[@class='cite']//a/@href")
    assert hrefs == ["/board/papers/gamma/cite.bib", "/board/papers/gamma/cite.json"]
    shown = parse_bib(text_of(page.xpath("//pre[@id='bibtex']")[0]))
    served = read_bib(hosted.root / "site", "papers/gamma/cite.bib")
    assert [(e.key, e.entry_type, fields(e)) for e in shown.entries] == [
        (e.key, e.entry_type, fields(e)) for e in served.entries
    ]


def test_seed_bib_files_parse_and_cover_every_paper(seed_site: Path) -> None:
    files = sorted((REPO / "content" / "papers").glob("*.md"))
    site = read_bib(seed_site, "papers.bib", decode=True)
    assert sorted(entry.key for entry in site.entries) == [path.stem for path in files]
    counts: Counter[str] = Counter()
    for path in files:
        counts.update(yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["topics"])
        (entry,) = read_bib(seed_site, f"papers/{path.stem}/cite.bib").entries
        assert entry.key == path.stem
    for topic, count in counts.items():
        assert len(read_bib(seed_site, f"topics/{topic}/papers.bib").entries) == count
    page = parse_html((seed_site / "papers" / files[0].stem / "index.html").read_bytes())
    assert page.xpath("//section[@class='cite']//a/@href")

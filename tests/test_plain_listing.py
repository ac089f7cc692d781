"""The plain listing importer: header skipping, line endings, exact text, code links."""

from __future__ import annotations

import datetime as dt

import pytest
from shared_data import shared_path

from generator.importers.plain_listing import (
    ListingEntry,
    ListingError,
    code_links,
    listing_date,
    parse_listing,
    to_drafts,
)
from generator.scholarly import PartialDate

SEED = ("seed", "000_85d6b5702f39f89c.txt")
"""The listing Paperboard's demo content was imported from, under ../shared/."""

IREPO = "$i$REPO: $i$mplicit Reward Pairwise Difference based Empirical Preference Optimization"
IREPO_ABSTRACT = (
    "While astonishingly capable, large Language Models (LLM) can sometimes produce outputs "
    "that deviate from human expectations. Such deviations necessitate an alignment phase to "
    "prevent disseminating untruthful, toxic, or biased information."
)
PTQ = "PTQ1.61: Push the Real Limit of Extremely Low-Bit Post-Training Quantization Methods"
PTQ_ABSTRACT = (
    "Large Language Models (LLMs) suffer severe performance degradation when facing extremely "
    "low-bit (sub 2-bit) quantization. We propose PTQ1.61, which enables weight quantization "
    "to 1.61-bit for the first time. Codes are available at https://github.com/zjq0455/PTQ1.61."
)
LISTING = "\n".join(
    [
        "new",
        "",
        "Get trending papers in your email inbox!",
        "",
        "Subscribe",
        "",
        "byAK and the research community",
        "",
        "Mar 21",
        "",
        IREPO,
        "",
        IREPO_ABSTRACT,
        "",
        PTQ,
        "",
        PTQ_ABSTRACT,
    ]
)


def test_skips_the_header_and_keeps_titles_exactly() -> None:
    entries = parse_listing(LISTING + "\n")
    assert entries == [
        ListingEntry(IREPO, IREPO_ABSTRACT, 11),
        ListingEntry(PTQ, PTQ_ABSTRACT, 15),
    ]


def test_crlf_and_a_missing_trailing_newline_give_the_same_entries() -> None:
    crlf = LISTING.replace("\n", "\r\n")
    assert not crlf.endswith("\n")
    assert parse_listing(crlf) == parse_listing(LISTING + "\n")


def test_surrounding_whitespace_is_stripped_and_blank_lines_may_repeat() -> None:
    text = f"  {IREPO}\t\n\n\n   \n{IREPO_ABSTRACT}   \n\n\n"
    assert parse_listing(text) == [ListingEntry(IREPO, IREPO_ABSTRACT, 1)]


def test_a_listing_without_papers_is_empty() -> None:
    assert parse_listing("new\n\nSubscribe\n\nMar 21\n") == []
    assert parse_listing("") == []


def test_a_title_without_an_abstract_names_its_line() -> None:
    text = LISTING + "\n\nLoad more papers\n"
    with pytest.raises(ListingError, match="line 19") as caught:
        parse_listing(text)
    assert caught.value.line == 19


def test_a_second_paragraph_is_not_taken_for_a_title() -> None:
    text = f"{IREPO}\n\n{IREPO_ABSTRACT}\n\n{PTQ_ABSTRACT}\n"
    with pytest.raises(ListingError, match="line 5: a long paragraph"):
        parse_listing(text)


def test_listing_date_reads_the_header() -> None:
    assert listing_date(LISTING, 2025) == dt.date(2025, 3, 21)
    assert listing_date("new\n\nMarch 3\n", 2024) == dt.date(2024, 3, 3)
    assert listing_date(f"{IREPO}\n\n{IREPO_ABSTRACT}", 2025) is None
    assert listing_date("Feb 30\n", 2025) is None


def test_code_link_drops_the_sentence_period() -> None:
    assert code_links(PTQ_ABSTRACT) == {"code": "https://github.com/zjq0455/PTQ1.61"}


def test_code_link_variants() -> None:
    space = "The code repository is available at https: //github.com/reds-lab/rationales"
    assert code_links(space) == {"code": "https://github.com/reds-lab/rationales"}
    paren = "(code: https://gitlab.com/a/b), and https://github.com/c/d"
    assert code_links(paren) == {"code": "https://gitlab.com/a/b"}
    assert code_links("Weights at huggingface.co/org/model, ") == {
        "code": "https://huggingface.co/org/model"
    }
    assert code_links("Project page: https://namgyukang.github.io/pig/") == {}
    assert code_links("Our code is attached as a supplement.") == {}


def test_to_drafts_carries_text_date_topics_and_code_link() -> None:
    entries = parse_listing(LISTING)
    drafts = to_drafts(entries, dt.date(2025, 3, 21), lambda e: ("quantization",))
    assert [d.title for d in drafts] == [IREPO, PTQ]
    assert drafts[1].abstract == PTQ_ABSTRACT
    assert drafts[1].links == {"code": "https://github.com/zjq0455/PTQ1.61"}
    assert drafts[0].links == {}
    assert drafts[0].topics == ("quantization",)
    assert drafts[0].authors == ()
    assert drafts[0].date == PartialDate(2025, 3, 21)


def test_the_seed_listing() -> None:
    text = shared_path(*SEED).read_text(encoding="utf-8")
    entries = parse_listing(text)
    assert len(entries) == 73
    assert entries[0].title == (
        "Learning a Room with the Occ-SDF Hybrid: Signed Distance Function Mingled with "
        "Occupancy Aids Scene Representation"
    )
    assert entries[0].line == 11
    assert all(len(entry.abstract) > 200 for entry in entries)
    assert listing_date(text, 2025) == dt.date(2025, 3, 21)

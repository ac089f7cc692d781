"""Read a feed `fetch` was sent: Atom goes to the arXiv Atom reader, RSS 2.0 is read here.

RSS items are `<item>` with `<title>`, `<link>`, `<description>`, `<pubDate>`
(RFC 822) and Dublin Core `<dc:creator>` (arXiv's listing feeds put every
author in one, comma-separated). arXiv's feeds start the description with
`arXiv:ID Announce Type: new Abstract:`, which is the id, not the abstract.
"""

from __future__ import annotations

import email.utils
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.content.arxiv_ids import find_arxiv_id
from generator.content.paper_file import PaperDraft
from generator.importers.arxiv_atom import read_atom
from generator.importers.records import BadRecord, Batch, Record, clean_abstract, clean_text
from generator.scholarly import PartialDate

DC = "{http://purl.org/dc/elements/1.1/}"
_ARXIV_PREAMBLE = re.compile(r"^\s*arXiv:\S+\s+Announce Type:\s*\S+\s*(?:Abstract:)?\s*", re.I)


def read_feed(text: str, path: Path | None = None) -> Batch:
    """Every paper of an Atom or RSS feed."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if "<feed" in head:
        return read_atom(text, path)
    batch = Batch()
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        batch.fail(f"the feed is not well-formed XML: {exc}", path, exc.position[0])
        return batch
    if root.tag != "rss":
        batch.fail("this is neither an Atom nor an RSS feed", path, 1, "check the feed's URL")
        return batch
    for number, item in enumerate(root.iter("item"), 1):
        try:
            batch.records.append(Record(item_draft(item), path, None))
        except BadRecord as exc:
            batch.fail(f"item {number}: {exc.message}", path, None, exc.hint)
    return batch


def item_draft(item: ET.Element) -> PaperDraft:
    """The paper of one `<item>`."""
    title = clean_text(item.findtext("title"))
    if not title:
        raise BadRecord("the item has no title")
    link = (item.findtext("link") or "").strip()
    arxiv = find_arxiv_id(link) or find_arxiv_id(item.findtext("guid") or "")
    when = item.findtext("pubDate") or item.findtext(f"{DC}date") or ""
    try:
        date = email.utils.parsedate_to_datetime(when).date()
    except (TypeError, ValueError):
        raise BadRecord(f"the item has no readable <pubDate> ({when!r})") from None
    creators = ", ".join(c.text or "" for c in item.findall(f"{DC}creator"))
    authors = tuple(name for name in (clean_text(n) for n in creators.split(",")) if name)
    links = {"pdf": f"https://arxiv.org/pdf/{arxiv}"} if arxiv else {}
    return PaperDraft(
        title=title,
        date=PartialDate.of(date),
        topics=(),
        authors=authors,
        abstract=clean_abstract(_ARXIV_PREAMBLE.sub("", item.findtext("description") or "")),
        arxiv=arxiv,
        links=links,
    )

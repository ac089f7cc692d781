"""The digest's HTML, as mail clients render it: shared by the email and the digest feed.

Mail clients ignore `<style>` and most CSS, so the digest is a table layout
with inline styles only; every link is absolute (an email, and a feed entry
sent on by an RSS-to-email service, has no base URL). `publish.digest` wraps
the table in a document for the email; the site's digest feed carries the
table itself as each day's entry content.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from generator.config import SiteConfig
from generator.models import Paper
from generator.site.canonical import absolute_url
from generator.site.periods import day_label, week_label
from generator.urls import paper_url

CARD = "padding:16px 0;border-bottom:1px solid #dddddd;"
TITLE = "font-size:18px;line-height:24px;font-weight:bold;color:#1a4d8f;text-decoration:none;"
TEXT = "font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#222222;"
MUTED = "font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:18px;color:#555555;"
LINK = "color:#1a4d8f;"


@dataclass(frozen=True, slots=True)
class Period:
    """The day (`2025-03-21`) or ISO week (`2025-W12`) a digest is for, and its papers."""

    kind: str
    key: str
    papers: tuple[Paper, ...]

    @property
    def label(self) -> str:
        """How the subject and the heading name it."""
        return day_label(self.key) if self.kind == "day" else f"week {week_label(self.key)}"


def digest_table(config: SiteConfig, period: Period, web: str) -> str:
    """The digest: one 600-pixel table, a heading, a row per paper, links to `web` and out."""
    e = html.escape
    rows = "".join(paper_row(config, paper) for paper in period.papers)
    leave = config.digest.unsubscribe
    footer = f' · <a href="{e(leave)}" style="{LINK}">Unsubscribe</a>' if leave else ""
    return (
        '<table role="presentation" width="600" cellpadding="0" cellspacing="0" '
        'style="max-width:600px;width:100%;background:#ffffff;padding:0 24px;">'
        f'<tr><td style="padding:24px 0 8px;{TEXT}"><h1 style="margin:0;font-size:22px;">'
        f'{e(config.title)}</h1><p style="margin:4px 0 0;{MUTED}">'
        f"Papers of {e(period.label)}</p></td></tr>{rows}"
        f'<tr><td style="padding:16px 0 24px;{MUTED}"><a href="{e(web)}" style="{LINK}">'
        f"See them on the web</a>{footer}</td></tr></table>"
    )


def paper_row(config: SiteConfig, paper: Paper) -> str:
    """One paper: picture, title linked to its page, votes and authors, abstract, links."""
    e = html.escape
    votes = f"▲ {paper.upvotes} · " if paper.upvotes is not None else ""
    links = " · ".join(
        f'<a href="{e(link.url)}" style="{LINK}">{e(link.label)}</a>' for link in paper.links
    )
    picture = ""
    if paper.thumbnail is not None:
        src = paper.thumbnail.src
        src = src if src.startswith(("https://", "http://")) else absolute_url(config, src)
        picture = (
            f'<img src="{e(src)}" width="120" alt="" '
            'style="float:right;margin:0 0 8px 12px;border:1px solid #dddddd;">'
        )
    page = absolute_url(config, paper_url(paper.slug))
    return (
        f'<tr><td style="{CARD}{TEXT}">{picture}'
        f'<a href="{e(page)}" style="{TITLE}">{e(paper.title_text)}</a>'
        f'<p style="margin:4px 0;{MUTED}">{votes}{e(", ".join(paper.authors))}</p>'
        f'<p style="margin:8px 0;{TEXT}">{e(paper.summary)}</p>'
        f'<p style="margin:0;{MUTED}">{links}</p></td></tr>'
    )

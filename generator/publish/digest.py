"""`paperboard digest`: a day's or a week's papers as an email that mail clients render.

The HTML is the digest table of `site.digest_html` (inline styles, absolute
links), the same the site's digest feed carries; a plain-text part carries the
same papers for clients that show no HTML. The papers are chosen by
`site.digest`: the period's papers on the board, most upvoted first.
"""

from __future__ import annotations

import datetime as dt
import html
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from generator.models import Site
from generator.site.canonical import absolute_url
from generator.site.digest_html import Period, digest_table
from generator.site.periods import period_url
from generator.urls import paper_url


def digest_message(site: Site, period: Period, now: dt.datetime) -> EmailMessage:
    """The digest as a multipart/alternative message: plain text first, HTML preferred."""
    config = site.config
    message = EmailMessage()
    message["Subject"] = f"{config.title}: papers of {period.label}"
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="paperboard.invalid")
    if config.digest.unsubscribe:
        message["List-Unsubscribe"] = f"<{config.digest.unsubscribe}>"
    message.set_content(digest_text(site, period))
    message.add_alternative(digest_html(site, period), subtype="html")
    return message


def _page(site: Site, url: str) -> str:
    return absolute_url(site.config, url)


def digest_text(site: Site, period: Period) -> str:
    """The plain-text part."""
    lines = [f"{site.config.title}: papers of {period.label}", ""]
    for number, paper in enumerate(period.papers, 1):
        votes = f" ({paper.upvotes} upvotes)" if paper.upvotes is not None else ""
        lines += [f"{number}. {paper.title_text}{votes}", ", ".join(paper.authors)]
        lines += [paper.summary, _page(site, paper_url(paper.slug))]
        lines += [f"{link.label}: {link.url}" for link in paper.links] + [""]
    lines.append(f"On the web: {_page(site, period_url(period.kind, period.key))}")  # type: ignore[arg-type]
    if site.config.digest.unsubscribe:
        lines.append(f"Unsubscribe: {site.config.digest.unsubscribe}")
    return "\n".join(lines) + "\n"


def digest_html(site: Site, period: Period) -> str:
    """The HTML part: the digest table (`site.digest_html`), centred on a grey page."""
    e = html.escape
    web = _page(site, period_url(period.kind, period.key))  # type: ignore[arg-type]
    return (
        f'<!DOCTYPE html><html lang="{e(site.config.language)}"><head><meta charset="utf-8">'
        f"<title>{e(site.config.title)}</title></head>"
        '<body style="margin:0;padding:0;background:#f4f4f4;">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        'style="background:#f4f4f4;"><tr><td align="center" style="padding:16px;">'
        f"{digest_table(site.config, period, web)}</td></tr></table></body></html>\n"
    )

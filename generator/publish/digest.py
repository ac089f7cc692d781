"""`paperboard digest`: a day's or a week's papers as an email that mail clients render.

Mail clients ignore `<style>` and most CSS, so the HTML is a table layout
with inline styles only; every link is absolute (an email has no base URL);
a plain-text part carries the same papers for clients that show no HTML.
The papers come from the board (`site.periods`), most upvoted first.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from generator.errors import ConfigError, error
from generator.models import Paper, Site
from generator.site.periods import board_of, day_label, period_url, week_label
from generator.urls import absolute, paper_url

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


def choose_period(site: Site, day: str | None, week: str | None) -> Period:
    """The period asked for, or (neither) the latest day on the board."""
    board = board_of(site.papers)
    kind, key = ("week", week) if week else ("day", day)
    periods = board.of(kind)  # type: ignore[arg-type]
    if key is None:
        if not board.days:
            raise ConfigError([error("no paper is on the board yet", hint="add or fetch papers")])
        key = list(board.days)[-1]
    if key not in periods:
        hint = f"{kind}s with papers: " + ", ".join(list(periods)[-5:]) if periods else ""
        raise ConfigError([error(f"no papers on {kind} {key}", hint=hint or "fetch papers first")])
    return Period(kind, key, periods[key])


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
    return absolute(site.config.base_url, url)


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
    """The HTML part: one centred table, a row per paper, styles inline."""
    e = html.escape
    web = _page(site, period_url(period.kind, period.key))  # type: ignore[arg-type]
    rows = "".join(_paper_row(site, paper) for paper in period.papers)
    leave = site.config.digest.unsubscribe
    footer = f' · <a href="{e(leave)}" style="{LINK}">Unsubscribe</a>' if leave else ""
    return (
        f'<!DOCTYPE html><html lang="{e(site.config.language)}"><head><meta charset="utf-8">'
        f"<title>{e(site.config.title)}</title></head>"
        '<body style="margin:0;padding:0;background:#f4f4f4;">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        'style="background:#f4f4f4;"><tr><td align="center" style="padding:16px;">'
        '<table role="presentation" width="600" cellpadding="0" cellspacing="0" '
        'style="max-width:600px;width:100%;background:#ffffff;padding:0 24px;">'
        f'<tr><td style="padding:24px 0 8px;{TEXT}"><h1 style="margin:0;font-size:22px;">'
        f'{e(site.config.title)}</h1><p style="margin:4px 0 0;{MUTED}">'
        f"Papers of {e(period.label)}</p></td></tr>{rows}"
        f'<tr><td style="padding:16px 0 24px;{MUTED}"><a href="{e(web)}" style="{LINK}">'
        f"See them on the web</a>{footer}</td></tr></table></td></tr></table></body></html>\n"
    )


def _paper_row(site: Site, paper: Paper) -> str:
    e = html.escape
    page = _page(site, paper_url(paper.slug))
    votes = f"▲ {paper.upvotes} · " if paper.upvotes is not None else ""
    links = " · ".join(
        f'<a href="{e(link.url)}" style="{LINK}">{e(link.label)}</a>' for link in paper.links
    )
    picture = ""
    if paper.thumbnail is not None:
        src = paper.thumbnail.src
        src = src if src.startswith(("https://", "http://")) else _page(site, src)
        picture = (
            f'<img src="{e(src)}" width="120" alt="" '
            'style="float:right;margin:0 0 8px 12px;border:1px solid #dddddd;">'
        )
    return (
        f'<tr><td style="{CARD}{TEXT}">{picture}'
        f'<a href="{e(page)}" style="{TITLE}">{e(paper.title_text)}</a>'
        f'<p style="margin:4px 0;{MUTED}">{votes}{e(", ".join(paper.authors))}</p>'
        f'<p style="margin:8px 0;{TEXT}">{e(paper.summary)}</p>'
        f'<p style="margin:0;{MUTED}">{links}</p></td></tr>'
    )

"""The digest: which papers a day's or week's digest holds, and its pages on the site.

The email (`paperboard digest`) and the site share this selection: a period
of the board (`site.periods`), its papers most upvoted first. The site
publishes each day's digest at `digest/YYYY-MM-DD/`, an index at `digest/`,
and `digest/feed.xml`, an Atom feed of one entry per day whose content is
the email's HTML, for RSS-to-email services. Entry dates are the days
themselves, never the build time, so an unchanged board gives an identical feed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.config import SiteConfig
from generator.errors import ConfigError, error
from generator.models import Paper, Site
from generator.site.canonical import absolute_url, stable_id
from generator.site.digest_html import Period, digest_table
from generator.site.feeds import EMPTY_UPDATED, FEED_SIZE, Feed, rfc3339, xml_text
from generator.site.periods import Board, board_of, day_label, link, period_url
from generator.site.sitemap import Page

DIGEST_URL = "digest/"
DIGEST_FEED_URL = DIGEST_URL + "feed.xml"


def digest_url(key: str) -> str:
    """A day's digest page: `digest/2025-03-21/`."""
    return f"{DIGEST_URL}{key}/"


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


@dataclass(frozen=True, slots=True)
class DigestEntry:
    """One day's digest as an Atom entry; `content` is HTML, escaped by the template."""

    id: str
    title: str
    link: str
    updated: str
    summary: str
    content: str


def digest_pages(site: Site) -> Iterator[Page]:
    """A page per board day, newest days first in the index, and the feed."""
    board = board_of(site.papers)
    keys = list(board.days)
    for index, key in enumerate(keys):
        older = link("day", keys[index - 1]) if index else None
        newer = link("day", keys[index + 1]) if index + 1 < len(keys) else None
        context = {
            "period": link("day", key, board),
            "papers": board.days[key],
            "older": older,
            "newer": newer,
            "day_page": period_url("day", key),
        }
        yield digest_url(key), "digest.html", context
    days = tuple(link("day", key, board) for key in reversed(keys))
    yield DIGEST_URL, "digest_index.html", {"days": days}
    yield DIGEST_FEED_URL, "digest_feed.xml", _feed_context(site.config, board)


def _feed_context(config: SiteConfig, board: Board) -> dict[str, object]:
    """The feed and its newest days: (key, papers) pairs the template turns into entries.

    The spec holds papers, not entry HTML: fingerprinting a paper is one
    digest, so re-planning stays cheap (see `site.feeds`).
    """
    newest = tuple((key, board.days[key]) for key in reversed(list(board.days)[-FEED_SIZE:]))
    updated = rfc3339(dt.date.fromisoformat(newest[0][0])) if newest else EMPTY_UPDATED
    feed = Feed(
        id=stable_id(config, DIGEST_FEED_URL),
        title=xml_text(f"{config.title}: daily digest"),
        subtitle=xml_text("Each day's papers, most upvoted first."),
        self_link=absolute_url(config, DIGEST_FEED_URL),
        alternate=absolute_url(config, DIGEST_URL),
        updated=updated,
        author=xml_text(config.title),
        full=True,
    )
    return {"feed": feed, "days": newest}


def digest_entry(config: SiteConfig, key: str, papers: tuple[Paper, ...]) -> DigestEntry:
    """A day's digest as an entry (the `digest_feed.xml` template calls this)."""
    page = digest_url(key)
    count = len(papers)
    period = Period("day", key, papers)
    return DigestEntry(
        id=stable_id(config, page),
        title=xml_text(f"Papers of {day_label(key)}"),
        link=absolute_url(config, page),
        updated=rfc3339(dt.date.fromisoformat(key)),
        summary=xml_text(f"{count} {'paper' if count == 1 else 'papers'} listed on {key}."),
        content=xml_text(digest_table(config, period, absolute_url(config, page))),
    )

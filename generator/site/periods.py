"""The board by period: a page per day, ISO week and month on which papers were listed.

A paper belongs to the day of its `listed` date, or failing that of its
`date`; a date known only to the month puts it on its month page and no day
or week page, since a day is never invented. Each period lists its papers by
upvotes, then title, links the nearest non-empty period of the same kind on
either side, and the kinds link each other (the week and month of a day, the
days of a week, the weeks and days of a month). Pure: `Site` in, pages out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from generator import urls
from generator.models import Paper, Site
from generator.site.listing import listing_of, listing_page
from generator.site.pagination import paginate
from generator.site.sitemap import Page

Kind = Literal["day", "week", "month"]
KINDS: tuple[Kind, ...] = ("day", "week", "month")
TOP_OF_WEEK = 5
"""Papers in a week page's "top of the week" block."""
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True, slots=True)
class PeriodLink:
    """A link to one period's page, with what it is called and how many papers it has."""

    kind: Kind
    key: str
    """`2025-03-21`, `2025-W12` or `2025-03`."""
    label: str
    count: int = 0

    @property
    def url(self) -> str:
        """The period's first page."""
        return period_url(self.kind, self.key)


@dataclass(frozen=True, slots=True)
class Board:
    """Papers by period, each period's papers most upvoted first."""

    days: Mapping[str, tuple[Paper, ...]]
    weeks: Mapping[str, tuple[Paper, ...]]
    months: Mapping[str, tuple[Paper, ...]]
    """Keys sort as the periods do (ISO text), oldest first."""

    def of(self, kind: Kind) -> Mapping[str, tuple[Paper, ...]]:
        """The periods of one kind."""
        return {"day": self.days, "week": self.weeks, "month": self.months}[kind]


def period_url(kind: Kind, key: str, page: int = 1) -> str:
    """The page of a period of any kind."""
    return {"day": urls.day_url, "week": urls.week_url, "month": urls.month_url}[kind](key, page)


def board_day(paper: Paper) -> dt.date | None:
    """The day the paper is on the board: `listed`, else its `date` when that is a whole date."""
    if paper.listed is not None:
        return paper.listed
    return paper.date.first_day if paper.date.precision == "day" else None


def board_month(paper: Paper) -> str | None:
    """`YYYY-MM` of the paper's board day, or of its `date` when known to the month."""
    day = board_day(paper)
    if day is not None:
        return month_key(day)
    return paper.date.period if paper.date.month is not None else None


def week_key(day: dt.date) -> str:
    """The ISO week of a day, `2025-W12` (a week belongs to the year of its Thursday)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_key(day: dt.date) -> str:
    """`2025-03`."""
    return f"{day.year:04d}-{day.month:02d}"


def by_upvotes(papers: Iterable[Paper]) -> tuple[Paper, ...]:
    """Most upvoted first (papers without a count after those with one), then by title."""
    return tuple(
        sorted(
            papers,
            key=lambda p: (p.upvotes is None, -(p.upvotes or 0), p.title_text.casefold(), p.slug),
        )
    )


def board_of(papers: Sequence[Paper]) -> Board:
    """Group the papers by day, week and month on the board."""
    groups: dict[Kind, defaultdict[str, list[Paper]]] = {kind: defaultdict(list) for kind in KINDS}
    for paper in papers:
        day = board_day(paper)
        if day is not None:
            groups["day"][day.isoformat()].append(paper)
            groups["week"][week_key(day)].append(paper)
        month = board_month(paper)
        if month is not None:
            groups["month"][month].append(paper)
    ordered = {kind: {k: by_upvotes(v) for k, v in sorted(g.items())} for kind, g in groups.items()}
    return Board(ordered["day"], ordered["week"], ordered["month"])


def day_label(key: str) -> str:
    """`2025-03-21` -> 21 March 2025."""
    day = dt.date.fromisoformat(key)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def month_label(key: str) -> str:
    """`2025-03` -> March 2025."""
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def week_label(key: str) -> str:
    """`2025-W12` -> Week 12 of 2025."""
    year, week = key.split("-W")
    return f"Week {int(week)} of {year}"


def week_span(key: str) -> str:
    """`2025-W12` -> 17–23 March 2025: the Monday and Sunday of the week."""
    year, week = key.split("-W")
    monday = dt.date.fromisocalendar(int(year), int(week), 1)
    try:
        sunday = monday + dt.timedelta(days=6)
    except OverflowError:
        # 9999-W52 ends on 2 January 10000, a day `datetime` cannot hold (issue 14).
        return f"{day_label(monday.isoformat())} – {monday.day - 25} January {int(year) + 1}"
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return f"{monday.day}–{day_label(sunday.isoformat())}"
    if monday.year == sunday.year:
        return f"{monday.day} {_MONTHS[monday.month - 1]} – {day_label(sunday.isoformat())}"
    return f"{day_label(monday.isoformat())} – {day_label(sunday.isoformat())}"


LABELS: dict[Kind, Callable[[str], str]] = {
    "day": day_label,
    "week": week_label,
    "month": month_label,
}


def link(kind: Kind, key: str, board: Board | None = None) -> PeriodLink:
    """A link to a period, with its paper count when the board is given.

    Links to neighbours and to the period above leave the count out: a new paper
    then re-renders the pages that list it, not every page that links its day.
    """
    count = len(board.of(kind).get(key, ())) if board is not None else 0
    return PeriodLink(kind, key, LABELS[kind](key), count)


def day_link(paper: Paper) -> PeriodLink | None:
    """Where a paper page links for "listed on": its day, else its month."""
    day = board_day(paper)
    if day is not None:
        return link("day", day.isoformat())
    month = board_month(paper)
    return link("month", month) if month is not None else None


def latest(board: Board, kind: Kind) -> PeriodLink | None:
    """The newest period of a kind that has papers."""
    periods = board.of(kind)
    return link(kind, list(periods)[-1], board) if periods else None


def period_pages(site: Site, board: Board) -> Iterator[Page]:
    """Every day, week and month page, paginated, with their `listing.json`."""
    for kind in KINDS:
        keys = list(board.of(kind))
        for index in range(len(keys)):
            yield from one_period(site, board, kind, keys, index)


def one_period(
    site: Site, board: Board, kind: Kind, keys: Sequence[str], index: int
) -> Iterator[Page]:
    """The pages of `keys[index]`, linked to the periods before and after it in `keys`."""
    key = keys[index]
    older = link(kind, keys[index - 1]) if index else None
    newer = link(kind, keys[index + 1]) if index + 1 < len(keys) else None
    papers = board.of(kind)[key]
    voted = any(paper.upvotes is not None for paper in papers)
    context = {"period": link(kind, key, board), "older": older, "newer": newer, "voted": voted}
    context.update(_related_periods(kind, key, papers, board))
    yield from listing_pages(site, kind, key, papers, context)


def latest_day_home(site: Site, board: Board) -> Page | None:
    """The first page of the newest day, for a home page that shows it."""
    keys = list(board.days)
    return next(one_period(site, board, "day", keys, len(keys) - 1)) if keys else None


def listing_pages(
    site: Site, kind: Kind, key: str, papers: tuple[Paper, ...], extra: Mapping[str, Any]
) -> Iterator[Page]:
    """One period's pages (at the period's own URL) and its `listing.json`."""
    base = period_url(kind, key)
    listing = listing_of(base, papers, site.config.per_page, "upvotes")
    for pager, chunk in paginate(papers, site.config.per_page, base):
        context = {**extra, "papers": tuple(chunk), "pager": pager, "listing": listing}
        yield pager.url(pager.number), f"{kind}.html", context
    yield from listing_page(listing, papers)


def _related_periods(
    kind: Kind, key: str, papers: tuple[Paper, ...], board: Board
) -> dict[str, Any]:
    """The links to the other kinds: up to the week and month, down to the days and weeks.

    A week links the months its papers were listed in (two, when it straddles
    a month end and both halves have papers), never a month without a page.
    """
    if kind == "day":
        day = dt.date.fromisoformat(key)
        return {"week": link("week", week_key(day)), "months": (link("month", key[:7]),)}
    days = sorted({d.isoformat() for p in papers if (d := board_day(p)) is not None})
    context: dict[str, Any] = {"days": tuple(link("day", d, board) for d in days)}
    if kind == "week":
        context["months"] = tuple(link("month", m) for m in sorted({d[:7] for d in days}))
        context["span"] = week_span(key)
        context["top"] = tuple(p for p in papers if p.upvotes)[:TOP_OF_WEEK]
    else:
        weeks = sorted({week_key(dt.date.fromisoformat(d)) for d in days})
        context["weeks"] = tuple(link("week", w, board) for w in weeks)
    return context

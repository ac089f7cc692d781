"""Values as scholarly sources give them: dates with their precision, names with their parts.

Both are kept exactly as the source says them, because a citation tool reads them
back: a year-only date must not become 1 January, a two-word surname must not
become a middle name. The models are made of these values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day: never more than its source says.

    A BibTeX entry often gives only a year. Filling in 1 January would print
    "1 January 2017" and give every citer a wrong month, so the unknown parts
    stay unknown; `first_day` exists only for what needs a timestamp (Atom).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a date with a day needs its month")
        dt.date(self.year, self.month or 1, self.day or 1)  # raises for 2025-02-30 or month 13

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """A full calendar date."""
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """`2017`, `2017-05` or `2017-05-21`; ValueError for anything else."""
        match = _ISO_PARTIAL.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def isoformat(self) -> str:
        """ISO 8601 with the known parts only: `2017`, `2017-05`, `2017-05-21`."""
        parts = [f"{self.year:04d}"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)

    @property
    def sort_key(self) -> str:
        """`2017-05-00` for May 2017: newest first, a month-only or year-only date comes
        after the dated days of its period (it could be any of them)."""
        return f"{self.year:04d}-{self.month or 0:02d}-{self.day or 0:02d}"

    @property
    def period(self) -> str:
        """The archive's grouping key: `2017-05`, or `2017` for a year-only date."""
        return self.isoformat()[:7]

    @property
    def first_day(self) -> dt.date:
        """The period's first day, for timestamps only (feeds); never shown as the date."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True, slots=True)
class PersonName:
    """An author's name in the parts citations need (BibTeX's last, first, von and jr).

    "Simon Peyton Jones" flattened to one string is read by every citation
    tool as Jones, Simon Peyton; kept in parts it stays Peyton Jones, Simon.
    """

    family: str = ""
    given: str = ""
    particle: str = ""
    """The von part, written before the family name: "van", "de la"."""
    suffix: str = ""
    """"Jr.", "III"."""
    literal: str = ""
    """An organisation ("The Racket Team"): one name, never split into parts."""

    @property
    def display(self) -> str:
        """The full name, for pages and author pages: "Guy Lewis Steele Jr."."""
        if self.literal:
            return self.literal
        return " ".join(p for p in (self.given, self.particle, self.family, self.suffix) if p)

    @property
    def family_name(self) -> str:
        """The family name with its von part, as a bibliography sorts it: "van Beethoven"."""
        return self.literal or " ".join(p for p in (self.particle, self.family) if p)

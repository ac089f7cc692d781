"""Split a listing into pages: page 1 at the listing's URL, page n at `page/n/`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.urls import listing_url

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page sits in its listing."""

    number: int
    count: int
    base: str
    total: int
    """Items in the whole listing."""
    first_index: int
    """1-based position of this page's first item in the listing."""

    def url(self, number: int) -> str:
        """The URL of another page of the same listing."""
        return listing_url(self.base, number)

    @property
    def prev_url(self) -> str | None:
        """The previous page, if any."""
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        """The next page, if any."""
        return self.url(self.number + 1) if self.number < self.count else None


def paginate(items: Sequence[T], per_page: int, base: str) -> list[tuple[Pager, Sequence[T]]]:
    """Pages of at most `per_page` items; an empty listing still has one page."""
    count = max(1, -(-len(items) // per_page))
    return [
        (
            Pager(number, count, base, len(items), (number - 1) * per_page + 1),
            items[(number - 1) * per_page : number * per_page],
        )
        for number in range(1, count + 1)
    ]

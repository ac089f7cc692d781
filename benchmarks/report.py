"""The comparison's table and its goals, each with the ratio that decides it."""

from __future__ import annotations

from dataclasses import dataclass, field

from tools import Figure

MB = 1024 * 1024


@dataclass
class Table:
    """Figures by row name, then by corpus size."""

    sizes: list[int]
    rows: dict[str, dict[int, Figure]] = field(default_factory=dict)

    def add(self, row: str, size: int, figure: Figure) -> None:
        """Record one figure."""
        self.rows.setdefault(row, {})[size] = figure

    def seconds(self, row: str, size: int) -> float | None:
        """A row's median time at a size, if it was measured."""
        figure = self.rows.get(row, {}).get(size)
        return figure.seconds if figure else None

    def peak(self, row: str, size: int) -> int | None:
        """A row's peak memory at a size, if it was measured."""
        figure = self.rows.get(row, {}).get(size)
        return figure.peak_bytes if figure and figure.peak_bytes else None


def _time(seconds: float | None) -> str:
    if seconds is None:
        return "not run"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _memory(peak: int | None) -> str:
    if peak is None:
        return "-"
    return f"{peak / MB / 1024:.2f} GB" if peak >= 1024 * MB else f"{peak / MB:.0f} MB"


def print_table(table: Table, versions: dict[str, str], runs: int) -> None:
    """A Markdown table: one row per tool and kind of build, one column per size."""
    sizes = table.sizes
    head = ["tool", *(f"{n:,} papers" for n in sizes), "peak memory " + " / ".join(
        f"{n // 1000}k" for n in sizes
    )]  # fmt: skip
    print(f"\nMedians of {runs} runs, whole process; Hugo {versions['hugo']}, "
          f"Pelican {versions['pelican']}, Paperboard {versions['paperboard']}.\n")  # fmt: skip
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row, figures in table.rows.items():
        cells = [_time(figures[n].seconds if n in figures else None) for n in sizes]
        memory = " / ".join(_memory(table.peak(row, n)) for n in sizes)
        print(f"| {row} | " + " | ".join(cells) + f" | {memory} |")


Goal = tuple[str, float | None, str, bool | None]
"""(goal, measured value, its unit, met?)."""

COLD, NOOP = "paperboard pages: cold", "paperboard pages: no-op"
EDIT, HUGO, PELICAN = "paperboard: one-paper edit", "hugo: cold", "pelican: cold"


def goals(table: Table) -> list[Goal]:
    """Each goal of the issue, decided on this run's figures."""
    s = table.seconds
    peak = table.peak(COLD, 50000)
    gigabytes = None if peak is None else peak / MB / 1024
    checks = [
        ("cold 10k / Hugo 10k <= 1 (aim 0.5)", _ratio(s(COLD, 10000), s(HUGO, 10000)), "x", 1.0),
        ("cold 10k / Pelican 10k <= 0.1", _ratio(s(COLD, 10000), s(PELICAN, 10000)), "x", 0.1),
        ("no-op 10k < 1.5 s", s(NOOP, 10000), "s", 1.5),
        ("one-paper edit 10k <= 100 ms", s(EDIT, 10000), "s", 0.1),
        ("cold 50k / Hugo 50k < 1", _ratio(s(COLD, 50000), s(HUGO, 50000)), "x", 1.0),
        ("peak memory 50k < 1 GB", gigabytes, "GB", 1.0),
        ("cold 10k / cold 1k <= 12 (10 x 1.2)", _ratio(s(COLD, 10000), s(COLD, 1000)), "x", 12),
        ("cold 50k / cold 10k <= 6 (5 x 1.2)", _ratio(s(COLD, 50000), s(COLD, 10000)), "x", 6),
    ]
    return [(name, value, unit, _within(value, limit)) for name, value, unit, limit in checks]


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _within(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def print_goals(table: Table) -> None:
    """Each goal, its measured value, and met / MISSED / not measured."""
    print("\n| goal | measured | met |\n|---|---|---|")
    for name, value, unit, met in goals(table):
        shown = "not measured" if value is None else f"{value:.2f} {unit}"
        verdict = "not measured" if met is None else ("yes" if met else "MISSED")
        print(f"| {name} | {shown} | {verdict} |")

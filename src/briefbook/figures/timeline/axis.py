"""The time axis, broken into eras: runs of dates with no long gap, each linear, with a narrow break
(//) squeezing the empty years between two eras, and the years labelled at a round step (a first
era of less than two years starts at its first date's month, and a short era is labelled in months)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from .model import MONTHS

GAP_YEARS = 8.0  # a longer stretch without a date breaks the axis
BREAK = 14.0  # width of the break between eras
TICK_SPACING = 24.0  # least room between two year labels
SHORT_ERA = 2.0  # years: a shorter era starts at its first month, not its first whole year


@dataclass(frozen=True)
class Era:
    start: float  # years
    end: float
    left: float  # points
    right: float

    def x(self, t: float) -> float:
        return self.left + (t - self.start) / (self.end - self.start) * (self.right - self.left)


def find_eras(points: list[float], spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Runs of time with no gap over GAP_YEARS, from whole year to (a little past) the last date."""
    intervals = sorted([(t, t) for t in points] + spans)
    runs: list[list[float]] = []
    for start, end in intervals:
        if runs and start - runs[-1][1] <= GAP_YEARS:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    eras = []
    for start, end in runs:
        if not eras and end - start < SHORT_ERA:
            # weeks or months of news: the axis starts at the first date's month, not at New Year
            # (a later era starts at a whole year, after its break)
            first = min(month_start(start), start)
            last = max(first + 1 / 12, end + max(1 / 48, (end - first) * 0.04))
        else:
            first = float(math.floor(start))
            last = max(first + 1.0, end + max(0.15, (end - first) * 0.03))
        eras.append((first, last))
    return eras


def month_start(t: float) -> float:
    """The start of the month that time ``t`` (a year with a fraction, as ``years`` gives it) falls in."""
    year = math.floor(t)
    first = Date(year, 1, 1)
    day = first + timedelta(days=int((t - year) * (Date(year + 1, 1, 1) - first).days + 1e-6))
    return year + (day.month - 1) / 12


def place_eras(eras: list[tuple[float, float]], weights: list[int], left: float, right: float) -> list[Era]:
    """Share the axis's width out between the eras, by weight, each at least wide enough to read."""
    room = right - left - BREAK * (len(eras) - 1)
    least = 34.0
    total = sum(weights)
    widths = [max(least, room * w / total) for w in weights]
    scale = room / sum(widths)
    placed, x = [], left
    for (start, end), width in zip(eras, widths, strict=True):
        placed.append(Era(start, end, x, x + width * scale))
        x += width * scale + BREAK
    return placed


def axis_x(eras: list[Era], t: float) -> float:
    """Where time ``t`` falls: inside an era, or squeezed into the break between two."""
    if t <= eras[0].start:
        return eras[0].left
    for index, era in enumerate(eras):
        if t <= era.end:
            if t >= era.start:
                return era.x(t)
            before = eras[index - 1]
            share = (t - before.end) / (era.start - before.end)
            return before.right + share * (era.left - before.right)
    return eras[-1].right


def ticks(era: Era) -> list[tuple[float, str]]:
    """The places to label in an era and their labels: whole years at a round step that leaves room
    between the labels, or in an era of less than two years, months ("Oct 2025", "Nov", "Jan 2026")."""
    per_year = (era.right - era.left) / (era.end - era.start)
    if era.end - era.start < SHORT_ERA:
        step = next((s for s in (1, 2, 3, 6) if s / 12 * per_year >= TICK_SPACING), None)
        if step is not None:
            return month_ticks(era, step)
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100) if s * per_year >= TICK_SPACING), 100)
    first = math.ceil(era.start / step) * step
    # not the era's very end: no date stands there, and the next era's first year follows the break
    years = [y for y in range(first, math.floor(era.end) + 1, step) if y < era.end - 0.01] or [first]
    return [(float(y), str(y)) for y in years]


def month_ticks(era: Era, step: int) -> list[tuple[float, str]]:
    """Every ``step``-th month in an era, from its first; the first and each January name the year."""
    found = []
    month = math.ceil(era.start * 12 - 1e-9)
    while month / 12 < era.end - 0.01:
        if month % step == 0 or not found:
            year, index = divmod(month, 12)
            named = not found or index == 0
            found.append((month / 12, f"{MONTHS[index]} {year}" if named else MONTHS[index]))
        month += 1
    return found

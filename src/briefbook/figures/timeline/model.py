"""What the timeline shows (dated events, periods) and the measures it is laid out in.

Dates come as partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) and are placed as years with a
fraction (:func:`years`); labels show them short (:func:`short_date`) with the numbers of the
sources that report them, in runs (:func:`number_runs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

# measures, in points
WIDTH = 470.0  # points: the text width of the book's full-width pages (A4 and Letter)
MARGIN = 4.0
GAP_YEARS = 8.0  # a longer stretch without a date breaks the axis
BREAK = 14.0  # width of the break between eras
TICK_SPACING = 24.0  # least room between two year labels
SIZE = 7.5  # labels
SMALL = 6.3  # sources, years, bar labels
LINE = 9.4  # line height in a label block
LANE = 11.0  # height of a lane of bars
BAR = 7.5
CLOSE = 5.0  # dates closer than this on the axis share a label block
SPACE = 2.5  # least room between two placed things


@dataclass(frozen=True)
class Event:
    key: str  # the id of its entry in the list under the figure
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    label: str
    sources: tuple[str, ...]  # the numbers of the sources that report it
    title: str  # the whole text, shown on hover


@dataclass(frozen=True)
class Period:
    key: str
    start: str
    end: str | None  # None: still going on
    label: str
    title: str
    person: str | None = None  # a person's post; None for a period of the glossary's own


@dataclass(frozen=True)
class TimelineData:
    events: tuple[Event, ...]
    periods: tuple[Period, ...]
    dated: int = 0  # how many dated events the book has (the figure may show fewer)


def years(value: str, end: bool = False) -> float:
    """A partial ISO date as a year with a fraction; ``end`` gives the end of the day, month or year."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return parts[0] + (1.0 if end else 0.0)
    year, month = parts[0], parts[1]
    if len(parts) == 2:
        return year + (month - 1 + (1 if end else 0)) / 12
    day = Date(year, month, parts[2])
    first = Date(year, 1, 1)
    return year + ((day - first).days + (1 if end else 0)) / (Date(year + 1, 1, 1) - first).days


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def short_date(value: str) -> str:
    """'2026-02-05' -> '5 Feb 2026'; '2026-02' -> 'Feb 2026'; '1994' -> '1994'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def number_runs(numbers: tuple[str, ...]) -> str:
    """Source numbers compactly: ('000', '001', '002', '004') -> '000–002, 004'."""
    ordered = sorted(set(numbers), key=lambda n: (len(n), n))
    runs: list[list[str]] = []
    for n in ordered:
        if runs and n.isdigit() and runs[-1][-1].isdigit() and int(n) == int(runs[-1][-1]) + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(r) for r in runs)

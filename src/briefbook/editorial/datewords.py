"""Dates as prose states them ("5 February 2026", "early March 2022", "the fall of 2021",
"18–20 November 2025"), each read as the days it may mean; and the editor's partial dates
("2026-02") read the same way, so the two can be compared.

A statement agrees with a date when the days they may mean overlap: "February 2026" agrees with
5 February 2026, "the fall of 2021" with 2021; "4 February 2026" does not agree with 5 February.
Seasons are read generously (autumn from September to the end of December), so that a loose word
is never taken for a contradiction.  Pure text work, for :mod:`briefbook.book.samedate`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ..dates import SHAPE

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
# months as prose writes them, capitalised ("may" and "march" are verbs too)
_MONTH_WORDS = "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
_SEASONS = {"spring": (3, 6), "summer": (6, 9), "fall": (9, 12), "autumn": (9, 12)}

# The shapes prose writes a date in, the most precise first (one match per place in the text):
# D day, M month, Y year, S season, I an ISO date (each once, or numbered when twice), ~ a dash.
_SHAPES = {
    "dayrange": r"\bD1~D2 M Y\b",
    "daysmonths": r"\bD1 M1~D2 M2 Y\b",
    "day": r"\bD1 M,? Y\b",
    "usdayrange": r"\bM D1~D2,? Y\b",
    "usday": r"\bM D1,? Y\b",
    "monthrange": r"\bM1~M2 Y\b",
    "month": r"\bM (?:of )?Y\b",
    "season": r"\bS (?:of )?Y\b",
    "iso": r"\bI\b",
    "year": r"(?<![\d/-])Y(?!s\b|[\d/-]|,\d)",
}
_PART = re.compile(r"(?<![A-Z])([DMYSI])([12]?)(?![A-Za-z])|~| ")


def _shape(kind: str, shape: str) -> str:
    """A shape as a regular expression whose groups are named ``<kind>_<letter><digit>``."""

    def part(match: re.Match[str]) -> str:
        if match.group(0) == "~":
            return r"\s*[–—-]\s*"
        if match.group(0) == " ":
            return r"\s+"
        letter, digit = match.group(1), match.group(2)
        name = f"{kind}_{letter}{digit}"
        return {
            "D": rf"(?P<{name}>[0-3]?[0-9])",
            "M": rf"(?P<{name}>{_MONTH_WORDS})\.?",
            "Y": rf"(?P<{name}>1[0-9]{{3}}|20[0-9]{{2}})",
            "S": rf"(?P<{name}>(?i:spring|summer|fall|autumn))",
            "I": rf"(?P<{name}>[12][0-9]{{3}}-[01][0-9](?:-[0-3][0-9])?)",
        }[letter]

    return f"(?P<{kind}>{_PART.sub(part, shape)})"


_ALL = re.compile("|".join(_shape(kind, shape) for kind, shape in _SHAPES.items()))


@dataclass(frozen=True)
class Stated:
    """A date stated in prose: the words, where they stand, and the first and last day they may mean."""

    words: str
    start: int
    end: int
    first: date
    last: date

    @property
    def precise(self) -> bool:
        """Whether it says more than a year (a month, a season, a day)."""
        return (self.first.month, self.first.day, self.last.month, self.last.day) != (1, 1, 12, 31)

    def agrees(self, first: date, last: date) -> bool:
        return self.first <= last and first <= self.last


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def span_of(value: str | None) -> tuple[date, date] | None:
    """The days an editor's partial date means: "2026" all of 2026, "2026-02" all of February."""
    shape = SHAPE.fullmatch(value or "")
    if not shape:
        return None
    year, month, day = (int(part) if part else None for part in shape.groups())
    assert year is not None
    try:
        if day and month:
            return date(year, month, day), date(year, month, day)
        if month:
            return date(year, month, 1), date(year, month, _last_day(year, month))
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read(kind: str, get) -> tuple[date, date] | None:
    """The first and last day a matched date may mean (None: no such day)."""
    if kind == "iso":
        return span_of(get("I"))
    year = int(get("Y"))
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "season":
        low, high = _SEASONS[get("S").lower()]
        return date(year, low, 1), date(year, high, _last_day(year, high))

    def month(name: str) -> int:
        return _MONTHS[get(name).lower().rstrip(".")]

    if kind == "month":
        return date(year, month("M"), 1), date(year, month("M"), _last_day(year, month("M")))
    if kind == "monthrange":
        return date(year, month("M1"), 1), date(year, month("M2"), _last_day(year, month("M2")))
    if kind in ("day", "usday"):
        day = _day(year, month("M"), int(get("D1")))
        return (day, day) if day else None
    if kind in ("dayrange", "usdayrange"):
        first, last = _day(year, month("M"), int(get("D1"))), _day(year, month("M"), int(get("D2")))
    else:  # daysmonths
        first, last = _day(year, month("M1"), int(get("D1"))), _day(year, month("M2"), int(get("D2")))
    return (first, last) if first and last and first <= last else None


def stated_dates(text: str) -> list[Stated]:
    """Every date ``text`` states, in order; words that look like a date but name no day (31
    February) are passed over."""
    found = []
    for match in _ALL.finditer(text):
        kind = next(k for k in _SHAPES if match.group(k) is not None)
        span = _read(kind, lambda name, kind=kind, match=match: match.group(f"{kind}_{name}"))
        if span:
            found.append(Stated(" ".join(match.group(0).split()), match.start(), match.end(), *span))
    return found

"""Dates as editors write them: a year, a month or a day (``2026``, ``2026-02``, ``2026-02-05``),
and as the book shows them ("5 February 2026").

One parser for every date briefbook reads (sidecars, glossary, claims, ``add
--date``), so they all accept the same thing: the three shapes above, and only
dates that exist on the calendar (no month 13, no 31 February).
"""

from __future__ import annotations

import re
from datetime import date

SHAPE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")  # the form, whether or not such a day exists
FORMAT_WORDS = "YYYY, YYYY-MM or YYYY-MM-DD"


def parse_date(value: object) -> str | None:
    """``value`` as a partial ISO date string, or None when it is not one.

    A bare year may come as a number (YAML reads ``from: 2025`` as one).
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}" if 0 < value <= 9999 else ""
    if not isinstance(value, str):
        return None
    shape = SHAPE.fullmatch(value)
    if not shape:
        return None
    year, month, day = (int(part) if part else 1 for part in shape.groups())
    try:
        date(year, month, day)
    except ValueError:
        return None
    return value


def human_date(value: str | None) -> str | None:
    """'2026-02-05' -> '5 February 2026', '2026-02' -> 'February 2026'; other text stays as written."""
    if not value:
        return None
    try:
        if len(value) == 7:
            month = date.fromisoformat(value + "-01")
            return f"{month:%B %Y}"
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"

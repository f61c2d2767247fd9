"""The timeline figure: dated events on a broken time axis, periods as bars above it.

The book's dates run from the 1850s to last week, with most events in the last few years,
so one linear axis would squeeze the recent years to a dot.  The axis is cut into *eras*:
runs of dates with no gap longer than :data:`.axis.GAP_YEARS` between them (a period such as
1947–1990 holds its years together).  Each era is linear, its width shared out by how many
dates it holds; the empty years between eras are squeezed into a narrow break (//).

Events of one date make one block of labels (the date, then one line per event with its
sources' numbers) under the axis, hung from the date's mark by a leader line.  Blocks are
placed one by one, left to right, at the first height where neither the block nor its
leader touches what is already placed; close dates share a block.  Periods (a glossary
entry's years, a person's post) are bars in lanes above the axis, packed so that no bar or
label touches another.

- ``model``: what the figure shows (events, periods), dates as years, the measures in points;
- ``axis``: the eras, the breaks between them, where a date falls, the years labelled;
- ``labels``: the label blocks, which side of the axis each takes and how far from it;
- ``draw``: :func:`layout_timeline`, the whole figure as a :class:`~briefbook.figures.drawing.Drawing`.
"""

from __future__ import annotations

from .draw import layout_timeline
from .model import SIZE, Event, Period, TimelineData, years

__all__ = ["SIZE", "Event", "Period", "TimelineData", "layout_timeline", "years"]

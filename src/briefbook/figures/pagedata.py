"""A figure's data as the rows its page holds (one JSON value per line), and back.

The generated page holds everything it shows, figures included: the timeline's events and periods,
the actor chart's people, organisations and ties.  So the page changes exactly when the figure does,
and the Sphinx layer lays the figure out from the page alone.
"""

from __future__ import annotations

from dataclasses import asdict

from .actors import Actor, ActorData, Tie
from .timeline import Event, Period, TimelineData


def figure_rows(data: TimelineData | ActorData) -> list[dict]:
    """The figure's data as rows: a head row naming the figure, then one row per item."""
    if isinstance(data, TimelineData):
        return [
            {"figure": "timeline", "dated": data.dated},
            *({"event": asdict(event)} for event in data.events),
            *({"period": asdict(period)} for period in data.periods),
        ]
    return [
        {"figure": "actors", "total": data.total},
        *({"actor": asdict(actor)} for actor in data.actors),
        *({"tie": asdict(tie)} for tie in data.ties),
    ]


def figure_from_rows(rows: list[dict]) -> TimelineData | ActorData:
    """The figure's data back from its rows (what :func:`figure_rows` wrote)."""
    head, items = rows[0], rows[1:]
    if head["figure"] == "timeline":
        events = tuple(
            Event(**{**row["event"], "sources": tuple(row["event"]["sources"])})
            for row in items
            if "event" in row
        )
        periods = tuple(Period(**row["period"]) for row in items if "period" in row)
        return TimelineData(events, periods, head["dated"])
    actors = tuple(Actor(**row["actor"]) for row in items if "actor" in row)
    ties = tuple(Tie(**row["tie"]) for row in items if "tie" in row)
    return ActorData(actors, ties, head["total"])

"""The actor chart: people in one column, organisations in the other, their ties between.

A chart of everyone tied to everyone becomes a hairball as the book grows, so the chart
shows the :data:`~.bookdata.ACTOR_LIMIT` actors with the most ties and says so in its
caption.  The two columns keep the two kinds apart (shape tells them apart too: people in
rounded boxes), and their order is worked out so that ties cross as little as they can
(the barycentre method: each column in turn is sorted by where its neighbours stand in the
other).  A tie within one column is drawn as an arc on that column's outer side, clear of
the boxes it passes.  A post a person holds is a solid line, a "see also" a dashed one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .drawing import Drawing, Line, Link, Rect, Shape, Text
from .metrics import text_width

WIDTH = 470.0
SIZE = 7.5
SMALL = 6.3
BOX_H = 12.5
ROW = 16.5
PAD = 4.0
GAP = 70.0  # between the two columns, where the ties between them run
SWEEPS = 8


@dataclass(frozen=True)
class Actor:
    key: str  # the glossary entry's id
    label: str
    kind: str  # "person" or "organisation"
    ties: int


@dataclass(frozen=True)
class Tie:
    a: str
    b: str
    kind: str  # "post" (a person holds a post in the organisation) or "related" (see also)


@dataclass(frozen=True)
class ActorData:
    actors: tuple[Actor, ...]
    ties: tuple[Tie, ...]
    total: int  # how many actors have ties at all (the chart shows the first ``len(actors)``)


def _bezier(p0, p1, p2, p3, steps: int = 16) -> tuple[tuple[float, float], ...]:
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        x = u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0]
        y = u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]
        points.append((round(x, 2), round(y, 2)))
    return tuple(points)


def order_columns(data: ActorData) -> tuple[list[str], list[str]]:
    """People and organisations, each column ordered so that the ties between them cross little."""
    people = [a.key for a in data.actors if a.kind == "person"]
    orgs = [a.key for a in data.actors if a.kind != "person"]
    neighbours: dict[str, list[str]] = {a.key: [] for a in data.actors}
    for tie in data.ties:
        neighbours[tie.a].append(tie.b)
        neighbours[tie.b].append(tie.a)

    def sweep(column: list[str], other: list[str]) -> list[str]:
        where = {key: i / max(len(other) - 1, 1) for i, key in enumerate(other)}
        own = {key: i / max(len(column) - 1, 1) for i, key in enumerate(column)}

        def centre(key: str) -> float:
            # ties across count fully; ties within the column pull a little, to keep arcs short
            pulls = [(where[n], 1.0) for n in neighbours[key] if n in where]
            pulls += [(own[n], 0.35) for n in neighbours[key] if n in own]
            if not pulls:
                return own[key]
            return sum(p * w for p, w in pulls) / sum(w for _, w in pulls)

        return sorted(column, key=lambda k: (round(centre(k), 6), own[k], k))

    for _ in range(SWEEPS):
        people = sweep(people, orgs)
        orgs = sweep(orgs, people)
    return people, orgs


def layout_actors(data: ActorData, label: str) -> Drawing:
    """Lay out the actor chart; ``label`` is the figure's one-sentence description."""
    if not data.actors:
        return Drawing("actors", WIDTH, 20.0, (Text(4, 12, "No ties between actors yet.", SIZE),), label)
    by_key = {a.key: a for a in data.actors}
    people, orgs = order_columns(data)
    widths = {a.key: text_width(a.label, SIZE) + 2 * PAD for a in data.actors}
    left_edge = max((widths[k] for k in people), default=0.0)
    right_width = max((widths[k] for k in orgs), default=0.0)
    spare = WIDTH - left_edge - right_width - GAP
    left_right = left_edge + spare / 2  # right side of the people's column
    right_left = left_right + GAP  # left side of the organisations' column

    items: list[Shape] = []
    # legend
    y = 9.0
    x = 4.0
    items.append(Rect(x, y - 7.5, 16, 9.5, "person", radius=4.5))
    items.append(Text(x + 20, y, "person", SMALL, "legend"))
    x += 20 + text_width("person", SMALL) + 12
    items.append(Rect(x, y - 7.5, 16, 9.5, "organisation"))
    items.append(Text(x + 20, y, "organisation or post", SMALL, "legend"))
    x += 20 + text_width("organisation or post", SMALL) + 12
    items.append(Line(((x, y - 2.5), (x + 18, y - 2.5)), "tie-post"))
    items.append(Text(x + 22, y, "holds or held a post in", SMALL, "legend"))
    x += 22 + text_width("holds or held a post in", SMALL) + 12
    items.append(Line(((x, y - 2.5), (x + 18, y - 2.5)), "tie-related"))
    items.append(Text(x + 22, y, "see also (the glossary’s cross-references)", SMALL, "legend"))

    top = 30.0
    items.append(Text(left_right, top - 8, "People", SIZE, "heading", anchor="end", bold=True))
    items.append(Text(right_left, top - 8, "Organisations", SIZE, "heading", bold=True))
    rows = max(len(people), len(orgs))
    height = (rows - 1) * ROW

    def spread(column: list[str]) -> dict[str, float]:
        if len(column) == 1:
            return {column[0]: top}
        step = height / (len(column) - 1)
        return {key: top + i * step for i, key in enumerate(column)}

    ys = spread(people) | spread(orgs)
    column_of = {k: "left" for k in people} | {k: "right" for k in orgs}
    boxes = {
        k: (left_right - widths[k], left_right)
        if column_of[k] == "left"
        else (right_left, right_left + widths[k])
        for k in by_key
    }
    middle = BOX_H / 2

    edges: list[Shape] = []
    for tie in data.ties:
        a, b = tie.a, tie.b
        role = "tie-post" if tie.kind == "post" else "tie-related"
        if column_of[a] != column_of[b]:
            if column_of[a] == "right":
                a, b = b, a
            p0 = (left_right, ys[a] + middle)
            p3 = (right_left, ys[b] + middle)
            edges.append(
                Line(_bezier(p0, (p0[0] + GAP * 0.45, p0[1]), (p3[0] - GAP * 0.45, p3[1]), p3), role)
            )
            continue
        column = people if column_of[a] == "left" else orgs
        low, high = sorted((column.index(a), column.index(b)))
        between = column[low : high + 1]
        reach = 6.0 + 0.12 * abs(ys[a] - ys[b])
        if column_of[a] == "left":
            outer = min(boxes[k][0] for k in between) - reach
            p0, p3 = (boxes[a][0], ys[a] + middle), (boxes[b][0], ys[b] + middle)
        else:
            outer = max(boxes[k][1] for k in between) + reach
            p0, p3 = (boxes[a][1], ys[a] + middle), (boxes[b][1], ys[b] + middle)
        edges.append(Line(_bezier(p0, (outer, p0[1]), (outer, p3[1]), p3), role))
    items.extend(edges)

    for key, actor in by_key.items():
        left, right = boxes[key]
        box = Rect(
            left, ys[key], right - left, BOX_H, actor.kind, radius=BOX_H / 2 if actor.kind == "person" else 0
        )
        text = Text(left + PAD, ys[key] + BOX_H - 3.6, actor.label, SIZE, "node-label")
        ties = f"{actor.ties} tie{'s' if actor.ties != 1 else ''}"
        items.append(Link(key, f"{actor.label} ({ties}): its entry in the glossary", (box, text)))
    return Drawing("actors", WIDTH, round(top + height + BOX_H + 4.0, 2), tuple(items), label)

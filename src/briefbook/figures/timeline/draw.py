"""The timeline drawn: periods as bars in lanes above the axis, the axis with its breaks and years,
the label blocks with their leaders, and a mark at each date."""

from __future__ import annotations

from ..drawing import Circle, Drawing, Line, Link, Rect, Shape, Text
from ..metrics import text_width
from .axis import axis_x, find_eras, place_eras, ticks
from .labels import Block, block_size, make_blocks, place_blocks, split_sides
from .model import (
    BAR,
    LANE,
    LINE,
    MARGIN,
    SIZE,
    SMALL,
    SPACE,
    WIDTH,
    Period,
    TimelineData,
    number_runs,
    short_date,
    years,
)


def draw_block(
    block: Block, top: float, right_aligned: bool, leader_from: float, leader_to: float
) -> list[Shape]:
    """A block's leader and lines: set from the leader rightwards, or right-aligned up to it."""
    shapes: list[Shape] = [Line(((block.x, leader_from), (block.x, leader_to)), "leader")]
    y = top + SIZE
    anchor = "end" if right_aligned else "start"
    edge = block.x - 3.0 if right_aligned else block.x + 3.0
    for text, event in block.lines():
        if event is None:
            shapes.append(Text(edge, y, text, SIZE, "date", anchor=anchor, bold=True))
        else:
            parts: list[Shape] = []
            sources = f"[{number_runs(event.sources)}]" if event.sources else ""
            if right_aligned:
                label_right = edge - (text_width(" " + sources, SMALL) if sources else 0.0)
                parts.append(Text(label_right, y, text, SIZE, "label", anchor="end"))
                if sources:
                    parts.append(Text(edge, y, sources, SMALL, "sources", anchor="end"))
            else:
                parts.append(Text(edge, y, text, SIZE, "label"))
                if sources:
                    parts.append(Text(edge + text_width(text + " ", SIZE), y, sources, SMALL, "sources"))
            shapes.append(Link(event.key, f"{short_date(event.date)}: {event.title}", tuple(parts)))
        y += LINE
    return shapes


def period_shapes(
    period: Period, x0: float, x1: float, y: float, right_edge: float
) -> tuple[list[Shape], float, float]:
    """A period's bar and label at lane top ``y``; returns the shapes and their left and right."""
    width = text_width(period.label, SMALL)
    baseline = y + BAR - 1.6
    if width + 6 <= x1 - x0:
        label = Text(x0 + 3, baseline, period.label, SMALL, "bar-label")
        left, right = x0, x1
    elif x1 + 3 + width <= right_edge:
        label = Text(x1 + 3, baseline, period.label, SMALL, "bar-label-out")
        left, right = x0, x1 + 3 + width
    else:
        label = Text(x0 - 3, baseline, period.label, SMALL, "bar-label-out", anchor="end")
        left, right = x0 - 3 - width, x1
    role = "role" if period.person else "period"
    bar = Rect(x0, y, max(x1 - x0, 1.5), BAR, role, radius=1.5)
    return [Link(period.key, period.title, (bar, label))], left, right


def layout_timeline(data: TimelineData, label: str) -> Drawing:
    """Lay out the timeline; ``label`` is the figure's one-sentence description."""
    points = [years(e.date) for e in data.events]
    spans = [
        (years(p.start), years(p.end, end=True) if p.end else years(p.start))
        for p in data.periods
        if p.person is None
    ]
    if not points and not spans:
        return Drawing("timeline", WIDTH, 20.0, (Text(MARGIN, 12, "No dated events yet.", SIZE),), label)
    found = find_eras(points, spans)
    weights = [1 + len({e.date for e in data.events if s <= years(e.date) <= t}) for s, t in found]
    eras = place_eras(found, weights, MARGIN + 10.0, WIDTH - MARGIN - 10.0)
    axis_end = eras[-1].end

    # periods in lanes above the axis
    lanes: list[float] = []  # right edge of what each lane holds
    placed_periods: list[tuple[int, Period, float, float]] = []
    for period in sorted(data.periods, key=lambda p: (years(p.start), p.person or "", p.key)):
        end = years(period.end, end=True) if period.end else axis_end
        x0, x1 = axis_x(eras, years(period.start)), axis_x(eras, end)
        if x1 - x0 < 1.0:  # wholly inside a break: nothing to see (the list below has it)
            continue
        _, left, right = period_shapes(period, x0, x1, 0.0, WIDTH - MARGIN)
        lane = next((i for i, edge in enumerate(lanes) if edge + 2 * SPACE <= left), None)
        if lane is None:
            lanes.append(right)
            lane = len(lanes) - 1
        else:
            lanes[lane] = right
        placed_periods.append((lane, period, x0, x1))
    # label blocks, under and over the axis
    blocks = make_blocks(data.events, eras)
    below, above = split_sides(blocks)
    year_room = SMALL + 6.0  # the years stand just over the axis
    placed_below = place_blocks(below, 6.0, above=False)
    placed_above = place_blocks(above, year_room + 3.0, above=True)
    rise = max(
        (y + block_size(b)[1] for b, (y, _) in zip(above, placed_above, strict=True)), default=year_room
    )

    top = MARGIN
    axis_y = top + len(lanes) * LANE + rise + 4.0
    items: list[Shape] = []
    for lane, period, x0, x1 in placed_periods:
        shapes, _, _ = period_shapes(period, x0, x1, top + lane * LANE, WIDTH - MARGIN)
        items.extend(shapes)

    # the axis: one line per era, a break mark between eras, the years over it (where no leader runs)
    leaders = [b.x for b in above]
    year_y = axis_y - 4.0
    for index, era in enumerate(eras):
        items.append(Line(((era.left, axis_y), (era.right, axis_y)), "axis"))
        if index:
            middle = (eras[index - 1].right + era.left) / 2
            for dx in (-2.0, 2.0):
                items.append(
                    Line(((middle + dx - 1.5, axis_y + 3), (middle + dx + 1.5, axis_y - 3)), "break")
                )
    last_right = -1.0
    for era in eras:
        for when, label in ticks(era):
            x = era.x(when)
            half = text_width(label, SMALL) / 2
            items.append(Line(((x, axis_y - 2.5), (x, axis_y)), "axis"))
            if x - half < last_right + 3.0 or any(abs(x - lx) < half + 1.5 for lx in leaders):
                continue
            items.append(Text(x, year_y, label, SMALL, "year", anchor="middle"))
            last_right = x + half

    bottom = axis_y + 4.0
    for block, (y, right_aligned) in zip(below, placed_below, strict=True):
        height = block_size(block)[1]
        items.extend(draw_block(block, axis_y + y, right_aligned, axis_y + 3.0, axis_y + y + LINE * 0.35))
        bottom = max(bottom, axis_y + y + height)
    for block, (y, right_aligned) in zip(above, placed_above, strict=True):
        height = block_size(block)[1]
        block_top = axis_y - y - height
        items.extend(draw_block(block, block_top, right_aligned, axis_y - 3.0, block_top + LINE * 0.35))
    for block in blocks:
        for date, _ in block.dates:
            items.append(Circle(axis_x(eras, years(date)), axis_y, 2.0, "mark"))
    return Drawing("timeline", WIDTH, round(bottom + MARGIN, 2), tuple(items), label)

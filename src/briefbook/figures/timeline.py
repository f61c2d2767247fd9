"""The timeline figure: dated events on a broken time axis, periods as bars above it.

The book's dates run from the 1850s to last week, with most events in the last few years,
so one linear axis would squeeze the recent years to a dot.  The axis is cut into *eras*:
runs of dates with no gap longer than :data:`GAP_YEARS` between them (a period such as
1947–1990 holds its years together).  Each era is linear, its width shared out by how many
dates it holds; the empty years between eras are squeezed into a narrow break (//).

Events of one date make one block of labels (the date, then one line per event with its
sources' numbers) under the axis, hung from the date's mark by a leader line.  Blocks are
placed one by one, left to right, at the first height where neither the block nor its
leader touches what is already placed; close dates share a block.  Periods (a glossary
entry's years, a person's post) are bars in lanes above the axis, packed so that no bar or
label touches another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date as Date

from .drawing import Box, Circle, Drawing, Line, Link, Rect, Shape, Text
from .metrics import text_width

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


# ------------------------------------------------------------------------- time


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


# ------------------------------------------------------------------------- axis


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
        first = math.floor(start)
        last = max(first + 1.0, end + max(0.15, (end - first) * 0.03))
        eras.append((float(first), last))
    return eras


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


def ticks(era: Era) -> list[int]:
    """Whole years to label in an era, at a round step that leaves room between the labels."""
    per_year = (era.right - era.left) / (era.end - era.start)
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100) if s * per_year >= TICK_SPACING), 100)
    first = math.ceil(era.start / step) * step
    # not the era's very end: no date stands there, and the next era's first year follows the break
    return [y for y in range(first, math.floor(era.end) + 1, step) if y < era.end - 0.01] or [first]


# ----------------------------------------------------------------------- layout


def _free_height(box_at, leader_at, start: float, obstacles: list[Box]) -> float | None:
    """The least height from ``start`` down at which a block and its leader touch nothing."""
    candidates = sorted({start, *(o.bottom + SPACE for o in obstacles if o.bottom + SPACE > start)})
    for y in candidates:
        box, leader = box_at(y), leader_at(y)
        if not any(box.overlaps(o) or leader.overlaps(o) for o in obstacles):
            return y
    return None


@dataclass(frozen=True)
class _Block:
    x: float
    dates: tuple[tuple[str, tuple[Event, ...]], ...]

    def lines(self) -> list[tuple[str, Event | None]]:
        out: list[tuple[str, Event | None]] = []
        for date, events in self.dates:
            out.append((short_date(date), None))
            out.extend((e.label, e) for e in events)
        return out


def _block_size(block: _Block) -> tuple[float, float]:
    lines = block.lines()
    return max(_line_width(text, event) for text, event in lines), len(lines) * LINE


def _block_box(block: _Block, right_aligned: bool, top: float) -> Box:
    width, height = _block_size(block)
    if right_aligned:
        return Box(block.x - 3.0 - width, top, block.x + 1.0, top + height)
    return Box(block.x - 1.0, top, block.x + 3.0 + width, top + height)


def _alignments(blocks: list[_Block]) -> list[bool]:
    """Which blocks hang to the left of their mark (True) rather than to the right.

    A block hangs right unless it would leave the figure.  Two blocks that each cover the
    other's mark could never both be reached by their leaders, so the left one of such a
    pair turns round (and may make its own left neighbour turn round in turn).
    """
    right = [_block_box(b, False, 0).right > WIDTH for b in blocks]
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(blocks):
            if right[i]:
                continue
            box_a = _block_box(a, False, 0)
            for j in range(i + 1, len(blocks)):
                b = blocks[j]
                if right[j] and box_a.left <= b.x <= box_a.right and _block_box(b, True, 0).left <= a.x:
                    if _block_box(a, True, 0).left >= 0:
                        right[i] = changed = True
                    break
    return right


def split_sides(blocks: list[_Block]) -> tuple[list[_Block], list[_Block]]:
    """Which blocks hang under the axis and which stand over it.

    Two blocks clash when one spans the other's mark: one of them must then stand further
    from the axis.  The largest blocks choose first, each the side where it clashes with
    fewer blocks already there (under the axis when even), so that a big block keeps its side
    for itself and the axis's neighbours share the room out.
    """
    right = _alignments(blocks)
    boxes = [_block_box(b, right[i], 0) for i, b in enumerate(blocks)]

    def clash(i: int, j: int) -> bool:
        return (
            boxes[i].left <= blocks[j].x <= boxes[i].right or boxes[j].left <= blocks[i].x <= boxes[j].right
        )

    side: dict[int, bool] = {}  # True: over the axis
    for i in sorted(range(len(blocks)), key=lambda i: (-_block_size(blocks[i])[1], blocks[i].x)):
        under = sum(1 for j, up in side.items() if not up and clash(i, j))
        over = sum(1 for j, up in side.items() if up and clash(i, j))
        side[i] = over < under
    return [b for i, b in enumerate(blocks) if not side[i]], [b for i, b in enumerate(blocks) if side[i]]


def place_blocks(blocks: list[_Block], start: float, above: bool) -> list[tuple[float, bool]]:
    """Where each block goes: (distance from the axis to its near side, hangs left).

    Worked out as if the blocks hung under the axis; blocks over it are the mirror image
    (their leader then runs up past the block to its first line, the date).  A block that
    spans another block's mark must be further from the axis than that block, or the other's
    leader would run through it; so blocks are placed in an order that respects this (the
    blocks they span first), each at the first distance where it and its leader touch nothing.
    """
    right = _alignments(blocks)
    spans: list[set[int]] = []
    for i, block in enumerate(blocks):
        box = _block_box(block, right[i], 0)
        spans.append({j for j, other in enumerate(blocks) if j != i and box.left <= other.x <= box.right})
    order: list[int] = []
    waiting = set(range(len(blocks)))
    while waiting:
        ready = [i for i in sorted(waiting) if not (spans[i] & waiting)] or [min(waiting)]  # a cycle: go on
        order.append(ready[0])
        waiting.discard(ready[0])
    obstacles: list[Box] = []
    placed: dict[int, tuple[float, bool]] = {}
    for i in order:
        block = blocks[i]
        height = _block_size(block)[1]

        def box_at(y, block=block, i=i):
            return _block_box(block, right[i], y).grown(SPACE / 2)

        def leader_at(y, x=block.x, height=height):
            return Box(x - 0.6, 0.0, x + 0.6, y + (height - LINE * 0.35 if above else LINE * 0.35))

        y = _free_height(box_at, leader_at, start, obstacles)
        if y is None:  # only in a cycle of blocks: beyond everything, its leader crossing
            y = max((o.bottom for o in obstacles), default=start) + SPACE
        obstacles += [_block_box(block, right[i], y), leader_at(y)]
        placed[i] = (y, right[i])
    return [placed[i] for i in range(len(blocks))]


def _line_width(text: str, event: Event | None) -> float:
    if event is None:
        return text_width(text, SIZE, bold=True)
    width = text_width(text, SIZE)
    if event.sources:
        width += text_width(" " + f"[{number_runs(event.sources)}]", SMALL)
    return width


def _blocks(events: tuple[Event, ...], eras: list[Era]) -> list[_Block]:
    by_date: dict[str, list[Event]] = {}
    for event in sorted(events, key=lambda e: (years(e.date), e.date, e.label, e.key)):
        by_date.setdefault(event.date, []).append(event)
    blocks: list[_Block] = []
    for date, group in by_date.items():
        x = axis_x(eras, years(date))
        if blocks and x - blocks[-1].x < CLOSE:
            blocks[-1] = _Block(blocks[-1].x, (*blocks[-1].dates, (date, tuple(group))))
        else:
            blocks.append(_Block(x, ((date, tuple(group)),)))
    return blocks


def _draw_block(
    block: _Block, top: float, right_aligned: bool, leader_from: float, leader_to: float
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


def _period_shapes(
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
        _, left, right = _period_shapes(period, x0, x1, 0.0, WIDTH - MARGIN)
        lane = next((i for i, edge in enumerate(lanes) if edge + 2 * SPACE <= left), None)
        if lane is None:
            lanes.append(right)
            lane = len(lanes) - 1
        else:
            lanes[lane] = right
        placed_periods.append((lane, period, x0, x1))
    # label blocks, under and over the axis
    blocks = _blocks(data.events, eras)
    below, above = split_sides(blocks)
    year_room = SMALL + 6.0  # the years stand just over the axis
    placed_below = place_blocks(below, 6.0, above=False)
    placed_above = place_blocks(above, year_room + 3.0, above=True)
    rise = max(
        (y + _block_size(b)[1] for b, (y, _) in zip(above, placed_above, strict=True)), default=year_room
    )

    top = MARGIN
    axis_y = top + len(lanes) * LANE + rise + 4.0
    items: list[Shape] = []
    for lane, period, x0, x1 in placed_periods:
        shapes, _, _ = _period_shapes(period, x0, x1, top + lane * LANE, WIDTH - MARGIN)
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
        for year in ticks(era):
            x = era.x(year)
            half = text_width(str(year), SMALL) / 2
            items.append(Line(((x, axis_y - 2.5), (x, axis_y)), "axis"))
            if x - half < last_right + 3.0 or any(abs(x - lx) < half + 1.5 for lx in leaders):
                continue
            items.append(Text(x, year_y, str(year), SMALL, "year", anchor="middle"))
            last_right = x + half

    bottom = axis_y + 4.0
    for block, (y, right_aligned) in zip(below, placed_below, strict=True):
        height = _block_size(block)[1]
        items.extend(_draw_block(block, axis_y + y, right_aligned, axis_y + 3.0, axis_y + y + LINE * 0.35))
        bottom = max(bottom, axis_y + y + height)
    for block, (y, right_aligned) in zip(above, placed_above, strict=True):
        height = _block_size(block)[1]
        block_top = axis_y - y - height
        items.extend(_draw_block(block, block_top, right_aligned, axis_y - 3.0, block_top + LINE * 0.35))
    for block in blocks:
        for date, _ in block.dates:
            items.append(Circle(axis_x(eras, years(date)), axis_y, 2.0, "mark"))
    return Drawing("timeline", WIDTH, round(bottom + MARGIN, 2), tuple(items), label)

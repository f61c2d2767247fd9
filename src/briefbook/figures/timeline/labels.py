"""Placing the labels: events of one date (or of close dates) make one block of lines, hung from
the date's mark by a leader; each block goes under the axis or over it, to the right of its mark
or the left, at the first distance from the axis where neither it nor its leader touches what is
already placed."""

from __future__ import annotations

from dataclasses import dataclass

from ..drawing import Box
from ..metrics import text_width
from .axis import Era, axis_x
from .model import CLOSE, LINE, SIZE, SMALL, SPACE, WIDTH, Event, number_runs, short_date, years


def _free_height(box_at, leader_at, start: float, obstacles: list[Box]) -> float | None:
    """The least height from ``start`` down at which a block and its leader touch nothing."""
    candidates = sorted({start, *(o.bottom + SPACE for o in obstacles if o.bottom + SPACE > start)})
    for y in candidates:
        box, leader = box_at(y), leader_at(y)
        if not any(box.overlaps(o) or leader.overlaps(o) for o in obstacles):
            return y
    return None


@dataclass(frozen=True)
class Block:
    x: float
    dates: tuple[tuple[str, tuple[Event, ...]], ...]

    def lines(self) -> list[tuple[str, Event | None]]:
        out: list[tuple[str, Event | None]] = []
        for date, events in self.dates:
            out.append((short_date(date), None))
            out.extend((e.label, e) for e in events)
        return out


def block_size(block: Block) -> tuple[float, float]:
    lines = block.lines()
    return max(_line_width(text, event) for text, event in lines), len(lines) * LINE


def _block_box(block: Block, right_aligned: bool, top: float) -> Box:
    width, height = block_size(block)
    if right_aligned:
        return Box(block.x - 3.0 - width, top, block.x + 1.0, top + height)
    return Box(block.x - 1.0, top, block.x + 3.0 + width, top + height)


def _alignments(blocks: list[Block]) -> list[bool]:
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


def split_sides(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
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
    for i in sorted(range(len(blocks)), key=lambda i: (-block_size(blocks[i])[1], blocks[i].x)):
        under = sum(1 for j, up in side.items() if not up and clash(i, j))
        over = sum(1 for j, up in side.items() if up and clash(i, j))
        side[i] = over < under
    return [b for i, b in enumerate(blocks) if not side[i]], [b for i, b in enumerate(blocks) if side[i]]


def place_blocks(blocks: list[Block], start: float, above: bool) -> list[tuple[float, bool]]:
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
        height = block_size(block)[1]

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


def make_blocks(events: tuple[Event, ...], eras: list[Era]) -> list[Block]:
    by_date: dict[str, list[Event]] = {}
    for event in sorted(events, key=lambda e: (years(e.date), e.date, e.label, e.key)):
        by_date.setdefault(event.date, []).append(event)
    blocks: list[Block] = []
    for date, group in by_date.items():
        x = axis_x(eras, years(date))
        if blocks and x - blocks[-1].x < CLOSE:
            blocks[-1] = Block(blocks[-1].x, (*blocks[-1].dates, (date, tuple(group))))
        else:
            blocks.append(Block(x, ((date, tuple(group)),)))
    return blocks

"""A figure as a list of shapes in points, which the SVG and TikZ writers both draw.

Coordinates run right and down from the top left corner, as in SVG.  Each shape has a
``role`` (text, axis, bar, node ...) that names its style: the web page's CSS colours each
role for light and dark mode, and the LaTeX package gives each role a TikZ style.
A :class:`Link` wraps shapes that lead somewhere on screen (an entry of the list below
the figure, a glossary entry); its ``target`` is a key the Sphinx layer turns into a URL.
Both writers go through the shapes with :func:`write_shapes`; each says only how it writes
one shape of each kind (a :class:`ShapeWriter`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    role: str = "text"
    anchor: Anchor = "start"
    bold: bool = False


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    role: str


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    role: str
    radius: float = 0.0


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    role: str


@dataclass(frozen=True)
class Link:
    target: str  # a key: the id of a list entry, or a glossary entry's id
    title: str  # shown on hover
    items: tuple[Shape, ...]


Shape = Text | Line | Rect | Circle | Link


@dataclass(frozen=True)
class Box:
    """A rectangle that must not overlap another (for label placement)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)


@dataclass(frozen=True)
class Drawing:
    kind: str  # "timeline" or "actors"
    width: float
    height: float
    items: tuple[Shape, ...]
    label: str  # what the figure shows, in one sentence (the SVG's accessible name)


def walk(items: tuple[Shape, ...]):
    """Every shape, links opened up."""
    for item in items:
        if isinstance(item, Link):
            yield from walk(item.items)
        else:
            yield item


class ShapeWriter(Protocol):
    """How one output (SVG, TikZ) writes each kind of shape: a line of text, and a link around
    the lines of its shapes."""

    def text(self, item: Text) -> str: ...

    def line(self, item: Line) -> str: ...

    def rect(self, item: Rect) -> str: ...

    def circle(self, item: Circle) -> str: ...

    def link(self, item: Link, inner: list[str]) -> list[str]:
        """A link around its shapes, ``inner``, which are written already."""
        ...


def write_shapes(items: Iterable[Shape], writer: ShapeWriter) -> list[str]:
    """The shapes as ``writer`` writes them, in order; a link is handed its own shapes written."""
    lines: list[str] = []
    for item in items:
        match item:
            case Text():
                lines.append(writer.text(item))
            case Line():
                lines.append(writer.line(item))
            case Rect():
                lines.append(writer.rect(item))
            case Circle():
                lines.append(writer.circle(item))
            case Link():
                lines += writer.link(item, write_shapes(item.items, writer))
            case _:
                raise TypeError(f"not a shape: {item!r}")
    return lines


def number(value: float) -> str:
    """A coordinate as short, stable text: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

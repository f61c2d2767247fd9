"""A drawing as inline SVG: text stays text, colours come from CSS, links are real links.

The SVG carries no colours of its own: each shape has the class ``bb-fig-<role>`` and the
book's stylesheet colours it (light and dark mode), so the figure follows the page's theme.
Its size is the drawing's, in points, as a ``viewBox``; the page scales it to the column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .drawing import Circle, Drawing, Line, Link, Rect, Text, number, write_shapes

# FreeSans first (the PDF's font, whose widths the layout measured); then fonts with the same widths.
FONT_FAMILY = "FreeSans, 'Liberation Sans', Arial, Helvetica, sans-serif"
ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


@dataclass(frozen=True)
class _SvgShapes:
    """Each shape as SVG elements, unindented: the element around them indents them."""

    hrefs: Mapping[str, str]

    def text(self, item: Text) -> str:
        weight = ' font-weight="bold"' if item.bold else ""
        anchor = "" if item.anchor == "start" else f' text-anchor="{ANCHORS[item.anchor]}"'
        return (
            f'<text class="bb-fig-{item.role}" x="{number(item.x)}" y="{number(item.y)}" '
            f'font-size="{number(item.size)}"{anchor}{weight}>{escape(item.text)}</text>'
        )

    def line(self, item: Line) -> str:
        points = " ".join(f"{number(x)},{number(y)}" for x, y in item.points)
        return f'<polyline class="bb-fig-{item.role}" points="{points}"/>'

    def rect(self, item: Rect) -> str:
        radius = f' rx="{number(item.radius)}"' if item.radius else ""
        return (
            f'<rect class="bb-fig-{item.role}" x="{number(item.x)}" y="{number(item.y)}" '
            f'width="{number(item.width)}" height="{number(item.height)}"{radius}/>'
        )

    def circle(self, item: Circle) -> str:
        return (
            f'<circle class="bb-fig-{item.role}" cx="{number(item.x)}" cy="{number(item.y)}" '
            f'r="{number(item.r)}"/>'
        )

    def link(self, item: Link, inner: list[str]) -> list[str]:
        nested = _indented(inner)
        href = self.hrefs.get(item.target)
        if href is None:  # nowhere to go (in this output): the shapes alone
            return ['<g class="bb-fig-item">', *nested, "</g>"]
        return [
            f'<a class="bb-fig-link" href={quoteattr(href)}>',
            f"  <title>{escape(item.title)}</title>",
            *nested,
            "</a>",
        ]


def _indented(lines: list[str]) -> list[str]:
    return [f"  {line}" for line in lines]


def to_svg(drawing: Drawing, hrefs: Mapping[str, str], svg_id: str, described_by: str | None = None) -> str:
    """The drawing as an ``<svg>`` element for an HTML page.

    Its role is ``group``, not ``img``: an image may hold no links, and the figure's labels
    are links.  Its name says what it shows; it is described by the text that says the same
    in words (the list or entries after it), so a screen reader can go there instead.

    ``hrefs`` maps each link's target key to a URL; ``described_by`` is the id of the text
    that says in words what the figure shows (the list that follows it).
    """
    described = f" aria-describedby={quoteattr(described_by)}" if described_by else ""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id={quoteattr(svg_id)} '
        f'class="bb-fig bb-fig-{drawing.kind}" viewBox="0 0 {number(drawing.width)} '
        f'{number(drawing.height)}" width="{number(drawing.width)}" height="{number(drawing.height)}" '
        f'font-family="{FONT_FAMILY}" role="group" aria-label={quoteattr(drawing.label)}{described}>'
    )
    body = _indented(write_shapes(drawing.items, _SvgShapes(hrefs)))
    return "\n".join([head, *body, "</svg>"]) + "\n"

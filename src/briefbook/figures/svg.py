"""A drawing as inline SVG: text stays text, colours come from CSS, links are real links.

The SVG carries no colours of its own: each shape has the class ``bb-fig-<role>`` and the
book's stylesheet colours it (light and dark mode), so the figure follows the page's theme.
Its size is the drawing's, in points, as a ``viewBox``; the page scales it to the column.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from .drawing import Circle, Drawing, Line, Link, Rect, Shape, Text, number

# FreeSans first (the PDF's font, whose widths the layout measured); then fonts with the same widths.
FONT_FAMILY = "FreeSans, 'Liberation Sans', Arial, Helvetica, sans-serif"
ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def _shape(item: Shape, hrefs: Mapping[str, str], indent: str) -> list[str]:
    if isinstance(item, Text):
        weight = ' font-weight="bold"' if item.bold else ""
        anchor = "" if item.anchor == "start" else f' text-anchor="{ANCHORS[item.anchor]}"'
        return [
            f'{indent}<text class="bb-fig-{item.role}" x="{number(item.x)}" y="{number(item.y)}" '
            f'font-size="{number(item.size)}"{anchor}{weight}>{escape(item.text)}</text>'
        ]
    if isinstance(item, Line):
        points = " ".join(f"{number(x)},{number(y)}" for x, y in item.points)
        return [f'{indent}<polyline class="bb-fig-{item.role}" points="{points}"/>']
    if isinstance(item, Rect):
        radius = f' rx="{number(item.radius)}"' if item.radius else ""
        return [
            f'{indent}<rect class="bb-fig-{item.role}" x="{number(item.x)}" y="{number(item.y)}" '
            f'width="{number(item.width)}" height="{number(item.height)}"{radius}/>'
        ]
    if isinstance(item, Circle):
        return [
            f'{indent}<circle class="bb-fig-{item.role}" cx="{number(item.x)}" cy="{number(item.y)}" '
            f'r="{number(item.r)}"/>'
        ]
    if isinstance(item, Link):
        inner = [line for child in item.items for line in _shape(child, hrefs, indent + "  ")]
        href = hrefs.get(item.target)
        if href is None:  # nowhere to go (in this output): the shapes alone
            return [f'{indent}<g class="bb-fig-item">', *inner, f"{indent}</g>"]
        return [
            f'{indent}<a class="bb-fig-link" href={quoteattr(href)}>',
            f"{indent}  <title>{escape(item.title)}</title>",
            *inner,
            f"{indent}</a>",
        ]
    raise TypeError(f"not a shape: {item!r}")


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
    body = [line for item in drawing.items for line in _shape(item, hrefs, "  ")]
    return "\n".join([head, *body, "</svg>"]) + "\n"

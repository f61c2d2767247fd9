"""A drawing as a TikZ picture for the PDF: vector shapes, labels as text in the book's font.

The labels are set in the document's sans-serif font (FreeSans), the font the layout measured
them in, so they sit in print exactly where the layout put them.  Each role's look (line
width, grey level, dash) is a TikZ style ``bbfig <role>`` defined in briefbook.sty, in shades
of grey and dash patterns, so the figure reads the same printed in black and white.
"""

from __future__ import annotations

from .drawing import Circle, Drawing, Line, Link, Rect, Text, number, write_shapes

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
ANCHORS = {"start": "base west", "middle": "base", "end": "base east"}


def tex_text(text: str) -> str:
    return "".join(_SPECIALS.get(c, c) for c in text)


def _point(x: float, y: float) -> str:
    return f"({number(x)},{number(y)})"


class _TikzShapes:
    """Each shape as TikZ commands."""

    def text(self, item: Text) -> str:
        weight = r"\bfseries" if item.bold else ""
        font = rf"\bbfigfont{{{number(item.size)}}}{weight}"
        return (
            rf"\node[bbfig {item.role},anchor={ANCHORS[item.anchor]},inner sep=0pt,font={font}] "
            rf"at {_point(item.x, item.y)} {{{tex_text(item.text)}}};"
        )

    def line(self, item: Line) -> str:
        return rf"\draw[bbfig {item.role}] " + " -- ".join(_point(x, y) for x, y in item.points) + ";"

    def rect(self, item: Rect) -> str:
        corners = f",rounded corners={number(item.radius)}pt" if item.radius else ""
        return (
            rf"\filldraw[bbfig {item.role}{corners}] {_point(item.x, item.y)} rectangle "
            rf"{_point(item.x + item.width, item.y + item.height)};"
        )

    def circle(self, item: Circle) -> str:
        return rf"\filldraw[bbfig {item.role}] {_point(item.x, item.y)} circle[radius={number(item.r)}];"

    def link(self, item: Link, inner: list[str]) -> list[str]:
        return inner  # print has nowhere to link to: the shapes alone


def to_tikz(drawing: Drawing) -> str:
    """The drawing as a ``tikzpicture`` (points, y downwards as in the SVG)."""
    body = write_shapes(drawing.items, _TikzShapes())
    # the picture's own box, so TeX reserves exactly the drawing's size
    frame = rf"\path[use as bounding box] (0,0) rectangle {_point(drawing.width, drawing.height)};"
    return "\n".join([r"\begin{tikzpicture}[x=1pt,y=-1pt]", frame, *body, r"\end{tikzpicture}"]) + "\n"

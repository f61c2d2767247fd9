"""How wide a label is, from FreeSans's advance widths (the font the PDF sets the figures in).

The widths ship with the package (``freesans-widths.json``, written by
``scripts/font_metrics.py`` from the font files), so the layout is the same on every machine.
Kerning is left out: it only ever narrows Latin text, so a measured label is never too short.
A character the table lacks counts as wide as an "M", so an unexpected script still fits.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("freesans-widths.json")
FALLBACK = "M"


@cache
def _widths(bold: bool) -> dict[int, int]:
    data = json.loads(TABLE.read_text("utf-8"))
    return {int(code): width for code, width in data["bold" if bold else "regular"].items()}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` set in FreeSans at ``size`` points, in points."""
    widths = _widths(bold)
    fallback = widths[ord(FALLBACK)]
    return sum(widths.get(ord(c), fallback) for c in text) * size / 1000


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut at a word (with an ellipsis) so that it is at most ``width`` wide."""
    if text_width(text, size, bold) <= width:
        return text
    words = text.split()
    while words:
        words.pop()
        candidate = " ".join(words).rstrip(",;:–-") + "…"
        if text_width(candidate, size, bold) <= width:
            return candidate
    return "…"

"""Where words sit in a PDF, from ``pdftotext -bbox-layout``: pages, lines, words with boxes."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom

    @staticmethod
    def union(boxes: list[Box]) -> Box:
        return Box(min(b.left for b in boxes), min(b.top for b in boxes), max(b.right for b in boxes), max(b.bottom for b in boxes))


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    words: tuple[str, ...]
    boxes: tuple[Box, ...]

    @property
    def box(self) -> Box:
        return Box.union(list(self.boxes))


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


def read_layout(pdf: Path) -> list[Page]:
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext writes a DOCTYPE that ElementTree cannot resolve; drop it.
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xhtml))
    pages = []
    for number, page in enumerate(root.iter(f"{NS}page"), 1):
        lines = []
        for line in page.iter(f"{NS}line"):
            words = list(line.iter(f"{NS}word"))
            lines.append(
                Line(
                    number,
                    tuple(w.text or "" for w in words),
                    tuple(Box(*(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in words),
                )
            )
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), tuple(lines)))
    return pages

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
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    @staticmethod
    def union(boxes: list[Box]) -> Box:
        return Box(
            min(b.left for b in boxes),
            min(b.top for b in boxes),
            max(b.right for b in boxes),
            max(b.bottom for b in boxes),
        )


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
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
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


CM = 72 / 2.54
# briefbook's page geometry (sphinxext/latex.py): a narrow inner margin, a wide outer one for notes
INNER, OUTER, NOTE_WIDTH, NOTE_SEP = 2.0 * CM, 6.6 * CM, 4.8 * CM, 0.5 * CM
TOP, BOTTOM = 2.4 * CM, 2.6 * CM


def is_recto(page: Page) -> bool:
    """A right-hand page: its text block starts at the inner (left) margin."""
    wide = [line.box.left for line in page.lines if line.box.right - line.box.left > 150]
    return bool(wide) and min(wide) < (INNER + OUTER) / 2


def text_block(page: Page) -> tuple[float, float]:
    """Left and right edge of the page's text block."""
    recto = is_recto(page)
    return (INNER if recto else OUTER), page.width - (OUTER if recto else INNER)


def body_words(pages: list[Page]) -> list[str]:
    """The words set in the text block of each page, in order: no margin notes, running heads or page numbers."""
    out = []
    for page in pages:
        left, right = text_block(page)
        placed = []
        for line in page.lines:
            for word, box in zip(line.words, line.boxes, strict=False):
                if (
                    box.left >= left - 2
                    and box.right <= right + 2
                    and box.top > TOP - 2
                    and box.bottom < page.height - BOTTOM + 2
                ):
                    placed.append((box.bottom, box.left, word))
        # reading order by position: pdftotext may file a word of a line that a margin note
        # stands beside under the note's block, so lines are rebuilt from where words sit
        placed.sort()
        lines: list[list[tuple[float, float, str]]] = []
        for item in placed:
            if lines and abs(item[0] - lines[-1][0][0]) <= 3:
                lines[-1].append(item)
            else:
                lines.append([item])
        for line in lines:
            out.extend(word for _, _, word in sorted(line, key=lambda item: item[1]))
    return out

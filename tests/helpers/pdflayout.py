"""Where words sit in a PDF, from ``pdftotext -bbox-layout``: pages, lines, words with boxes."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from briefbook.figures import drawing

NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Box(drawing.Box):  # a word's box: left, top, right, bottom in points, and whether two overlap
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
    """A right-hand page: its text block starts at the inner (left) margin; a page with no text
    (only notes that continue from the page before) by its place: odd pages are right-hand pages."""
    wide = [line.box.left for line in page.lines if line.box.right - line.box.left > 150]
    if not wide:
        return page.number % 2 == 1
    return min(wide) < (INNER + OUTER) / 2


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


@dataclass(frozen=True)
class Destination:
    page: int  # 1-based
    x: float
    top: float  # from the top of the page, like the word boxes


def destinations(pdf: Path, pages: list[Page]) -> dict[str, Destination]:
    """The PDF's named destinations (``pdfinfo -dests``), placed like the word boxes."""
    listing = subprocess.run(
        ["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    found = {}
    for match in re.finditer(r'^\s*(\d+)\s+\[\s*XYZ\s+(\S+)\s+(\S+)\s.*?\]\s+"(.*)"$', listing, re.M):
        page, x, y, name = int(match.group(1)), float(match.group(2)), float(match.group(3)), match.group(4)
        found[name] = Destination(page, x, pages[page - 1].height - y)
    return found


NOTE_ID = re.compile(r"bb-note-(?P<stem>.+)-(?P<number>\d+)$")


@dataclass(frozen=True)
class PrintedNote:
    """A margin note as printed: where its mark is, and the box its words fill."""

    stem: str
    number: int
    mark: Destination  # baseline of the line with the note's number after its passage
    start: Destination  # baseline of the note's first line
    box: Box | None  # None: no word of the note was found in the margin
    words: tuple[str, ...]


def outside_text_block(page: Page, box: Box) -> bool:
    left, right = text_block(page)
    return box.left >= right - 1 or box.right <= left + 1


def has_note_margin(page: Page) -> bool:
    """A page laid out with a margin for notes: no word crosses the gap between text block and margin.

    (The book's other pages use the full width, and their lines run across it.)"""
    left, right = text_block(page)
    gaps = (
        Box(right + 1, 0, right + NOTE_SEP - 1, page.height),
        Box(left - NOTE_SEP + 1, 0, left - 1, page.height),
    )
    return not any(box.overlaps(gap) for line in page.lines for box in line.boxes for gap in gaps)


def margin_words(page: Page) -> list[tuple[str, Box]]:
    """Words set outside the text block, left or right, of a page with a note margin: the margin notes."""
    if not has_note_margin(page):
        return []
    return [
        (word, box)
        for line in page.lines
        for word, box in zip(line.words, line.boxes, strict=False)
        if outside_text_block(page, box)
    ]


NOTE_ASCENT = 9.0  # pt: how far a note's first line reaches above its baseline
FOOT_CLEARANCE = 4.0  # pt: a word whose top is this far below the text block is in the running foot


def printed_notes(
    pdf: Path, pages: list[Page] | None = None
) -> tuple[list[PrintedNote], list[tuple[int, str]]]:
    """Every note of the book as printed, in the order of their marks; and margin words that
    belong to no note (a note carried onto the next page would leave such words)."""
    pages = pages if pages is not None else read_layout(pdf)
    dests = destinations(pdf, pages)
    starts = {name.removeprefix("bbnote:"): d for name, d in dests.items() if name.startswith("bbnote:")}
    marks = {name.removeprefix("bbmark:"): d for name, d in dests.items() if name.startswith("bbmark:")}
    by_page: dict[int, list[tuple[float, str]]] = {}
    for note_id, start in starts.items():
        by_page.setdefault(start.page, []).append((start.top, note_id))
    words: dict[str, list[tuple[str, Box]]] = {note_id: [] for note_id in starts}
    stray: list[tuple[int, str]] = []
    for page in pages:
        tops = sorted(by_page.get(page.number, []))
        for word, box in margin_words(page):
            owner = None
            for top, note_id in tops:
                if box.top >= top - NOTE_ASCENT - 1:
                    owner = note_id
            if owner is None:
                # below the text block and owned by no note: the running foot ("38  A Sources"),
                # which a nearly empty page of a full-width chapter leaves outside its short lines
                if box.top <= page.height - BOTTOM + FOOT_CLEARANCE:
                    stray.append((page.number, word))
            else:
                words[owner].append((word, box))
    notes = []
    for note_id, mark in marks.items():
        found = NOTE_ID.match(note_id)
        start = starts.get(note_id)
        own = words.get(note_id, [])
        notes.append(
            PrintedNote(
                found.group("stem"),
                int(found.group("number")),
                mark,
                start if start is not None else Destination(0, 0, 0),  # page 0: no note printed
                Box.union([b for _, b in own]) if own else None,
                tuple(w for w, _ in own),
            )
        )
    notes.sort(key=lambda n: (n.mark.page, n.mark.top, n.mark.x))
    return notes, stray

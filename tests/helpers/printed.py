"""What a reader of the PDF finds their way by, read back from the PDF: the contents (each chapter's
number, title and page), the page number printed at each page's foot, and the references followed
by a page ("003, p. 31")."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .pdflayout import BOTTOM, Box, Line, Page

# "003, p. 31", "003 News report, p. 31", "001 Newsletter (qualifies), p. 11": a source's number,
# perhaps its label, and the page
PAGE_REFERENCE = re.compile(r"\b(\d{3,4})\b[^,;:\d]{0,60}?, p\.\s(\d+)")


@dataclass(frozen=True)
class ContentsEntry:
    number: str  # "003", "A", or "" for an unnumbered chapter
    title: str
    page: int  # as printed
    line: Line


def footer_number(page: Page) -> str | None:
    """The page number printed at the page's foot (arabic or roman), if any: a word standing
    alone there (the running foot beside it names the chapter, "003 Title")."""
    for line in page.lines:
        if line.box.top > page.height - BOTTOM + 4 and len(line.words) == 1:
            if re.fullmatch(r"\d+|[ivxlc]+", line.words[0]):
                return line.words[0]
    return None


def physical_pages(pages: list[Page]) -> dict[int, int]:
    """Each arabic page number as printed -> the page of the PDF (1-based) it is printed on."""
    found = {}
    for page in pages:
        number = footer_number(page)
        if number and number.isdigit():
            found[int(number)] = page.number
    return found


def rows(page: Page) -> list[Line]:
    """The page's lines as a reader sees them: words at one height, left to right (pdftotext
    gives a contents entry's page number, set apart by a stretch of space, as a line of its own)."""
    found: list[list[tuple[str, Box]]] = []
    for word, box in sorted(
        ((w, b) for line in page.lines for w, b in zip(line.words, line.boxes, strict=False)),
        key=lambda item: (round(item[1].bottom), item[1].left),
    ):
        if found and abs(found[-1][0][1].bottom - box.bottom) <= 2:
            found[-1].append((word, box))
        else:
            found.append([(word, box)])
    return [
        Line(page.number, tuple(w for w, _ in row), tuple(b for _, b in row))
        for row in (sorted(r, key=lambda item: item[1].left) for r in found)
    ]


def contents(pages: list[Page]) -> list[ContentsEntry]:
    """The contents' entries, from the "Contents" heading to its last entry ("Index")."""
    start = next(p for p in pages if any(line.words == ("Contents",) for line in p.lines[:3]))
    entries = []
    for page in pages[start.number - 1 :]:
        for line in rows(page):
            words = line.words
            if len(words) < 2 or not words[-1].isdigit() or line.box.top > page.height - BOTTOM:
                continue
            numbered = re.fullmatch(r"\d+|[A-Z]", words[0]) is not None and len(words) > 2
            title = " ".join(words[1 if numbered else 0 : -1])
            entries.append(ContentsEntry(words[0] if numbered else "", title, int(words[-1]), line))
            if words[0] == "Index":
                return entries
    return entries


def number_gap(entry: ContentsEntry) -> float:
    """The room between a chapter's number and its title in the contents (negative: they touch)."""
    number, first = entry.line.boxes[0], entry.line.boxes[1]
    return first.left - number.right


def chapter_ranges(entries: list[ContentsEntry]) -> dict[str, tuple[int, int]]:
    """Each numbered chapter's first and last printed page."""
    ranges = {}
    for entry, following in itertools.pairwise(entries):
        if entry.number:
            ranges[entry.number] = (
                entry.page,
                max(entry.page, following.page - (following.page > entry.page)),
            )
    return ranges


def page_text(page: Page) -> str:
    """A page's words, a line to a line, without its running head and foot."""
    return "\n".join(
        " ".join(line.words) for line in page.lines if 14 < line.box.top < page.height - BOTTOM + 4
    )


def words_outside(page: Page, left: float, right: float) -> list[tuple[str, Box]]:
    """The words of a page that stand outside [left, right] (the text block), 1 pt of slack."""
    return [
        (word, box)
        for line in page.lines
        for word, box in zip(line.words, line.boxes, strict=False)
        if box.left < left - 1 or box.right > right + 1
    ]

"""Where margin notes land on the printed page, for the seeds book and the dense test root.

Every note prints whole, once, in the outer margin of the page that holds its mark, level with
the mark's line unless the notes around it need the room; none overlaps another note or the text,
none runs off the page.  Marks and note tops are read from the PDF's named destinations, the
notes' words from ``pdftotext -bbox-layout``.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

import pytest
from helpers import ROOTS, SEEDS, require_tool
from helpers.book import build_root, dense_note_count
from helpers.pdflayout import (
    BOTTOM,
    NOTE_SEP,
    NOTE_WIDTH,
    OUTER,
    TOP,
    Box,
    Destination,
    Page,
    PrintedNote,
    destinations,
    is_recto,
    printed_notes,
    read_layout,
    text_block,
)
from helpers.printed import footer_number

from briefbook.book import SharedMark, load_book
from briefbook.book.editions import front_page_text
from briefbook.book.manifest import manifest_text, record_book

pytestmark = pytest.mark.slow

DENSE_SEEDS = ROOTS / "test-dense" / "seeds"
LEVEL = 1.0  # pt: a note level with its mark shares the mark's baseline
PUSH = 6.0  # pt: \marginparpush, the space between two notes
EDGE = 4.0  # pt: word boxes reach a little past the boxes TeX stacks (ascenders, descenders)
NOTE_LINE = 10.0  # pt: one line of a note


@dataclass(frozen=True)
class PrintedBook:
    name: str
    seeds: Path
    pages: list[Page]
    notes: list[PrintedNote]
    stray: list[tuple[int, str]]
    dests: dict[str, Destination]


def read_book(name: str, pdf: Path, seeds: Path) -> PrintedBook:
    pages = read_layout(pdf)
    notes, stray = printed_notes(pdf, pages)
    return PrintedBook(name, seeds, pages, notes, stray, destinations(pdf, pages))


@pytest.fixture(scope="module")
def dense_book(tmp_path_factory) -> PrintedBook:
    require_tool("xelatex", "latexmk", "pdftotext", "pdfinfo")
    pdf = build_root("dense", "latexpdf", tmp_path_factory.mktemp("dense")) / "latex" / "dense.pdf"
    return read_book("dense", pdf, DENSE_SEEDS)


@pytest.fixture(scope="module")
def seeds_book(built_book) -> PrintedBook:
    return read_book("seeds", built_book.pdf, SEEDS)


@pytest.fixture(scope="module")
def marked_book(tmp_path_factory) -> PrintedBook:
    """The dense test root with every note marked "Changed" since an edition: the word in each note
    and the bar beside it must leave the notes where the placement puts them."""
    require_tool("xelatex", "latexmk", "pdftotext", "pdfinfo")
    folder = tmp_path_factory.mktemp("marked")
    shutil.copytree(ROOTS / "test-dense", folder / "dense")
    seeds = folder / "dense" / "seeds"
    now = record_book(load_book(seeds), front_page_text(folder / "dense"))
    before = replace(
        now,
        articles=tuple(
            replace(a, notes=tuple(replace(n, note=f"An earlier wording of {n.key}.") for n in a.notes))
            for a in now.articles
        ),
        name="1",
        number=1,
        date="2026-02-01",
    )
    (seeds / "editions").mkdir()
    (seeds / "editions" / "1.json").write_text(manifest_text(before), "utf-8")
    pdf = build_root("dense", "latexpdf", folder) / "latex" / "dense.pdf"
    return read_book("marked", pdf, seeds)


@pytest.fixture(params=["dense", "seeds", "marked"])
def printed(request) -> PrintedBook:
    return request.getfixturevalue(f"{request.param}_book")


def page_notes(printed: PrintedBook) -> dict[int, list[PrintedNote]]:
    """The notes set on each page, top to bottom."""
    by_page: dict[int, list[PrintedNote]] = {}
    for note in printed.notes:
        by_page.setdefault(note.start.page, []).append(note)
    for notes in by_page.values():
        notes.sort(key=lambda n: n.start.top)
    return by_page


def test_every_note_prints_once_and_whole(printed):
    book = load_book(printed.seeds)
    expected = sorted((entry.stem, mark.number) for entry in book.articles for mark in entry.marks)
    assert sorted((n.stem, n.number) for n in printed.notes) == expected
    for note in printed.notes:
        assert note.start.page, f"{note.stem} note {note.number} has a mark but no note"
        assert note.words[:1] == (str(note.number),), f"{note.stem} note {note.number}: {note.words[:4]}"
    # a note carried on to another page would leave words in the margin that start no note
    assert printed.stray == []


def test_every_note_starts_on_the_page_of_its_mark(printed):
    late = [
        f"{n.stem} note {n.number}: mark on page {n.mark.page}, note on page {n.start.page}"
        for n in printed.notes
        if n.start.page != n.mark.page
    ]
    assert late == []


def test_every_note_is_in_the_outer_margin_inside_the_page(printed):
    for note in printed.notes:
        page = printed.pages[note.start.page - 1]
        box, name = note.box, f"{note.stem} note {note.number} (page {page.number})"
        if is_recto(page):
            left, right = page.width - OUTER + NOTE_SEP, page.width - OUTER + NOTE_SEP + NOTE_WIDTH
        else:
            left, right = OUTER - NOTE_SEP - NOTE_WIDTH, OUTER - NOTE_SEP
        assert left - 1 <= box.left and box.right <= right + 1, f"{name} is not in the outer margin"
        # within the height of the text block: not in the top or bottom margin, not off the page
        assert box.top >= TOP - 1, f"{name} rises into the top margin"
        assert box.bottom <= page.height - BOTTOM + EDGE, f"{name} runs into the bottom margin"


def test_notes_never_overlap_each_other_or_the_text(printed):
    for number, notes in page_notes(printed).items():
        page = printed.pages[number - 1]
        for above, below in pairwise(notes):
            assert above.box.bottom <= below.box.top, (
                f"notes {above.number} and {below.number} overlap on page {number}"
            )
        left, right = text_block(page)
        text = [
            box
            for line in page.lines
            for box in line.boxes
            if box.left >= left - 2 and box.right <= right + 2
        ]
        for note in notes:
            gutter = Box(
                note.box.left - NOTE_SEP / 2, note.box.top, note.box.right + NOTE_SEP / 2, note.box.bottom
            )
            assert not any(gutter.overlaps(word) for word in text), (
                f"note {note.number} touches the text on page {number}"
            )


def test_each_note_stands_level_with_its_mark_unless_its_neighbours_need_the_room(printed):
    """A note shares its mark's baseline; or it is pushed down, right under the note before it;
    or the notes below it fill the margin to its foot, and it is lifted, but its last line
    is never above its mark's line."""
    for number, notes in page_notes(printed).items():
        page = printed.pages[number - 1]
        foot = page.height - BOTTOM
        for index, note in enumerate(notes):
            name = f"{note.stem} note {note.number} (page {number})"
            offset = note.start.top - note.mark.top
            if abs(offset) <= LEVEL:
                continue
            if offset > 0:
                above = notes[index - 1] if index else None
                assert above is not None and note.box.top - above.box.bottom <= PUSH + EDGE, (
                    f"{name} is {offset:.0f}pt below its mark with room above it"
                )
            else:
                below = notes[index + 1] if index + 1 < len(notes) else None
                full_below = (below is not None and below.box.top - note.box.bottom <= PUSH + EDGE) or (
                    note.box.bottom >= foot - NOTE_LINE
                )
                assert full_below, f"{name} is {-offset:.0f}pt above its mark with room below it"
                assert note.box.bottom >= note.mark.top - EDGE, f"{name} ends above its mark's line"


def text_foot(page: Page) -> float:
    """How far down the page its text block's last line reaches."""
    left, right = text_block(page)
    return max(
        (
            box.bottom
            for line in page.lines
            for box in line.boxes
            if box.left >= left - 2 and box.right <= right + 2 and box.bottom < page.height - BOTTOM + 2
        ),
        default=0.0,
    )


def test_the_dense_root_makes_the_text_give_way(dense_book):
    """The dense root needs more margin than its text has: notes are pushed down, and a page ends
    early, its article going on over the page, so that no note has to leave its mark's page."""
    by_page = page_notes(dense_book)
    assert len(by_page) >= 3
    assert any(n.start.top - n.mark.top > 2 * NOTE_LINE for n in dense_book.notes)
    marked = {n.mark.page for n in dense_book.notes}
    foot = {number: dense_book.pages[number - 1].height - BOTTOM for number in marked}
    # a page with marks whose text stops well above the foot, the article going on over the page
    short = [
        n for n in marked if n + 1 in marked and text_foot(dense_book.pages[n - 1]) < foot[n] - 3 * NOTE_LINE
    ]
    assert short, "no page ends early"


def folio(page: Page) -> str | None:
    """The page number printed in the page's foot (not the chapter's number in the running foot)."""
    number = footer_number(page)
    return number if number and number.isdigit() else None


def line_at(page: Page, dest: Destination) -> str:
    """The words of the text line whose baseline is at ``dest``."""
    left, right = text_block(page)
    return " ".join(
        word
        for line in page.lines
        for word, box in zip(line.words, line.boxes, strict=False)
        if box.top - 2 <= dest.top <= box.bottom + 2 and box.left >= left - 2 and box.right <= right + 2
    )


def test_a_note_points_to_its_apparatus_at_the_end_of_its_chapter(printed):
    """A margin note keeps its text; its basis, claim and cross-references are printed in full in
    "Notes: sources and cross-references" after the article, and each points to the other's page."""
    book = load_book(printed.seeds)
    notes = {(n.stem, n.number): n for n in printed.notes}
    for entry in book.articles:
        last_mark = max(notes[(entry.stem.lower(), n.number)].mark.page for n in entry.marks)
        for located in entry.marks:
            note = notes[(entry.stem.lower(), located.number)]
            text, name = " ".join(note.words), f"{entry.stem} note {note.number}"
            pointer = re.search(r"→\s*p\.\s*(\d+)$", text)
            apparatus = printed.dests.get(f"bbsources:bb-note-{entry.stem.lower()}-{located.number}")
            # a shared-passage mark has no text of its own: its links stand in the margin
            if isinstance(located, SharedMark) or not (
                located.note.note and (located.note.basis or located.lines)
            ):
                assert pointer is None and apparatus is None, name
                continue
            assert pointer, f"{name} does not end with the page of its apparatus: {text[-40:]!r}"
            assert "Basis:" not in text and "Claim:" not in text, name
            assert apparatus is not None and apparatus.page >= last_mark, name
            page = printed.pages[apparatus.page - 1]
            assert folio(page) == pointer.group(1), f"{name} points to page {pointer.group(1)}"
            back = re.search(r"note on p\.\s*(\d+)", line_at(page, apparatus))
            assert back and back.group(1) == folio(printed.pages[note.mark.page - 1]), name


def test_every_note_changed_since_the_edition_says_so_in_print(marked_book):
    book = load_book(marked_book.seeds)
    editors = {(entry.stem, note.number) for entry in book.articles for note in entry.notes}
    assert len(editors) == dense_note_count()
    said = {(n.stem, n.number) for n in marked_book.notes if n.words[2:3] == ("Changed",)}
    assert said == editors  # the editor's notes, each once; the book's shared passages are its own

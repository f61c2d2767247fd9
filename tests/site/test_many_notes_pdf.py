"""The PDF of a passage with more notes than one page's margin holds: every note printed once and
whole, in order, in the outer margin inside the page, none over another; those the mark's page
cannot hold continue at the top of the margins of the pages that follow (the PDF stopped at 45)."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest
from helpers import require_tool
from helpers.pdflayout import BOTTOM, TOP, printed_notes, read_layout

pytestmark = pytest.mark.slow

NOTES = 120
SENTENCE = "The delegations agreed to restore the channel between the two general staffs at once."


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    require_tool("xelatex", "latexmk", "pdftotext", "pdfinfo")
    root = tmp_path_factory.mktemp("many") / "book"
    subprocess.run([sys.executable, "-m", "briefbook", "init", str(root), "--title", "Notes"], check=True)
    paragraph = " ".join([SENTENCE] * 6)
    (root / "seeds" / "001_many.txt").write_text(
        f"Many notes\n\n{paragraph}\n\nThe weather was mild for the season, and then it changed.\n\n{paragraph}\n",
        "utf-8",
    )
    notes = "".join(
        f'  - quote: "mild for the season"\n    kind: context\n'
        f'    note: "Note {i} on the passage, a line or two of words to take some room in the margin."\n'
        for i in range(1, NOTES + 1)
    )
    (root / "seeds" / "001_many.yaml").write_text(
        f'title: "Many notes"\npublisher: "Daily"\ndate: "2026-02-07"\nkind: news\nnotes:\n{notes}', "utf-8"
    )
    built = subprocess.run(
        [sys.executable, "-m", "briefbook", "build", "--pdf"], cwd=root, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stdout[-3000:]
    pdf = root / "docs" / "_build" / "latex" / "briefing.pdf"
    pages = read_layout(pdf)
    return pages, *printed_notes(pdf, pages)


def test_every_note_prints_once_whole_and_in_order(printed):
    _, notes, stray = printed
    assert sorted(n.number for n in notes) == list(range(1, NOTES + 1))
    assert stray == []
    for note in notes:
        assert note.words[:1] == (str(note.number),)
    ordered = sorted(notes, key=lambda n: (n.start.page, n.start.top))
    assert [n.number for n in ordered] == list(range(1, NOTES + 1))


def test_notes_stay_inside_the_page_and_apart(printed):
    pages, notes, _ = printed
    for note in notes:
        page = pages[note.start.page - 1]
        assert note.box is not None
        assert note.box.top >= TOP - 1 and note.box.bottom <= page.height - BOTTOM + 1, note.number
    by_page: dict[int, list] = {}
    for note in notes:
        by_page.setdefault(note.start.page, []).append(note)
    for on_page in by_page.values():
        on_page.sort(key=lambda n: n.box.top)
        for above, below in pairwise(on_page):
            assert above.box.bottom <= below.box.top + 1, (above.number, below.number)


def test_the_first_notes_stand_by_their_mark_and_the_rest_follow_on_the_next_pages(printed):
    _, notes, _ = printed
    first = min(notes, key=lambda n: n.number)
    assert first.start.page == first.mark.page
    pages_used = sorted({n.start.page for n in notes})
    assert len(pages_used) >= 4  # 120 notes of three lines fill about six margins
    assert pages_used == list(range(pages_used[0], pages_used[-1] + 1))  # no page skipped

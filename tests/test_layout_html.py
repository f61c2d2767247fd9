"""Where margin notes land in a real browser, at desktop and phone widths."""

from __future__ import annotations

import pytest
from book import build_root, dense_note_count
from browser import DESKTOP, MEASURE_NOTES, PHONE, chromium
from conftest import require_tool

LINE = 26  # px: one line of article text (1.6 × 16px)
GAP = 12  # px: the space kept between two notes


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


@pytest.fixture(scope="module")
def dense_html(tmp_path_factory):
    require_tool("/usr/bin/chromium")
    return build_root("dense", "html", tmp_path_factory.mktemp("dense")) / "html" / "articles" / "dense.html"


def measure(browser, page_path, viewport) -> list[dict]:
    page = browser.new_page(viewport=viewport)
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    notes = page.evaluate(MEASURE_NOTES)
    page.close()
    return notes


def test_desktop_notes_sit_in_the_right_margin_level_with_their_passage(dense_html):
    with chromium() as browser:
        notes = measure(browser, dense_html, DESKTOP)
    assert len(notes) == dense_note_count()
    text_right = max(n["para"]["right"] for n in notes)
    previous = None
    for note in notes:
        box, anchor = note["note"], note["anchor"]
        assert box["left"] >= text_right + 8, f"note {note['number']} is not right of the text column"
        assert box["right"] <= DESKTOP["width"], f"note {note['number']} runs off the screen"
        # level with the passage's last line, unless the note above pushed it down; a pushed
        # note starts on the first text line clear of the note above (one line and a gap at most)
        pushed = previous is not None and box["top"] <= previous["note"]["bottom"] + LINE + GAP
        assert box["top"] >= anchor["top"] - 6, f"note {note['number']} starts above its passage"
        assert pushed or box["top"] - anchor["top"] <= 12, (
            f"note {note['number']} is {box['top'] - anchor['top']:.0f}px below its passage"
        )
        previous = note
    for i, a in enumerate(notes):
        for b in notes[i + 1 :]:
            assert not overlaps(a["note"], b["note"]), f"notes {a['number']} and {b['number']} overlap"


def test_phone_notes_move_under_their_paragraph(dense_html):
    with chromium() as browser:
        notes = measure(browser, dense_html, PHONE)
    assert len(notes) == dense_note_count()
    for note in notes:
        box, para = note["note"], note["para"]
        assert box["top"] >= para["bottom"] - 1, f"note {note['number']} is not under its paragraph"
        assert box["left"] >= 0 and box["right"] <= PHONE["width"], f"note {note['number']} is off screen"
        assert note["text"].startswith(f"{note['number']} ")
    tops = [n["note"]["top"] for n in notes]
    assert tops == sorted(tops), "notes under a paragraph keep their reading order"
    for i, a in enumerate(notes):
        for b in notes[i + 1 :]:
            assert not overlaps(a["note"], b["note"]), f"notes {a['number']} and {b['number']} overlap"

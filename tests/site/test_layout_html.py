"""Where margin notes land in a real browser: beside their passages on a desktop, under their line
on a phone, and beside or under their paragraph without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import REPO, require_tool, seed_paths
from helpers.book import build_root, dense_note_count
from helpers.browser import (
    DESKTOP,
    MEASURE_NOTES,
    MEASURE_TEXT,
    PHONE,
    chromium,
    distances,
    layout_report,
    new_context,
    open_page,
    overlaps,
)

pytestmark = pytest.mark.browser

MEDIAN = 60  # px: the median distance allowed between a note's top and its passage's last line
FARTHEST = 450  # px: no note farther than this from its passage
LEVEL = 12  # px: a note brought level with its passage stands this close to it
SETTLE = 350  # ms: a moved note's transition (0.2 s) and a frame or two
LINE = 26  # px: one line of article text (1.6 × 16 px)


@pytest.fixture(scope="module")
def dense_html(tmp_path_factory) -> Path:
    require_tool("/usr/bin/chromium")
    return build_root("dense", "html", tmp_path_factory.mktemp("dense")) / "html" / "articles" / "dense.html"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def desktop(browser):
    context = new_context(browser, DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone(browser):
    context = new_context(browser, PHONE, touch=True)
    yield context.new_page()
    context.close()


def notes_in_html(path: Path) -> int:
    """How many notes the built page holds (the editor's and the book's shared-passage notes)."""
    return len(re.findall(r'<aside class="bb-note"', path.read_text("utf-8")))


def measure(page) -> tuple[list[dict], list[dict]]:
    return page.evaluate(MEASURE_NOTES), page.evaluate(MEASURE_TEXT)


def assert_beside_passages(notes: list[dict], text: list[dict], expected: int, width: int) -> dict:
    assert len(notes) == expected
    hidden = [n["number"] for n in notes if not n["shown"] or n["note"]["bottom"] - n["note"]["top"] < 10]
    assert hidden == [], f"notes not shown: {hidden}"
    text_right = max(n["para"]["right"] for n in notes)
    for note in notes:
        assert note["note"]["left"] >= text_right + 8, f"note {note['number']} is not right of the text"
        assert note["note"]["right"] <= width, f"note {note['number']} runs off the screen"
    report = layout_report(notes, text)
    assert report["overlapping"] == [], f"overlapping notes: {report['overlapping']}"
    assert report["covering"] == [], f"notes over text: {report['covering'][:5]}"
    return report


# --- desktop ----------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", [p.stem for p in seed_paths()])
def test_seed_article_notes_stand_beside_their_passages(book_html, desktop, stem):
    page_path = book_html / "articles" / f"{stem}.html"
    open_page(desktop, page_path)
    notes, text = measure(desktop)
    report = assert_beside_passages(notes, text, notes_in_html(page_path), DESKTOP["width"])
    assert report["median"] <= MEDIAN, report
    assert report["max"] <= FARTHEST, report


def test_dense_page_notes_stand_beside_their_passages(dense_html, desktop):
    open_page(desktop, dense_html)
    notes, text = measure(desktop)
    report = assert_beside_passages(notes, text, dense_note_count(), DESKTOP["width"])
    assert report["median"] <= MEDIAN, report
    assert report["max"] <= FARTHEST, report
    # notes keep the reading order down the margin
    tops = [n["note"]["top"] for n in notes]
    assert tops == sorted(tops)


@pytest.mark.parametrize("width", [1024, 1920])
def test_dense_page_at_other_desktop_widths(dense_html, browser, width):
    context = new_context(browser, {"width": width, "height": 900})
    page = context.new_page()
    open_page(page, dense_html)
    notes, text = measure(page)
    report = assert_beside_passages(notes, text, dense_note_count(), width)
    context.close()
    assert report["max"] <= FARTHEST, report


def test_resizing_lays_the_notes_out_again(dense_html, browser):
    context = new_context(browser, {"width": 1920, "height": 900})
    page = context.new_page()
    open_page(page, dense_html)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.wait_for_timeout(SETTLE)
    notes, text = measure(page)
    report = assert_beside_passages(notes, text, dense_note_count(), 1100)
    context.close()
    assert report["median"] <= MEDIAN and report["max"] <= FARTHEST, report


def farthest_note(notes: list[dict], with_apparatus: set[str] | None = None) -> dict:
    candidates = [n for n in notes if with_apparatus is None or n["id"] in with_apparatus]
    return max(candidates, key=lambda n: abs(n["note"]["top"] - n["anchor"]["top"]))


def by_number(notes: list[dict], number: int) -> dict:
    return next(n for n in notes if n["number"] == number)


def test_keyboard_focus_on_a_number_brings_its_note_level_and_opens_its_fold(dense_html, desktop):
    open_page(desktop, dense_html)
    folded = set(
        desktop.eval_on_selector_all("aside.bb-note:has(details.bb-apparatus)", "els => els.map(e => e.id)")
    )
    before, _ = measure(desktop)
    target = farthest_note(before, folded)
    assert abs(target["note"]["top"] - target["anchor"]["top"]) > LEVEL  # it has somewhere to go
    mark = f'a.bb-mark[href="#{target["id"]}"]'
    # focus the link before the number, then Tab to the number as a keyboard user would
    desktop.evaluate(
        """selector => {
          const links = Array.from(document.querySelectorAll('.bb-article a[href]'));
          links[links.indexOf(document.querySelector(selector)) - 1].focus();
        }""",
        mark,
    )
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("selector => document.activeElement === document.querySelector(selector)", mark)
    desktop.wait_for_timeout(SETTLE)
    notes, text = measure(desktop)
    note = by_number(notes, target["number"])
    assert note["active"], "the focused number's note is highlighted"
    assert abs(note["note"]["top"] - note["anchor"]["top"]) <= LEVEL
    assert desktop.evaluate(
        "n => Array.from(document.querySelectorAll('.bb-anchor.bb-active'))"
        ".every(a => a.dataset.notes.split(' ').includes(String(n)))",
        target["number"],
    )
    report = layout_report(notes, text)
    assert report["overlapping"] == [] and report["covering"] == [], report
    # the note's fold: Enter opens it, the note grows and stays level, its neighbours make room
    summary = desktop.locator(f"#{target['id']} summary")
    assert summary.evaluate("s => s.parentElement.open") is False
    summary.focus()
    desktop.keyboard.press("Enter")
    desktop.wait_for_timeout(SETTLE)
    assert summary.evaluate("s => s.parentElement.open") is True
    body = desktop.locator(f"#{target['id']} .bb-apparatus-body")
    assert body.is_visible()
    opened, text = measure(desktop)
    grown = by_number(opened, target["number"])
    assert grown["note"]["bottom"] - grown["note"]["top"] > note["note"]["bottom"] - note["note"]["top"]
    assert abs(grown["note"]["top"] - grown["anchor"]["top"]) <= LEVEL
    report = layout_report(opened, text)
    assert report["overlapping"] == [] and report["covering"] == [], report
    # and Space folds it again
    desktop.keyboard.press("Space")
    desktop.wait_for_timeout(SETTLE)
    assert summary.evaluate("s => s.parentElement.open") is False


def test_hovering_a_passage_brings_its_note_level_and_the_note_marks_its_passage(dense_html, desktop):
    open_page(desktop, dense_html)
    desktop.mouse.move(5, 5)
    before, _ = measure(desktop)
    target = farthest_note(before)
    anchor = desktop.locator(f'.bb-anchor[data-notes~="{target["number"]}"]').last
    anchor.hover()
    desktop.wait_for_timeout(SETTLE)
    notes, text = measure(desktop)
    note = by_number(notes, target["number"])
    assert note["active"]
    assert abs(note["note"]["top"] - note["anchor"]["top"]) <= LEVEL
    report = layout_report(notes, text)
    assert report["overlapping"] == [] and report["covering"] == [], report
    # over the note itself, its passage is highlighted and the note stays put
    desktop.locator(f"#{target['id']}").hover()
    desktop.wait_for_timeout(SETTLE)
    assert anchor.evaluate("a => a.classList.contains('bb-active')")
    assert abs(by_number(measure(desktop)[0], target["number"])["note"]["top"] - note["note"]["top"]) < 1
    # away from both, the notes go back to where they stood
    desktop.mouse.move(5, 5)
    desktop.wait_for_timeout(SETTLE + 500)
    after, _ = measure(desktop)
    assert [round(n["note"]["top"]) for n in after] == [round(n["note"]["top"]) for n in before]
    assert not anchor.evaluate("a => a.classList.contains('bb-active')")


# --- phone ------------------------------------------------------------------------------------


def test_phone_tap_opens_a_note_under_its_line_and_closes_it(dense_html, phone):
    open_page(phone, dense_html)
    notes, _ = measure(phone)
    assert len(notes) == dense_note_count()
    assert [n["number"] for n in notes if n["shown"]] == [], "notes wait closed until asked for"
    target = by_number(notes, 7)  # a long note in the middle of a paragraph
    mark = phone.locator(f'a.bb-mark[href="#{target["id"]}"]')
    assert mark.get_attribute("role") == "button" and mark.get_attribute("aria-expanded") == "false"
    mark.tap()
    phone.wait_for_timeout(100)
    notes, text = measure(phone)
    opened = [n for n in notes if n["shown"]]
    assert [n["number"] for n in opened] == [target["number"]]
    note = opened[0]
    assert mark.get_attribute("aria-expanded") == "true"
    # right under the line that holds the number, across the column, over no text
    assert note["anchor"]["bottom"] - 1 <= note["note"]["top"] <= note["anchor"]["bottom"] + LINE / 2
    assert note["note"]["left"] >= 0 and note["note"]["right"] <= PHONE["width"]
    assert not [line for line in text if overlaps(note["note"], line)]
    assert note["text"].startswith(f"{target['number']} ")
    # in reading order for a screen reader: the note follows its number
    assert phone.evaluate(
        "id => document.getElementById(id).previousElementSibling.getAttribute('href') === '#' + id",
        target["id"],
    )
    mark.tap()
    phone.wait_for_timeout(100)
    notes, _ = measure(phone)
    assert [n["number"] for n in notes if n["shown"]] == []
    assert mark.get_attribute("aria-expanded") == "false"


def test_phone_number_opens_its_note_from_the_keyboard(dense_html, phone):
    open_page(phone, dense_html)
    mark = phone.locator('a.bb-mark[aria-label="note 12"]')
    mark.focus()
    phone.keyboard.press("Space")
    assert mark.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Enter")
    assert mark.get_attribute("aria-expanded") == "false"


# --- without JavaScript -------------------------------------------------------------------------


def test_without_javascript_notes_stand_beside_their_paragraph(dense_html, browser):
    context = new_context(browser, DESKTOP, javascript=False)
    page = context.new_page()
    open_page(page, dense_html)
    notes, text = measure(page)
    context.close()
    report = assert_beside_passages(notes, text, dense_note_count(), DESKTOP["width"])
    assert report["max"] <= FARTHEST * 2, report  # no drift down the page, only the room a grid row gives
    previous = None
    for note in notes:
        box, para = note["note"], note["para"]
        if previous is None or previous["para"] != para:
            assert abs(box["top"] - para["top"]) <= 8, (
                f"note {note['number']} does not start at its paragraph"
            )
        else:
            assert 0 <= box["top"] - previous["note"]["bottom"] <= 16, (
                f"note {note['number']} is not under the last"
            )
        previous = note


def test_without_javascript_notes_stand_under_their_paragraph_on_a_phone(dense_html, browser):
    context = new_context(browser, PHONE, javascript=False)
    page = context.new_page()
    open_page(page, dense_html)
    notes, text = measure(page)
    context.close()
    assert len(notes) == dense_note_count() and all(n["shown"] for n in notes)
    for note in notes:
        box, para = note["note"], note["para"]
        assert box["top"] >= para["bottom"] - 1, f"note {note['number']} is not under its paragraph"
        assert box["left"] >= 0 and box["right"] <= PHONE["width"], f"note {note['number']} is off screen"
    tops = [n["note"]["top"] for n in notes]
    assert tops == sorted(tops), "notes under a paragraph keep their reading order"
    report = layout_report(notes, text)
    assert report["overlapping"] == [] and report["covering"] == [], report


# --- the placement itself (briefbook.js's pure functions, run in the page) -----------------------


def test_colliding_notes_move_apart_as_little_as_possible(dense_html, desktop):
    open_page(desktop, dense_html)
    place = "(args) => window.briefbook.place(...args)"
    # three notes of 50 px wanted on one line, 10 px apart: the middle one stays level
    assert desktop.evaluate(place, [[100, 100, 100], [50, 50, 50], 10, [0, 0, 0], -1]) == [40, 100, 160]
    # none rises above its paragraph's top
    assert desktop.evaluate(place, [[100, 100, 100], [50, 50, 50], 10, [80, 80, 80], -1]) == [80, 140, 200]
    # a note brought level with its passage moves the others, even above their paragraph ...
    assert desktop.evaluate(place, [[100, 100, 100], [50, 50, 50], 10, [80, 80, 80], 1]) == [40, 100, 160]
    # ... but never above the article
    assert desktop.evaluate(place, [[100, 100, 100], [50, 50, 50], 10, [0, 0, 0], 2]) == [0, 60, 120]


def test_text_gives_way_where_a_paragraph_has_more_notes_than_room(dense_html, desktop):
    open_page(desktop, dense_html)
    # paragraph 0 (lines 0-50) has three notes of 100 px; paragraph 1 starts at 80 with one note
    items = [
        {"y": 0, "h": 100, "para": 0, "floor": 0},
        {"y": 20, "h": 100, "para": 0, "floor": 0},
        {"y": 40, "h": 100, "para": 0, "floor": 0},
        {"y": 80, "h": 100, "para": 1, "floor": 80},
    ]
    result = desktop.evaluate("items => window.briefbook.arrange(items, 10, 80)", items)
    tops, ys, spaces = result["tops"], result["ys"], result["spaces"]
    assert spaces[0] > 0, "space after the crowded paragraph"
    assert abs(tops[3] - ys[3]) <= 80, "the next paragraph's note stands near its passage"
    assert ys[3] - ys[2] == spaces[0] + 40
    for upper, lower, height in zip(tops, tops[1:], [100, 100, 100], strict=False):
        assert lower >= upper + height + 10
    assert (
        max(distances([{"note": {"top": t}, "anchor": {"top": y}} for t, y in zip(tops, ys, strict=True)]))
        < 300
    )


def test_the_script_never_writes_markup():
    script = (REPO / "src/briefbook/sphinxext/static/briefbook.js").read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createElement", "eval("):
        assert sink not in script, f"briefbook.js uses {sink}"

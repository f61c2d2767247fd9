"""Headless Chromium (the system's, driven by Playwright) for tests that measure layout."""

from __future__ import annotations

import os
import statistics
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
MODES = ("light", "dark")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
# pydata-sphinx-theme reads the colour mode from localStorage before the page paints.
SET_MODE = "localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, viewport: dict, mode: str = "light", javascript: bool = True, touch: bool = False):
    """A browser context at ``viewport`` in the theme's ``mode``; ``touch`` makes it a phone."""
    context = browser.new_context(
        viewport=viewport,
        color_scheme=mode,
        java_script_enabled=javascript,
        has_touch=touch,
        is_mobile=touch,
    )
    context.add_init_script(SET_MODE.format(mode=mode))
    return context


def open_page(page, path: Path) -> None:
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true")
    page.wait_for_timeout(50)  # one more frame for a layout the fonts triggered


# Boxes of every note, its anchor's last line, its mark, and its paragraph, in page coordinates.
MEASURE_NOTES = """
() => Array.from(document.querySelectorAll('aside.bb-note')).map(note => {
  const n = note.dataset.number;
  const anchors = Array.from(document.querySelectorAll('.bb-anchor'))
      .filter(a => a.dataset.notes.split(' ').includes(n));
  const last = anchors[anchors.length - 1];
  const rects = last.getClientRects();
  const line = rects[rects.length - 1];
  const mark = document.querySelector(`a.bb-mark[href="#${CSS.escape(note.id)}"]`);
  const para = mark.closest('.bb-para');
  const box = r => ({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right});
  const style = getComputedStyle(note);
  return {number: Number(n), id: note.id, kind: note.dataset.kind, note: box(note.getBoundingClientRect()),
          anchor: box(line), mark: box(mark.getBoundingClientRect()), para: box(para.getBoundingClientRect()),
          shown: style.display !== 'none' && style.visibility !== 'hidden',
          active: note.classList.contains('bb-active'), text: note.innerText};
})
"""

# Every line of text on the page outside the notes (and outside the sidebars and header), as
# boxes in page coordinates: what a note must never cover.
MEASURE_TEXT = """
() => {
  const root = document.querySelector('.bd-article') || document.body;
  // (no filter callback: with JavaScript off the page cannot call back into a script)
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const boxes = [];
  const range = document.createRange();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.data.trim() || t.parentElement.closest('aside.bb-note')) continue;
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.height > 0) {
        boxes.push({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
                    text: t.data.trim().slice(0, 40)});
      }
    }
  }
  return boxes;
}
"""


def overlaps(a: dict, b: dict, slack: float = 0.5) -> bool:
    """Whether two boxes share more than ``slack`` px both ways."""
    return (
        a["left"] < b["right"] - slack
        and b["left"] < a["right"] - slack
        and a["top"] < b["bottom"] - slack
        and b["top"] < a["bottom"] - slack
    )


def distances(notes: list[dict]) -> list[float]:
    """How far each note's top stands from the top of its passage's last line, in px."""
    return [abs(n["note"]["top"] - n["anchor"]["top"]) for n in notes]


def layout_report(notes: list[dict], text: list[dict]) -> dict:
    """The figures the layout is judged by: distances, overlapping notes, notes over text."""
    away = distances(notes)
    return {
        "notes": len(notes),
        "median": statistics.median(away) if away else 0.0,
        "max": max(away, default=0.0),
        "overlapping": [
            (a["number"], b["number"])
            for i, a in enumerate(notes)
            for b in notes[i + 1 :]
            if overlaps(a["note"], b["note"])
        ],
        "covering": [
            (n["number"], line["text"]) for n in notes for line in text if overlaps(n["note"], line)
        ],
    }


# Select the first occurrence of a text in an article's words (not in a note or a link), as a
# reader's drag would: the preview's tools then offer what can be made of it
SELECT = """
(text) => {
  for (const para of document.querySelectorAll('div.bb-article .bb-para')) {
    const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, at = node.data.indexOf(text);
      if (at < 0 || node.parentElement.closest('aside, a')) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return true;
    }
  }
  return false;
}
"""


def select(page, text: str) -> None:
    """Select ``text`` in the article and wait for the preview's tools to offer it."""
    assert page.evaluate(SELECT, text), text
    page.wait_for_selector(".bbp-tools", state="visible")


def forms_failing_axe(browser, viewport: dict, open_each_form) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on every form ``open_each_form(page)`` opens (it yields a
    name for each, the form open), in light and dark mode, at ``viewport``; one line each."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = []
    for mode in MODES:
        context = new_context(browser, viewport, mode, touch=viewport is PHONE)
        page = context.new_page()
        for name in open_each_form(page):
            for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
                targets = [" ".join(node["target"]) for node in violation["nodes"]]
                failures.append(f"{mode} {name}: {violation['id']} ({violation['help']}) on {targets[:3]}")
        context.close()
    return failures

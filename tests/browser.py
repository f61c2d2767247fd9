"""Headless Chromium (the system's, driven by Playwright) for tests that measure layout."""

from __future__ import annotations

import os
from contextlib import contextmanager

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
DESKTOP = {"width": 1440, "height": 1000}
PHONE = {"width": 390, "height": 844}


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


# Boxes of every note, its anchor's last line, and its paragraph, in page coordinates.
MEASURE_NOTES = """
() => Array.from(document.querySelectorAll('aside.bb-note')).map(note => {
  const n = note.dataset.number;
  const anchors = Array.from(document.querySelectorAll('.bb-anchor'))
      .filter(a => a.dataset.notes.split(' ').includes(n));
  const last = anchors[anchors.length - 1];
  const rects = last.getClientRects();
  const line = rects[rects.length - 1];
  const para = last.closest('.bb-para');
  const box = r => ({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right});
  return {number: Number(n), kind: note.dataset.kind, note: box(note.getBoundingClientRect()),
          anchor: box(line), para: box(para.getBoundingClientRect()),
          text: note.innerText};
})
"""

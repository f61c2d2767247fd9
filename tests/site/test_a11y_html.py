"""Accessibility of the built site: axe-core's WCAG 2.1 A and AA rules, on every page, at desktop and
phone widths, in the theme's light and dark modes, with every fold and phone note open so that
their colours are checked too."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.browser import AXE_OPTIONS, DESKTOP, MODES, PHONE, chromium, new_context, open_page

pytestmark = pytest.mark.browser


# What a reader can open: every <details> (a note's apparatus, the removed lines) and, on a phone,
# every note (a click on its number, as a tap would).
OPEN_EVERYTHING = """
() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  if (matchMedia('(max-width: 991.98px)').matches) {
    document.querySelectorAll('a.bb-mark[role="button"][aria-expanded="false"]').forEach(m => m.click());
  }
}
"""


def site_pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if not {"_static", "_sources"} & set(p.parts))


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_meets_wcag_21_aa(book_html, browser, axe, viewport, mode):
    context = new_context(browser, viewport, mode, touch=viewport is PHONE)
    page = context.new_page()
    pages = site_pages(book_html)
    assert len(pages) >= 10 and any(p.parent.name == "articles" for p in pages)
    failures = []
    for path in pages:
        open_page(page, path)
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        page.evaluate(OPEN_EVERYTHING)
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"]]
            failures.append(
                f"{path.relative_to(book_html)}: {violation['id']} ({violation['help']}) "
                f"on {len(targets)}: {targets[:3]}"
            )
    context.close()
    assert failures == []


@pytest.fixture(scope="module")
def edited_book_html(tmp_path_factory) -> Path:
    """The seeds book changed since its first edition, so its pages carry What's new's items and
    the marks on new and changed notes and articles."""
    from helpers.book import copy_project, sphinx
    from helpers.editions import edit_seeds

    root = copy_project(tmp_path_factory.mktemp("edited"))
    edit_seeds(root)
    result = sphinx(root, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "docs/_build/html"


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_marks_of_an_edition_meet_wcag_21_aa(edited_book_html, browser, axe, viewport, mode):
    context = new_context(browser, viewport, mode, touch=viewport is PHONE)
    page = context.new_page()
    failures = []
    pages = ["whatsnew.html", "articles/002_72b9c12019795750.html", "articles/003_aacb11e1eea10760.html"]
    for name in pages:
        open_page(page, edited_book_html / name)
        page.evaluate(OPEN_EVERYTHING)
        assert page.locator(".bb-change").count() >= 2  # the marks are there to be checked
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"]]
            failures.append(
                f"{name}: {violation['id']} ({violation['help']}) on {len(targets)}: {targets[:3]}"
            )
    context.close()
    assert failures == []

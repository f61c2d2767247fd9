"""Fixtures the preview's browser tests share: one Chromium per module, and a desktop page that fails
the test on any script error. Each module brings its own ``served`` book."""

from __future__ import annotations

import pytest
from helpers.browser import DESKTOP, chromium


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(served, browser):
    """A desktop page on the module's served book; a script error on it fails the test."""
    page = browser.new_page(viewport=DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert not errors, errors

"""Fixtures every folder shares, and the markers each folder's tests carry.

The tests mirror the package: ``tests/<package>/`` tests ``briefbook.<package>``; ``tests/site/``
tests the whole book as its reader meets it (HTML and PDF of the seeds and of hostile texts);
``tests/helpers/`` is what they share.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOTS, require_tool

pytest_plugins = "sphinx.testing.fixtures"

# Markers by folder: ``pytest -m "not slow"`` leaves out every test that builds a whole book.
FOLDER_MARKERS = {"site": ("slow",)}
# And by what a test uses: a whole book built, or a browser.
FIXTURE_MARKERS = {
    "built_book": ("slow",),
    "book_html": ("slow", "browser"),
    "big_book": ("slow",),
    "big_book_pdf": ("slow",),
}


def pytest_collection_modifyitems(config, items) -> None:
    tests = Path(__file__).parent
    for item in items:
        folder = Path(item.fspath).relative_to(tests).parts[0]
        names = set(FOLDER_MARKERS.get(folder, ()))
        for fixture in getattr(item, "fixturenames", ()):
            names.update(FIXTURE_MARKERS.get(fixture, ()))
        for name in sorted(names):
            item.add_marker(getattr(pytest.mark, name))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The whole book, HTML and PDF, built once from a copy of docs/ and seeds/."""
    require_tool("xelatex", "latexmk", "pdftotext")
    from helpers.book import build_book

    return build_book(tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="session")
def book_html(tmp_path_factory) -> Path:
    """The book's HTML site alone (no PDF), built once from a copy of docs/ and seeds/."""
    require_tool("/usr/bin/chromium")
    from helpers.book import build_book

    return build_book(tmp_path_factory.mktemp("book-html"), pdf=False).html


@pytest.fixture(scope="session")
def big_book(tmp_path_factory):
    """A 300-article book (the benchmark's writer), its HTML site built once."""
    from helpers.bigbook import build, write_big_book

    book = write_big_book(tmp_path_factory.mktemp("big-book"))
    build(book, "--html")
    return book


@pytest.fixture(scope="session")
def big_book_pdf(big_book):
    """The 300-article book's PDF too, built once from the same pages."""
    require_tool("xelatex", "latexmk", "pdftotext")
    from helpers.bigbook import build

    build(big_book, "--pdf")
    return big_book

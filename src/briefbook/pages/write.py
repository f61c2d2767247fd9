"""The phases of a run, in order: read and check everything, render the pages, write what changed.

Nothing is written until every input has been read and checked, so a bad
sidecar stops the run with every problem listed and leaves the previous pages
as they were.  A page is rewritten only when its text changes, so Sphinx
re-reads only the pages whose content changed.
"""

from __future__ import annotations

from pathlib import Path

from ..book import Book, load_book
from ..book.editions import book_state
from ..book.readcache import ArticleCache
from ..editorial.references import hand_written_pages
from ..files import write_if_changed
from ..names import FRONT_PAGE, GENERATED_FOLDERS, UPDATE_PAGE
from . import render_pages
from .myst import GENERATED_MARK
from .whatsnew import Comparison


def write_pages(pages: dict[str, str], docs: Path) -> list[str]:
    """Write changed pages, remove generated pages that are no longer generated."""
    changed = [rel for rel, text in sorted(pages.items()) if write_if_changed(docs / rel, text)]
    update = docs / UPDATE_PAGE  # made only while an update brief is printed
    if UPDATE_PAGE not in pages and update.exists() and update.read_text("utf-8").startswith(GENERATED_MARK):
        update.unlink()
        changed.append(UPDATE_PAGE)
    for folder in GENERATED_FOLDERS:
        for stale in sorted((docs / folder).glob("*.md")):
            rel = f"{folder}/{stale.name}"
            if rel not in pages and stale.read_text("utf-8", errors="replace").startswith(GENERATED_MARK):
                stale.unlink()
                changed.append(rel)
    return changed


def generate(
    seeds: Path, docs: Path, link_terms: str = "first", cache: ArticleCache | None = None, since: str = ""
) -> tuple[Book, list[str], Comparison]:
    """Read and check everything (the editions too), then write the pages that changed.

    With a ``cache``, articles read by an earlier run are taken from it (see :mod:`.readcache`);
    ``since`` names the edition to compare the book with (empty: the default, see
    :mod:`briefbook.book.editions`).
    """
    book = load_book(seeds, link_terms, hand_written_pages(docs), cache, docs / FRONT_PAGE)
    comparison = Comparison.of(book_state(book, docs, since or None, cache))
    if cache is not None:
        cache.save()
    return book, write_pages(render_pages(book, comparison), docs), comparison

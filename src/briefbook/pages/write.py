"""The phases of a run, in order: read and check everything, render the pages, write what changed.

Nothing is written until every input has been read and checked, so a bad
sidecar stops the run with every problem listed and leaves the previous pages
as they were.  A page is rewritten only when its text changes, so Sphinx
re-reads only the pages whose content changed.
"""

from __future__ import annotations

from pathlib import Path

from ..book import Book, load_book
from ..book.readcache import ArticleCache
from ..editorial.references import hand_written_pages
from ..files import write_if_changed
from ..names import FRONT_PAGE, GENERATED_DIR
from . import render_pages
from .myst import GENERATED_MARK


def write_pages(pages: dict[str, str], docs: Path) -> list[str]:
    """Write changed pages, remove generated pages that are no longer generated."""
    changed = [rel for rel, text in sorted(pages.items()) if write_if_changed(docs / rel, text)]
    generated_dir = docs / GENERATED_DIR
    for stale in sorted(generated_dir.glob("*.md")):
        rel = f"{GENERATED_DIR}/{stale.name}"
        if rel not in pages and stale.read_text("utf-8", errors="replace").startswith(GENERATED_MARK):
            stale.unlink()
            changed.append(rel)
    return changed


def generate(
    seeds: Path, docs: Path, link_terms: str = "first", cache: ArticleCache | None = None
) -> tuple[Book, list[str]]:
    """Read and check everything, then write the pages that changed.

    With a ``cache``, articles read by an earlier run are taken from it (see :mod:`.readcache`).
    """
    book = load_book(seeds, link_terms, hand_written_pages(docs), cache, docs / FRONT_PAGE)
    if cache is not None:
        cache.save()
    return book, write_pages(render_pages(book), docs)

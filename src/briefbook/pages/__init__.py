"""The generated MyST pages: everything a page shows is written into it.

Each page holds all it shows of the book (an article's text, its notes with their resolved
cross-links, its term links and related coverage; an overview page's rows), so a page file
changes exactly when what it shows changes and Sphinx's own change detection decides what to
read again.  The Sphinx side reads nothing else: its directives turn the pages' blocks into nodes.

- ``blocks``: every block of a generated page, for both sides: written here, read back by the
  directives in :mod:`briefbook.sphinxext` (light to import: no book model, no Sphinx), with
  ``claimblocks``: the claims matrix's rows and the ``{claim}`` index, named in ``blocks`` too;
- ``myst``: writing MyST safely (escaping, fences longer than any backtick run, JSON lines);
- ``article``: an article's page (text, notes, term links, related coverage, removed lines);
- ``overviews``: the other pages (the front page's list and contents, glossary, claims matrix,
  timeline, sources) and the ``{claim}`` index;
- ``provenance``: what the pages show of provenance (a claim's standing and its marks by origin, a
  source's reliability, the declared origins, the key judgments with the claims each rests on);
- ``write``: the phases of a run in order (read and check, render, write only what changed);
- ``record``: the record of what a run wrote, handed to the Sphinx process ``briefbook build`` starts.

Other packages import :func:`render_pages`, ``write.generate`` and ``write.write_pages``,
``record`` (the Sphinx side, and ``build``), ``blocks`` (the Sphinx side) and
``myst.GENERATED_MARK`` (what marks a page as generated).  Importing the package itself loads
nothing of the book: the Sphinx side imports ``blocks`` and ``record`` without the reading pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..names import CLAIMS_INDEX, GENERATED_DIR, JUDGMENTS_PAGE

if TYPE_CHECKING:
    from ..book import Book

__all__ = ["render_pages"]


def render_pages(book: Book) -> dict[str, str]:
    """Every generated page, keyed by its path relative to the docs folder."""
    # imported here, not above: they need the book model, which the Sphinx side never loads
    from .article import render_article_page
    from .overviews import (
        ARTICLES_TOC,
        SUMMARY,
        claims_index,
        render_articles_toc,
        render_claims_page,
        render_glossary_page,
        render_sources_page,
        render_summary,
        render_timeline_page,
    )
    from .provenance import render_judgments

    pages = {f"{GENERATED_DIR}/{e.stem}.md": render_article_page(book, e) for e in book.articles}
    pages[SUMMARY] = render_summary(book)
    pages[ARTICLES_TOC] = render_articles_toc(book)
    pages[CLAIMS_INDEX] = claims_index(book)
    pages[JUDGMENTS_PAGE] = render_judgments(book)
    pages["glossary.md"] = render_glossary_page(book)
    pages["claims.md"] = render_claims_page(book)
    pages["timeline.md"] = render_timeline_page(book)
    pages["sources.md"] = render_sources_page(book)
    return pages

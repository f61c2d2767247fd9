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
- ``overviews``: the other pages (claims matrix, timeline, sources), a glossary entry, and the
  ``{claim}`` index;
- ``glossary``: the glossary's pages (its A–Z on screen; a page per kind when it is large);
- ``browse``: the articles grouped by date and by publisher: the front page's lists and contents
  entry, and a page per group;
- ``provenance``: what the pages show of provenance (a claim's standing and its marks by origin, a
  source's reliability, the declared origins, the key judgments with the claims each rests on);
- ``whatsnew``: the "What's new" page, the marks on new and changed articles and notes, the update
  brief's start page, and what the PDF says of its edition;
- ``changeitems``: What's new's items in words: what each change says, how editions are named;
- ``changeblocks``: the blocks of editions (What's new's items, the marks), for both sides, as
  ``blocks`` is for the rest;
- ``write``: the phases of a run in order (read and check, render, write only what changed);
- ``record``: the record of what a run wrote, handed to the Sphinx process ``briefbook build`` starts.

Other packages import :func:`render_pages`, ``write.generate`` and ``write.write_pages``,
``record`` (the Sphinx side, and ``build``), ``blocks`` (the Sphinx side) and
``myst.GENERATED_MARK`` (what marks a page as generated).  Importing the package itself loads
nothing of the book: the Sphinx side imports ``blocks`` and ``record`` without the reading pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..names import CLAIMS_INDEX, GENERATED_DIR, JUDGMENTS_PAGE, UPDATE_PAGE, WHATSNEW_PAGE

if TYPE_CHECKING:
    from ..book import Book
    from .whatsnew import Comparison

__all__ = ["render_pages"]


def render_pages(book: Book, comparison: Comparison | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path relative to the docs folder.

    ``comparison`` is the book among its editions (:class:`.whatsnew.Comparison`), for the What's
    new page and the marks; without one, the book's editions are read from its seeds folder and the
    front page is taken as empty.
    """
    # imported here, not above: they need the book model, which the Sphinx side never loads
    from ..book.editions import edition_state, list_editions
    from ..book.manifest import record_book
    from .article import render_article_page
    from .browse import ARTICLES_TOC, SUMMARY, render_articles_toc, render_browse_pages, render_summary
    from .glossary import render_glossary_pages
    from .overviews import claims_index, render_claims_page, render_sources_page, render_timeline_page
    from .provenance import render_judgments
    from .whatsnew import Comparison, render_update_brief, render_whatsnew_page

    if comparison is None:
        comparison = Comparison.of(edition_state(record_book(book, ""), list_editions(book.seeds)))
    marks = comparison.marks()
    pages = {
        f"{GENERATED_DIR}/{e.stem}.md": render_article_page(book, e, marks.get(e.stem)) for e in book.articles
    }
    pages[WHATSNEW_PAGE] = render_whatsnew_page(book, comparison)
    update = render_update_brief(book, comparison)
    if update is not None:
        pages[UPDATE_PAGE] = update
    pages[SUMMARY] = render_summary(book)
    pages[ARTICLES_TOC] = render_articles_toc(book)
    pages[CLAIMS_INDEX] = claims_index(book)
    pages[JUDGMENTS_PAGE] = render_judgments(book)
    pages.update(render_glossary_pages(book))
    pages["claims.md"] = render_claims_page(book)
    pages["timeline.md"] = render_timeline_page(book)
    pages["sources.md"] = render_sources_page(book)
    pages.update(render_browse_pages(book))
    return pages

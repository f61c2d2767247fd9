"""What the preview renders from the book by itself, before Sphinx: the generated pages of the pages
readers have open (as :func:`briefbook.pages.render_pages` renders them, the others left for the
build after), and the names and acronyms the articles use that the glossary lacks, which the
glossary form offers."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from ..book import Book
from ..names import CLAIMS_INDEX, GENERATED_DIR, JUDGMENTS_PAGE, WHATSNEW_PAGE

if TYPE_CHECKING:
    from ..pages.whatsnew import Comparison


def candidates(
    book: Book, cache: Any = None, give_up: Callable[[], bool] | None = None
) -> list[dict[str, Any]]:
    """The names and acronyms the articles use that the glossary lacks (those ``check`` lists);
    kept in the read cache while the articles' words and the glossary's spellings are the same
    (finding them reads every word of the book).  ``give_up``: see
    :func:`~briefbook.analysis.candidates.candidate_terms`."""
    from ..analysis.candidates import candidate_terms
    from ..analysis.termmatch import TermMatcher
    from ..book.load import words_key

    def find() -> list[dict[str, Any]]:
        paragraphs = [p for entry in book.articles for p in entry.article.paragraphs]
        return [
            {"term": t, "count": c}
            for t, c in candidate_terms(paragraphs, TermMatcher(book.glossary), give_up)
        ]

    if cache is None:
        return find()
    spellings = ("\1".join((e.id, e.case or "", *e.surfaces)) for e in book.glossary.entries)
    words = (part for entry in book.articles for part in words_key(entry.article))
    return cache.remember(("candidate terms", *spellings, "\0", *words), find)


def render_some(book: Book, docnames: Collection[str], comparison: Comparison) -> dict[str, str]:
    """The generated pages of these pages (by page name), rendered from the book as
    :func:`briefbook.pages.render_pages` renders them; other pages ignored."""
    from ..pages.article import render_article_page
    from ..pages.browse import ARTICLES_TOC, SUMMARY, render_articles_toc, render_summary
    from ..pages.glossary import render_glossary_pages
    from ..pages.overviews import claims_index, render_claims_page, render_sources_page, render_timeline_page
    from ..pages.provenance import render_judgments
    from ..pages.whatsnew import render_whatsnew_page

    # each overview page (by name) and what renders the generated files it is made from
    overviews: dict[str, Callable[[], dict[str, str]]] = {
        "index": lambda: {
            SUMMARY: render_summary(book),
            ARTICLES_TOC: render_articles_toc(book),
            JUDGMENTS_PAGE: render_judgments(book),
        },
        "glossary": lambda: render_glossary_pages(book),
        "claims": lambda: {"claims.md": render_claims_page(book), CLAIMS_INDEX: claims_index(book)},
        "timeline": lambda: {"timeline.md": render_timeline_page(book)},
        "sources": lambda: {"sources.md": render_sources_page(book)},
        WHATSNEW_PAGE.removesuffix(".md"): lambda: {WHATSNEW_PAGE: render_whatsnew_page(book, comparison)},
    }
    marks = comparison.marks()
    pages: dict[str, str] = {}
    stems = {entry.stem for entry in book.articles}
    for docname in docnames:
        folder, _, stem = docname.partition("/")
        if folder == GENERATED_DIR and stem in stems:
            pages[f"{docname}.md"] = render_article_page(book, book.article(stem), marks.get(stem))
        group = overviews.pop(folder if folder == "glossary" else docname, None)  # each rendered once
        if group is not None:
            pages.update(group())
    return pages

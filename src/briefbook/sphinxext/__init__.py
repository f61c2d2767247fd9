"""briefbook's Sphinx extension: ``extensions = ["briefbook.sphinxext"]``.

When Sphinx starts it checks the book's settings, reads and checks the book's seeds and writes
the generated MyST pages into the source folder, so a plain ``sphinx-build`` builds the whole
book.  The pages' blocks (defined in :mod:`briefbook.pages.blocks`) are read by directives into
briefbook's nodes, which each writer writes its own way.

One module per feature, each with its ``setup_<feature>(app)``, called in order by :func:`setup`;
each registers its nodes with their visitors for the html, latex, text, man and texinfo writers:

- ``config``: the book's settings in conf.py, declared and checked;
- ``generator``: the pages written when Sphinx starts, problems logged at their file and line;
- ``latex``: the PDF's paper, margins and title page, briefbook.sty, long words broken in print;
- ``memory``: each page's doctree let go once it is on disk;
- ``htmlpage``: briefbook's CSS and JS on every HTML page, a title safe in the theme's header;
- ``text``: an article's text and its notes as nodes (margin notes on screen and in print,
  bracketed paragraphs elsewhere);
- ``apparatus``: a note's basis and cross-links, folded on screen, gathered at a chapter's end in print;
- ``terms``: glossary mentions linked, acronyms with their expansion;
- ``links``: the links the book makes to other pages, resolved per writer;
- ``pagerefs``: in print, every reference to an article followed by its page ("003, p. 31");
- ``article``: the directives that read an article's page;
- ``articletext``: an article's paragraph kept compact while Sphinx reads it, made whole before
  it is written;
- ``quotes``: Sphinx's smart quotes, skipping the blocks of text they would leave as they are;
- ``overviews``: the glossary's mentions, claims matrix, timeline, related coverage, and the
  ``{claim}`` role;
- ``provenance``: a claim's grade and what it stands on, the declared origins;
- ``judgments``: the key judgments on the front page, each with the claims it rests on;
- ``tables``: the sources table (sorted and filtered on screen by its script), tables in print;
- ``browse``: the articles by date and by publisher, folding on the front page, whole on their pages;
- ``figures``: the timeline and the actor chart, as SVG and TikZ;
- ``editions``: What's new, and the marks on new and changed notes and articles;
- ``editionprint``: the PDF's edition on its title page, and the update brief;
- ``searchindex``: the search index kept whole across incremental builds;
- ``removed``: a page removed from the book leaves the site;
- ``navigation``: the theme's sidebar built once per folder;
- ``navstore``: the folders' sidebars kept for the next build while the tables of contents are the same;
- ``pagetoc``: the theme's "on this page" contents made without CSS selectors, and not at all for
  an article (its margin holds the notes);
- ``preview``: what ``briefbook serve``'s pages have and the published site does not;
- ``visitors``: what a writer does with a node that needs nothing of its own there.

Nothing here imports the book's reading pipeline unless the pages are to be written here.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .. import __version__
from .apparatus import setup_apparatus
from .article import setup_article
from .articletext import setup_article_text
from .browse import setup_browse
from .config import setup_settings
from .editionprint import setup_edition_print
from .editions import setup_editions
from .figures import setup_figures
from .generator import setup_generator
from .htmlpage import setup_html_page
from .judgments import setup_judgments
from .latex import setup_latex
from .links import setup_links
from .memory import setup_memory
from .navigation import setup_navigation
from .overviews import setup_overviews
from .pagerefs import setup_pagerefs
from .pagetoc import setup_page_toc
from .preview import setup_preview
from .provenance import setup_provenance
from .quotes import setup_quotes
from .removed import setup_removed_pages
from .searchindex import setup_search_index
from .tables import setup_tables
from .terms import setup_terms
from .text import setup_text

# raise when the doctrees briefbook writes change shape, so old pickled ones are not reused
ENV_VERSION = 4


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    # the order matters where two features hook the same event at the same priority
    # (config-inited: the code's digest, then the static, template and preview folders)
    setup_settings(app)
    setup_generator(app)
    setup_latex(app)
    setup_memory(app)
    setup_html_page(app)
    setup_text(app)
    setup_apparatus(app)
    setup_terms(app)
    setup_links(app)
    setup_pagerefs(app)
    setup_article(app)
    setup_article_text(app)
    setup_quotes(app)
    setup_overviews(app)
    setup_provenance(app)
    setup_judgments(app)
    setup_tables(app)
    setup_browse(app)
    setup_figures(app)
    setup_editions(app)
    setup_edition_print(app)
    setup_search_index(app)
    setup_removed_pages(app)
    setup_navigation(app)
    setup_page_toc(app)
    setup_preview(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

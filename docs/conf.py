"""Sphinx configuration for the briefing book.

briefbook's extension reads ../seeds when Sphinx starts and writes the
generated pages (articles/*.md) into this folder, so `sphinx-build` alone
builds the whole book.
"""

from __future__ import annotations

import os

project = "US–Russia military-to-military dialogue"
author = "briefbook"
copyright = "the sources' publishers for the article texts; the editors for the notes"
language = "en"

extensions = ["briefbook.sphinxext"]
briefbook_seeds = "../seeds"
# A4 by default; `make book PAPER=letter` (or BRIEFBOOK_PAPER=letter) for US Letter.
briefbook_paper = os.environ.get("BRIEFBOOK_PAPER", "a4")

root_doc = "index"
today_fmt = "%-d %B %Y"  # the title page's date, e.g. "5 February 2026"
exclude_patterns = ["_build", "_generated", ".venv"]
myst_heading_anchors = 2
myst_enable_extensions = ["deflist"]

html_theme = "sphinx_book_theme"
html_title = "Briefing book: US–Russia military-to-military dialogue"
html_theme_options = {
    "show_toc_level": 1,
    # The book theme's sidebar has the search field; left to its default, the PyData theme under it
    # adds a header bar with a second one, which at desktop widths covers the sidebar's title.
    "navbar_persistent": [],
}

latex_engine = "xelatex"
latex_documents = [(root_doc, "briefing.tex", "US–Russia Military-to-Military Dialogue", author, "manual")]
latex_show_urls = "no"
latex_elements = {
    # FreeSerif/FreeSans/FreeMono (Debian fonts-freefont-otf) cover Latin and Cyrillic.
    "fontpkg": "\\setmainfont{FreeSerif}\n\\setsansfont{FreeSans}\n\\setmonofont{FreeMono}\n",
    "releasename": "",
}

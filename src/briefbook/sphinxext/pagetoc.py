"""The theme's "on this page" contents, made as the theme makes them but without CSS selectors, and
not made at all for an article, whose right-hand column holds its margin notes instead.

pydata-sphinx-theme (under sphinx-book-theme) builds a page's contents list with BeautifulSoup and
finds its top headings with two CSS selectors.  The first selectors a process uses cost soupsieve
some 0.1 s compiling its patterns: a large part of a rebuild that writes one article.  The same
soup, changed the same way, with its headings found by class with ``find_all``, gives the same
HTML, byte for byte (a test compares every page).

The book's ``page-toc.html`` (the theme's, calling briefbook's function) is what the theme renders
for a page's right-hand column, and the theme's function is replaced by briefbook's once the theme
has set it, for the page's print header.  The theme renders that column on every page to drop it
where it comes out empty; on an article the column holds the margin notes instead, so the theme
is not asked for it there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

from ..names import GENERATED_DIR

# before the theme's own handlers (at the default priority, 500), which read the option
BEFORE_THEME = 499
# after them: the theme puts its own function into the context at 500
AFTER_THEME = 600


def is_article(pagename: str) -> bool:
    return pagename.startswith(f"{GENERATED_DIR}/")


def own_contents_function(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Before the theme checks the page's columns: briefbook's function for the page's contents
    (which the book's ``page-toc.html`` calls); on an article, no contents column at all."""
    context["bb_generate_toc_html"] = toc_function(context)
    if is_article(pagename):  # the column is not shown: the theme need not render it to see if it is empty
        context.pop("theme_secondary_sidebar_items", None)
        context["secondary_sidebar_items"] = []


def toc_function(context: dict) -> Callable[..., Any]:
    """The theme's ``generate_toc_html`` for one page, its headings found by class, not by CSS selector."""

    @functools.cache
    def generate_toc_html(kind: str = "html") -> Any:
        if "toc" not in context:
            return ""
        from bs4 import BeautifulSoup  # the theme's own dependency: loaded by it already

        soup = BeautifulSoup(context["toc"], "html.parser")
        show_level = context["theme_show_toc_level"] + 1

        def add_header_level_recursive(ul: Any, level: int) -> None:
            if ul is None:
                return
            if level <= show_level:
                ul["class"] = [*ul.get("class", []), "pst-show_toc_level"]
            for li in ul("li", recursive=False):
                li["class"] = [*li.get("class", []), f"toc-h{level}"]
                add_header_level_recursive(li.find("ul", recursive=False), level + 1)

        add_header_level_recursive(soup.find("ul"), 1)
        for ul in soup("ul"):  # Bootstrap's classes, as the theme adds them
            ul["class"] = [*ul.get("class", []), "nav", "section-nav", "flex-column"]
        for li in soup("li"):
            li["class"] = [*li.get("class", []), "nav-item", "toc-entry"]
            if li.find("a"):
                a = li.find("a")
                a["class"] = [*a.get("class", []), "nav-link"]
        # one top heading is the page's title: the list is what is under it, if anything
        top = soup.find_all(class_="toc-h1")
        if len(top) == 1:
            out = top[0].find("ul") if top[0].find(class_="toc-h2") is not None else ""
        else:
            out = soup
        return out if kind == "html" else soup

    return generate_toc_html


def contents_without_selectors(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """After the theme's handlers: its templates that call the theme's function (the page's print
    header) call briefbook's, the one ``page-toc.html`` called, so the contents are made once."""
    if "generate_toc_html" in context and "bb_generate_toc_html" in context:
        context["generate_toc_html"] = context["bb_generate_toc_html"]


def setup_page_toc(app: Sphinx) -> None:
    app.connect("html-page-context", own_contents_function, priority=BEFORE_THEME)
    app.connect("html-page-context", contents_without_selectors, priority=AFTER_THEME)

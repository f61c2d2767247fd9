"""What every HTML page gets: briefbook's styles and script, and a title safe in the theme's header;
and the scripts only some pages need (sorting a table, the search's results)."""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def setup_html_page(app: Sphinx) -> None:
    app.add_css_file("briefbook.css")
    app.add_js_file("briefbook.js", defer="defer")
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", escape_page_title, priority=900)  # after the theme sets it
    app.connect("html-page-context", add_page_scripts)


def add_page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The scripts only some pages need: the one that sorts and filters a table (the sources), and
    the one that lists each search result once, in a reader's order (the search page)."""
    if doctree is not None and any("bb-sortable" in t["classes"] for t in doctree.findall(nodes.table)):
        app.add_js_file("briefbook-table.js", defer="defer")
    if pagename == "search":
        app.add_js_file("briefbook-search.js", defer="defer")


def add_static_path(app: Sphinx, config: Config) -> None:
    # CSS and JS ship inside the package; Sphinx copies them to _static/ for HTML builders only.
    config.html_static_path.append(str(STATIC))


def escape_page_title(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """sphinx-book-theme puts ``pagetitle`` (the title as plain text) into its print header's ``<h1>``
    unescaped, so a headline holding ``<script>`` would run there.  Titles come from articles: make
    that one plain-text value HTML-safe (the theme's other uses of the title are escaped already)."""
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = html.escape(context["pagetitle"])

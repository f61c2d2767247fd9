"""What the live preview's pages have and the published site never does.

``briefbook serve`` builds with ``briefbook_preview`` set (``-D briefbook_preview=1``).
Only then does a page load the annotation script and its styles, name itself in
``<meta name="briefbook-page">`` (so the preview knows which pages are open, to
build them first) and, on an article page, name its article in
``<meta name="briefbook-article">`` (so the script knows which sidecar a
selection belongs to).  The script and styles live
in a static folder of their own, added to the build only then: the published
site does not even hold a copy.
"""

from __future__ import annotations

import html
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ..names import GENERATED_DIR

PREVIEW_STATIC = Path(__file__).parent / "static-preview"
ARTICLE_META = "briefbook-article"
PAGE_META = "briefbook-page"
# what every preview page shares; the forms; an article page's editing; the glossary's and claims';
# an article's grade and the front page's key judgments
PREVIEW_SCRIPTS = (
    "briefbook-preview.js",
    "briefbook-forms.js",
    "briefbook-article.js",
    "briefbook-lists.js",
    "briefbook-weighing.js",
)


def add_preview_assets(app: Sphinx, config: Config) -> None:
    if not config.briefbook_preview:
        return
    config.html_static_path = [*config.html_static_path, str(PREVIEW_STATIC)]  # a new list: see htmlpage
    app.add_css_file("briefbook-preview.css")
    for script in PREVIEW_SCRIPTS:  # in this order: each uses what the ones before it give
        app.add_js_file(script, defer="defer")


def name_the_article(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Name the page (every page: its event stream tells the preview which pages are open, to
    build first) and, on an article's page, the article."""
    if not app.config.briefbook_preview:
        return
    metas = [f'<meta name="{PAGE_META}" content="{html.escape(pagename, quote=True)}" />']
    prefix = f"{GENERATED_DIR}/"
    if pagename.startswith(prefix):
        stem = pagename[len(prefix) :]
        metas.append(f'<meta name="{ARTICLE_META}" content="{html.escape(stem, quote=True)}" />')
    context["metatags"] = "\n    ".join([context.get("metatags", ""), *metas])


def setup_preview(app: Sphinx) -> None:
    app.add_config_value("briefbook_preview", False, "html", types=[bool])
    app.connect("config-inited", add_preview_assets)
    app.connect("html-page-context", name_the_article)

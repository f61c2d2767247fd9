"""The page's "on this page" contents: briefbook's function makes the theme's HTML, byte for byte."""

from __future__ import annotations

import pytest
from pydata_sphinx_theme.toctree import add_toctree_functions

from briefbook.sphinxext.pagetoc import contents_without_selectors, own_contents_function

# the contents Sphinx gives a page (its "toc"): a title with sections and subsections, a title
# alone, two top headings (no title), a section whose subsections hold more, and none at all
TOCS = {
    "title with sections": (
        '<ul>\n<li><a class="reference internal" href="#">Title</a><ul>\n'
        '<li><a class="reference internal" href="#a">A</a><ul>\n'
        '<li><a class="reference internal" href="#a1">A1</a></li>\n</ul>\n</li>\n'
        '<li><a class="reference internal" href="#b">B</a></li>\n</ul>\n</li>\n</ul>\n'
    ),
    "title alone": '<ul>\n<li><a class="reference internal" href="#">Title</a></li>\n</ul>\n',
    "two top headings": (
        '<ul>\n<li><a class="reference internal" href="#x">X</a></li>\n'
        '<li><a class="reference internal" href="#y">Y</a><ul>\n'
        '<li><a class="reference internal" href="#y1">Y1</a><ul>\n'
        '<li><a class="reference internal" href="#y1a">Y1a</a></li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n'
    ),
    "empty": "",
}


def theirs_and_ours(toc: str | None, level: int):
    page = {"theme_show_toc_level": level, **({"toc": toc} if toc is not None else {})}
    theirs, ours = dict(page), dict(page)
    add_toctree_functions(None, "page", "page.html", theirs, None)
    own_contents_function(None, "page", "page.html", ours, None)
    add_toctree_functions(None, "page", "page.html", ours, None)  # the theme's, at its priority
    contents_without_selectors(None, "page", "page.html", ours, None)
    return theirs["generate_toc_html"], ours["generate_toc_html"]


@pytest.mark.parametrize("name", [*TOCS, None])
@pytest.mark.parametrize("level", [1, 2, 3])
@pytest.mark.parametrize("kind", ["html", "sidebar"])
def test_the_same_contents_as_the_theme(name: str | None, level: int, kind: str) -> None:
    theirs, ours = theirs_and_ours(TOCS[name] if name else None, level)
    assert ours is not theirs
    assert str(ours(kind)) == str(theirs(kind))
    assert str(ours()) == str(theirs())


def test_a_title_with_sections_lists_the_sections() -> None:
    _, ours = theirs_and_ours(TOCS["title with sections"], 1)
    html = str(ours())
    assert 'href="#a"' in html and 'href="#a1"' in html and 'href="#"' not in html
    assert "toc-h2 nav-item toc-entry" in html


def test_an_article_has_no_contents_column() -> None:
    context = {"theme_secondary_sidebar_items": ["page-toc.html"], "toc": TOCS["title with sections"]}
    own_contents_function(None, "articles/000_x", "page.html", context, None)
    assert context["secondary_sidebar_items"] == [] and "theme_secondary_sidebar_items" not in context
    other = {"theme_secondary_sidebar_items": ["page-toc.html"], "toc": TOCS["title with sections"]}
    own_contents_function(None, "sources", "page.html", other, None)
    assert (
        other["theme_secondary_sidebar_items"] == ["page-toc.html"] and "secondary_sidebar_items" not in other
    )

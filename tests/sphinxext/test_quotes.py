"""Smart quotes skip the text they would leave alone, and make every other page as Sphinx does."""

from __future__ import annotations

from sphinx.transforms import SphinxSmartQuotes

from briefbook.sphinxext.quotes import QuickSmartQuotes, has_active

CONF = """
extensions = []
smartquotes_action = {action!r}
def setup(app):
    if {quick}:
        from briefbook.sphinxext.quotes import setup_quotes
        setup_quotes(app)
"""
# ASCII quotes across inline nodes, an apostrophe, dashes, an ellipsis, an escape, literal text and
# a block already typographic (which is left as it is)
PAGE = """Quotes
======

He said "*no* -- not 'yet'"... and left; it's the '90s.

A "quote" beside ``"literal"`` text, an escaped \\"quote\\" and three . . . dots --- then more.

Already typographic: “quoted” — it’s done… and a plain sentence.

.. rst-class:: language-xx

A paragraph in a "language" smart quotes do not know.
"""


def build(make_app, tmp_path, name: str, quick: bool, action: str = "qDe"):
    src = tmp_path / name
    src.mkdir()
    (src / "conf.py").write_text(CONF.format(action=action, quick=quick), "utf-8")
    (src / "index.rst").write_text(PAGE, "utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    return app, (app.outdir / "index.html").read_text("utf-8")


def test_quick_smart_quotes_take_sphinx_place(make_app, tmp_path):
    app, _ = build(make_app, tmp_path, "quick", quick=True)
    assert QuickSmartQuotes in app.registry.transforms
    assert SphinxSmartQuotes not in app.registry.transforms


def test_the_page_is_the_one_sphinx_makes(make_app, tmp_path):
    pages, warnings = {}, {}
    for action in ("qDe", "qbBdie", "1"):
        for quick in (True, False):
            app, pages[action, quick] = build(make_app, tmp_path, f"{action}-{quick}", quick, action)
            warnings[action, quick] = [
                line.split("index.rst")[-1]
                for line in app.warning.getvalue().splitlines()
                if "quotes" in line
            ]
        assert pages[action, True] == pages[action, False]
        assert warnings[action, True] == warnings[action, False]
    page = pages["qDe", True]
    assert "He said “<em>no</em> – not ‘yet’”… and left; it’s the ’90s." in page
    assert "Already typographic: “quoted” — it’s done… and a plain sentence." in page
    assert "A paragraph in a &quot;language&quot; smart quotes do not know." in page
    assert ':12: WARNING: No smart quotes defined for language "xx".' in warnings["qDe", True][0]


def test_only_text_with_something_to_educate_is_taken():
    assert not has_active("Already typographic: “quoted” — it’s done… and a plain sentence.")
    assert not has_active("military-to-military dialogue. Yes.")
    for text in ("it's", 'a "b"', "a -- b", "wait...", ". . .", "`b`", "a\\b", "a\x00b"):
        assert has_active(text), text

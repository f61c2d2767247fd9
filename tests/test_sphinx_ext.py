"""The Sphinx extension on a small test root: HTML, LaTeX and text output."""

from __future__ import annotations

import re
from html import unescape

import pytest


def visible_text(html: str) -> str:
    """The text a reader sees in an HTML fragment (tags dropped, entities decoded, spaces folded)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def article_div(html: str) -> str:
    start = html.index('<div class="bb-article')
    return html[start : html.index("</body>", start)]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_html_article_page(app, warning):
    app.build()
    assert warning.getvalue() == ""
    html = (app.outdir / "articles" / "alpha.html").read_text("utf-8")
    body = article_div(html)
    text = visible_text(body)
    # the article's own words, hard-wrapped lines joined, markup-looking text kept as text
    assert "The first paragraph says that the dialogue was suspended in 2021" in text
    assert "A second paragraph with *stars*, <b>tags</b> and {raw}`x` in it." in text
    assert "<b>tags" not in body  # escaped, not interpreted
    # two notes, numbered in reading order, each an aside with its kind
    asides = re.findall(r'<aside class="bb-note" data-kind="([^"]+)" data-number="(\d)"', body)
    assert asides == [("fact-check", "1"), ("context", "2")]
    anchors = re.findall(r'<span class="bb-anchor" data-notes="(\d)">([^<]*)</span>', body)
    assert anchors == [("1", "suspended in 2021"), ("2", "restored in 2026")]
    assert "The suspension came in <em>late</em> 2021." in body
    assert "Basis: </em>A test basis." in body
    # the page title and metadata come from the sidecar
    assert "<h1>Alpha report" in html
    assert "News report · The Test Gazette · 5 February 2026" in visible_text(html)


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_html_untrusted_title_and_removed_lines(app, warning):
    app.build()
    html = (app.outdir / "articles" / "beta.html").read_text("utf-8")
    assert "<h1>Beta &amp; &lt;friends&gt;" in html
    assert "Opinion · publisher not stated · date not stated" in visible_text(html)


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_latex_notes_are_margin_notes(app, warning):
    app.build()
    assert warning.getvalue() == ""
    tex = (app.outdir / "basic.tex").read_text("utf-8")
    assert r"\usepackage{briefbook}" in tex
    assert (app.outdir / "briefbook.sty").exists()
    assert r"\bbanchor{suspended in 2021}\bbmark{1}\bbnote{1}{fact\sphinxhyphen{}check}{" in tex
    assert r"A second paragraph with *stars*, <b>tags</b> and \{raw\}`x` in it." in tex
    assert r"\chapter{Alpha report}" in tex


@pytest.mark.sphinx("text", testroot="basic", freshenv=True)
def test_text_builder_puts_notes_after_their_paragraph(app, warning):
    app.build()
    assert warning.getvalue() == ""
    text = (app.outdir / "articles" / "alpha.txt").read_text("utf-8")
    paragraph = text.index("suspended in 2021[1]")
    first, second = text.index("[1 · fact-check] The suspension"), text.index("[2 · context] Second note.")
    assert paragraph < first < second


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True, confoverrides={"briefbook_paper": "letter"})
def test_letter_paper_is_a_setting(app):
    app.build()
    tex = (app.outdir / "basic.tex").read_text("utf-8")
    assert r"\usepackage[letterpaper,twoside" in tex
    assert "a4paper" not in tex

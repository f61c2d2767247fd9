"""Long lists written straight to HTML read exactly as the nodes they stand for would."""

from __future__ import annotations

import re
import shutil

from helpers import ROOTS

from briefbook.sphinxext import overviews

ROOT = ROOTS / "test-navigation"


def glossary_entries(html: str) -> str:
    """The page's article: every kind's list of entries, with their "Mentioned in" lines."""
    return re.search(r"<article class=\"bd-article\">.*?</article>", html, re.DOTALL).group()


def test_mentions_in_html_are_the_paragraph_of_links_they_stand_for(make_app, tmp_path, monkeypatch):
    shutil.copytree(ROOT, tmp_path / "fast")
    fast = make_app("html", srcdir=tmp_path / "fast", freshenv=True)
    fast.build()
    ours = glossary_entries((fast.outdir / "glossary.html").read_text("utf-8"))
    # every builder's way: the post-transform makes the paragraph of bb_link nodes
    monkeypatch.setattr(overviews.ExpandMentions, "is_supported", lambda self: True)
    shutil.copytree(ROOT, tmp_path / "nodes")
    slow = make_app("html", srcdir=tmp_path / "nodes", freshenv=True)
    slow.build()
    theirs = glossary_entries((slow.outdir / "glossary.html").read_text("utf-8"))
    assert ours == theirs
    assert (
        '<p class="bb-mentions"><em>Mentioned in: </em><a class="reference internal" '
        'href="articles/beta.html#bb-term-beta-eucom"><span class="bb-link">Beta &amp; &lt;friends&gt;</span>'
        "</a> (2 mentions)</p>" in ours
    )
    assert '<p class="bb-mentions"><em>Mentioned in: </em>no article of the book.</p>' in ours


def test_print_and_text_get_the_paragraph_of_links(make_app, tmp_path):
    shutil.copytree(ROOT, tmp_path / "text")
    app = make_app("text", srcdir=tmp_path / "text", freshenv=True)
    app.build()
    text = (app.outdir / "glossary.txt").read_text("utf-8")
    assert "*Mentioned in: *Beta & <friends> (2 mentions)" in " ".join(text.split())
    assert "*Mentioned in: *no article of the book." in " ".join(text.split())

"""The book theme's sidebar, built once per folder: the same HTML as the theme's own, page by page."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from helpers import ROOTS

from briefbook.sphinxext import navigation

ROOT = ROOTS / "test-navigation"


def sidebars(outdir: Path) -> dict[str, str]:
    """Each page's sidebar navigation (the theme's <nav class="bd-links">), by page."""
    found = {}
    for page in sorted(outdir.rglob("*.html")):
        html = page.read_text("utf-8")
        match = re.search(r'<nav class="bd-links bd-docs-nav".*?</nav>', html, re.DOTALL)
        if match:
            found[page.relative_to(outdir).as_posix()] = match.group()
    return found


def later(path: Path) -> None:
    """Newer than the last build read, whatever the file system's time resolution."""
    when = time.time() + 2
    os.utime(path, (when, when))


def build(make_app, folder: Path):
    shutil.copytree(ROOT, folder)
    app = make_app("html", srcdir=folder, freshenv=True)
    app.build()
    return app


def test_every_page_has_the_sidebar_the_theme_builds(make_app, tmp_path, monkeypatch):
    fast = build(make_app, tmp_path / "fast")
    ours = sidebars(fast.outdir)
    # resolved once per folder of pages (the top, part/, articles/ and browse/), not once per page
    assert navigation.cache_of(fast.builder).built == 4
    with monkeypatch.context() as patch:
        patch.setattr(navigation, "is_cacheable", lambda *args: False)
        slow = build(make_app, tmp_path / "theme")
    theirs = sidebars(slow.outdir)
    assert navigation.cache_of(slow.builder).built == 0
    assert set(ours) == set(theirs)
    assert {"index.html", "part/two.html", "part/three.html", "articles/alpha.html", "glossary.html"} <= set(
        ours
    )
    for page in theirs:
        assert ours[page] == theirs[page], page


def test_the_page_shown_is_marked_current_with_its_part_open(make_app, tmp_path):
    app = build(make_app, tmp_path / "book")
    nav = sidebars(app.outdir)
    three = nav["part/three.html"]
    # the page itself, and the items above it, are current; the parts above it open
    assert '<a class="current reference internal" href="#">Part page three</a>' in three
    assert re.search(
        r'<li class="toctree-l1 current active has-children"><a class="reference internal" '
        r'href="index.html">A part</a><details open="open">',
        three,
    )
    assert '<a class="reference internal" href="../articles/alpha.html">Alpha report</a>' in three
    # another page of the same folder: its own entry current, part three's not
    one = nav["part/one.html"]
    assert '<a class="current reference internal" href="#">Part page one</a>' in one
    assert '<a class="reference internal" href="three.html">Part page three</a>' in one
    # a page in no toctree: nothing current
    assert "current" not in nav["index.html"]


def test_the_next_build_takes_the_sidebars_back_while_the_contents_are_the_same(make_app, tmp_path):
    folder = tmp_path / "book"
    first = build(make_app, folder)
    assert navigation.cache_of(first.builder).built == 4  # the top, part/, articles/ and browse/
    # a page's words change, no title and no table of contents: the sidebars are the last build's
    page = folder / "part" / "two.md"
    page.write_text(page.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    later(page)
    again = make_app("html", srcdir=folder)
    again.build()
    assert navigation.cache_of(again.builder).built == 0
    assert sidebars(again.outdir) == sidebars(first.outdir)
    # a title changes: every sidebar shows the new one
    page.write_text(page.read_text("utf-8").replace("# Part page two", "# Part page two, renamed"), "utf-8")
    later(page)
    renamed = make_app("html", srcdir=folder)
    renamed.build()
    assert navigation.cache_of(renamed.builder).built == 4
    for name, nav in sidebars(renamed.outdir).items():
        assert "Part page two, renamed" in nav, name

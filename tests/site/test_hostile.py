"""Untrusted text stays text: hostile articles show exactly their words in HTML and in the PDF."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from helpers import CORPUS, ROOTS, require_tool
from helpers.book import build_root
from helpers.fidelity import missing_words, pdf_words, words
from helpers.htmltext import article_text
from helpers.pdflayout import body_words, read_layout
from helpers.tinybook import make_book

from briefbook.book.load import load_book

CORPUS = CORPUS / "hostile"
HOSTILE = sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """A book of every hostile article, built to HTML and PDF."""
    require_tool("xelatex", "latexmk", "pdftotext")
    target = tmp_path_factory.mktemp("hostile")
    root = target / "hostile"
    shutil.copytree(ROOTS / "test-basic", root)
    for old in (root / "seeds").iterdir():
        old.unlink()
    for path in CORPUS.glob("*.txt"):
        shutil.copyfile(path, root / "seeds" / path.name)
        # a title full of markup, too: it must stay text as well
        (root / "seeds" / f"{path.stem}.yaml").write_text(
            f'title: "{path.stem}: <b>*not bold*</b> {{raw}}`x` \\\\input{{x}} $x$"\nkind: news\n',
            encoding="utf-8",
        )
    build_root("hostile", "html", target)
    build_root("hostile", "latexpdf", target)
    return root


def expected_paragraphs(book, stem: str) -> list[str]:
    entry = book.article(stem)
    return [
        " ".join(p.split())
        for p in ([entry.article.caption] if entry.article.caption else []) + list(entry.article.paragraphs)
    ]


@pytest.mark.parametrize("stem", HOSTILE)
def test_html_shows_exactly_the_original_text(hostile_book, stem):
    book = load_book(hostile_book / "seeds")
    html = (hostile_book / "_build" / "html" / "articles" / f"{stem}.html").read_text("utf-8")
    assert article_text(html) == expected_paragraphs(book, stem)
    body = html[html.index('<div class="bb-article') :]
    body = body[: body.index("<h2")] if "<h2" in body else body
    # nothing in the article became an element: only briefbook's own divs and spans
    for tag in (
        "<script",
        "<img",
        "<h1",
        "<h3",
        "<ul",
        "<ol",
        "<table",
        "<pre",
        "<blockquote",
        "<hr",
        "<em>",
        "<strong>",
        "<code",
        "<math",
        "<iframe",
        "<!--",
    ):
        assert tag not in body.replace('<div class="bb-para"', ""), f"{stem}: {tag} in the article body"


def test_hostile_titles_stay_text(hostile_book):
    html = (hostile_book / "_build" / "html" / "articles" / "latex_specials.html").read_text("utf-8")
    assert "<h1>latex_specials: &lt;b&gt;*not bold*&lt;/b&gt; {raw}`x` \\input{x} $x$" in html


@pytest.mark.parametrize("stem", HOSTILE)
def test_pdf_shows_every_word_in_order(hostile_book, stem):
    book = load_book(hostile_book / "seeds")
    # the words of the text block as set (no margin notes, and no line joined by de-hyphenation)
    printed = pdf_words(" ".join(body_words(read_layout(hostile_book / "_build" / "latex" / "basic.pdf"))))
    expected = [w for p in expected_paragraphs(book, stem) for w in words(p)]
    # the chapter's heading (its title stands in the contents and the sources table too): the one
    # the article's first words follow
    starts = [i for i, word in enumerate(printed) if word == f"{stem}:"]
    start = next(i for i in starts if missing_words(expected[:6], printed[i : i + 120]) is None)
    assert missing_words(expected, printed[start:]) is None


HOSTILE_TITLE = "Talks <script>alert(1)</script> & <img src=x onerror=alert(2)> resume"


class _Tags(HTMLParser):
    """Every element a page really holds, with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_a_headline_with_markup_stays_text_wherever_the_title_goes(tmp_path):
    root = make_book(tmp_path / "book", pdf=True)
    sidecar = root / "seeds" / "001_beta.yaml"
    sidecar.write_text(sidecar.read_text("utf-8").replace('"Beta weather"', f'"{HOSTILE_TITLE}"'), "utf-8")
    (root / "docs" / "conf.py").write_text(
        (root / "docs" / "conf.py").read_text("utf-8") + 'html_theme = "sphinx_book_theme"\n', "utf-8"
    )
    for builder in ("html", "latex"):
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", builder, "docs", f"docs/_build/{builder}", "-q"],
            cwd=root,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-2000:]
    escaped = html.escape(HOSTILE_TITLE, quote=False)
    pages = sorted((root / "docs/_build/html").rglob("*.html"))
    for page in pages:
        text = page.read_text("utf-8")
        parser = _Tags()
        parser.feed(text)
        assert not any(tag == "img" and "onerror" in attrs for tag, attrs in parser.tags), page.name
        assert not any("alert(" in script for script in parser.scripts), page.name
    beta = (root / "docs/_build/html/articles/001_beta.html").read_text("utf-8")
    assert beta.count(f"<h1>{escaped}") == 2  # the page's heading and the theme's print header
    neighbour = (root / "docs/_build/html/articles/000_alpha.html").read_text("utf-8")
    assert escaped in neighbour  # in the sidebar and the "next" link
    search = (root / "docs/_build/html/searchindex.js").read_text("utf-8")
    assert json.dumps(HOSTILE_TITLE)[1:-1] in search  # data for the search page, which escapes it
    tex = (root / "docs/_build/latex/tiny.tex").read_text("utf-8")
    # xelatex sets < and > as themselves; & (a LaTeX special) is escaped
    assert r"\chapter{Talks <script>alert(1)</script> \& <img src=x onerror=alert(2)> resume}" in tex

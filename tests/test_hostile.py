"""Untrusted text stays text: hostile articles show exactly their words in HTML and in the PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from book import build_root
from conftest import require_tool
from fidelity import missing_words, pdf_words, words
from htmltext import article_text
from pdflayout import body_words, read_layout

from briefbook.pipeline import load_book

CORPUS = Path(__file__).parent / "corpus" / "hostile"
HOSTILE = sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """A book of every hostile article, built to HTML and PDF."""
    require_tool("xelatex", "latexmk", "pdftotext")
    target = tmp_path_factory.mktemp("hostile")
    root = target / "hostile"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", root)
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
    # the chapter heading (set in capitals)
    start = printed.index(f"{stem}:".upper())
    expected = [w for p in expected_paragraphs(book, stem) for w in words(p)]
    assert missing_words(expected, printed[start:]) is None

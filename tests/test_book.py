"""The whole book from the seeds: HTML and PDF build with no warnings, one chapter per article."""

from __future__ import annotations

import re

from book import pdftotext
from htmltext import article_text
from briefbook.pipeline import load_book
from conftest import SEEDS


def test_book_builds_without_warnings(built_book):
    assert "WARNING" not in built_book.warnings
    assert "ERROR" not in built_book.warnings
    assert (built_book.html / "index.html").exists()
    assert built_book.pdf.stat().st_size > 10_000


def test_every_article_page_shows_exactly_its_cleaned_text(built_book):
    """Fidelity: the page shows every word of the cleaned article, in order, and nothing else
    (once the book's own additions, notes and note numbers, are set aside)."""
    book = load_book(SEEDS)
    for entry in book.articles:
        html = (built_book.html / "articles" / f"{entry.stem}.html").read_text("utf-8")
        expected = ([entry.article.caption] if entry.article.caption else []) + list(entry.article.paragraphs)
        assert article_text(html) == [" ".join(p.split()) for p in expected], entry.stem


def test_pdf_has_one_chapter_per_article_in_order(built_book):
    book = load_book(SEEDS)
    text = pdftotext(built_book.pdf)
    titles = [e.sidecar.title for e in book.articles]
    # the contents lists each article as a numbered chapter, in file order
    toc = text[: text.index("CHAPTER")]
    numbers = []
    for title in titles:
        words = " ".join(title.split()[:4])
        match = re.search(r"^(\d+)\s+" + re.escape(words), toc, re.MULTILINE)
        assert match, f"{title!r} is not a chapter in the PDF's contents"
        numbers.append(int(match.group(1)))
    assert numbers == sorted(numbers) and len(set(numbers)) == len(titles)
    assert text.count("CHAPTER") >= len(titles)


def test_pdf_is_a4_with_fonts_embedded(built_book):
    import subprocess

    info = subprocess.run(["pdfinfo", str(built_book.pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    fonts = subprocess.run(["pdffonts", str(built_book.pdf)], capture_output=True, text=True, check=True).stdout
    header, _, *rows = fonts.splitlines()
    emb = header.index("emb")
    assert rows and all(row[emb : emb + 3] == "yes" for row in rows), fonts

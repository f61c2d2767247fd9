"""The whole book from the seeds: HTML and PDF build with no warnings, one chapter per article."""

from __future__ import annotations

import re
from html import unescape

from helpers import SEEDS
from helpers.book import pdftotext
from helpers.fidelity import match_words, pdf_words, words
from helpers.htmltext import article_text
from helpers.pdflayout import body_words, read_layout

from briefbook.book import source_number
from briefbook.book.load import load_book
from briefbook.printable import counted


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


def test_pdf_shows_every_word_of_every_article_in_order(built_book):
    """Fidelity in print: the text block of each article's chapter holds every word of the
    cleaned article in order (the book's own additions, notes and note numbers, set aside)."""
    book = load_book(SEEDS)
    text = " ".join(body_words(read_layout(built_book.pdf)))
    # what the book adds: an acronym's expansion after its first use
    for entry in book.glossary.entries:
        if entry.expansion:
            text = text.replace(f" ({' '.join(entry.expansion.split())})", "")
    printed = pdf_words(text)
    position = 0
    for entry in book.articles:
        # the chapter's heading after the previous article: its number over its title
        heading = [source_number(book, entry), *words(entry.title)[:2]]
        position = next(i for i in range(position, len(printed)) if printed[i : i + 3] == heading)
        expected = ([entry.article.caption] if entry.article.caption else []) + list(entry.article.paragraphs)
        first = words(expected[0])[:3]  # the article starts after the source's description
        position = next(i for i in range(position, len(printed)) if printed[i : i + 3] == first)
        gap, end = match_words([w for p in expected for w in words(p)], printed[position:])
        position += end
        assert gap is None, f"{entry.stem}: not in the PDF, in order: {' '.join(gap)}"


def test_pdf_has_one_chapter_per_article_in_order(built_book):
    book = load_book(SEEDS)
    text = pdftotext(built_book.pdf)
    titles = [e.sidecar.title for e in book.articles]
    # the contents lists each article as a chapter numbered as its source, in file order
    toc = text[: text.index("Bottom line")]
    numbers = []
    for title in titles:
        words = " ".join(title.split()[:4])
        match = re.search(r"^(\d+)\s+" + re.escape(words), toc, re.MULTILINE)
        assert match, f"{title!r} is not a chapter in the PDF's contents"
        numbers.append(match.group(1))
    assert numbers == [e.stem[:3] for e in book.articles]
    # and each chapter opens with its number over its title
    for number, title in zip(numbers, titles, strict=True):
        assert re.search(rf"^\f?{number}\n+{re.escape(title.split()[0])}", text[len(toc) :], re.MULTILINE), (
            number
        )


def test_pdf_is_a4_with_fonts_embedded(built_book):
    import subprocess

    info = subprocess.run(["pdfinfo", str(built_book.pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    fonts = subprocess.run(
        ["pdffonts", str(built_book.pdf)], capture_output=True, text=True, check=True
    ).stdout
    _, _, *rows = fonts.splitlines()
    # the last five columns are: emb sub uni object-number generation (a long name may push them right)
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts


def removed_rows(html: str) -> tuple[str, list[str]]:
    """The "Removed from the original" box of an article page: its summary and its rows, as read."""
    start = html.index('<details class="bb-removed">')
    box = html[start : html.index("</details>", start)]
    summary = visible(box[box.index("<summary>") : box.index("</summary>")])
    return summary, [visible(item) for item in re.findall(r"<li>(.*?)</li>", box, re.DOTALL)]


def visible(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_html_lists_the_lines_removed_from_the_original(built_book):
    book = load_book(SEEDS)
    for entry in book.articles:
        html = (built_book.html / "articles" / f"{entry.stem}.html").read_text("utf-8")
        summary, rows = removed_rows(html)
        removed = entry.article.removed
        assert summary == f"Removed from the original ({counted(len(removed), 'line')})", entry.stem
        assert rows == [f"line {r.line}, {r.rule}: {' '.join(r.text.split())}" for r in removed], entry.stem
        # the box comes after the article's text, and is closed until the reader opens it
        assert html.index('<details class="bb-removed">') > html.index('<div class="bb-article')
        assert '<details class="bb-removed" open' not in html


def test_pdf_lists_the_lines_removed_from_the_original_in_each_articles_chapter(built_book):
    book = load_book(SEEDS)
    # spaces taken out: print breaks long lines (and URLs) wherever it must
    printed = "".join(body_words(read_layout(built_book.pdf)))
    compact = lambda text: "".join(text.split())  # noqa: E731
    position = 0
    for entry in book.articles:
        position = printed.index(compact(entry.title)[:20], position)  # the chapter's heading (or contents)
        removed = entry.article.removed
        position = printed.index(
            compact(f"Removed from the original ({counted(len(removed), 'line')})"), position
        )
        for row in removed:
            position = printed.index(compact(f"line {row.line}, {row.rule}:"), position)
            if len(row.text) < 30:  # short lines stand whole on their printed line
                assert printed.startswith(compact(f"line {row.line}, {row.rule}: {row.text}"), position)


def test_the_printed_briefing_leaves_the_command_line_manual_to_the_site(built_book):
    """ "How to add an article" is for whoever keeps the book up to date: it is on the site, not in the PDF."""
    text = pdftotext(built_book.pdf)
    contents = text[: text.index("Bottom line")]
    assert "How to read this book" in contents
    assert "How to add an article" not in text and "briefbook add" not in text
    assert (built_book.html / "how-to-add.html").exists()
    assert 'href="how-to-add.html"' in (built_book.html / "how-to-read.html").read_text("utf-8")

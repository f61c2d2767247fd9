"""A saved page's text is cleaned by the passes that do not damage it: no print rules, no guessed
headline or bare-name byline.  Each test copies the layout of the text extracted from a public
page (named in its comment) that a pasted-text pass damaged; the text is invented."""

from __future__ import annotations

from pathlib import Path

from briefbook.models import RawArticle
from briefbook.text.clean import clean_article, is_page_text
from briefbook.text.ingest import read_article

HEADLINE = "Almera extends its ferry timetable into the winter"
BODY = [
    "The harbour council of Almera voted on Tuesday to extend the ferry timetable into the winter months.",
    "Officials said the change would cost about four hundred thousand euros a year, paid from port fees.",
]


def as_page(paragraphs: list[str]):
    raw = RawArticle(path=Path("page.txt"), text="\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return clean_article(raw, from_page=True), clean_article(raw, from_page=False)


def test_bare_numbers_and_repeated_rows_of_a_page_stay():
    # trafilatura sportowefakty.wp.pl.falubaz (a league table), readability royal-road and v8-blog
    # (bare numbers on their own lines): print rules took them for page numbers and running headers
    rows = []
    for n in range(1, 5):
        rows += [str(n), f"Almera Rovers {n} | 12 | 30 pts"]
    page, pasted = as_page([HEADLINE, BODY[0], *rows, BODY[1]])
    assert "2" in page.paragraphs and "Almera Rovers 3 | 12 | 30 pts" in page.paragraphs
    assert "2" not in pasted.paragraphs  # in a pasted text it is a page number
    assert not [r for r in page.removed if r.rule in ("page-number", "running-header")]


def test_a_section_heading_after_the_headline_is_no_byline():
    # readability google-sre-book-1 ("Definitions"), trafilatura nachtkritik.de-Dragqueens ("Im Schlepptau")
    page, pasted = as_page([HEADLINE, "Harbour Lights", *BODY])
    assert page.headline == HEADLINE
    assert page.paragraphs[0] == "Harbour Lights"
    assert [r.rule for r in pasted.removed if r.text == "Harbour Lights"] == ["byline"]


def test_an_explicit_byline_after_a_page_headline_is_taken_out():
    page, _ = as_page([HEADLINE, "By Rita Nyland", *BODY])
    assert page.headline == HEADLINE and page.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in page.removed] == [("headline", HEADLINE), ("byline", "By Rita Nyland")]


def test_a_page_headline_is_its_first_line_whatever_its_punctuation():
    # trafilatura heiko-adams.de.laufen: a headline that ends with a full stop
    headline = "Running in winter: from grumbling to cheering in twelve months."
    page, pasted = as_page([headline, *BODY])
    assert page.headline == headline and page.paragraphs == tuple(BODY)
    assert pasted.headline is None  # a pasted text's first line ending a sentence is text


def test_a_long_first_paragraph_of_a_page_without_a_title_stays_text():
    page, _ = as_page([" ".join(BODY * 2), BODY[1]])
    assert page.headline is None and len(page.paragraphs) == 2


def test_the_book_cleans_a_page_text_as_add_did(tmp_path):
    # the build reads the text file: the page kept beside it says the text came from a page
    text = tmp_path / "004_ferry_1a2b3c4d.txt"
    text.write_text("\n\n".join([HEADLINE, "Harbour Lights", *BODY]) + "\n", "utf-8")
    assert not is_page_text(read_article(text))
    assert clean_article(read_article(text)).paragraphs[0] != "Harbour Lights"
    text.with_suffix(".html").write_text("<html></html>", "utf-8")
    assert is_page_text(read_article(text))
    assert clean_article(read_article(text)).paragraphs[0] == "Harbour Lights"

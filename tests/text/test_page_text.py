"""A saved page's text is cleaned by the passes that do not damage it: no print rules, no guessed
headline or bare-name byline.  Each test copies the layout of the text extracted from a public
page (named in its comment) that a pasted-text pass damaged; the text is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_page_whose_text_is_one_line_keeps_it_as_text():
    # readability fixtures "ol" and 005-unescape-html-entities: no title, one short paragraph
    page, _ = as_page([BODY[0]])
    assert page.headline is None and page.paragraphs == (BODY[0],)


def test_the_book_cleans_a_page_text_as_add_did(tmp_path):
    # the build reads the text file: the page kept beside it says the text came from a page
    text = tmp_path / "004_ferry_1a2b3c4d.txt"
    text.write_text("\n\n".join([HEADLINE, "Harbour Lights", *BODY]) + "\n", "utf-8")
    assert not is_page_text(read_article(text))
    assert clean_article(read_article(text)).paragraphs[0] != "Harbour Lights"
    text.with_suffix(".html").write_text("<html></html>", "utf-8")
    assert is_page_text(read_article(text))
    assert clean_article(read_article(text)).paragraphs[0] == "Harbour Lights"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # scrapinghub 3c5bf8db, ba4dfe2d, 4a44ab3e, 5fbc7ccb; b6fb53e9 (Italian, in brackets)
        ("Related: Ten ferries that changed the islands", "related-article"),
        ("READ MORE: Harbour strike ends after three days", "related-article"),
        ("Also on almera.example Harbour strike ends after three days", "related-article"),
        ("(Leggi anche su: Dieci traghetti che hanno cambiato le isole)", "related-article"),
        ("DON'T MISS Ferry fares [LATEST] Pier repairs [VIDEO]", "related-links"),
        ("You may also like", "related-links"),
        # scrapinghub 0dd13570, cc4aa22b, abd9d629, f5c90a6d, 7dfc3e35, 287e4d9f
        ("Click here to subscribe to The Almera Newsletter", "newsletter-promo"),
        ("Subscribe to Almera Times on YouTube for more harbour news:", "newsletter-promo"),
        ("Follow Almera Times on Facebook, Twitter and Instagram.", "follow-promo"),
        ("If you enjoyed this article, we have a proposition for you: join us.", "share-promo"),
        ("CLICK HERE TO GET THE ALMERA TIMES APP", "click-here"),
        (
            "If you buy something through this post, Almera Times may get a share of the sale.",
            "affiliate-disclosure",
        ),
        # scrapinghub fde930b0, c00962aa
        ("2026-02-05T08:57:40+01:00", "timestamp"),
        ("The ferry at the northern pier. (credit: Harbour Archive)", "caption"),
    ],
)
def test_lines_beside_an_article_are_taken_out(line, rule):
    page, pasted = as_page([HEADLINE, BODY[0], line, BODY[1]])
    assert [(r.rule, r.text) for r in page.removed if r.rule != "headline"] == [(rule, line)]
    assert page.paragraphs == tuple(BODY) and pasted.paragraphs[-1] == BODY[1]


@pytest.mark.parametrize(
    "line",
    [
        # trafilatura bundespraesident.de: German "Also:" ("So:") opens a sentence of the speech
        "Also: Nichts gegen eine sorgfältige Überprüfung, aber bitte ohne Hochmut.",
        "The council also said the ferry would run on Sundays until March.",
        "Subscribers to the ferry pass will pay less from March, the council said.",
        "More than four hundred residents signed the petition for later sailings.",
    ],
)
def test_sentences_of_an_article_like_them_stay(line):
    page, pasted = as_page([HEADLINE, BODY[0], line, BODY[1]])
    assert line in page.paragraphs and line in pasted.paragraphs

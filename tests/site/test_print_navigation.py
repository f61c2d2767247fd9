"""The printed briefing as its reader finds their way in it, read back from the PDF: the contents
(chapters numbered as the sources, the articles before the reference chapters, no number running
into its title), the pages after printed references ("003, p. 31") leading to the right page,
tables inside the text block and never hyphenated, no heading alone at a page's foot.

On the seeds book and on a book of 300 articles (tests/helpers/bigbook.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import SEEDS
from helpers.pdflayout import BOTTOM, CM, Page, read_layout
from helpers.printed import (
    PAGE_REFERENCE,
    chapter_ranges,
    contents,
    number_gap,
    page_text,
    physical_pages,
    rows,
    words_outside,
)

from briefbook.sphinxext.tables import SOURCE_COLUMNS

REFERENCE_CHAPTERS = ["Sources", "Claims matrix", "Timeline", "Glossary of actors and acronyms"]
SOURCES_HEADER = [c.header for c in SOURCE_COLUMNS]
ORIGINS_HEADING = "Where the reports come from"
WIDE_MARGIN = 2.2 * CM  # the book's pages without a note margin (sphinxext/latex/briefbook.sty)


@pytest.fixture(scope="module")
def seeds_pdf(built_book) -> list[Page]:
    return read_layout(built_book.pdf)


@pytest.fixture(scope="module")
def big_pdf(big_book_pdf) -> list[Page]:
    return read_layout(big_book_pdf.pdf)


def seeds_titles() -> dict[str, str]:
    """The seeds' articles by number: their titles."""
    found = {}
    for path in sorted(SEEDS.glob("[0-9]*.yaml")):
        found[path.stem[:3]] = yaml.safe_load(path.read_text("utf-8"))["title"]
    return found


def chapter_pages(pages: list[Page], number: str) -> list[Page]:
    entries = contents(pages)
    first, last = chapter_ranges(entries)[number]
    physical = physical_pages(pages)
    return [pages[physical[n] - 1] for n in range(first, last + 1)]


def check_contents(pages: list[Page], titles: dict[str, str]) -> None:
    entries = contents(pages)
    numbered = [e for e in entries if e.number]
    articles = [e for e in numbered if e.number.isdigit()]
    # each article's chapter carries the number its source has everywhere else, with its title
    assert {e.number: e.title for e in articles} == titles
    # no number runs into its title, whatever its width ("121Synthetic article 115" before)
    assert min(number_gap(e) for e in numbered) >= 3.0
    # the front matter, then the articles in the book's order, then the reference chapters, lettered
    assert [e.number for e in articles] == sorted(titles)
    assert [(e.number, e.title) for e in numbered[len(articles) :]] == list(
        zip("ABCD", REFERENCE_CHAPTERS, strict=True)
    )
    assert numbered[0] is articles[0] and entries[-1].title == "Index"
    # the articles start after the front page, what's new and the reading guide: early in the book
    assert articles[0].page <= entries[-1].page / 5


def test_the_seeds_contents_numbers_the_chapters_as_the_sources(seeds_pdf):
    check_contents(seeds_pdf, seeds_titles())


def test_the_big_books_contents_numbers_the_chapters_as_the_sources(big_pdf, big_book_pdf):
    titles = {big_book_pdf.number(stem): sidecar["title"] for stem, sidecar in big_book_pdf.sidecars.items()}
    check_contents(big_pdf, titles)


def references_lead_to_their_pages(pages: list[Page], chapter: str, least: int) -> None:
    """Every "003, p. 31" printed in a chapter: page 31 is one of 003's pages."""
    ranges = chapter_ranges(contents(pages))
    found = [
        (number, int(page))
        for printed in chapter_pages(pages, chapter)
        for number, page in PAGE_REFERENCE.findall(page_text(printed))
    ]
    assert len(found) >= least
    wrong = [(n, p) for n, p in found if not ranges[n][0] <= p <= ranges[n][1]]
    assert wrong == []


def test_the_seeds_printed_references_lead_to_the_right_page(seeds_pdf):
    for chapter, least in (("D", 100), ("B", 5), ("C", 20)):  # glossary, claims matrix, timeline
        references_lead_to_their_pages(seeds_pdf, chapter, least)
    # a glossary entry's "Mentioned in" leads to the page of its first linked mention there
    glossary = " ".join(" ".join(page_text(p) for p in chapter_pages(seeds_pdf, "D")).split())
    physical = physical_pages(seeds_pdf)
    after = glossary[glossary.index("Alexus Grynkewich US Air Force general") :]  # the entry, not the chart
    mentioned = after[after.index("Mentioned in:") :][:200]
    places = PAGE_REFERENCE.findall(mentioned)
    assert [n for n, _ in places] == ["000", "001", "002", "003", "004"]
    for _, page in places:
        assert "Grynkewich" in page_text(seeds_pdf[physical[int(page)] - 1])
    # the front page's hand-written references and its lists of articles lead to the chapters' first
    # pages (the front page: the pages before the first chapter, the reading guide)
    entries = contents(seeds_pdf)
    ranges = chapter_ranges(entries)
    front = " ".join(page_text(seeds_pdf[physical[n] - 1]) for n in range(1, entries[0].page))
    found = [(n, int(p)) for n, p in PAGE_REFERENCE.findall(front)]
    assert len(found) >= 30 and all(ranges[n][0] == p for n, p in found)


def test_the_big_books_printed_references_lead_to_the_right_page(big_pdf):
    references_lead_to_their_pages(big_pdf, "D", 1000)  # the glossary's "Mentioned in"
    references_lead_to_their_pages(big_pdf, "C", 30)  # the timeline's sources


def column_edges(page: Page) -> list[float]:
    """Where the sources table's columns meet: the text block shared out by the columns' widths."""
    left, right = WIDE_MARGIN, page.width - WIDE_MARGIN
    total = sum(column.width for column in SOURCE_COLUMNS)
    edges, x = [], left
    for column in SOURCE_COLUMNS:
        x += (right - left) * column.width / total
        edges.append(x)
    return edges[:-1]


def cell_lines(lines: list) -> list:
    """The table's lines but for the rows across it under a source (its grade's reason, its
    copies), which begin with their first word and run on until the next source's number."""
    kept, across = [], False
    for line in lines:
        if line.words[0] in ("Reliability", "A", "Copied"):
            across = True
        elif re.fullmatch(r"\d{3,4}", line.words[0]):
            across = False
        if not across:
            kept.append(line)
    return kept


def check_sources_table(pages: list[Page]) -> None:
    table = chapter_pages(pages, "A")
    header = next(line.words for line in rows(table[0]) if line.words[:1] == ("No.",))
    assert list(header) == SOURCES_HEADER  # every heading whole: none cut, none past the edge
    for page in table:
        assert words_outside(page, WIDE_MARGIN, page.width - WIDE_MARGIN) == []
        body = [line for line in rows(page) if 60 < line.box.top < page.height - BOTTOM]
        # the table ends where the chapter's next section, the origins the reports rest on, begins
        after = [i for i, line in enumerate(body) if " ".join(line.words) == ORIGINS_HEADING]
        body = body[: after[0]] if after else body
        # no word is hyphenated at a line's end ("Decem-ber 2025", "El-lison", "re-port")
        assert [w for line in body for w in line.words if w.endswith("-") and len(w) > 1] == []
        # and none runs into the next column ("Petrova-Hartmannreport"): the table's rows, from its
        # header down, without the lines that say it goes on
        start = next((i for i, line in enumerate(body) if line.words[:1] == ("No.",)), 0)
        # a row across the table (a grade's reason) starts where the table does, however short
        numbers = [line.boxes[0].left for line in body if re.fullmatch(r"\d{3,4}", line.words[0])]
        across = [line.boxes[0].left for line in body if line.words[0] == "Reliability"]
        assert all(abs(left - min(numbers, default=0)) < 2 for left in across), (page.number, across, numbers)
        cells = [
            line for line in cell_lines(body[start:]) if not {"continued", "continues"} & set(line.words)
        ]
        crossing = [
            word
            for line in cells
            for word, box in zip(line.words, line.boxes, strict=True)
            for edge in column_edges(page)
            if box.left < edge - 1 < edge + 1 < box.right
        ]
        assert crossing == [], page.number
        if after:
            break  # the pages after it hold no more of the table


def test_the_sources_table_fits_its_page_and_hyphenates_nothing(seeds_pdf, big_pdf):
    check_sources_table(seeds_pdf)
    check_sources_table(big_pdf)


def check_no_heading_alone(pages: list[Page]) -> None:
    alone = []
    for page in pages:
        body = [line for line in rows(page) if 40 < line.box.top < page.height - BOTTOM + 2]
        last = " ".join(body[-1].words) if body else ""
        if last.startswith(("Notes: sources and cross-references", "Removed from the original")):
            alone.append((page.number, last))
    assert alone == []


def test_no_heading_stands_alone_at_a_page_foot(seeds_pdf, big_pdf):
    check_no_heading_alone(seeds_pdf)
    check_no_heading_alone(big_pdf)


def test_the_running_foot_names_the_chapter_by_its_number(big_pdf):
    physical = physical_pages(big_pdf)
    first, last = chapter_ranges(contents(big_pdf))["0150"]
    feet = [
        " ".join(line.words)
        for n in range(first + 1, last + 1)
        for line in big_pdf[physical[n] - 1].lines
        if line.box.top > big_pdf[physical[n] - 1].height - BOTTOM + 4 and len(line.words) > 1
    ]
    assert feet and all(foot.startswith("0150 Synthetic article 150") for foot in feet)


def test_the_title_page_counts_the_articles(built_book, big_book_pdf):
    from helpers.book import pdftotext

    assert "Compiled from 5 articles: The Moscow Times, and 4 sources" in " ".join(
        pdftotext(built_book.pdf, "-l", "1").split()
    )
    first = " ".join(pdftotext(Path(big_book_pdf.pdf), "-l", "1").split())
    assert re.search(r"Compiled from 300 articles: Atlantic Dispatch, .* The Daily Meridian", first)

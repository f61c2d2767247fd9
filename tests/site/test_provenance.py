"""What the reader sees of provenance, in the HTML and in the PDF: sources' grades, claims' grades
with what they stand on (overrides shown as the editor's), origins, a claim's note; and, in a book
with a republished copy of 003 added, the copy said on both pages, in the sources table and in the
claims matrix as part of its original's reporting."""

from __future__ import annotations

import re
import shutil
from html import unescape

import pytest
from helpers import CORPUS
from helpers.book import copy_project, pdftotext, sphinx


def visible(html: str, between: str = "") -> str:
    """The text a reader sees in an HTML fragment: tags dropped (``between`` in their place: a space
    where blocks meet), entities decoded, spaces folded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", between, html)).split())


def page(built_book, name: str) -> str:
    return (built_book.html / name).read_text("utf-8")


def claim_rows(html: str, claim_id: str) -> tuple[str, str]:
    """A claim's row in the matrix and the row under it, as a reader sees them."""
    start = html.rindex("<tr", 0, html.index(f'id="bb-claim-{claim_id}"'))
    first_end = html.index("</tr>", start)
    second_end = html.index("</tr>", first_end + 1)
    return visible(html[start:first_end]), visible(html[first_end:second_end])


@pytest.fixture(scope="module")
def printed(built_book) -> str:
    return " ".join(pdftotext(built_book.pdf).split())


def test_the_claims_matrix_grades_each_claim_and_says_what_it_stands_on(built_book):
    html = page(built_book, "claims.html")
    row, under = claim_rows(html, "announcement")
    assert "2 probably true" in row
    assert under == (
        "3 sources · 1 independent origin; qualified by 1 source. "
        "Four reports, one origin: EUCOM’s statement of 5 February 2026. "
        "By origin: EUCOM’s statement of 5 February 2026: ✓ 000, ≈ 001, ✓ 002, ✓ 003. "
        "Graded 2: one independent origin, reported by a source graded B; no contradiction."
    )
    assert 'href="sources.html#bb-origin-eucom-statement"' in html
    # the editor's grade is shown as the editor's, with the reason and the rule's grade
    row, under = claim_rows(html, "grynkewich-authority")
    assert "2 probably true (the editor’s grade)" in row and "(disputed)" in row
    assert "Graded 2 by the editor: 003 quotes EUCOM" in under
    assert under.endswith("The rule gives credibility 3, possibly true.")


def test_a_claims_note_is_shown_under_it_on_screen_and_in_print(built_book, printed):
    _, under = claim_rows(page(built_book, "claims.html"), "china-model")
    note = "Editor’s note: Only the newsletter says this, and it does not say which U.S.–China mechanisms it means"
    assert note in under
    assert note in printed


def test_the_claims_matrix_in_print_gives_the_same(printed):
    assert "Four reports, one origin: EUCOM’s statement of 5 February 2026." in printed
    assert "Graded 2 by the editor: 003 quotes EUCOM" in printed
    assert "Credibility: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful" in printed


def test_sources_carry_their_grade_on_their_page_and_on_the_sources_page(built_book, printed):
    article = visible(page(built_book, "articles/003_aacb11e1eea10760.html"))
    assert (
        "Reliability: B (usually reliable): The most detailed news report, of unstated publisher" in article
    )
    sources = visible(page(built_book, "sources.html"))
    assert "Reliability D (not usually reliable): A subscriber newsletter with no publisher" in sources
    assert "Reliability D (not usually reliable): A subscriber newsletter with no publisher" in printed


def test_the_sources_page_lists_the_origins_and_what_rests_on_them(built_book, printed):
    sources = page(built_book, "sources.html")
    assert 'id="bb-origin-ukrainian-officials"' in sources
    text = visible(sources, " ")
    assert "Where the reports come from" in text
    assert (
        "EUCOM’s statement of 5 February 2026 Official statement · U.S. European Command (EUCOM) · 5 February 2026"
    ) in text
    assert "Passages resting on it: 000 The Moscow Times , 001 Newsletter , 002 News report" in text
    assert "Lavrov’s interview with RT Interview · Sergei Lavrov, Russia’s foreign minister" in printed


def test_a_note_says_its_claims_grade_and_what_its_passage_rests_on(built_book, printed):
    from helpers import SEEDS

    from briefbook.book import load_book

    entry = load_book(SEEDS).article("003_aacb11e1eea10760")
    # the passage on the core disputes, which 003 has from unnamed Ukrainian officials
    (number,) = [
        n.number
        for n in entry.notes
        if n.note.claim == "far-from-settlement" and n.note.origin == "ukrainian-officials"
    ]
    html = page(built_book, "articles/003_aacb11e1eea10760.html")
    start = html.index(f'data-number="{number}"')
    note = visible(html[start : html.index("</aside>", start)])
    assert "Credibility 2, probably true: 1 source · 1 independent origin; qualified by 1 source." in note
    assert "Rests on: the unnamed Ukrainian officials quoted in 003" in note
    assert "Rests on: the unnamed Ukrainian officials quoted in 003" in printed
    assert re.search(r"Rests on: this source['’]s own reporting \(no origin declared\)\.", printed)


def test_the_timeline_and_the_front_page_give_each_claims_grade(built_book, printed):
    timeline = visible(page(built_book, "timeline.html"))
    assert "The New START treaty, signed in 2010, expired on 5 February 2026" in timeline
    assert "without treaty limits. (credibility 3, possibly true) — sources: 002 News report" in timeline
    front = visible(page(built_book, "index.html"))
    # a {claim} in the front page's prose; the key judgments' claims: tests/site/test_key_judgments.py
    assert "See the suspension [credibility 2, probably true, the editor’s grade]." in front
    assert "See the suspension [credibility 2, probably true, the editor’s grade]." in printed


# --- a republished copy of 003, added as 005

COPY = "005_republished"
SIDECAR = """title: "U.S., Russian militaries agree to restart high-level dialogue"
publisher: "The Test Gazette"
date: "2026-02-06"
kind: news
notes:
  - quote: "\\"The U.S. and Russian Federation agreed today in Abu Dhabi to reestablish high-level military-to-military dialogue,\\""
    kind: context
    claim: announcement
    stance: supports
    note: "The statement's words, as 003 quotes them."
"""


@pytest.fixture(scope="module")
def with_copy(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("copy"))
    shutil.copy(CORPUS / "copies" / "republished.txt", root / "seeds" / f"{COPY}.txt")
    (root / "seeds" / f"{COPY}.yaml").write_text(SIDECAR, "utf-8")
    result = sphinx(root, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "docs" / "_build" / "html"


def test_both_pages_say_which_is_the_copy(with_copy):
    copy = visible((with_copy / "articles" / f"{COPY}.html").read_text("utf-8"))
    assert "Reliability: not graded" in copy
    assert "A copy of 003 News report (97% of its text stands there)." in copy
    original = visible((with_copy / "articles" / "003_aacb11e1eea10760.html").read_text("utf-8"))
    assert "Copied in 005 The Test Gazette (97% of that article’s text stands here)." in original


def test_the_sources_page_says_so_too(with_copy):
    sources = visible((with_copy / "sources.html").read_text("utf-8"))
    assert "A copy of 003 News report (97% of its text stands there)" in sources


def test_the_matrix_shows_a_copys_mark_as_part_of_its_originals_reporting(with_copy):
    html = (with_copy / "claims.html").read_text("utf-8")
    head = visible(html[html.index("<thead") : html.index("</thead>")])
    assert (
        head
        == "Claim Credibility 000 The Moscow Times 001 Newsletter 002 News report 003 News report 004 News report"
    )
    assert "a copy of 003 News report: its marks stand in 003’s column" in visible(html)
    row, under = claim_rows(html, "announcement")
    assert "✓ ✓ (005, a copy)" in row  # in 003's column, after 003's own mark
    assert under.startswith("3 sources · 1 independent origin; qualified by 1 source.")
    assert "✓ 003, ✓ 005 (a copy of 003)" in under

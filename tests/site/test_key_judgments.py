"""What the reader sees of the key judgments on the seeds book's front page, in the HTML and in the
PDF: each judgment in order, its title in bold, then "Rests on:" and the claims it cites, each with
its statement linking to the claims matrix, its credibility in brackets and what it stands on, then
the editor's caveat where the evidence is thin."""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml
from helpers import SEEDS
from helpers.book import pdftotext

TITLES = [
    "An agreement was announced; its terms were not published.",
    "It restores a senior channel; contact between the two militaries never stopped entirely.",
    "The channel is tied to the Ukraine peace talks.",
    "EUCOM's wider stated aim is stability and de-escalation, as nuclear arms control lapses.",
    "Who leads the dialogue has not been announced; EUCOM's commander is the likely U.S. lead.",
    "Russia's side of the agreement is not on the record.",
    "Allied reaction is unknown.",
    "The book's one historical account argues for modest expectations.",
]

# Judgment 7, as the claims it rests on and its caveat read on screen and in print.
ALLIED_EVIDENCE = (
    "Rests on: Reactions in NATO and the EU were mixed: an anonymous senior NATO diplomat warned that a "
    "bilateral thaw risks sidelining allies, and the EU's foreign-policy chief (named as Josep Borrell, "
    "who had left the post in 2024) welcomed de-escalation but demanded Russian withdrawal from occupied "
    "Ukrainian territory. [credibility 4, doubtful] 1 source · 2 independent origins. "
    "Caveat: The one claim it cites has a credibility of 4: two untraced quotations in a source graded D. "
    "The judgment says what the book lacks, not what the allies think."
)
# Judgment 1's first claim: one origin however many sources, said in words.
ANNOUNCEMENT = (
    "Rests on: On Thursday 5 February 2026 U.S. European Command (EUCOM) announced that the United "
    "States and Russia had agreed to re-establish high-level military-to-military dialogue. "
    "[credibility 2, probably true] 3 sources · 1 independent origin; qualified by 1 source; four "
    "reports, one origin: EUCOM's statement of 5 February 2026."
)


def visible(html: str) -> str:
    text = unescape(re.sub(r"<[^>]+>", "", html)).replace("’", "'")
    return " ".join(text.split())


def squashed(text: str) -> str:
    """Text compared across line breaks, hyphenation and list bullets: no spaces, hyphens or
    bullets, straight quotes."""
    return re.sub(r"[\s\-‐•]", "", text.replace("’", "'"))


@pytest.fixture(scope="module")
def front(built_book) -> str:
    return (built_book.html / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def printed(built_book) -> str:
    return squashed(pdftotext(built_book.pdf))


def judgment_items(html: str) -> list[str]:
    """Each key judgment's list item, as a reader sees it, in order."""
    start = html.index('bb-judgments"')
    body = html[start : html.index("</ol>", html.index('id="bb-judgment-history-modest-expectations"'))]
    return [visible(item) for item in re.split(r'<li class="bb-judgment">', body)[1:]]


def test_the_front_page_numbers_the_judgments_each_title_in_bold(front):
    items = judgment_items(front)
    assert [item[: len(title)] for item, title in zip(items, TITLES, strict=True)] == TITLES
    assert front.count('<strong class="bb-judgment-title">') == len(TITLES)
    assert '<span id="bb-judgment-allied-reaction-unknown"></span><strong class="bb-judgment-title">' in front


def test_each_judgment_is_followed_by_its_claims_with_their_grades_and_standing(front):
    items = judgment_items(front)
    assert items[6].endswith(ALLIED_EVIDENCE)
    assert ANNOUNCEMENT in items[0]
    # every cited claim links to its row in the claims matrix, its grade beside it
    first = front[front.index('id="bb-judgment-announced-not-published"') :]
    first = first[: first.index("</ul>")]
    assert re.findall(r'href="claims.html#bb-claim-([a-z0-9-]+)"', first) == [
        "announcement",
        "agreed-in-abu-dhabi",
        "terms-not-published",
    ]
    assert first.count('<span class="bb-claim-grade"> [credibility 2, probably true]</span>') == 3


def test_a_caveat_stands_only_where_the_editor_wrote_one(front):
    items = judgment_items(front)
    written = yaml.safe_load((SEEDS / "judgments.yaml").read_text("utf-8"))["judgments"]
    assert len(items) == len(written) == 8
    assert [("Caveat:" in item) for item in items] == [bool(j.get("caveat")) for j in written]
    assert any("caveat" in j for j in written) and not all("caveat" in j for j in written)


def test_the_pdf_gives_the_same_judgments_claims_and_grades(printed):
    positions = [printed.index(squashed(title)) for title in TITLES]
    assert positions == sorted(positions)
    assert squashed(ALLIED_EVIDENCE) in printed
    assert squashed(ANNOUNCEMENT) in printed


def test_the_reading_guide_gives_the_likelihood_terms_with_their_bands_in_print(built_book):
    laid_out = pdftotext(built_book.pdf, "-layout")
    rows = re.findall(
        r"^\s*(almost no chance|very unlikely|unlikely|roughly even chance|likely|very likely|almost certain)\s+(\d+–\d+ %)\s*$",
        laid_out,
        re.MULTILINE,
    )
    assert rows == [
        ("almost no chance", "1–5 %"),
        ("very unlikely", "5–20 %"),
        ("unlikely", "20–45 %"),
        ("roughly even chance", "45–55 %"),
        ("likely", "55–80 %"),
        ("very likely", "80–95 %"),
        ("almost certain", "95–99 %"),
    ]

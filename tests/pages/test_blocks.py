"""What the generator writes into a page is what the directives read back.

Each block is written by its ``write_*`` function, parsed by MyST's own Markdown parser and
directive-text parser into the argument, options and lines the registered directive is given,
and read by its ``read_*`` function: the values come back equal.
"""

from __future__ import annotations

import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

from briefbook import sphinxext
from briefbook.figures.actors import Actor, ActorData, Tie
from briefbook.figures.timeline import Event, Period, TimelineData
from briefbook.models import CAPTION, Link, LinkLine, RemovedLine, Span
from briefbook.pages import blocks

MARKDOWN = create_md_parser(MdParserConfig(), RendererHTML)
# Text an article may hold: fences, directives, roles, HTML, a tab, quotes and non-ASCII.
HOSTILE = "Words with ```` fences ````` and {bb-note}`9`, <script>x</script>\tand “quotes”: 5 € "


class Registrations:
    """What the extension's ``setup`` asks of Sphinx: its directives by name (the rest ignored)."""

    def __init__(self) -> None:
        self.directives: dict[str, type] = {}

    def add_directive(self, name: str, directive: type) -> None:
        self.directives[name] = directive

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: None


@pytest.fixture(scope="module")
def directives() -> dict[str, type]:
    registered = Registrations()
    sphinxext.setup(registered)
    return registered.directives


def read_back(text: str, directives: dict[str, type]) -> tuple[str, list[str], dict, list[str]]:
    """The one block in ``text`` as MyST hands it to its directive: name, arguments, options, lines."""
    (fence,) = [token for token in MARKDOWN.parse(text) if token.type == "fence"]
    name, _, first_line = fence.info.strip().partition(" ")
    assert name.startswith("{") and name.endswith("}")
    name = name[1:-1]
    parsed = parse_directive_text(directives[name], first_line.strip(), fence.content)
    assert parsed.warnings == []
    return name, parsed.arguments, parsed.options, parsed.body


def test_every_block_has_a_directive(directives):
    names = {value for key, value in vars(blocks).items() if key.isupper() and str(value).startswith("bb-")}
    assert len(names) == 19  # with bb-origins (provenance), bb-browse (the articles by date, by source)
    # and bb-judgments (the key judgments, each with its claims)
    assert names <= set(directives)


def test_the_articles_text_and_caption(directives):
    paragraphs = [HOSTILE, "A second paragraph.", "`"]
    name, _, _, lines = read_back(blocks.write_text(paragraphs), directives)
    assert name == blocks.TEXT and blocks.read_text(lines) == paragraphs
    name, _, _, lines = read_back(blocks.write_caption(HOSTILE), directives)
    assert name == blocks.CAPTION and blocks.read_caption(lines) == HOSTILE
    name, _, _, lines = read_back(blocks.write_quote(HOSTILE), directives)
    assert name == blocks.QUOTE and lines == [HOSTILE]  # written to be read on the page, not back


def test_term_links(directives):
    rows = [
        blocks.TermRow(CAPTION, 0, 5, "eucom", "EUCOM", "United States European Command", True),
        blocks.TermRow(3, 10, 15, "eucom", "EUCOM", "United States European Command", False),
        blocks.TermRow(4, 0, 6, "nato-x", "NATO & “friends”"),
    ]
    name, _, _, lines = read_back(blocks.write_terms(rows), directives)
    assert name == blocks.TERMS and blocks.read_terms(lines) == rows


def test_a_note_and_its_parts(directives):
    head = blocks.NoteHead(
        3,
        "fact-check",
        Span(2, 14, 40),
        "suspension-2021",
        "supports",
        blocks.Origin("001_x.yaml", 17),
        "5c0e12ab-2",
    )
    links = [
        LinkLine("Claim:", (Link("The claim", "claims", "bb-claim-suspension-2021", None),)),
        LinkLine("Differs in:", (Link("3 Wire", "articles/003_c", "bb-passage-003_c-2", f"“{HOSTILE}”"),)),
    ]
    parts = [
        blocks.write_quote(HOSTILE),
        blocks.write_body(18, "The note, with {term}`EUCOM` and\n\n```{note}\nnested\n```"),
        blocks.write_basis(21, "A *basis*."),
        blocks.write_links(links),
    ]
    name, arguments, options, lines = read_back(blocks.write_note(head, parts), directives)
    assert name == blocks.NOTE and blocks.read_note_head(arguments[0], options) == head
    inner = "\n".join(lines)
    read = [read_back(part, directives) for part in parts]
    assert [part for part in parts if part.strip() in inner] == parts  # each part, whole, in the note
    assert read[1][0] == blocks.BODY and blocks.read_source_line(read[1][1][0]) == 18
    assert "\n".join(read[1][3]) == "The note, with {term}`EUCOM` and\n\n```{note}\nnested\n```"
    assert read[2][0] == blocks.BASIS and blocks.read_source_line(read[2][1][0]) == 21
    assert read[3][0] == blocks.LINKS and blocks.read_links(read[3][3]) == links


def test_a_note_without_claim_or_origin(directives):
    head = blocks.NoteHead(1, "context", Span(0, 0, 4), key="0a1b2c3d")
    name, arguments, options, _ = read_back(blocks.write_note(head, [blocks.write_quote("Word")]), directives)
    assert name == blocks.NOTE and blocks.read_note_head(arguments[0], options) == head


def test_the_article_block_holds_its_parts(directives):
    parts = [blocks.write_text([HOSTILE]), blocks.write_caption("Caption")]
    name, arguments, _, lines = read_back(blocks.write_article("001_x", parts), directives)
    assert name == blocks.ARTICLE and arguments == ["001_x"]
    assert [read_back(part, directives)[3] for part in parts] == [[HOSTILE], ["Caption"]]
    assert "\n".join(lines) == "\n".join(parts)


def test_related_coverage_and_removed_lines(directives):
    related = [blocks.RelatedRow("articles/002_b", HOSTILE, "2 Wire", 2, 0)]
    name, _, _, lines = read_back(blocks.write_related(related), directives)
    assert name == blocks.RELATED and blocks.read_related(lines) == related
    removed = [RemovedLine(3, "Share\tthis ```` page", "share-buttons"), RemovedLine(12, "©", "copyright")]
    name, arguments, _, lines = read_back(blocks.write_removed("001_x", removed), directives)
    assert name == blocks.REMOVED and arguments == ["001_x"] and blocks.read_removed(lines) == removed


def test_the_articles_by_date_or_source(directives):
    groups = [
        blocks.BrowseGroup(
            HOSTILE,
            "browse/source-x",
            (blocks.BrowseEntry("articles/001_a", "001", HOSTILE, "News report · A · 5 February 2026"),),
        ),
        blocks.BrowseGroup("Date not stated", "browse/date-undated", ()),
    ]
    name, arguments, _, lines = read_back(blocks.write_browse("folds", groups), directives)
    assert name == blocks.BROWSE and arguments == ["folds"] and blocks.read_browse(lines) == groups


def test_the_glossarys_mentions(directives):
    mentions = [
        blocks.Mention("articles/001_a", HOSTILE, "bb-term-001_a-eucom", 2),
        blocks.Mention("articles/002_b", "B", None, 1),
    ]
    name, arguments, _, lines = read_back(blocks.write_mentions("eucom", mentions), directives)
    assert name == blocks.MENTIONS and arguments == ["eucom"] and blocks.read_mentions(lines) == mentions


def test_the_claims_matrix(directives):
    sources = [
        blocks.SourceHead("1 Gazette", "articles/001_a", HOSTILE),
        blocks.SourceHead("2 Wire", "b", "B"),
    ]
    passage = blocks.StancePassage("contradicts", "articles/001_a", "bb-passage-001_a-1", HOSTILE)
    claims = [
        blocks.ClaimRow("suspension-2021", "2021", HOSTILE, True, ((passage,), ())),
        blocks.ClaimRow("undated", None, "Undated.", False, ((), ())),
    ]
    name, _, _, lines = read_back(blocks.write_claims(sources, claims), directives)
    assert name == blocks.CLAIMS and blocks.read_claims(lines) == (sources, claims)
    _, _, _, lines = read_back(blocks.write_claims([], []), directives)
    assert blocks.read_claims(lines) == ([], [])


def test_the_claims_matrix_with_copies_standing_origins_and_a_note(directives):
    sources = [
        blocks.SourceHead("1 Gazette", "articles/001_a", HOSTILE),
        blocks.SourceHead("2 Wire", "articles/002_b", "B", copy_of="1 Gazette"),
    ]
    own = blocks.StancePassage("supports", "articles/001_a", "bb-passage-001_a-1", HOSTILE, "1 Gazette")
    copied = blocks.StancePassage(
        "qualifies", "articles/002_b", "bb-passage-002_b-4", "words", "2 Wire", copy_of="1 Gazette"
    )
    standing = blocks.Standing(
        3,
        "credibility 3, possibly true, the editor's grade",
        "1 source · 1 independent origin",
        HOSTILE,
        overridden=True,
        computed="credibility 2, probably true",
        flag="two reports, one origin: the “statement”",
    )
    origins = (blocks.OriginMarks("the “statement”", "bb-origin-statement", (own, copied)),)
    claim = blocks.ClaimRow(
        "talks",
        "2026",
        "Talks.",
        False,
        ((own, copied), ()),
        standing,
        origins,
        "A *note* with {term}`X`.",
        "claims.yaml",
        9,
    )
    _, _, _, lines = read_back(blocks.write_claims(sources, [claim]), directives)
    assert blocks.read_claims(lines) == (sources, [claim])


def test_the_origins(directives):
    rows = [
        blocks.OriginRow(
            "statement",
            HOSTILE,
            "official statement",
            "U.S. European Command",
            "5 February 2026",
            "https://example.org/a?b=c",
            "A *note* with ```` fences.",
            "origins.yaml",
            12,
            (Link("1 Gazette", "articles/001_a", "bb-passage-001_a-1"),),
        ),
        blocks.OriginRow(
            "unnamed", "An official", "unnamed source", "an official", None, None, None, "origins.yaml", 0, ()
        ),
    ]
    name, _, _, lines = read_back(blocks.write_origins(rows), directives)
    assert name == blocks.ORIGINS and blocks.read_origins(lines) == rows


def test_the_timeline(directives):
    rows = [
        blocks.TimelineRow(
            "bb-event-x",
            "5 February 2026",
            HOSTILE,
            None,
            None,
            (Link("1 Gazette", "articles/001_a", "p-1"),),
        ),
        blocks.TimelineRow("bb-post-y", "2020 – present", "Commander", "Jane Doe", "Jane Doe", ()),
        blocks.TimelineRow("bb-event-z", "1990", "Whole article", None, None, (Link("2 Wire", "b", None),)),
        blocks.TimelineRow("bb-event-w", "2021", "A claim", None, None, (), "credibility 4, doubtful"),
    ]
    name, _, _, lines = read_back(blocks.write_timeline(rows), directives)
    assert name == blocks.TIMELINE and blocks.read_timeline(lines) == rows


def test_the_sources_table(directives):
    rows = [
        blocks.SourceRow("articles/001_a", HOSTILE, ("Gazette", "5 February 2026", "not stated", "News")),
        blocks.SourceRow(
            "articles/002_b", "B", ("Wire",), "C (fairly reliable): " + HOSTILE, "A copy of 001 Gazette"
        ),
    ]
    name, _, _, lines = read_back(blocks.write_sources_table(rows), directives)
    assert name == blocks.SOURCES_TABLE and blocks.read_sources_table(lines) == rows


@pytest.mark.parametrize(
    "data",
    [
        TimelineData(
            (Event("bb-event-x", "2026-02-05", HOSTILE, ("1", "3"), HOSTILE),),
            (Period("bb-post-y", "2020", None, "Commander", "Commander", "Jane Doe"),),
            4,
        ),
        ActorData(
            (Actor("nato", "NATO", "organisation", 1), Actor("doe", HOSTILE, "person", 1)),
            (Tie("doe", "nato", "post"),),
            7,
        ),
    ],
    ids=["timeline", "actors"],
)
def test_a_figure(directives, data):
    name, _, _, lines = read_back(blocks.write_figure(data), directives)
    assert name == blocks.FIGURE and blocks.read_figure(lines) == data


def test_the_claim_index():
    claims = {
        "suspension-2021": blocks.ClaimSummary(HOSTILE, ("1 Gazette", "3 Wire")),
        "untagged": blocks.ClaimSummary("Nobody reports this.", ()),
        "graded": blocks.ClaimSummary("Graded.", ("1 Gazette",), "credibility 2, probably true", HOSTILE),
    }
    assert blocks.read_claims_index(blocks.write_claims_index(claims)) == claims

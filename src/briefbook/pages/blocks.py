"""Every block of a generated page, defined once for both sides: the generator writes it, a directive reads it.

A generated page holds all it shows in fenced directives.  Each is defined here: its name, its
argument and options, the keys of its rows, a ``write_*`` function (used by :mod:`.article` and
:mod:`.overviews`) and a ``read_*`` function giving typed values back (used by the directives in
:mod:`briefbook.sphinxext`).  :mod:`briefbook.figures.pagedata` does the same for a figure's
rows; ``bb-figure`` hands its body to it.  A test writes each block, reads it back through
MyST's own parser, and compares.

What a block's body holds:

- raw lines, never parsed as markup: ``bb-text`` (the article's paragraphs), ``bb-caption``,
  ``bb-quote`` (a note's passage);
- one JSON value per line: ``bb-terms``, ``bb-links``, ``bb-related``, ``bb-mentions``,
  ``bb-claims``, ``bb-timeline``, ``bb-sources-table``, ``bb-origins``, ``bb-figure``,
  ``bb-browse`` (the editor's MyST a claim's or an origin's row holds is parsed by its directive,
  with the line of the YAML file it comes from);
- the editor's MyST, with the sidecar line it starts on: ``bb-body``, ``bb-basis``;
- other blocks: ``bb-article`` (the text, caption, terms and notes), ``bb-note`` (its quote,
  body, basis and links; its options say where its passage is);
- ``line<TAB>rule<TAB>text`` rows: ``bb-removed``.

Light to import (no book model, no Sphinx), so the Sphinx side reads pages without the reading
pipeline.  The claims matrix's rows (what each claim stands on), the key judgments with their
evidence (``bb-judgments``, in :data:`briefbook.names.JUDGMENTS_PAGE`, which the front page
includes) and the generated ``{claim}`` index (:data:`briefbook.names.CLAIMS_INDEX`), the other
thing the generator hands the directives, are defined in :mod:`.claimblocks` and named here with
the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Link, LinkLine, RemovedLine, Span
from .claimblocks import (  # noqa: F401 (the claims matrix's rows and the {claim} index: this contract's too)
    CLAIMS,
    JUDGMENTS,
    ClaimRow,
    ClaimSummary,
    Evidence,
    JudgmentRow,
    OriginMarks,
    SourceHead,
    StancePassage,
    Standing,
    read_claims,
    read_claims_index,
    read_judgments,
    write_claims,
    write_claims_index,
    write_judgments,
)
from .myst import block, json_lines, json_rows, row_fields

if TYPE_CHECKING:
    from ..figures.actors import ActorData
    from ..figures.timeline import TimelineData

# --------------------------------------------------------------------- names (each its directive's)

ARTICLE = "bb-article"
TEXT = "bb-text"
CAPTION = "bb-caption"
QUOTE = "bb-quote"
TERMS = "bb-terms"
NOTE = "bb-note"
BODY = "bb-body"
BASIS = "bb-basis"
LINKS = "bb-links"
RELATED = "bb-related"
REMOVED = "bb-removed"
MENTIONS = "bb-mentions"
TIMELINE = "bb-timeline"
SOURCES_TABLE = "bb-sources-table"
ORIGINS = "bb-origins"
FIGURE = "bb-figure"
BROWSE = "bb-browse"

# A note's options, in the order they are written, and whether a note must have each.
NOTE_OPTIONS = {
    "kind": True,
    "key": True,
    "passage": True,
    "claim": False,
    "stance": False,
    "origin": False,
}


# --------------------------------------------------------------------- the article and its notes


def write_article(stem: str, parts: Iterable[str]) -> str:
    """``bb-article STEM``: the article's text, caption, terms and notes, as their own blocks."""
    return block(ARTICLE, stem, "\n".join(parts))


def write_text(paragraphs: Iterable[str]) -> str:
    """``bb-text``: the article's paragraphs, one per line, a blank line between them."""
    return block(TEXT, "", "\n\n".join(paragraphs))


def read_text(lines: Iterable[str]) -> list[str]:
    return [line for line in lines if line.strip()]


def write_caption(caption: str) -> str:
    """``bb-caption``: the article's photo caption."""
    return block(CAPTION, "", caption)


def read_caption(lines: Iterable[str]) -> str:
    return " ".join(lines)


@dataclass(frozen=True)
class TermRow:
    """A glossary mention to link, in ``bb-terms``: where it is, which entry, and for an acronym
    its expansion and whether print follows this mention with it."""

    paragraph: int  # models.CAPTION for the photo caption
    start: int
    end: int
    id: str
    term: str
    expansion: str | None = None
    expand: bool = False


def write_terms(rows: Iterable[TermRow]) -> str:
    return block(TERMS, "", json_lines(_term_row(row) for row in rows))


def _term_row(row: TermRow) -> dict:
    data = {"paragraph": row.paragraph, "start": row.start, "end": row.end, "id": row.id, "term": row.term}
    if row.expansion:
        data |= {"expansion": row.expansion, "expand": row.expand}
    return data


def read_terms(lines: Iterable[str]) -> list[TermRow]:
    return [TermRow(**row) for row in json_rows(lines)]


@dataclass(frozen=True)
class Origin:
    """Where a note was written: its sidecar's file name (in the seeds folder) and line."""

    file: str
    line: int


@dataclass(frozen=True)
class NoteHead:
    """``bb-note NUMBER`` and its options: what a note is, and where its passage is."""

    number: int
    kind: str
    passage: Span
    claim: str | None = None
    stance: str | None = None
    origin: Origin | None = None
    key: str = ""  # the note's stable key (briefbook.book.identity): its passage's anchor is named by it


def write_note(head: NoteHead, parts: Iterable[str]) -> str:
    """``bb-note``: its quote, body, basis and links (each a block of its own) with its head as options."""
    span = head.passage
    options = {
        "kind": head.kind,
        "key": head.key,
        "passage": f"{span.paragraph} {span.start} {span.end}",
        "claim": head.claim,
        "stance": head.stance,
        "origin": f"{head.origin.file}:{head.origin.line}" if head.origin else None,
    }
    return block(NOTE, str(head.number), "\n".join(parts), options)


def read_note_head(argument: str, options: Mapping[str, str]) -> NoteHead:
    paragraph, start, end = (int(value) for value in options["passage"].split())
    file, _, line = (options.get("origin") or "").rpartition(":")
    origin = Origin(file, int(line)) if file else None
    claim, stance = options.get("claim") or None, options.get("stance") or None
    return NoteHead(
        int(argument), options["kind"], Span(paragraph, start, end), claim, stance, origin, options["key"]
    )


def write_quote(words: str) -> str:
    """``bb-quote``: the words of a note's passage.  Not read back: the passage is marked by the
    note's span; the words are in the page so that it changes when they do, and to read there."""
    return block(QUOTE, "", words)


def write_body(line: int, text: str) -> str:
    """``bb-body LINE``: a note's text, the editor's MyST from line LINE of its sidecar."""
    return block(BODY, str(line), text)


def write_basis(line: int, text: str) -> str:
    """``bb-basis LINE``: a note's basis, the editor's MyST from line LINE of its sidecar."""
    return block(BASIS, str(line), text)


def read_source_line(argument: str) -> int:
    """The sidecar line a ``bb-body`` or ``bb-basis`` starts on."""
    return int(argument)


def write_links(lines: Iterable[LinkLine]) -> str:
    """``bb-links``: the lines of links the book adds to a note (a lead, then links to passages)."""
    rows = (
        {
            "lead": line.lead,
            "links": [_link_row(link) for link in line.links],
            **({"others": line.others} if line.others else {}),
        }
        for line in lines
    )
    return block(LINKS, "", json_lines(rows))


def _link_row(link: Link, titled: bool = True) -> dict:
    row = {"text": link.text, "doc": link.docname, "target": link.target}
    return {**row, "title": link.title} if titled else row


def _link(row: dict) -> Link:
    return Link(row["text"], row["doc"], row["target"], row.get("title"))


def read_links(lines: Iterable[str]) -> list[LinkLine]:
    return [
        LinkLine(row["lead"], tuple(map(_link, row["links"])), row.get("others", 0))
        for row in json_rows(lines)
    ]


@dataclass(frozen=True)
class RelatedRow:
    """In ``bb-related``: another article that reports a claim this one does or shares words with it."""

    doc: str
    title: str
    label: str  # the source's number and publisher
    claims: int  # claims in common
    shared: int  # passages shared word for word


def write_related(rows: Iterable[RelatedRow], more: int = 0) -> str:
    """``bb-related``: the other articles with claims or passages in common (``:more: N``: the
    most related of them, and how many others there are)."""
    return block(RELATED, "", json_lines(row_fields(row) for row in rows), {"more": more or None})


def read_related(lines: Iterable[str]) -> list[RelatedRow]:
    return [RelatedRow(**row) for row in json_rows(lines)]


def write_removed(stem: str, rows: Iterable[RemovedLine]) -> str:
    """``bb-removed STEM``: the lines cleaning removed from the original, ``line<TAB>rule<TAB>text``."""
    return block(REMOVED, stem, "\n".join(f"{row.line}\t{row.rule}\t{row.text}" for row in rows))


def read_removed(lines: Iterable[str]) -> list[RemovedLine]:
    rows = (line.split("\t", 2) for line in lines if line.strip())
    return [RemovedLine(int(number), text, rule) for number, rule, text in rows]


# --------------------------------------------------------------------- overview pages


@dataclass(frozen=True)
class Mention:
    """In ``bb-mentions``: an article that mentions a glossary entry, how often, and the linked
    mention's id (None when no mention there is linked); its number names it in print."""

    doc: str
    title: str
    target: str | None
    count: int
    number: str = ""


def write_mentions(entry_id: str, rows: Iterable[Mention], more: int = 0, term: str = "") -> str:
    """``bb-mentions ENTRY-ID``: the articles that mention a glossary entry (with ``:more: N``,
    those that mention it most, how many others do, and ``:term:`` to search for them)."""
    options = {"more": more or None, "term": " ".join(term.split()) if more else None}
    return block(MENTIONS, entry_id, json_lines(row_fields(row) for row in rows), options)


def read_mentions(lines: Iterable[str]) -> list[Mention]:
    return [Mention(**row) for row in json_rows(lines)]


@dataclass(frozen=True)
class TimelineRow:
    """An entry of ``bb-timeline``: its id (the figure links to it), its date as shown, its words,
    the glossary term it links to, the person (for a post), and links to its sources."""

    key: str
    when: str
    text: str
    term: str | None
    person: str | None
    sources: tuple[Link, ...]  # without titles
    grade: str | None = None  # for a claim: its credibility, "credibility 2, probably true"


def write_timeline(rows: Iterable[TimelineRow]) -> str:
    data = ({**row_fields(row), "sources": [_link_row(s, titled=False) for s in row.sources]} for row in rows)
    return block(TIMELINE, "", json_lines(data))


def read_timeline(lines: Iterable[str]) -> list[TimelineRow]:
    return [TimelineRow(**{**row, "sources": tuple(map(_link, row["sources"]))}) for row in json_rows(lines)]


@dataclass(frozen=True)
class SourceRow:
    """A row of ``bb-sources-table`` (the sources page): the article and its facts (publisher,
    date, author, kind, words, notes, claims), as text; its grade with its reason, and whether it is
    a copy or has copies; its number, and its date as the sidecar gives it (YYYY, YYYY-MM or
    YYYY-MM-DD), which a script sorts and filters by."""

    doc: str
    title: str
    facts: tuple[str, ...]
    grade: str = "not graded"  # the editor's grade of its reliability: "B (usually reliable)"
    reason: str | None = None  # the editor's reason for it
    copy: str | None = None  # "A copy of 003 News report (98% of its text stands there)", or "Copied in ..."
    number: str = ""
    date: str | None = None


def write_sources_table(rows: Iterable[SourceRow]) -> str:
    return block(SOURCES_TABLE, "", json_lines(row_fields(row) for row in rows))


def read_sources_table(lines: Iterable[str]) -> list[SourceRow]:
    return [SourceRow(**{**row, "facts": tuple(row["facts"])}) for row in json_rows(lines)]


@dataclass(frozen=True)
class OriginRow:
    """A declared origin in ``bb-origins`` (the sources page): what it is, who it comes from, the
    editor's note on it (MyST, from line ``note_line`` of ``file``), and the passages resting on it."""

    id: str
    label: str
    kind: str  # in words: "official statement"
    who: str
    date: str | None  # as shown: "5 February 2026"
    url: str | None
    note: str | None
    file: str
    note_line: int
    passages: tuple[Link, ...]  # one per source, to its first passage resting on it (no titles)


def write_origins(rows: Iterable[OriginRow]) -> str:
    data = (
        {**row_fields(row), "passages": [_link_row(p, titled=False) for p in row.passages]} for row in rows
    )
    return block(ORIGINS, "", json_lines(data))


def read_origins(lines: Iterable[str]) -> list[OriginRow]:
    return [OriginRow(**{**row, "passages": tuple(map(_link, row["passages"]))}) for row in json_rows(lines)]


@dataclass(frozen=True)
class BrowseEntry:
    """An article as a browsing list shows it: its page, its number, its title, a line of facts."""

    doc: str
    number: str
    title: str
    facts: str  # "News report · Harbour Wire · 5 February 2026", plain text


@dataclass(frozen=True)
class BrowseGroup:
    """A row of ``bb-browse``: a group of articles (a week, a month, a publisher), the page that
    lists it whole, and its articles in the order they are listed."""

    title: str
    page: str
    entries: tuple[BrowseEntry, ...]


def write_browse(shape: str, groups: Iterable[BrowseGroup]) -> str:
    """``bb-browse SHAPE``: groups of articles, ``folds`` (the front page: each group folds away)
    or ``list`` (a group's own page: its articles, whole)."""
    return block(BROWSE, shape, json_lines(row_fields(group) for group in groups))


def read_browse(lines: Iterable[str]) -> list[BrowseGroup]:
    return [
        BrowseGroup(**{**row, "entries": tuple(BrowseEntry(**e) for e in row["entries"])})
        for row in json_rows(lines)
    ]


# The figures' modules (layout, SVG, TikZ) are imported only where a figure is written or read, so
# a build that reads and writes only articles never loads them.


def write_figure(data: TimelineData | ActorData) -> str:
    """``bb-figure``: a figure's data, as the rows :mod:`briefbook.figures.pagedata` defines."""
    from ..figures.pagedata import figure_rows

    return block(FIGURE, "", json_lines(figure_rows(data)))


def read_figure(lines: Iterable[str]) -> TimelineData | ActorData:
    from ..figures.pagedata import figure_from_rows

    return figure_from_rows(json_rows(lines))

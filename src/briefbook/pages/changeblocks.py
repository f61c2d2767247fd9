"""The blocks of editions, defined once for both sides: the "What's new" page, and the marks on
notes and articles new or changed since the edition the book is compared with.

Like :mod:`.blocks` (whose conventions these follow), each block has a name, a ``write_*`` function
(used by :mod:`.whatsnew` and :mod:`.article`) and a ``read_*`` function (used by
:mod:`briefbook.sphinxext.editions`).  Every value is one JSON value per line, never parsed as
markup: a note's old text, a quote, a title are text wherever they are shown.

- ``bb-edition``: the What's new page's head: which edition the book is, what it is compared with;
- ``bb-changes SECTION``: the items of one section of the What's new page (articles with their
  notes; claims; glossary; the front page);
- ``bb-article-change``: the mark under an article's title (new, or changed, since the edition);
- ``bb-note-change``: the mark on a note (new or changed), with its previous text;
- ``bb-update-brief``: what the update brief holds; in print, where the front page's text goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .blocks import json_rows
from .myst import block, json_lines, row_fields

EDITION = "bb-edition"
UPDATE_BRIEF = "bb-update-brief"
CHANGES = "bb-changes"
ARTICLE_CHANGE = "bb-article-change"
NOTE_CHANGE = "bb-note-change"

WHATSNEW = "whatsnew"  # the What's new page's name
SECTIONS = ("articles", "claims", "glossary", "page")  # what a bb-changes block may hold


@dataclass(frozen=True)
class EditionHead:
    """What the What's new page says first: where the book stands, and what it is compared with."""

    lines: tuple[str, ...]  # plain sentences
    update_brief: bool = False  # whether the build prints an update brief (offered for download)


def write_edition(head: EditionHead) -> str:
    return block(EDITION, "", json_lines([row_fields(head)]))


def read_edition(lines: Iterable[str]) -> EditionHead:
    (row,) = json_rows(lines)
    return EditionHead(tuple(row["lines"]), row["update_brief"])


@dataclass(frozen=True)
class NoteItem:
    """A note added, changed or removed, as the What's new page lists it under its article."""

    anchor: str  # its id on the What's new page
    change: str  # new, changed or removed
    number: int | None  # its number on its article's page now (None: removed)
    kind: str  # the label of its kind
    quote: str
    target: str | None  # its passage's id on the article's page (None: removed)
    text: str  # what it says now (removed: what it said), as plain text
    old: str | None = None  # changed: what it said before, as plain text
    details: tuple[str, ...] = ()  # what else changed: "basis", "stance: supports → contradicts"


@dataclass(frozen=True)
class ArticleItem:
    """An article new, removed or changed, with its notes that changed."""

    anchor: str
    change: str
    doc: str | None  # its page (None: removed)
    title: str
    label: str  # source number, publisher, date
    details: tuple[str, ...] = ()  # "retitled (was “…”)", "its text changed"
    notes: tuple[NoteItem, ...] = ()


@dataclass(frozen=True)
class ChangeItem:
    """A claim, a glossary entry or the front page that changed."""

    anchor: str
    change: str
    title: str  # what it is: the claim's statement, the glossary term, "The front page"
    doc: str | None = None  # where it is in the book (None: gone, or linked by term)
    target: str | None = None
    term: str | None = None  # a glossary term, linked as {term} links it
    text: str | None = None  # what it says now, as plain text
    old: str | None = None  # what it said before
    details: tuple[str, ...] = ()


Item = ArticleItem | ChangeItem


def write_changes(section: str, items: Iterable[Item]) -> str:
    """``bb-changes SECTION``: one section's items, one JSON object per line."""
    return block(CHANGES, section, json_lines(row_fields(item) for item in items))


def read_changes(section: str, lines: Iterable[str]) -> list[Item]:
    rows = json_rows(lines)
    if section == "articles":
        return [
            ArticleItem(
                **{
                    **row,
                    "details": tuple(row["details"]),
                    "notes": tuple(_note_item(note) for note in row["notes"]),
                }
            )
            for row in rows
        ]
    return [ChangeItem(**{**row, "details": tuple(row["details"])}) for row in rows]


def _note_item(row: dict) -> NoteItem:
    return NoteItem(**{**row, "details": tuple(row["details"])})


@dataclass(frozen=True)
class Mark:
    """A mark where the reader reads: on an article (under its title) or on a note."""

    change: str  # new or changed
    since: str  # the edition compared with, as the mark names it: "edition 1 of 5 February 2026"
    anchor: str  # the item's id on the What's new page, which the mark links to
    summary: str = ""  # for an article: what changed in it, in a few words
    old: str | None = None  # for a changed note: what it said before, as plain text


def write_article_change(mark: Mark) -> str:
    """``bb-article-change``: the mark under an article's title."""
    return block(ARTICLE_CHANGE, "", json_lines([row_fields(mark)]))


def write_note_change(mark: Mark) -> str:
    """``bb-note-change``: the mark on a note, inside its ``bb-note``."""
    return block(NOTE_CHANGE, "", json_lines([row_fields(mark)]))


def read_mark(lines: Iterable[str]) -> Mark:
    (row,) = json_rows(lines)
    return Mark(**row)


def write_update_brief(intro: str) -> str:
    """``bb-update-brief``: the update brief's opening words (one JSON string)."""
    return block(UPDATE_BRIEF, "", json_lines([intro]))


def read_update_brief(lines: Iterable[str]) -> str:
    (intro,) = json_rows(lines)
    return str(intro)

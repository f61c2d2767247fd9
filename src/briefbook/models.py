"""The data that flows between briefbook's phases, as frozen dataclasses.

read -> RawArticle; clean -> Article; load -> Sidecar / Glossary / Claims
(with the References their markup makes); anchor -> LocatedNote;
cross-reference -> Book.  Each phase is a plain function
from one of these to the next, so each can be tested alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RawArticle:
    """An article file decoded to text (NFC, LF line ends), nothing removed yet."""

    path: Path
    text: str
    encoding: str  # what the bytes were decoded as, e.g. "utf-8", "cp1252"
    repairs: tuple[str, ...] = ()  # what decoding had to repair (mojibake, BOM, CRLF ...)

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class RemovedLine:
    """One line of the original that is not in the cleaned text, and why."""

    line: int  # 1-based line number in the decoded original
    text: str
    rule: str  # name of the rule or pass that removed it


DEFAULT_WITHIN = 5  # how many lines from the start or end a "start"/"end" rule looks


@dataclass(frozen=True)
class Rule:
    """A compiled clutter rule (see ``editorial/rules/clutter.yaml`` for the format;
    loaded by :mod:`briefbook.editorial.cleanrules`)."""

    name: str
    regex: re.Pattern[str]  # must match a whole (stripped) line, or wrapped lines joined
    where: str = "anywhere"
    within: int = DEFAULT_WITHIN
    wraps: int = 0
    repeats: int = 1
    origin: str = ""  # file:line of the rule, for messages

    def allows(self, rank: int, total: int) -> bool:
        """Whether a line that is the ``rank``-th (0-based) of ``total`` non-blank lines may match."""
        if self.where == "start":
            return rank < self.within
        if self.where == "end":
            return total - rank <= self.within
        return True


@dataclass(frozen=True)
class Article:
    """A cleaned article: its paragraphs, what was pulled into metadata, what was removed."""

    stem: str
    path: Path
    paragraphs: tuple[str, ...]
    headline: str | None = None
    caption: str | None = None
    removed: tuple[RemovedLine, ...] = ()
    # 1-based line in the original where each paragraph starts (same length as paragraphs)
    paragraph_lines: tuple[int, ...] = ()
    # what cleaning noticed but left in the text for the editor to judge, e.g.
    # "line 12: 'officials12' may end in a footnote marker (12); left in the text"
    notices: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


CAPTION = -1  # the paragraph index of an article's photo caption


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) inside one paragraph (CAPTION: the photo caption)."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Note:
    """An editor's note as written in a sidecar, before anchoring.

    It holds each field of :data:`briefbook.editorial.notefields.NOTE_FIELDS` (a test holds the
    two together) and the lines it was read from.
    """

    quote: str
    kind: str
    note: str  # MyST, written by the book's editor
    line: int  # line of the note in the sidecar, for error messages
    note_line: int = 0  # line where the note's text starts in the sidecar
    basis_line: int = 0  # line where the basis starts in the sidecar
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    basis: str | None = None
    claim: str | None = None
    stance: str | None = None
    origin: str | None = None  # the id of the origin (origins.yaml) the passage rests on
    where: str = "text"  # "text" (the article's paragraphs) or "caption" (its photo caption)


@dataclass(frozen=True)
class Link:
    """A link the book makes itself, to a passage of another page (never parsed as markup)."""

    text: str
    docname: str  # e.g. "articles/002_72b9c12019795750"
    target: str  # an id on that page
    title: str | None = None  # shown on hover in HTML (e.g. the passage's words)


@dataclass(frozen=True)
class LinkLine:
    """One line of links added to a note: a lead-in, then the links.  ``others``: sources the line
    does not link to one by one (its last link, to the claims matrix, says how many)."""

    lead: str
    links: tuple[Link, ...]
    others: int = 0

    @property
    def sources(self) -> int:
        """How many sources the line names: one a link, and the others its last link counts."""
        return len(self.links) - (1 if self.others else 0) + self.others


@dataclass(frozen=True)
class LocatedNote:
    """A note with the place in the cleaned text its quote was found."""

    number: int  # 1-based, in reading order within the article
    note: Note
    span: Span
    lines: tuple[LinkLine, ...] = ()  # cross-references the book adds (claims, shared passages)
    # its stable identity (briefbook.book.identity): unlike the number, kept as other notes come and go
    key: str = ""


@dataclass(frozen=True)
class Reference:
    """A {term}, {doc} or {claim} reference in the editor's markup, checked against the whole book."""

    role: str  # "term", "doc" or "claim"
    target: str  # as written: a term, a page ("/articles/003_x" or relative) or a claim id
    path: str  # the YAML file it is written in
    line: int
    page_folder: str  # the folder of the page it lands on ("articles" or ""), for relative {doc} targets


@dataclass(frozen=True)
class Reliability:
    """The editor's grade of a source's reliability (A–F, the Admiralty system), with its reason."""

    grade: str
    reason: str
    line: int = 0  # where it is written in the sidecar


@dataclass(frozen=True)
class Sidecar:
    """The editor's data for one article (seeds/<stem>.yaml)."""

    path: Path
    title: str
    publisher: str | None
    date: str | None
    kind: str
    author: str | None = None
    url: str | None = None
    about: str | None = None
    notes: tuple[Note, ...] = ()
    clean_rules: tuple[Rule, ...] = ()  # per-article additions to the clutter rules
    references: tuple[Reference, ...] = ()  # {term}, {doc} and {claim} in its notes and about
    reliability: Reliability | None = None  # None: not graded yet

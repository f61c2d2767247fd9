"""The directives that read an article's page into nodes.

The page holds everything it shows (its blocks are defined in :mod:`briefbook.pages.blocks`):
``bb-article`` wraps the article's text (``bb-text``, ``bb-caption``: raw lines), its term
links (``bb-terms``) and its notes (``bb-note``, each with its quote, its MyST text and basis,
and the links the book adds).  The inner blocks hand their content to the one that holds them
as a :class:`bb_part`, which never reaches a writer.  Untrusted text only ever becomes text
nodes; the editor's MyST is parsed, and whatever Sphinx finds wrong in it is reported at the
sidecar's file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..kinds import note_label
from ..models import CAPTION, LinkLine
from ..pages import blocks, changeblocks
from ..printable import counted
from .apparatus import bb_apparatus
from .articletext import compact_paragraph
from .editions import mark_note
from .links import link
from .text import bb_article, bb_note, bb_para, bb_removed


def setup_article(app: Sphinx) -> None:
    app.add_directive(blocks.ARTICLE, ArticleDirective)
    for name in (
        blocks.TEXT,
        blocks.CAPTION,
        blocks.QUOTE,
        blocks.TERMS,
        blocks.LINKS,
        changeblocks.NOTE_CHANGE,
    ):
        app.add_directive(name, LinesPart)
    for name in (blocks.BODY, blocks.BASIS):
        app.add_directive(name, MystPart)
    app.add_directive(blocks.NOTE, NoteDirective)
    app.add_directive(blocks.REMOVED, RemovedDirective)


class bb_part(nodes.Element):
    """One part of an article's page (its text, terms or a note), consumed by ``bb-article``
    (or ``bb-note``) as it is read: no writer ever meets one."""


def parts_of(directive: SphinxDirective) -> dict[str, bb_part]:
    """The parts a directive's content holds, by block name."""
    holder = nodes.container()
    directive.state.nested_parse(directive.content, directive.content_offset, holder)
    return {part["part"]: part for part in holder.children if isinstance(part, bb_part)}


@dataclass(frozen=True)
class PlacedNote:
    number: int
    key: str  # its stable key: its passage's anchor is named by it
    paragraph: int
    start: int
    end: int
    nodes: tuple[nodes.Node, ...]  # the note's aside (its mark is made where the passage ends)


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    active: tuple[int, ...]  # numbers of the notes whose passage this piece is in
    beginning: tuple[PlacedNote, ...]  # notes whose passage starts here
    ending: tuple[PlacedNote, ...]  # notes whose passage ends here
    term: blocks.TermRow | None  # the glossary term this piece is, if any


def segment(text: str, notes: list[PlacedNote], terms: list[blocks.TermRow]) -> list[Piece]:
    """Cut a paragraph at every passage and term boundary.

    Passages may overlap and nest, so each piece records which passages it is in; a term lies
    wholly inside or outside each passage (the book's term linking sees to that), so no cut falls
    inside a term.
    """
    cuts = {0, len(text)}
    for n in notes:
        cuts.update((n.start, n.end))
    for t in terms:
        cuts.update((t.start, t.end))
    term_at = {t.start: t for t in terms}
    pieces = []
    for start, end in pairwise(sorted(cuts)):
        active = tuple(n.number for n in notes if n.start <= start and end <= n.end)
        beginning = tuple(n for n in notes if n.start == start)
        ending = tuple(n for n in notes if n.end == end)
        pieces.append(Piece(start, end, active, beginning, ending, term_at.get(start)))
    return pieces


class LinesPart(SphinxDirective):
    """```{bb-text}```, ```{bb-caption}```, ```{bb-quote}```, ```{bb-terms}```, ```{bb-links}```:
    lines kept as they are, for the block that holds them to read."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        return [bb_part(part=self.name, lines=list(self.content))]


class MystPart(SphinxDirective):
    """```{bb-body} LINE``` / ```{bb-basis} LINE```: the editor's MyST, from line LINE of a sidecar.

    Parsed here; each node's line is moved to the sidecar's line (``bb-note`` sets the file), so a
    problem Sphinx finds later (an unknown term, say) names the place the editor wrote.
    """

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        holder = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, holder)
        first = blocks.read_source_line(self.arguments[0])
        for child in holder.findall(nodes.Element):
            # the body starts on the line after the directive's (MyST gives nested nodes document lines)
            offset = child.line - self.lineno - 1 if child.line else 0
            child.line = first + max(offset, 0)
        return [bb_part("", *holder.children, part=self.name)]


class NoteDirective(SphinxDirective):
    """```{bb-note} NUMBER``` with kind, passage (paragraph start end) and origin (file:line)."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict] = {
        name: directives.unchanged_required if required else directives.unchanged
        for name, required in blocks.NOTE_OPTIONS.items()
    }

    def run(self) -> list[nodes.Node]:
        head = blocks.read_note_head(self.arguments[0], self.options)
        parts = parts_of(self)
        aside = bb_note(number=head.number, kind=head.kind, label=note_label(head.kind))
        if blocks.BODY in parts:
            aside.extend(parts[blocks.BODY].children)
        if changeblocks.NOTE_CHANGE in parts:  # new or changed since the edition compared with
            mark_note(aside, changeblocks.read_mark(parts[changeblocks.NOTE_CHANGE]["lines"]))
        apparatus = bb_apparatus(classes=["bb-apparatus"])
        if blocks.BASIS in parts:
            basis = list(parts[blocks.BASIS].children)
            if not basis or not isinstance(basis[0], nodes.paragraph):
                basis.insert(0, nodes.paragraph())
            basis[0].insert(0, nodes.emphasis("", "Basis: "))
            basis[0]["classes"].append("bb-basis")
            apparatus.extend(basis)
        for line in blocks.read_links(parts[blocks.LINKS]["lines"]) if blocks.LINKS in parts else ():
            apparatus += link_line(line)
        if apparatus.children:
            aside += apparatus
        if head.origin:
            source = self.sidecar_path(head.origin.file)
            for child in aside.findall(nodes.Element):
                child.source = source
        span = head.passage
        return [
            bb_part(
                "",
                aside,
                part=blocks.NOTE,
                number=head.number,
                key=head.key,
                span=(span.paragraph, span.start, span.end),
            )
        ]

    def sidecar_path(self, name: str) -> str:
        """The sidecar's path as the user reads it best: relative to the current folder if below it."""
        path = Path(self.config.briefbook_seeds_path, name)
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)


def link_line(line: LinkLine) -> nodes.paragraph:
    """A line of links the book adds to a note: plain text and bb_link nodes, no markup."""
    para = nodes.paragraph(classes=["bb-xref"])
    para["bb-sources"] = line.sources  # what the folded note's summary counts (not its links)
    para += nodes.emphasis("", line.lead)
    for index, target in enumerate(line.links):
        para += nodes.Text(" " if index == 0 else "; ")
        para += link(target.text, target.docname, target.target, target.title)
    return para


class ArticleDirective(SphinxDirective):
    """```{bb-article} STEM``` holding the article's text, terms and notes."""

    required_arguments = 1
    has_content = True
    final_argument_whitespace = False

    def run(self) -> list[nodes.Node]:
        self.stem = self.arguments[0]
        holder = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, holder)
        parts = [p for p in holder.children if isinstance(p, bb_part)]
        text = next((blocks.read_text(p["lines"]) for p in parts if p["part"] == blocks.TEXT), [])
        caption = next((blocks.read_caption(p["lines"]) for p in parts if p["part"] == blocks.CAPTION), None)
        terms = [row for p in parts if p["part"] == blocks.TERMS for row in blocks.read_terms(p["lines"])]
        notes = [
            PlacedNote(p["number"], p["key"], *p["span"], nodes=tuple(p.children))
            for p in parts
            if p["part"] == blocks.NOTE
        ]
        container = bb_article(classes=["bb-article"])
        container["support_smartquotes"] = False
        if caption:
            para = self.paragraph(CAPTION, caption, notes, terms)
            para["classes"].append("bb-caption")
            para.insert(0, nodes.inline("", "Photo caption: ", classes=["bb-caption-label"]))
            container += para
        for index, words in enumerate(text):
            container += self.paragraph(index, words, notes, terms)
        return [container]

    def paragraph(
        self, index: int, text: str, notes: list[PlacedNote], terms: list[blocks.TermRow]
    ) -> bb_para:
        """One paragraph: its words, with passage marks, notes and term links (kept compact while
        Sphinx reads and stores the page, made whole before it is written: see :mod:`.articletext`)."""
        mine = [n for n in notes if n.paragraph == index]
        pieces = segment(text, mine, [t for t in terms if t.paragraph == index])
        asides = []
        for piece in pieces:
            for note in piece.ending:
                for aside in note.nodes:
                    aside["ids"] = [f"bb-note-{self.stem.lower()}-{note.number}"]
                    asides.append(aside)
        where = (self.env.docname, *self.get_source_info())
        return compact_paragraph(self.stem, text, pieces, asides, where)


class RemovedDirective(SphinxDirective):
    """```{bb-removed} STEM``` with ``line<TAB>rule<TAB>text`` rows as its body."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        rows = blocks.read_removed(self.content)
        box = bb_removed(
            summary=f"Removed from the original ({counted(len(rows), 'line')})", classes=["bb-removed"]
        )
        items = nodes.bullet_list()
        for row in rows:
            item = nodes.paragraph()
            item += nodes.inline("", f"line {row.line}, {row.rule}: ", classes=["bb-removed-where"])
            item += nodes.literal(row.text, row.text)
            items += nodes.list_item("", item)
        box += items
        return [box]

"""Directives that turn a generated article page into briefbook nodes.

The page holds everything it shows (see ``briefbook.pages.overviews``): ``bb-article``
wraps the article's text (``bb-text``, ``bb-caption``: raw lines), its term
links (``bb-terms``: JSON lines) and its notes (``bb-note``, each with its
quote, its MyST text and basis, and the links the book adds).  Untrusted text
only ever becomes text nodes; the editor's MyST is parsed, and whatever Sphinx
finds wrong in it is reported at the sidecar's file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..kinds import note_label
from ..models import CAPTION
from ..names import mention_id, passage_id
from . import nodes as bb

logger = logging.getLogger(__name__)


class bb_part(nodes.Element):
    """One part of an article's page (its text, terms or a note), consumed by ``bb-article``."""


def json_rows(lines: list[str]) -> list:
    """The JSON values of a data block, one per non-blank line."""
    return [json.loads(line) for line in lines if line.strip()]


def raw_paragraphs(lines: list[str]) -> list[str]:
    """The paragraphs of a raw text block: one per line, blank lines between."""
    return [line for line in lines if line.strip()]


@dataclass(frozen=True)
class PlacedNote:
    number: int
    paragraph: int
    start: int
    end: int
    nodes: tuple[nodes.Node, ...]  # the note's aside (its mark is made where the passage ends)


@dataclass(frozen=True)
class TermLink:
    paragraph: int
    start: int
    end: int
    id: str
    term: str
    expansion: str | None = None
    expand: bool = False  # print the expansion after this mention


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    active: tuple[int, ...]  # numbers of the notes whose passage this piece is in
    beginning: tuple[PlacedNote, ...]  # notes whose passage starts here
    ending: tuple[PlacedNote, ...]  # notes whose passage ends here
    term: TermLink | None  # the glossary term this piece is, if any


def segment(text: str, notes: list[PlacedNote], terms: list[TermLink]) -> list[Piece]:
    """Cut a paragraph at every passage and term boundary.

    Passages may overlap and nest, so each piece records which passages it is
    in; a term lies wholly inside or outside each passage (pipeline.link_terms_in
    sees to that), so no cut falls inside a term.
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


class RawPart(SphinxDirective):
    """```{bb-text}``` / ```{bb-caption}``` / ```{bb-quote}```: untrusted lines, kept as they are."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        return [bb_part(part=self.name, lines=list(self.content))]


class DataPart(SphinxDirective):
    """```{bb-terms}``` / ```{bb-links}```: one JSON value per line."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        return [bb_part(part=self.name, rows=json_rows(list(self.content)))]


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
        first = int(self.arguments[0])
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
        "kind": directives.unchanged_required,
        "passage": directives.unchanged_required,
        "claim": directives.unchanged,
        "stance": directives.unchanged,
        "origin": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        number = int(self.arguments[0])
        paragraph, start, end = (int(v) for v in self.options["passage"].split())
        kind = self.options["kind"]
        holder = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, holder)
        origin = self.options.get("origin")
        source = self.sidecar_path(origin.rsplit(":", 1)[0]) if origin else None
        parts = {part["part"]: part for part in holder.children if isinstance(part, bb_part)}
        aside = bb.bb_note(number=number, kind=kind, label=note_label(kind))
        if "bb-body" in parts:
            aside.extend(parts["bb-body"].children)
        apparatus = bb.bb_apparatus(classes=["bb-apparatus"])
        if "bb-basis" in parts:
            basis = list(parts["bb-basis"].children)
            if not basis or not isinstance(basis[0], nodes.paragraph):
                basis.insert(0, nodes.paragraph())
            basis[0].insert(0, nodes.emphasis("", "Basis: "))
            basis[0]["classes"].append("bb-basis")
            apparatus.extend(basis)
        for row in parts["bb-links"]["rows"] if "bb-links" in parts else ():
            apparatus += link_line(row)
        if apparatus.children:
            aside += apparatus
        if source:
            for child in aside.findall(nodes.Element):
                child.source = source
        return [bb_part("", aside, part="bb-note", number=number, span=(paragraph, start, end))]

    def sidecar_path(self, name: str) -> str:
        """The sidecar's path as the user reads it best: relative to the current folder if below it."""
        path = Path(self.config.briefbook_seeds_path, name)
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)


def link_line(row: dict) -> nodes.paragraph:
    """A line of links the book adds to a note: plain text and bb_link nodes, no markup."""
    para = nodes.paragraph(classes=["bb-xref"])
    para += nodes.emphasis("", row["lead"])
    for index, link in enumerate(row["links"]):
        para += nodes.Text(" " if index == 0 else "; ")
        para += bb.bb_link("", link["text"], docname=link["doc"], target=link["target"], title=link["title"])
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
        text = next((p["lines"] for p in parts if p["part"] == "bb-text"), [])
        caption = next((" ".join(p["lines"]) for p in parts if p["part"] == "bb-caption"), None)
        terms = [TermLink(**row) for p in parts if p["part"] == "bb-terms" for row in p["rows"]]
        notes = [
            PlacedNote(p["number"], *p["span"], nodes=tuple(p.children))
            for p in parts
            if p["part"] == "bb-note"
        ]
        container = bb.bb_article(classes=["bb-article"])
        container["support_smartquotes"] = False
        if caption:
            para = self.paragraph(CAPTION, caption, notes, terms)
            para["classes"].append("bb-caption")
            para.insert(0, nodes.inline("", "Photo caption: ", classes=["bb-caption-label"]))
            container += para
        for index, words in enumerate(raw_paragraphs(text)):
            container += self.paragraph(index, words, notes, terms)
        return [container]

    def paragraph(self, index: int, text: str, notes: list[PlacedNote], terms: list[TermLink]) -> bb.bb_para:
        """One paragraph: its words as text nodes, with passage marks, notes and term links."""
        para = bb.bb_para()
        mine = [n for n in notes if n.paragraph == index]
        for piece in segment(text, mine, [t for t in terms if t.paragraph == index]):
            for note in piece.beginning:
                para += bb.bb_target(refid=passage_id(self.stem, note.number), passage=True)
            node: nodes.Node = nodes.Text(text[piece.start : piece.end])
            if piece.term:
                node = self.term_node(piece.term, node)
            if piece.active:
                node = bb.bb_anchor("", "", node, notes=list(piece.active), classes=["bb-anchor"])
            para += node
            for index_in_run, note in enumerate(piece.ending):
                note_id = f"bb-note-{self.stem.lower()}-{note.number}"
                # a second number right after another is set apart ("³,⁴"), so the two never read as "34"
                para += bb.bb_mark("", "", number=note.number, refid=note_id, separated=index_in_run > 0)
                for aside in note.nodes:
                    aside["ids"] = [note_id]
                    para += aside
        return para

    def term_node(self, link: TermLink, text: nodes.Text) -> nodes.Node:
        """A mention of a glossary term: a :term: reference, an <abbr> for acronyms."""
        if link.expansion:
            inner = bb.bb_abbr("", "", text, expansion=link.expansion, first=link.expand)
        else:
            inner = nodes.inline("", "", text)
        # the classes Sphinx's own :term: role gives, so every builder treats it as a term reference
        inner["classes"].extend(["xref", "std", "std-term", "bb-term"])
        xref = addnodes.pending_xref(
            "",
            inner,
            refdomain="std",
            reftype="term",
            reftarget=link.term.lower(),
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )
        self.set_source_info(xref)
        target = bb.bb_target(refid=mention_id(self.stem, link.id))
        return nodes.inline("", "", target, xref)


class RemovedDirective(SphinxDirective):
    """```{bb-removed} STEM``` with ``line<TAB>rule<TAB>text`` rows as its body."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        rows = [line.split("\t", 2) for line in self.content if line.strip()]
        box = bb.bb_removed(summary=f"Removed from the original ({len(rows)} lines)", classes=["bb-removed"])
        items = nodes.bullet_list()
        for number, rule, text in rows:
            item = nodes.paragraph()
            item += nodes.inline("", f"line {number}, {rule}: ", classes=["bb-removed-where"])
            item += nodes.literal(text, text)
            items += nodes.list_item("", item)
        box += items
        return [box]


def setup_directives(app) -> None:
    app.add_directive("bb-article", ArticleDirective)
    for name in ("bb-text", "bb-caption", "bb-quote"):
        app.add_directive(name, RawPart)
    for name in ("bb-terms", "bb-links"):
        app.add_directive(name, DataPart)
    for name in ("bb-body", "bb-basis"):
        app.add_directive(name, MystPart)
    app.add_directive("bb-note", NoteDirective)
    app.add_directive("bb-removed", RemovedDirective)

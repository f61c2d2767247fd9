"""Directives that turn the generated pages' raw blocks into briefbook nodes.

Their bodies are article text or removed lines, i.e. untrusted: they are split
into lines and become text nodes, never parsed as markup.  Editor's notes, on
the other hand, are MyST and are parsed as such.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..errors import Code
from ..kinds import note_label
from ..models import CAPTION, LinkLine, LocatedNote
from ..pipeline import mention_id, passage_id
from ..termmatch import TermMatch
from . import nodes as bb
from .state import book_for

logger = logging.getLogger(__name__)


def raw_paragraphs(lines: list[str]) -> list[str]:
    """The paragraphs of a directive body: one per line, blank lines between."""
    return [line for line in lines if line.strip()]


def segment(text: str, notes: list[LocatedNote], terms: tuple[TermMatch, ...] = ()) -> list[Piece]:
    """Cut a paragraph at every passage and term boundary.

    Passages may overlap and nest, so each piece records which passages it is
    in; a term lies wholly inside or outside each passage (pipeline.link_terms_in
    sees to that), so no cut falls inside a term.
    """
    cuts = {0, len(text)}
    for n in notes:
        cuts.update((n.span.start, n.span.end))
    for t in terms:
        cuts.update((t.start, t.end))
    term_at = {t.start: t for t in terms}
    points = sorted(cuts)
    pieces = []
    for start, end in itertools.pairwise(points):
        active = tuple(n.number for n in notes if n.span.start <= start and end <= n.span.end)
        beginning = tuple(n for n in notes if n.span.start == start)
        ending = tuple(n for n in notes if n.span.end == end)
        pieces.append(Piece(start, end, active, beginning, ending, term_at.get(start)))
    return pieces


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    active: tuple[int, ...]  # numbers of the notes whose passage this piece is in
    beginning: tuple[LocatedNote, ...]  # notes whose passage starts here
    ending: tuple[LocatedNote, ...]  # notes whose passage ends here
    term: TermMatch | None  # the glossary term this piece is, if any


class ArticleDirective(SphinxDirective):
    """```{bb-article} STEM``` with the article's paragraphs as its body."""

    required_arguments = 1
    has_content = True
    final_argument_whitespace = False

    def run(self) -> list[nodes.Node]:
        stem = self.arguments[0]
        book = book_for(self.env)
        try:
            entry = book.article(stem)
        except KeyError:
            logger.warning(
                "no article %r in the book",
                stem,
                type="briefbook",
                subtype=Code.PAGE_UNKNOWN_ARTICLE,
                location=self.get_location(),
            )
            return []
        for path in book.input_files(stem):
            self.env.note_dependency(str(path))
        paragraphs = raw_paragraphs(list(self.content))
        if tuple(paragraphs) != entry.article.paragraphs:
            logger.warning(
                "page for %r is out of date with its article; rebuild to regenerate it",
                stem,
                type="briefbook",
                subtype=Code.PAGE_STALE,
                location=self.get_location(),
            )
            paragraphs = list(entry.article.paragraphs)
        container = bb.bb_article(classes=["bb-article"])
        container["support_smartquotes"] = False
        expanded: set[str] = set()
        if entry.article.caption:
            caption = self.paragraph(book, entry, CAPTION, entry.article.caption, expanded)
            caption["classes"].append("bb-caption")
            caption.insert(0, nodes.inline("", "Photo caption: ", classes=["bb-caption-label"]))
            container += caption
        for index, text in enumerate(paragraphs):
            container += self.paragraph(book, entry, index, text, expanded)
        return [container]

    def paragraph(self, book, entry, index: int, text: str, expanded: set[str]) -> bb.bb_para:
        """One paragraph: its words as text nodes, with passage marks, notes and term links."""
        stem = entry.stem
        para = bb.bb_para()
        notes = [n for n in entry.notes if n.span.paragraph == index]
        terms = entry.terms[index] if 0 <= index < len(entry.terms) else ()
        for piece in segment(text, notes, terms):
            for note in piece.beginning:
                para += bb.bb_target(refid=passage_id(stem, note.number), passage=True)
            node: nodes.Node = nodes.Text(text[piece.start : piece.end])
            if piece.term:
                node = self.term_node(
                    book, stem, piece.term, node, expanded, text[: piece.start], text[piece.end :]
                )
            if piece.active:
                node = bb.bb_anchor("", "", node, notes=list(piece.active), classes=["bb-anchor"])
            para += node
            for index_in_run, note in enumerate(piece.ending):
                para += self.note_nodes(stem, note, separated=index_in_run > 0)
        return para

    def term_node(
        self, book, stem: str, match: TermMatch, text: nodes.Text, expanded: set[str], before: str, after: str
    ) -> nodes.Node:
        """A mention of a glossary term: a :term: reference, an <abbr> for acronyms.

        In print an acronym's first use is followed by its expansion, unless the
        mention is not an acronym ("U.S. European Command") or the article has just
        spelled it out ("United States European Command (EUCOM)"); before a
        possessive ("NATO’s") it waits for the next use.
        """
        entry = book.glossary.by_id(match.entry_id)
        if entry.expansion:
            spelled_out = entry.expansion.casefold() in before[-len(entry.expansion) - 4 :].casefold()
            is_acronym = " " not in match.surface
            possessive = after[:2] in ("’s", "'s")
            first = entry.id not in expanded and is_acronym and not spelled_out and not possessive
            inner = bb.bb_abbr("", "", text, expansion=entry.expansion, first=first)
            if first or spelled_out or not is_acronym:
                expanded.add(entry.id)
        else:
            inner = nodes.inline("", "", text)
        # the classes Sphinx's own :term: role gives, so every builder treats it as a term reference
        inner["classes"].extend(["xref", "std", "std-term", "bb-term"])
        xref = addnodes.pending_xref(
            "",
            inner,
            refdomain="std",
            reftype="term",
            reftarget=entry.term.lower(),
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )
        self.set_source_info(xref)
        target = bb.bb_target(refid=mention_id(stem, entry.id))
        wrapper = nodes.inline("", "", target, xref)
        return wrapper

    def note_nodes(self, stem: str, located: LocatedNote, separated: bool = False) -> list[nodes.Node]:
        note_id = f"bb-note-{stem.lower()}-{located.number}"
        # a second number right after another is set apart ("³,⁴"), so the two never read as "34"
        mark = bb.bb_mark("", "", number=located.number, refid=note_id, separated=separated)
        aside = bb.bb_note(
            ids=[note_id],
            number=located.number,
            kind=located.note.kind,
            label=note_label(located.note.kind),
        )
        if located.note.note:
            self.parse_note(stem, located, aside)
        # the note's apparatus (basis, claim and cross-reference lines): a reader wants it on demand,
        # the note's own text at a glance
        apparatus = bb.bb_apparatus(classes=["bb-apparatus"])
        if located.note.basis:
            basis = nodes.container(classes=["bb-basis"])
            self.state.nested_parse(
                StringList(
                    located.note.basis.splitlines(), source=str(book_for(self.env).article(stem).sidecar.path)
                ),
                0,
                basis,
            )
            first = (
                basis.children[0]
                if basis.children and isinstance(basis.children[0], nodes.paragraph)
                else None
            )
            if first is None:
                first = nodes.paragraph()
                basis.insert(0, first)
            first.insert(0, nodes.emphasis("", "Basis: "))
            first["classes"].append("bb-basis")
            apparatus.extend(basis.children)
        for line in located.lines:
            apparatus += link_line(line)
        if apparatus.children:
            aside += apparatus
        return [mark, aside]

    def parse_note(self, stem: str, located: LocatedNote, aside: nodes.Element) -> None:
        """Parse the note as MyST, reporting problems at the sidecar's file:line."""
        sidecar = str(book_for(self.env).article(stem).sidecar.path)
        lines = located.note.note.splitlines()
        first = located.note.note_line
        self.state.nested_parse(StringList(lines, source=sidecar), 0, aside)
        for child in aside.findall():
            if isinstance(child, nodes.Element):
                offset = (child.line - self.lineno - 1) if child.line else 0
                child.source, child.line = sidecar, first + max(offset, 0)


def link_line(line: LinkLine) -> nodes.paragraph:
    """A line of links the book adds to a note: plain text and bb_link nodes, no markup."""
    para = nodes.paragraph(classes=["bb-xref"])
    para += nodes.emphasis("", line.lead)
    for index, link in enumerate(line.links):
        para += nodes.Text(" " if index == 0 else "; ")
        para += bb.bb_link("", link.text, docname=link.docname, target=link.target, title=link.title)
    return para


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

"""Directives that turn the generated pages' raw blocks into briefbook nodes.

Their bodies are article text or removed lines, i.e. untrusted: they are split
into lines and become text nodes, never parsed as markup.  Editor's notes, on
the other hand, are MyST and are parsed as such.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..models import LocatedNote
from . import nodes as bb
from .state import book_for

logger = logging.getLogger(__name__)

NOTE_LABELS = {
    "context": "context",
    "fact-check": "fact-check",
    "discrepancy": "discrepancy",
    "definition": "definition",
    "analysis": "analysis",
    "sic": "[sic]",
}


def raw_paragraphs(lines: list[str]) -> list[str]:
    """The paragraphs of a directive body: one per line, blank lines between."""
    return [line for line in lines if line.strip()]


def segment(text: str, notes: list[LocatedNote]) -> list[tuple[int, int, tuple[int, ...], tuple[LocatedNote, ...]]]:
    """Cut a paragraph at every anchor boundary.

    Returns (start, end, active note numbers, notes ending here) for each piece,
    so overlapping and nested passages render as a flat run of spans.
    """
    cuts = {0, len(text)}
    for n in notes:
        cuts.update((n.span.start, n.span.end))
    points = sorted(cuts)
    pieces = []
    for start, end in zip(points, points[1:]):
        active = tuple(n.number for n in notes if n.span.start <= start and end <= n.span.end)
        ending = tuple(n for n in notes if n.span.end == end)
        pieces.append((start, end, active, ending))
    return pieces


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
            logger.warning("no article %r in the book", stem, type="briefbook", subtype="article", location=self.get_location())
            return []
        for path in book.input_files(stem):
            self.env.note_dependency(str(path))
        paragraphs = raw_paragraphs(list(self.content))
        if tuple(paragraphs) != entry.article.paragraphs:
            logger.warning(
                "page for %r is out of date with its article; rebuild to regenerate it", stem,
                type="briefbook", subtype="stale", location=self.get_location(),
            )
            paragraphs = list(entry.article.paragraphs)
        container = bb.bb_article(classes=["bb-article"])
        container["support_smartquotes"] = False
        for index, text in enumerate(paragraphs):
            para = bb.bb_para()
            notes = [n for n in entry.notes if n.span.paragraph == index]
            for start, end, active, ending in segment(text, notes):
                piece: nodes.Node = nodes.Text(text[start:end])
                if active:
                    piece = bb.bb_anchor("", "", piece, notes=list(active), classes=["bb-anchor"])
                para += piece
                for note in ending:
                    para += self.note_nodes(stem, note)
            container += para
        return [container]

    def note_nodes(self, stem: str, located: LocatedNote) -> list[nodes.Node]:
        note_id = f"bb-note-{stem}-{located.number}"
        mark = bb.bb_mark("", "", number=located.number, refid=note_id)
        aside = bb.bb_note(
            ids=[note_id], number=located.number, kind=located.note.kind,
            label=NOTE_LABELS.get(located.note.kind, located.note.kind),
        )
        # Parse the note as MyST, with its lines numbered as in the sidecar, so a
        # problem in a note is reported at the sidecar's file:line.
        sidecar = str(book_for(self.env).article(stem).sidecar.path)
        lines = located.note.note.splitlines()
        first = located.note.note_line
        self.state.nested_parse(StringList(lines, source=sidecar), 0, aside)
        for child in aside.findall():
            if isinstance(child, nodes.Element):
                offset = (child.line - self.lineno - 1) if child.line else 0
                child.source, child.line = sidecar, first + max(offset, 0)
        if located.note.basis:
            basis = nodes.paragraph(classes=["bb-basis"])
            basis += nodes.emphasis("", "Basis: ")
            basis += nodes.Text(" ".join(located.note.basis.split()))
            aside += basis
        return [mark, aside]


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

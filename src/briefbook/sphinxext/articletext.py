"""An article's paragraph kept compact while Sphinx reads and stores it, and made whole before it is written.

A paragraph of an article is mostly plain words, cut at every passage and term boundary into
pieces, each a text node wrapped in passage and term nodes: five to eight nodes a piece, some 300
an article.  Every transform Sphinx runs while reading walks them all, and every doctree is pickled
and read back with them.  So the directive keeps each paragraph as one :class:`~.text.bb_para`
holding its words and its pieces as plain data (and its notes' asides, the editor's own nodes,
which transforms must see); :class:`WholeParagraphs`, the first transform to run before a page is
written (by any builder, the PDF's whole book too), makes the very nodes the directive used to
make, so every writer, the search index and the reference resolver meet the same tree as before.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..names import passage_id
from ..pages.blocks import TermRow
from .terms import term_mention_in
from .text import bb_anchor, bb_mark, bb_note, bb_para, bb_target

# the compact paragraph's data, gone once it is made whole
WORDS, PIECES, STEM, WHERE = "bb_words", "bb_pieces", "bb_stem", "bb_where"


def setup_article_text(app: Sphinx) -> None:
    app.add_post_transform(WholeParagraphs)


def compact_paragraph(
    stem: str, text: str, pieces: list, asides: list[nodes.Element], where: tuple[str, str, int | None]
) -> bb_para:
    """A paragraph as data: its words; its pieces (start, end, the notes it is in, the keys of the
    notes beginning there, the number and change of those ending there, its term); the notes'
    asides; ``where``: the page's docname and the directive's source and line (for term links)."""
    para = bb_para()
    para[WORDS] = text
    para[PIECES] = [
        (
            piece.start,
            piece.end,
            list(piece.active),
            [n.key for n in piece.beginning],
            [(n.number, _change_of(n.nodes)) for n in piece.ending],
            _term_data(piece.term),
        )
        for piece in pieces
    ]
    para[STEM] = stem
    para[WHERE] = list(where)
    para.extend(asides)
    return para


def _change_of(asides: tuple[nodes.Node, ...]) -> str | None:
    """Whether a note is new or changed since the edition compared with (see :mod:`.editions`)."""
    return next((a.get("change") for a in asides if isinstance(a, nodes.Element)), None)


def _term_data(row: TermRow | None) -> list | None:
    if row is None:
        return None
    return [row.paragraph, row.start, row.end, row.id, row.term, row.expansion, row.expand]


class WholeParagraphs(SphinxPostTransform):
    """Before anything else is done to a page to write it, each compact paragraph is made whole."""

    default_priority = 5  # before the references are resolved (10)

    def run(self, **kwargs) -> None:
        for para in list(self.document.findall(bb_para)):
            if WORDS in para.attributes:
                make_whole(para)


def make_whole(para: bb_para) -> None:
    """The paragraph's words as text nodes, with passage marks, notes and term links, in place."""
    text, rows, stem, where = (para.attributes.pop(key) for key in (WORDS, PIECES, STEM, WHERE))
    docname, source, line = where
    asides: dict[int, list[nodes.Node]] = {}
    kept = []
    for child in para.children:
        if isinstance(child, bb_note):
            asides.setdefault(child["number"], []).append(child)
        else:
            kept.append(child)  # what the directive put before the words (a caption's label)
    made: list[nodes.Node] = list(kept)
    for start, end, active, beginning, ending, term in rows:
        for key in beginning:
            made.append(bb_target(refid=passage_id(stem, key), passage=True))
        node: nodes.Node = nodes.Text(text[start:end])
        if term:
            node = term_mention_in(docname, (source, line), stem, TermRow(*term), node)
        if active:
            node = bb_anchor("", "", node, notes=list(active), classes=["bb-anchor"])
        made.append(node)
        for index_in_run, (number, change) in enumerate(ending):
            note_id = f"bb-note-{stem.lower()}-{number}"
            # a second number right after another is set apart ("³,⁴"), so the two never read as "34";
            # a note new or changed since the edition compared with says so at its number too
            mark = bb_mark("", "", number=number, refid=note_id, separated=index_in_run > 0, change=change)
            made.append(mark)
            made.extend(asides.get(number, ()))
    para.children = []
    para.extend(made)

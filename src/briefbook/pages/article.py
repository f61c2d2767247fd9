"""An article's page: its text, its notes with their resolved cross-links, its term links, its
related coverage and the lines cleaning removed.

Untrusted text (the article's words, its caption, a note's passage) only ever stands in the body
of a block that is never parsed as Markdown; the editor's MyST (a note, its basis) in blocks
that parse it.  The blocks are written by :mod:`.blocks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..book import Book, BookArticle, SharedMark, copy_lines, passage_words, source_label, source_number
from ..kinds import SHARED_KIND
from ..models import CAPTION, LocatedNote

if TYPE_CHECKING:
    from .whatsnew import ArticleMarks
from . import blocks, changeblocks
from .myst import GENERATED_MARK, directive, escape_inline, meta_line, source_chapter
from .provenance import reliability_text

RELATED_LIMIT = 12  # other articles "Related coverage" lists; past that, the most related
# what a fact-check whose basis is still to be given (an imported one) shows in its basis's place
BASIS_TO_BE_GIVEN = "Not given yet: the editor has still to say what this was checked against."


def note_block(
    entry: BookArticle, located: LocatedNote, origin: str, mark: changeblocks.Mark | None = None
) -> str:
    """One note: where its passage is, its quote, its MyST text and basis, the links the book adds,
    and its mark when it is new or changed since the edition the book is compared with."""
    note = located.note
    parts = [blocks.write_quote(passage_words(entry, located))]
    if mark is not None:
        parts.append(changeblocks.write_note_change(mark))
    if note.note:
        parts.append(blocks.write_body(note.note_line or note.line, note.note))
    if note.basis:
        parts.append(blocks.write_basis(note.basis_line or note.line, note.basis))
    elif note.kind == "fact-check":  # its basis still to be given (basis: null): the reader is told
        parts.append(blocks.write_basis(note.basis_line or note.line, BASIS_TO_BE_GIVEN))
    if located.lines:
        parts.append(blocks.write_links(located.lines))
    head = blocks.NoteHead(
        located.number,
        note.kind,
        located.span,
        note.claim,
        note.stance,
        blocks.Origin(origin, note.line) if note.line else None,
        located.key,
    )
    return blocks.write_note(head, parts)


def shared_block(entry: BookArticle, mark: SharedMark) -> str:
    """A passage the book marks itself: its words and where else they stand, no text of its own."""
    parts = [blocks.write_quote(passage_words(entry, mark))]
    if mark.lines:
        parts.append(blocks.write_links(mark.lines))
    head = blocks.NoteHead(mark.number, SHARED_KIND, mark.span, None, None, None, mark.key)
    return blocks.write_note(head, parts)


def term_rows(book: Book, entry: BookArticle) -> list[blocks.TermRow]:
    """The glossary mentions to link, in reading order (caption first), with what print needs.

    In print an acronym's first use in an article is followed by its expansion, unless the
    mention is not an acronym ("U.S. European Command"), the article has just spelled it out
    ("United States European Command (EUCOM)"), or it stands before a possessive ("NATO's"):
    then the expansion waits for the next use.
    """
    rows = []
    expanded: set[str] = set()
    texts = [(CAPTION, entry.article.caption or ""), *list(enumerate(entry.article.paragraphs))]
    for index, text in texts:
        for match in entry.terms[index] if 0 <= index < len(entry.terms) else ():
            glossary_entry = book.glossary.by_id(match.entry_id)
            expansion = glossary_entry.expansion
            first = False
            if expansion:
                before, after = text[: match.start], text[match.end :]
                spelled_out = expansion.casefold() in before[-len(expansion) - 4 :].casefold()
                is_acronym = " " not in match.surface
                possessive = after[:2] in ("’s", "'s")
                first = (
                    glossary_entry.id not in expanded and is_acronym and not spelled_out and not possessive
                )
                if first or spelled_out or not is_acronym:
                    expanded.add(glossary_entry.id)
            rows.append(
                blocks.TermRow(
                    index,
                    match.start,
                    match.end,
                    glossary_entry.id,
                    glossary_entry.term,
                    expansion or None,
                    first,
                )
            )
    return rows


def related_rows(book: Book, entry: BookArticle) -> tuple[list[blocks.RelatedRow], int]:
    """The other articles with a claim or a passage in common with this one, in the book's order,
    and how many were left out: past RELATED_LIMIT, those with most in common (see
    :meth:`Book.nearest`); the claims matrix lists every report of each claim."""
    found, more = book.nearest(
        entry.stem,
        book.related(entry.stem),
        lambda row: row[0].stem,
        RELATED_LIMIT,
        lambda row: row[1] + row[2],
    )
    rows = [
        blocks.RelatedRow(other.docname, other.title, source_label(book, other), claims, shared)
        for other, claims, shared in found
    ]
    return rows, more


def provenance_lines(book: Book, entry: BookArticle) -> str:
    """What the page's head says of the source's standing: the editor's grade of its reliability
    (or "not graded"), and whether it is a copy of another article or has copies (escaped MyST)."""
    lines = [f"**Reliability:** {escape_inline(reliability_text(entry))}"]
    lines += [f"{escape_inline(line)}." for line in copy_lines(book, entry)]
    return "\n\n" + "  \n".join(lines)


def render_article_page(book: Book, entry: BookArticle, marks: ArticleMarks | None = None) -> str:
    """The MyST page of one article: text, notes, term links, related coverage, removed lines,
    and the marks of what is new or changed in it since the edition the book is compared with.

    Notes name the sidecar (in the seeds folder) and line they come from, so problems Sphinx
    finds in a note's MyST are reported where the editor wrote it.
    """
    note_marks = marks.notes if marks is not None else {}
    article, sidecar = entry.article, entry.sidecar
    origin = sidecar.path.name
    meta = (
        meta_line(sidecar) + ("\n\n" + sidecar.about if sidecar.about else "") + provenance_lines(book, entry)
    )
    parts = [blocks.write_text(article.paragraphs)]
    if article.caption:
        parts.append(blocks.write_caption(article.caption))
    terms = term_rows(book, entry)
    if terms:
        parts.append(blocks.write_terms(terms))
    parts.extend(
        shared_block(entry, mark)
        if isinstance(mark, SharedMark)
        else note_block(entry, mark, origin, note_marks.get(mark.key))
        for mark in entry.marks
    )
    out = [
        GENERATED_MARK,
        "",
        source_chapter(source_number(book, entry)),
        f"(article-{article.stem})=",
        f"# {escape_inline(entry.title)}",
        "",
        directive("container", "bb-meta", meta),
        *([changeblocks.write_article_change(marks.article)] if marks is not None else []),
        blocks.write_article(article.stem, parts),
        "## Related coverage\n",
        blocks.write_related(*related_rows(book, entry)),
    ]
    if article.removed:
        out.append(blocks.write_removed(article.stem, article.removed))
    return "\n".join(out)

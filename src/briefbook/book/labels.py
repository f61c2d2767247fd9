"""How the book names its sources and passages: in notes' cross-links, in tables, in figures.

Plain strings from the model (a source's number and label, its facts for the sources table, a
passage's words); the page writer escapes them where they stand, as it does all text.
"""

from __future__ import annotations

import math
import re

from ..dates import human_date
from ..kinds import ARTICLE_KINDS
from ..models import CAPTION, Article, Span
from .model import Book, BookArticle, Mark


def claims_of(entry: BookArticle) -> list[str]:
    """The ids of the claims an article's notes tag, sorted."""
    return sorted({n.note.claim for n in entry.notes if n.note.claim})


def source_facts(entry: BookArticle) -> list[str]:
    """Publisher, date, author, kind, words, notes, claims: as plain strings, for overviews."""
    sidecar = entry.sidecar
    words = sum(len(p.split()) for p in entry.article.paragraphs)
    return [
        sidecar.publisher or "not stated",
        human_date(sidecar.date) or "not stated",
        sidecar.author or "not stated",
        ARTICLE_KINDS.get(sidecar.kind, sidecar.kind),
        str(words),
        str(len(entry.notes)),
        str(len(claims_of(entry))),
    ]


def passage_words(entry: BookArticle, mark: Mark) -> str:
    """The words of the passage a note (or a shared-passage mark) stands on, as the cleaned text has them."""
    return span_words(entry.article, mark.span)


def span_words(article: Article, span: Span) -> str:
    """The words a span covers in the cleaned text (the caption's, for a caption span)."""
    text = article.caption if span.paragraph == CAPTION else article.paragraphs[span.paragraph]
    return (text or "")[span.start : span.end]


def source_label(book: Book, entry: BookArticle) -> str:
    """A short name for a source in notes and tables: its number and its publisher (or kind).

    The number is the one its file name starts with ("003_..."), which editors
    also use in notes; a file without one is numbered by its place in the book.
    """
    name = entry.sidecar.publisher or ARTICLE_KINDS.get(entry.sidecar.kind, entry.sidecar.kind)
    return f"{source_number(book, entry)} {name}"


def source_number(book: Book, entry: BookArticle) -> str:
    """The number a source goes by: the digits its file name starts with, else its place in the book."""
    digits = re.match(r"\d+", entry.stem)
    return digits.group() if digits else str(book.position(entry.stem) + 1)


def share_text(share: float) -> str:
    """A share of a text as a whole per cent, rounded down ("97%": never more than there is)."""
    return f"{math.floor(share * 100 + 1e-9)}%"


def copy_lines(book: Book, entry: BookArticle) -> list[str]:
    """What the book says of an article found to be a copy, or to have copies, in a line each:
    "A copy of 003 News report (97% of its text stands there)", "Copied in 005 Wire (97% of that
    article's text stands here)"."""
    lines = []
    found = book.copy_record(entry.stem)
    if found is not None:
        original = source_label(book, book.article(found.original))
        lines.append(f"A copy of {original} ({share_text(found.share)} of its text stands there)")
    for copy in book.copies_of(entry.stem):
        label = source_label(book, book.article(copy.copy))
        lines.append(f"Copied in {label} ({share_text(copy.share)} of that article's text stands here)")
    return lines

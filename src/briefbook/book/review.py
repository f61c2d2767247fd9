"""The editorial review a machine can do: the key judgments held to ICD 203, and the book held to
itself (counts, quotations and dates), as warnings at the ``file:line`` they are written at.

Run once the book is assembled (every check needs the claims' standing): by ``load_book``, so
``briefbook check`` and the build report the same.  The front page is the book's hand-written
``index.md``; a book read without its docs folder is reviewed without it.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from .agreement import count_problems, front_page_scopes, judgment_scopes, quote_problems
from .judgmentcheck import judgment_problems
from .model import Book
from .samedate import date_problems


def review_problems(book: Book, front_page: Path | None = None) -> list[Problem]:
    """Every warning of the review, judgments first, then counts, quotations and dates."""
    scopes = judgment_scopes(book)
    if front_page is not None:
        scopes += front_page_scopes(book, front_page)
    return [
        *judgment_problems(book),
        *count_problems(book, scopes),
        *quote_problems(book, scopes),
        *date_problems(book),
    ]

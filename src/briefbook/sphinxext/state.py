"""Where the extension keeps the book it read when Sphinx started."""

from __future__ import annotations

from ..pipeline import Book

_BOOKS: dict[str, Book] = {}


def remember(srcdir: str, book: Book) -> None:
    _BOOKS[str(srcdir)] = book


def book_for(env) -> Book:
    return _BOOKS[str(env.srcdir)]

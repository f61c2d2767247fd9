"""The book read and checked, and its pages written into the work folder, in a child process.

This is all the work that holds the whole book in memory.  :func:`write_book_pages_aside` does it in a
child process, so the process that runs the build gives the book's memory back before Sphinx
starts, and waits for Sphinx and publishes holding nothing of the book.  A problem in the inputs
comes back from the child as the same error, problems and all.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import write_if_changed
from .folders import Folders, begin, sync_sources

if TYPE_CHECKING:
    from ..book import Book


@dataclass(frozen=True)
class PagesWritten:
    """What reading the book and writing its pages leave for the rest of the build."""

    unfinished: bool  # the last build did not finish, so the work folder was started afresh
    changed: tuple[str, ...]  # generated pages written or removed
    epoch: str  # the build's date (see source_date_epoch)
    articles: int
    editor_notes: int
    shared: int
    claims: int
    glossary: int
    linked: int  # glossary mentions linked


def write_book_pages(
    folders: Folders, seeds: Path, link_terms: str, since: str = ""
) -> tuple[PagesWritten, Book]:
    """Read and check the book (its editions too), start the work folder, write the pages and the
    record Sphinx takes.  ``since`` names the edition to compare the book with ("": the default).

    Returns the book too, for the live preview, which shows it.
    """
    # imported here: only the process that reads the book loads the reading pipeline
    from ..book import load_book
    from ..book.editions import book_state
    from ..book.readcache import ArticleCache
    from ..editorial.references import hand_written_pages
    from ..names import FRONT_PAGE
    from ..pages import render_pages
    from ..pages.record import Generated
    from ..pages.whatsnew import Comparison
    from ..pages.write import write_pages

    cache = ArticleCache(folders.article_cache)
    book = load_book(seeds, link_terms, hand_written_pages(folders.docs), cache, folders.docs / FRONT_PAGE)
    comparison = Comparison.of(book_state(book, folders.docs, since or None, cache))
    unfinished = folders.marker.exists()
    begin(folders)
    cache.save()
    sync_sources(folders)
    written = write_pages(render_pages(book, comparison), folders.src)
    record = Generated.of(book, folders.src, link_terms, written, comparison.facts(book), since)
    write_if_changed(folders.generated, record.to_json())
    pages = PagesWritten(
        unfinished=unfinished,
        changed=tuple(written),
        epoch=source_date_epoch(book, seeds),
        articles=len(book.articles),
        editor_notes=sum(len(e.notes) for e in book.articles),
        shared=len(book.shared),
        claims=len(book.claims.claims),
        glossary=len(book.glossary),
        linked=sum(len(terms) for e in book.articles for terms in e.terms),
    )
    return pages, book


def _pages_only(folders: Folders, seeds: Path, link_terms: str, since: str) -> PagesWritten:
    return write_book_pages(folders, seeds, link_terms, since)[0]


def write_book_pages_aside(folders: Folders, seeds: Path, link_terms: str, since: str = "") -> PagesWritten:
    """:func:`write_book_pages` in a child process, so the book's memory is given back before Sphinx starts."""
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=fork, initializer=die_with, initargs=(os.getpid(),)) as child:
        return child.submit(_pages_only, folders, seeds, link_terms, since).result()


_PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """In a child process: be killed when ``parent`` dies, so a killed build leaves no writer behind
    (the child holds the book's lock too)."""
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def source_date_epoch(book: Book, seeds: Path) -> str:
    """A fixed date for the build, from the inputs: the newest article's date (or the newest
    input file's time), so the same inputs give the same PDF and the same title page."""
    dates = []
    for entry in book.articles:
        value = entry.sidecar.date or ""
        if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            year, month, day = [*value.split("-"), "01", "01"][:3]
            dates.append(datetime(int(year), int(month), int(day), 12, tzinfo=UTC))
    if dates:
        return str(int(max(dates).timestamp()))
    return str(int(max((p.stat().st_mtime for p in seeds.iterdir()), default=0)))

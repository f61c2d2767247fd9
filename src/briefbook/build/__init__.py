"""``briefbook build``: the book built aside and published only when the build succeeded.

A reader never meets a half-built book: Sphinx works in a folder of its own, and the site, the PDFs
and the generated pages are published only once every builder has succeeded.  A failed or killed
run leaves the previous ones exactly as they were.  The whole run holds the book's lock, so two
builds (or a build and an ``add``) never interleave.  :func:`build_book` is the whole run;
``briefbook serve`` makes the same run into a folder of its own (``docs/_build/preview/``) and
leaves the generated pages in ``docs/`` alone.

- ``folders``: the work folder (:class:`Folders`), a run begun and finished, the hand-written
  pages synced into it, the book's settings from ``conf.py``;
- ``bookpages``: the book read and checked and its pages written, in a child process;
- ``sphinxrun``: Sphinx in its own process, with a fixed date, its progress and the OS error it
  died of;
- ``publish``: the site swapped in one step, the PDFs and the generated pages put in place;
- ``unchanged``: the inputs' digest, and the record of what the last build published from them,
  so a build with nothing to do ends before reading the book or starting Sphinx.

Other packages use :func:`build_book`, :class:`Built`, :class:`Folders`, :func:`read_conf` and
:func:`is_generated`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..locking import BookLock
from ..names import article_paths
from ..printable import counted, printable
from .bookpages import PagesWritten, write_book_pages, write_book_pages_aside
from .folders import Folders, finish, is_generated, read_conf
from .publish import outputs_of, publish
from .sphinxrun import run_builders
from .unchanged import forget, inputs_digest, record, still_published

if TYPE_CHECKING:
    from ..book import Book

__all__ = ["Built", "Folders", "PagesWritten", "build_book", "is_generated", "read_conf"]


@dataclass(frozen=True)
class Built:
    """What one build did: published everything, or stopped at a builder that failed."""

    pages: PagesWritten  # what reading the book found and wrote
    changed: tuple[str, ...]  # the generated pages that changed
    warnings: tuple[str, ...]  # Sphinx's warnings; when a builder failed, its messages
    failed: str | None = None  # the builder that failed (nothing was published then)
    status: int = 0  # that builder's exit status
    outputs: tuple[tuple[str, Path], ...] = ()  # ("HTML" or "PDF", what was published)
    book: Book | None = None  # the book as read, when the caller asked to keep it
    unchanged: bool = False  # nothing changed since the last build: it published what these inputs make


def build_book(
    root: Path,
    folders: Folders,
    builders: Sequence[str],
    *,
    seeds: Path,
    link_terms: str = "first",
    jobs: str = "auto",
    say: Callable[[str], None] = lambda text: None,
    sphinx_options: Sequence[str] = (),
    publish_generated: bool = True,
    keep_book: bool = False,
    since: str = "",
) -> Built:
    """Check the book, build it aside with each builder ("html", "latexpdf") and publish it.

    A problem in the inputs raises :class:`~briefbook.errors.BriefbookError` before anything is
    written; a builder that fails stops the run and nothing is published.  With
    ``publish_generated`` the generated pages are also copied into ``docs/`` (the live preview
    leaves ``docs/`` alone).  The book is read in a child process, so this one holds none of it
    while Sphinx works, unless ``keep_book`` asks for it in :attr:`Built.book`.  ``since`` names the
    edition the book is compared with (what conf.py's ``briefbook_since`` or ``build --since`` says;
    naming one also prints an update brief).

    When the inputs are those of the last build and what it published is all still there, nothing
    is read or run (:attr:`Built.unchanged`); see :mod:`.unchanged`.
    """
    from ..intake.seedwrite import settle_interrupted  # what a killed add left: finished or undone

    with BookLock(root):
        for line in settle_interrupted(root, seeds):
            say(printable(line))
        outputs_wanted = [*builders, *(["pages"] if publish_generated else [])]
        digest = inputs_digest(folders, seeds, [*sphinx_options, f"since={since}"], publish_generated)
        if not keep_book and (last := still_published(folders, digest, outputs_wanted)):
            say("nothing changed since the last build: Sphinx not started")
            published = tuple(outputs_of(folders, builders))
            return Built(PagesWritten(**last["pages"]), (), (), outputs=published, unchanged=True)
        kept = forget(folders, digest)
        say(f"reading and checking {counted(len(article_paths(seeds)), 'article')} in {seeds} ...")
        book = None
        if keep_book:
            pages, book = write_book_pages(folders, seeds, link_terms, since)
        else:
            pages = write_book_pages_aside(folders, seeds, link_terms, since)
        if pages.unfinished:
            say("  starting afresh (the last build did not finish)")
        # the extension finds the pages this run generated and does not generate them again
        changed = tuple(path for path in pages.changed if path.endswith(".md"))  # not the data beside
        say(f"  {counted(len(changed), 'generated page')} changed")
        options = [*sphinx_options, "-D", f"briefbook_since={since}"] if since else sphinx_options
        sphinx = run_builders(folders, builders, jobs, pages.epoch, say, options)
        if sphinx.failed:
            return Built(pages, changed, sphinx.warnings, sphinx.failed, sphinx.status, book=book)
        outputs = publish(folders, builders, pages=publish_generated, since=since)
        finish(folders)
        record(folders, digest, outputs_wanted, pages, kept)
    return Built(pages, changed, sphinx.warnings, outputs=outputs, book=book)

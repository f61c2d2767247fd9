"""Building the book aside and publishing it only when the build succeeded.

``briefbook build`` never lets a reader meet a half-built book:

* Sphinx works in ``docs/_build/.work/``: a copy of the hand-written pages and the
  generated ones (``src/``), its doctrees, the HTML and the LaTeX it writes.
  ``conf.py`` is read from ``docs/`` itself.
* Only when every builder has succeeded is the result published: the site is
  copied next to ``docs/_build/html`` and swapped with it in one atomic rename,
  each PDF replaces ``docs/_build/latex/<name>.pdf`` by rename, and the generated
  pages are copied into ``docs/``.  A failed or killed run leaves the previous
  site, PDF and generated pages exactly as they were.
* A marker file says a run is under way.  A run that finds it (the previous one
  was killed, or failed) starts its work folder afresh, so no half-written page,
  stale LaTeX state or unrepeated warning survives into the next build.

The whole run holds the book's lock, so two builds (or a build and an ``add``)
never interleave.  :func:`build_book` is the whole run; ``briefbook serve`` makes
the same run into a folder of its own (``docs/_build/preview/``, see
:class:`Folders`) and leaves the generated pages in ``docs/`` alone.
"""

from __future__ import annotations

import ctypes
import errno
import multiprocessing
import os
import re
import runpy
import shutil
import signal
import stat
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import write_if_changed
from ..locking import BookLock
from ..names import GENERATED_DIR, article_paths
from ..pages.myst import GENERATED_MARK
from ..printable import printable
from .sphinxrun import run_sphinx, sphinx_env

if TYPE_CHECKING:
    from ..book import Book

# Never copied into the work folder: build output, and folders no page lives in.
SKIPPED = {"_build", ".venv", "__pycache__", ".git"}


@dataclass(frozen=True)
class Folders:
    """Where a book's build reads, works and publishes."""

    docs: Path  # conf.py and the hand-written pages
    # where it works and publishes (default docs/_build); the live preview builds apart, in its own
    output: Path | None = None

    @property
    def out(self) -> Path:  # what readers use: html/ and latex/*.pdf
        return self.output if self.output is not None else self.docs / "_build"

    @property
    def work(self) -> Path:
        return self.out / ".work"

    @property
    def src(self) -> Path:  # the pages Sphinx reads: hand-written ones copied, generated ones written
        return self.work / "src"

    @property
    def marker(self) -> Path:
        return self.work / "unfinished"

    @property
    def generated(self) -> Path:  # what this run generated, for the Sphinx processes it starts
        return self.work / "generated.json"

    @property
    def article_cache(self) -> Path:  # articles as the last run read them (see readcache)
        return self.work / "articles.cache"

    @property
    def site(self) -> Path:
        return self.out / "html"

    @property
    def pdfs(self) -> Path:
        return self.out / "latex"


def read_conf(docs: Path) -> dict:
    """The book's settings from ``conf.py`` (executed as Sphinx would, in its own folder)."""
    here, docs = Path.cwd(), Path(docs).resolve()
    try:
        os.chdir(docs)
        namespace = runpy.run_path(str(docs / "conf.py"))
    finally:
        os.chdir(here)
    return {key: value for key, value in namespace.items() if key.startswith("briefbook_")}


# --------------------------------------------------------------- starting


def begin(folders: Folders) -> bool:
    """Mark a run as under way; return True when the work folder was started afresh.

    Also puts back what a run killed while publishing may have left aside.
    """
    out = folders.out
    old_site = out / ".html-old"
    if old_site.exists() and not folders.site.exists():
        os.rename(old_site, folders.site)  # killed between the two renames of a publish
    discarded = out / ".work-discarded"
    for leftover in (out / ".html-new", old_site, discarded):
        if leftover.exists():
            shutil.rmtree(leftover)
    if folders.pdfs.is_dir():
        for leftover in folders.pdfs.glob(".*.tmp"):
            leftover.unlink()
    fresh = folders.marker.exists() or not folders.work.exists()
    if folders.marker.exists():
        # moved aside in one step, then deleted: a run killed while deleting must not leave a
        # half-deleted work folder whose marker is gone, which the next run would take as finished
        os.rename(folders.work, discarded)
        shutil.rmtree(discarded)
    folders.work.mkdir(parents=True, exist_ok=True)
    folders.marker.write_text(f"{os.getpid()}\n", "utf-8")
    return fresh


def finish(folders: Folders) -> None:
    folders.marker.unlink()


def is_generated(relative: str, path: Path) -> bool:
    """Whether a page in the docs folder is one the generator writes (not the editor's)."""
    if relative.startswith((f"{GENERATED_DIR}/", "_generated/")):
        return True
    if not relative.endswith(".md"):
        return False
    with path.open("rb") as handle:
        return handle.read(len(GENERATED_MARK.encode())) == GENERATED_MARK.encode()


def files_below(folder: Path) -> dict[str, Path]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED)
        for name in filenames:
            path = Path(dirpath, name)
            found[path.relative_to(folder).as_posix()] = path
    return found


def sync_sources(folders: Folders) -> None:
    """Copy the hand-written pages (and their images, includes, ...) into the work folder.

    Only changed files are copied, with their times, so Sphinx re-reads only what changed;
    files gone from ``docs/`` go from the copy too.  Generated pages are left to the generator.
    """
    mine = {rel: p for rel, p in files_below(folders.docs).items() if not is_generated(rel, p)}
    mine.pop("conf.py", None)  # read from docs/ itself
    theirs = files_below(folders.src) if folders.src.exists() else {}
    for rel, path in mine.items():
        target = folders.src / rel
        if rel in theirs and target.read_bytes() == path.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for rel, path in theirs.items():
        if rel not in mine and not is_generated(rel, path):
            path.unlink()


# --------------------------------------------------------------- the pages


@dataclass(frozen=True)
class Prepared:
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


def prepare(folders: Folders, seeds: Path, link_terms: str) -> Prepared:
    """Read and check the book, start the work folder, write the pages and the record Sphinx takes.

    All the work that holds the whole book in memory; see :func:`prepare_aside`.
    """
    return prepare_book(folders, seeds, link_terms)[0]


def prepare_book(folders: Folders, seeds: Path, link_terms: str) -> tuple[Prepared, Book]:
    """:func:`prepare`, keeping the book it read (for the live preview, which shows it)."""
    from ..book import load_book
    from ..book.readcache import ArticleCache
    from ..editorial.references import hand_written_pages
    from ..pages.overviews import render_pages
    from ..pages.record import Generated
    from ..pages.write import write_pages

    cache = ArticleCache(folders.article_cache)
    book = load_book(seeds, link_terms, hand_written_pages(folders.docs), cache)
    unfinished = folders.marker.exists()
    begin(folders)
    cache.save()
    sync_sources(folders)
    written = write_pages(render_pages(book), folders.src)
    write_if_changed(folders.generated, Generated.of(book, folders.src, link_terms, written).to_json())
    prepared = Prepared(
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
    return prepared, book


_PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """In a child process: be killed when ``parent`` dies, so a killed build leaves no writer behind
    (the child holds the book's lock too)."""
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def prepare_aside(folders: Folders, seeds: Path, link_terms: str) -> Prepared:
    """:func:`prepare` in a child process, so the book's memory is given back before Sphinx starts.

    The process that runs the build waits for Sphinx and publishes, holding nothing of the book; a
    problem in the inputs comes back as the same error, problems and all.
    """
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=fork, initializer=die_with, initargs=(os.getpid(),)) as child:
        return child.submit(prepare, folders, seeds, link_terms).result()


# --------------------------------------------------------------- the build's date


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


# --------------------------------------------------------------- publishing

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where that is not possible."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def copy_or_link(published: Path, source: str, target: str) -> None:
    """Copy a built file into the new site, or link the published one where it is the same file.

    The same size and modification time (a copy keeps the time) tell an unchanged file, as for
    rsync; a published file is never written again, only replaced with its whole site, so the
    two sites can share it.  Most of a site is unchanged after a small edit.
    """
    built = os.stat(source)
    try:
        was = published.lstat()
        if stat.S_ISREG(was.st_mode) and (was.st_size, was.st_mtime_ns) == (built.st_size, built.st_mtime_ns):
            os.link(published, target)
            return
    except OSError:
        pass
    shutil.copy2(source, target)


def publish_site(folders: Folders) -> Path:
    """Replace the published site with the one just built, in one step."""
    new = folders.out / ".html-new"
    if new.exists():
        shutil.rmtree(new)
    site = folders.site
    shutil.copytree(
        folders.work / "html",
        new,
        symlinks=True,
        copy_function=lambda source, target: copy_or_link(
            site / Path(target).relative_to(new), source, target
        ),
    )
    if site.is_symlink() or site.is_file():
        site.unlink()
    if not site.exists():
        os.rename(new, site)
    elif exchange(new, site):
        shutil.rmtree(new)  # it holds the previous site now
    else:  # two renames; begin() puts the old site back if a kill falls between them
        old = folders.out / ".html-old"
        os.rename(site, old)
        os.rename(new, site)
        shutil.rmtree(old)
    return site / "index.html"


def publish_pdfs(folders: Folders) -> list[Path]:
    """Replace each published PDF with the one just built, by rename."""
    published = []
    folders.pdfs.mkdir(parents=True, exist_ok=True)
    for pdf in sorted((folders.work / "latex").glob("*.pdf")):
        target = folders.pdfs / pdf.name
        temporary = folders.pdfs / f".{pdf.name}.tmp"
        shutil.copyfile(pdf, temporary)
        os.replace(temporary, target)
        published.append(target)
    return published


def publish_pages(folders: Folders) -> None:
    """Copy the generated pages into ``docs/``, where editors read them; drop ones no longer made."""

    built = {rel: p for rel, p in files_below(folders.src).items() if is_generated(rel, p)}
    for rel, path in built.items():
        write_if_changed(folders.docs / rel, path.read_text("utf-8"))
    for rel, path in files_below(folders.docs).items():
        if rel not in built and is_generated(rel, path) and rel.startswith(f"{GENERATED_DIR}/"):
            path.unlink()


# --------------------------------------------------------------- a whole build


@dataclass(frozen=True)
class Built:
    """What one build did: published everything, or stopped at a builder that failed."""

    prepared: Prepared  # what reading the book found and wrote
    changed: tuple[str, ...]  # the generated pages that changed
    warnings: tuple[str, ...]  # Sphinx's warnings; when a builder failed, its messages
    failed: str | None = None  # the builder that failed (nothing was published then)
    status: int = 0  # that builder's exit status
    outputs: tuple[tuple[str, Path], ...] = ()  # ("HTML" or "PDF", what was published)
    book: Book | None = None  # the book as read, when the caller asked to keep it


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
) -> Built:
    """Check the book, build it aside with each builder ("html", "latexpdf") and publish it.

    Everything happens under the book's lock.  A problem in the inputs raises
    :class:`~briefbook.errors.BriefbookError` before anything is written; a
    builder that fails stops the run and nothing is published.  With
    ``publish_generated`` the generated pages are also copied into ``docs/``
    (the live preview leaves ``docs/`` alone).  The book is read in a child
    process, so this one holds none of it while Sphinx works, unless
    ``keep_book`` asks for it in :attr:`Built.book`.
    """
    from ..intake.seedwrite import settle_interrupted

    with BookLock(root):
        for line in settle_interrupted(root, seeds):
            say(printable(line))
        say(f"reading and checking {len(article_paths(seeds))} articles in {seeds} ...")
        book = None
        if keep_book:
            prepared, book = prepare_book(folders, seeds, link_terms)
        else:
            prepared = prepare_aside(folders, seeds, link_terms)
        if prepared.unfinished:
            say("  starting afresh (the last build did not finish)")
        # the extension finds the pages this run generated and does not generate them again
        changed = tuple(path for path in prepared.changed if path.endswith(".md"))  # not the data beside
        say(f"  {len(changed)} generated page(s) changed")
        env = sphinx_env(prepared.epoch, folders.generated)
        warnings: list[str] = []
        for builder in builders:
            say(f"sphinx {builder} ...")
            status, messages = run_sphinx(folders, builder, jobs, env, say, sphinx_options)
            warnings += messages
            if status:
                return Built(prepared, changed, tuple(messages), builder, status, book=book)
        outputs: list[tuple[str, Path]] = []
        if "html" in builders:
            outputs.append(("HTML", publish_site(folders)))
        if "latexpdf" in builders:
            outputs += [("PDF", pdf) for pdf in publish_pdfs(folders)]
        if publish_generated:
            publish_pages(folders)
        finish(folders)
    return Built(prepared, changed, tuple(warnings), outputs=tuple(outputs), book=book)

"""The preview's builds kept warm: one Sphinx application held in memory from build to build, the
pages a reader has open made and published first, the rest of the book after them.

The first build is ``briefbook build``'s own, into the preview's folder: the book checked, Sphinx in
a process of its own (in parallel), the site published in one step.  Then one Sphinx application
is made for the preview's work folder, from what that build left there, and kept.  Each later
build reads the book again (articles whose files did not change are taken from the read cache,
held in memory), and then:

1. **the open pages first**: the generated pages that readers have open (and the page a save
   came from) are written; the application reads those and writes their HTML alone (no search
   index, no other page); each is copied into the served site at once, by rename, and the open
   pages are told;
2. **the rest**: every generated page is written as ``briefbook build`` writes them; the
   application updates the book the way an incremental ``sphinx-build`` does (the pages whose
   text changed read again, the pages that show them written, the search index and the
   environment saved) and the site is published in one step, as before.  The pages of the
   first step are written once more here, so the search index holds their words.

The book's lock is held only while the seeds are read.  A Sphinx application is not made to
build twice, so what it keeps between builds is reset before each: its count of warnings and
its exit status, and the doctrees it cached from disk (which a page read again makes stale).
A build that fails (a warning, an error, an exception) drops the application and leaves the
work folder marked unfinished, so the next build starts afresh, cold, as ``briefbook build``
does after a failure.  A change of the build's fixed date (the newest article's) also starts
afresh: the date is set when Sphinx starts.
"""

from __future__ import annotations

import io
import os
import time
import traceback
from collections.abc import Callable, Collection, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import build
from ..book import Book
from ..build.bookpages import source_date_epoch
from ..build.folders import finish, sync_sources
from ..build.sphinxrun import sphinx_env
from ..errors import BriefbookError
from ..files import write_if_changed
from ..locking import BookLock
from ..pages.record import GENERATED_ENV, Generated

if TYPE_CHECKING:
    pass
from .rendering import candidates, render_some
from .site import backdate, publish_new, sync_site
from .views import ArticlePage, article_pages, problem_json, problems_of

PREVIEW_OPTIONS = ("-D", "briefbook_preview=1")
# the settings ``-D briefbook_preview=1`` and build's own options (-n) give a command-line build,
# so the warm application's settings are those the first build's environment was made with
CONF_OVERRIDES = {"briefbook_preview": True, "nitpicky": True}
# what the warm application takes from the environment, as briefbook build's Sphinx process does
SPHINX_ENV = ("SOURCE_DATE_EPOCH", "FORCE_SOURCE_DATE")
PARALLEL_FROM = 16  # pages written: from this many Sphinx reads them in parallel workers

Tell = Callable[[dict[str, Any]], None]


@dataclass
class Warm:
    """The Sphinx application kept between builds, what it needs reset, and what it was made with."""

    app: Any  # sphinx.application.Sphinx
    context: ExitStack  # docutils' registries, patched for this application as sphinx-build does
    warnings: io.StringIO
    epoch: str
    assets: tuple[tuple[Any, str, list[Any]], ...] = ()  # (owner, list's name, what it held at first)
    titles: dict[str, str] = field(default_factory=dict)  # every page's title before this build

    def note_titles(self) -> None:
        self.titles = page_titles(self.app.env)

    def retitled(self, app: Any, env: Any) -> list[str]:
        """Every page, when a page's title changed or a page came or went since :meth:`note_titles`:
        each page's sidebar lists every title, and its previous and next links name two."""
        return sorted(env.found_docs) if page_titles(env) != self.titles else []


def page_titles(env: Any) -> dict[str, str]:
    return {name: title.astext() for name, title in env.titles.items()}


@dataclass
class WarmBuilds:
    """Builds of the preview, the first cold and the rest warm, in the process that calls them."""

    root: Path
    folders: build.Folders
    seeds: Path
    link_terms: str = "first"
    jobs: str = "auto"
    since: str = ""  # the edition the book is compared with (conf.py's or --since), as build takes it
    say: Callable[[str], None] = lambda text: None
    warm: Warm | None = None
    cache: Any = None  # the read cache, kept in memory (book.readcache.ArticleCache)
    sent: dict[str, ArticlePage] = field(default_factory=dict)  # what the server has of each article
    last_book: Book | None = None  # the book of the last good build, for the work done after it
    # the environment's own build date, if its user set one (then it is the date of every build)
    user_epoch: str | None = field(default_factory=lambda: os.environ.get("SOURCE_DATE_EPOCH"))

    # ---------------------------------------------------------------- one build

    def build(self, focus: Collection[str], tell: Tell) -> None:
        """Build the preview: the pages in ``focus`` (page names) first, when warm; tell what is done."""
        started = time.perf_counter()
        try:
            if self.warm is None:
                self._cold(tell, started)
            else:
                self._warm(focus, tell, started)
        except BriefbookError as exc:
            self._failed(tell, problems_of(exc), started, drop=False)
        except OSError as exc:
            self._failed(tell, [_plain(str(exc))], started)
        except Exception as exc:  # a bug: told, and the preview goes on serving and watching
            traceback.print_exc()
            text = f"briefbook failed unexpectedly: {exc!r} (the traceback is in the terminal)"
            self._failed(tell, [_plain(text)], started)

    def _failed(self, tell: Tell, problems: list[dict[str, Any]], started: float, drop: bool = True) -> None:
        if drop:
            self.drop()
        tell({"event": "done", "ok": False, "problems": problems, "seconds": _since(started)})

    def _done(self, tell: Tell, book: Book, started: float, changed: list[str] | None) -> None:
        self.last_book = book
        tell(
            {
                "event": "done",
                "ok": True,
                "changed": changed,
                "articles": self._articles(book),
                "claims": [{"id": c.id, "statement": c.statement} for c in book.claims.claims],
                "warnings": [problem_json(p) for p in book.warnings],
                "seconds": _since(started),
            }
        )

    def _articles(self, book: Book) -> dict[str, ArticlePage | None]:
        """The articles' pages the server does not have as they are now (None: an article gone)."""
        now = article_pages(book)
        news: dict[str, ArticlePage | None] = {s: p for s, p in now.items() if self.sent.get(s) != p}
        news.update({stem: None for stem in self.sent.keys() - now.keys()})
        self.sent = now
        return news

    def after(self, tell: Tell, give_up: Callable[[], bool] | None = None) -> None:
        """What the server hears after a build, when no other build waits: the terms the glossary
        lacks (slow to find in a large book, so not before the pages).  Given up when ``give_up``
        says another build waits (a save just after the preview started): the next build's pages
        come first, and that build's ``after`` finds the terms."""
        from ..analysis.candidates import Interrupted

        book, self.last_book = self.last_book, None
        if book is None:
            return
        try:
            found = candidates(book, self.cache, give_up)
        except Interrupted:
            return
        tell({"event": "candidates", "candidates": found})

    # ---------------------------------------------------------------- cold: briefbook build's own

    def _cold(self, tell: Tell, started: float) -> None:
        built = build.build_book(
            self.root,
            self.folders,
            ["html"],
            seeds=self.seeds,
            link_terms=self.link_terms,
            since=self.since,
            jobs=self.jobs,
            say=self.say,
            sphinx_options=PREVIEW_OPTIONS,
            publish_generated=False,  # docs/ is the editor's; the preview leaves it alone
            keep_book=True,  # its pages show what the book holds
        )
        if built.failed:
            self._failed(tell, [_plain(line) for line in built.warnings], started)
            return
        assert built.book is not None
        self._done(tell, built.book, started, None)
        # made now, after the first pages are out, so the first save finds it ready
        from ..book.readcache import ArticleCache

        self.cache = ArticleCache(self.folders.article_cache)
        self.cache.resume()  # the first build's reading: else the first save would read every article again
        try:
            self.warm = self._make(built.pages.epoch)
            # a first build with nothing to do: templates loaded and compiled before the first save
            if not self._update(0):
                self.drop()
        except Exception:  # the next build is then cold again; the pages just built stay served
            traceback.print_exc()
            self.drop()

    def _epoch(self, book_epoch: str) -> str:
        """The date the build takes: the environment's, if its user set one, else the book's."""
        return self.user_epoch or book_epoch

    def _make(self, epoch: str) -> Warm:
        """A Sphinx application for the preview's work folder, as ``sphinx-build`` would make it
        (the environment it reads its date and the generator's record from is set for it)."""
        from sphinx.application import Sphinx
        from sphinx.util.docutils import docutils_namespace, patch_docutils

        wanted = sphinx_env(self._epoch(epoch), self.folders.generated)
        os.environ.update({name: wanted[name] for name in (*SPHINX_ENV, GENERATED_ENV)})
        work = self.folders.work
        context = ExitStack()
        context.enter_context(patch_docutils(self.folders.docs))
        context.enter_context(docutils_namespace())
        warnings = io.StringIO()
        try:
            app = Sphinx(
                self.folders.src,
                self.folders.docs,
                work / "html",
                work / "doctrees",
                "html",
                confoverrides={**CONF_OVERRIDES, **({"briefbook_since": self.since} if self.since else {})},
                status=None,
                warning=warnings,
                warningiserror=True,
                keep_going=True,
                parallel=_jobs(self.jobs),
            )
        except BaseException:
            context.close()
            raise
        # what a fresh application's scripts and styles are, to put back before every build
        assets = tuple(
            (owner, name, list(getattr(owner, name)))
            for owner, names in (
                (app.registry, ("js_files", "css_files")),
                (app.builder, ("_js_files", "_css_files")),
            )
            for name in names
            if isinstance(getattr(owner, name, None), list)
        )
        warm = Warm(app, context, warnings, epoch, assets)
        app.connect("env-get-updated", warm.retitled)
        warm.note_titles()
        return warm

    def drop(self) -> None:
        """Let the warm application go; the next build starts afresh (the work folder stays marked)."""
        if self.warm is not None:
            self.warm.context.close()
            self.warm = None
        # the environment as it was, for a cold build's Sphinx process to take its own date
        os.environ.pop(GENERATED_ENV, None)
        if self.user_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self.user_epoch

    # ---------------------------------------------------------------- warm: the open pages first

    def _warm(self, focus: Collection[str], tell: Tell, started: float) -> None:
        from ..book import load_book
        from ..book.editions import book_state
        from ..editorial.references import hand_written_pages
        from ..intake.seedwrite import settle_interrupted
        from ..pages.whatsnew import Comparison

        assert self.warm is not None and self.cache is not None
        folders = self.folders
        # held by the preview's own writes only for a moment: no "waiting" line in the terminal
        with BookLock(self.root, messages=io.StringIO()):
            for line in settle_interrupted(self.root, self.seeds):
                self.say(line)
            self.cache.next_run()
            book = load_book(self.seeds, self.link_terms, hand_written_pages(folders.docs), self.cache)
            folders.marker.write_text(f"{os.getpid()}\n", "utf-8")  # until the site is published
            sync_sources(folders)
        epoch = source_date_epoch(book, self.seeds)
        if self._epoch(epoch) != self._epoch(self.warm.epoch):  # Sphinx took the date when it started
            self.say("the newest article's date changed: building afresh")
            self.drop()
            self._cold(tell, started)
            return
        self.warm.note_titles()
        # the book among its editions, as briefbook build compares it (What's new, the marks)
        comparison = Comparison.of(book_state(book, folders.docs, self.since or None, self.cache))
        first = [
            rel
            for rel, text in render_some(book, focus, comparison).items()
            if write_if_changed(folders.src / rel, text)
        ]
        shown = self._first(first, focus) if first else []
        if shown:
            tell(
                {
                    "event": "shown",
                    "pages": shown,
                    "seconds": _since(started),
                    "articles": self._articles(book),
                }
            )
        from ..pages import render_pages
        from ..pages.write import write_pages

        written = write_pages(render_pages(book, comparison), folders.src)
        generated = Generated.of(
            book, folders.src, self.link_terms, written, comparison.facts(book), self.since
        )
        write_if_changed(folders.generated, generated.to_json())
        for page in shown:  # written again with the rest, so the search index holds their words
            backdate(folders.work / "html" / page)
        if not self._update(len(written)):
            lines = [line for line in self.warm.warnings.getvalue().splitlines() if line.strip()]
            self._failed(tell, [_plain(line) for line in lines] or [_plain("Sphinx failed")], started)
            return
        changed = sync_site(folders.work / "html", folders.site)
        self.cache.save()
        finish(folders)
        self._done(tell, book, started, changed)  # the pages shown first are the same: not again

    def _reset(self) -> Any:
        """The application, ready for another build: no warnings counted, no stale doctree, no page's
        own scripts."""
        assert self.warm is not None
        app = self.warm.app
        app._warncount = 0
        app.statuscode = 0
        self.warm.warnings.seek(0)
        self.warm.warnings.truncate()
        # doctrees read from disk in an earlier build: a page read again since would be written stale
        getattr(app.env, "_pickled_doctree_cache", {}).clear()
        # the scripts and styles pages added for themselves (a theme names each page in one), which
        # Sphinx keeps in its registry and the builder's lists: back to what they were when it started
        for owner, name, kept in self.warm.assets:
            getattr(owner, name)[:] = kept
        return app

    def _first(self, written: list[str], focus: Collection[str]) -> list[str]:
        """Read the pages just written and write the HTML of the open ones alone; publish each into
        the served site at once.  The site-relative paths published (none if Sphinx warned)."""
        from sphinx.util.build_phase import BuildPhase

        app = self._reset()
        builder = app.builder
        with _first_pages_only(app):
            builder.phase = BuildPhase.READING
            builder.read()
            wanted = {name for name in focus if name in app.env.found_docs}
            if not wanted:
                return []
            since = time.time()
            builder.events.emit("write-started", builder)
            builder.parallel_ok = False
            builder.prepare_writing(wanted)
            builder.indexer = None  # made by prepare_writing; fed by each page written
            builder.write_documents(wanted)
        if app._warncount:  # the rest of the build will say what is wrong
            return []
        return publish_new(self.folders, since)

    def _update(self, written: int) -> bool:
        """Sphinx's incremental build of the whole book; whether it succeeded.  In parallel only
        when many pages were written: forking workers costs more than reading a few pages."""
        app = self._reset()
        jobs = app.parallel
        app.parallel = jobs if written >= PARALLEL_FROM else 1
        try:
            app.build()
        finally:
            app.parallel = jobs
        return app.statuscode == 0 and not app._warncount


@contextmanager
def _first_pages_only(app: Any) -> Iterator[None]:
    """The open pages read and written in this process alone (forking workers costs more than a
    page), and without the search index: loading it and feeding it a page cost more than writing
    the page, and the rest of the build writes those pages again into it."""
    builder, jobs = app.builder, app.parallel
    app.parallel = 1
    builder.load_indexer = lambda docnames: None
    try:
        yield
    finally:
        app.parallel = jobs
        del builder.load_indexer
        builder.indexer = None


def _jobs(jobs: str) -> int:
    if jobs == "auto":
        return os.cpu_count() or 1
    return max(1, int(jobs)) if jobs.isdigit() else 1


def _plain(text: str) -> dict[str, Any]:
    return {"text": text, "file": None, "line": None, "code": None}


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)

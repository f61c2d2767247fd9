"""The preview's builds: one at a time, in a process of their own (:mod:`briefbook.serve.worker`),
asked for by the watcher and by writes, and told to every open page as server-sent events.

Each build makes the pages readers have open first (each page's event stream names its page) and
publishes them at once (a ``pages`` event: those pages reload); then the rest of the book (a
``status`` event naming the pages whose HTML changed: only those reload).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import watchfiles

from .. import build
from ..names import GENERATED_FOLDERS
from ..printable import counted
from .views import ArticlePage, ArticleView, article_view
from .worker import BuildProcess, BuildSettings

# a rebuild starts once changes have stopped arriving for this long (seconds), on top of the
# watcher's own WATCH_STEP: a text editor's save or a checkout is over well within the two, and a
# longer burst only costs one build more (the next one is then correct)
QUIET = 0.05
WATCH_STEP = 50  # ms: the watcher gives the changes it saw once none came for this long
KEEP_ALIVE = 15.0  # an idle event stream sends a comment this often, so proxies keep it open
OPEN_PAGES = 8  # at most this many open pages are built first (the rest come with the book)
# a page's name as Sphinx has it ("index", "articles/003_x"): only such a name is taken from a page
PAGE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}")

# ---------------------------------------------------------------- events to the open pages


class Events:
    """Server-sent events: the preview's state and the pages published, told to every open page.

    ``publish`` may be called from any thread; pages listen on the server's event loop.  Each
    stream may name the page it was opened from, so builds know which pages are open.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queues: set[asyncio.Queue[tuple[str, dict[str, Any]]]] = set()
        self._open: Counter[str] = Counter()
        self._guard = threading.Lock()

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def publish(self, message: dict[str, Any], event: str = "status") -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._deliver, (event, message))

    def _deliver(self, item: tuple[str, dict[str, Any]]) -> None:
        for queue in list(self._queues):
            queue.put_nowait(item)

    def open_pages(self) -> list[str]:
        """The pages open now (by page name), the most recently opened last."""
        with self._guard:
            return list(self._open)

    async def stream(self, first: dict[str, Any], page: str | None = None) -> AsyncIterator[str]:
        queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        self._queues.add(queue)
        if page:
            with self._guard:
                self._open[page] += 1
        try:
            yield sse("status", first)
            while True:
                try:
                    event, message = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                except TimeoutError:
                    yield ": still here\n\n"
                    continue
                yield sse(event, message)
        finally:
            self._queues.discard(queue)
            if page:
                with self._guard:
                    self._open[page] -= 1
                    if self._open[page] <= 0:
                        del self._open[page]


def sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def page_name(text: str | None) -> str | None:
    """A page name a page sent, if it can be one (it is only ever looked up, never a path)."""
    if text and PAGE_NAME.fullmatch(text) and ".." not in text:
        return text
    return None


# ---------------------------------------------------------------- builds


class Preview:
    """The preview's builds, one at a time, and what the last one gave.

    ``request()`` asks for a build; requests that arrive while one is waiting or
    running are folded into the next.  ``generation`` counts good builds.
    """

    def __init__(
        self,
        root: Path,
        folders: build.Folders,
        seeds: Path,
        *,
        link_terms: str = "first",
        jobs: str = "auto",
        say: Callable[[str], None] = lambda text: None,
        events: Events | None = None,
        builds: BuildProcess | None = None,
        since: str = "",
    ) -> None:
        self.root, self.folders, self.seeds = root, folders, seeds
        self.say = say
        self.events = events or Events()
        self.builds = builds or BuildProcess(
            BuildSettings(root, folders, seeds, link_terms, jobs, since), self._hear
        )
        self._wanted = threading.Event()
        self._now = threading.Event()  # a save asked: no waiting for more changes
        self._guard = threading.Lock()
        self._focus: list[str] = []  # pages asked for first by saves, since the last build began
        self._own: dict[str, tuple[int, int]] = {}  # files the server wrote: what the watcher may skip
        self.state = "starting"  # building, ok or failed
        self.generation = 0
        # how many times pages were published (a build's first pages, then its rest), and when each
        # page's file last changed (by that count; ``_floor``: when every page last did)
        self.published = 0
        self._versions: dict[str, int] = {}
        self._floor = 0
        self.problems: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []  # what the last good build warned of (not stopping it)
        self.pages: dict[str, ArticlePage] = {}
        self.claims: list[dict[str, str]] = []
        self.seconds: float | None = None  # how long the last build took
        self.changed: list[str] | None = None  # the pages the last good build changed (None: all)
        self.candidates: list[dict[str, Any]] = []  # names the articles use that the glossary lacks

    def status(self) -> dict[str, Any]:
        with self._guard:
            return {
                "state": self.state,
                "generation": self.generation,
                "problems": list(self.problems),
                "warnings": list(self.warnings),
                "seconds": self.seconds,
                "pending": self._wanted.is_set() or self.state == "building",
                "changed": self.changed,
            }

    def page_version(self, page: str | None) -> int:
        """When the page (by name) last changed, counted in publishes (0: not since the first)."""
        with self._guard:
            if not page:
                return self.published
            return max(self._floor, self._versions.get(f"{page}.html", 0))

    def _published(self, files: Sequence[str] | None) -> int:
        """(with the guard held) Pages were published: ``files`` changed (None: all of them)."""
        self.published += 1
        if files is None:
            self._versions.clear()
            self._floor = self.published
        else:
            self._versions.update(dict.fromkeys(files, self.published))
        return self.published

    def candidate_terms(self) -> list[dict[str, Any]]:
        """The names the articles use that the glossary lacks, as the last good build found them."""
        with self._guard:
            return list(self.candidates)

    def view(self, stem: str) -> tuple[ArticleView | None, int, list[dict[str, str]]]:
        with self._guard:
            page, generation, claims = self.pages.get(stem), self.generation, list(self.claims)
        return (article_view(page, self.seeds) if page else None), generation, claims

    def expect(self, focus: Iterable[str]) -> None:
        """A write is about to change what these pages (by name) show: the next build makes them
        first (also one that starts while the write waits for the book's lock)."""
        with self._guard:
            self._focus.extend(name for name in focus if name not in self._focus)

    def request(self, focus: Iterable[str] = (), now: bool = False) -> None:
        """Ask for a build; ``focus``: pages (by name) to make first; ``now``: start without waiting."""
        self.expect(focus)
        if now:
            self._now.set()
        self._wanted.set()

    def wrote(self, path: Path) -> None:
        """The server has just written ``path`` itself (and asked for the build): the watcher,
        which will see it too, need not ask again."""
        try:
            info = path.stat()
        except OSError:
            return
        with self._guard:
            self._own[str(path.resolve())] = (info.st_size, info.st_mtime_ns)

    def is_own(self, path: str) -> bool:
        """Whether a change the watcher saw is a file as the server itself wrote it."""
        with self._guard:
            known = self._own.pop(str(Path(path).resolve()), None)
        if known is None:
            return False
        try:
            info = os.stat(path)
        except OSError:
            return False
        return (info.st_size, info.st_mtime_ns) == known

    def _set(self, **changes: Any) -> None:
        with self._guard:
            for name, value in changes.items():
                setattr(self, name, value)
        self.events.publish(self.status())

    def run(self, stop: threading.Event) -> None:
        """Build whenever asked, until ``stop`` is set."""
        try:
            while not stop.is_set():
                if not self._wanted.wait(0.2):
                    continue
                self._wanted.clear()
                # changes by hand come in bursts: wait until they stop; a save from a page does not wait
                while not self._now.is_set() and self._wanted.wait(QUIET) and not stop.is_set():
                    self._wanted.clear()
                self._wanted.clear()
                self._now.clear()
                if not stop.is_set():
                    self.build_once()
        finally:
            self.builds.stop()

    def build_once(self) -> None:
        with self._guard:
            focus = list(dict.fromkeys([*self._focus, *self.events.open_pages()]))[-OPEN_PAGES:]
            self._focus = []
        self._set(state="building")
        done = self.builds.build(focus)
        if not done.get("ok"):
            self._failed(done.get("problems") or [], done.get("seconds"))
            return
        changed = done.get("changed")
        with self._guard:
            generation = self.generation + 1
            self._take_articles(done.get("articles") or {})
            self._published(changed)
        self._set(
            state="ok",
            generation=generation,
            problems=[],
            warnings=done.get("warnings") or [],
            claims=done.get("claims") or [],
            seconds=done.get("seconds"),
            changed=changed,
        )
        if changed is None:
            self.say(f"preview built in {done.get('seconds', 0):.1f} s; open pages reload")
        else:
            pages = [p for p in changed if p.endswith(".html")]
            self.say(
                f"  the rest of the book in {done.get('seconds', 0):.2f} s ({counted(len(pages), 'page')} changed)"
            )

    def _take_articles(self, articles: dict[str, ArticlePage | None]) -> None:
        """(with the guard held) The articles' pages as the build process sent them."""
        for stem, page in articles.items():
            if page is None:
                self.pages.pop(stem, None)
            else:
                self.pages[stem] = page

    def _hear(self, message: dict[str, Any]) -> None:
        """A message of the build under way: a line to say, or the open pages published first."""
        event = message.get("event")
        if event == "say":
            self.say(message.get("text", ""))
        elif event == "candidates":
            with self._guard:
                self.candidates = message.get("candidates") or []
        elif event == "shown":
            pages = message.get("pages") or []
            with self._guard:
                self._take_articles(message.get("articles") or {})
                self._published(pages)
            self.events.publish({"pages": pages, "generation": self.generation}, event="pages")
            shown = ", ".join(p for p in pages if p.endswith(".html")) or "no page"
            self.say(f"  shown: {shown} in {message.get('seconds', 0):.2f} s")

    def _failed(self, problems: list[dict[str, Any]], seconds: float | None) -> None:
        self._set(state="failed", problems=problems, seconds=seconds)
        self.say(f"the build failed ({counted(len(problems), 'problem')}); the last good pages stay served:")
        for problem in problems:
            self.say(f"  {problem['text']}")


class BookChanges(watchfiles.DefaultFilter):
    """The changes that call for a rebuild: the editor's files, not the build's own output."""

    def __init__(self, docs: Path) -> None:
        super().__init__()
        self.docs = docs.resolve()
        self.built = (self.docs / "_build").resolve()

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        where = Path(path)
        if where.name.startswith("."):  # temporary files of an edit, the book's lock
            return False
        if where.is_relative_to(self.built):
            return False
        if where.is_relative_to(self.docs):
            relative = where.relative_to(self.docs).as_posix()
            try:
                return not build.is_generated(relative, where)
            except OSError:  # gone already: a generated page would not be removed by the editor
                return relative.split("/")[0] not in (*GENERATED_FOLDERS, "_generated")
        return True


def watch(paths: Sequence[Path], docs: Path, preview: Preview, stop: threading.Event) -> None:
    """Ask for a build whenever the editor's files change, until ``stop`` is set."""
    for changes in watchfiles.watch(
        *paths, watch_filter=BookChanges(docs), stop_event=stop, step=WATCH_STEP, rust_timeout=500
    ):
        if any(not preview.is_own(path) for _, path in changes):
            preview.request()

"""The preview's builds: one at a time in a thread of their own, asked for by the watcher and by
writes, and told to every open page as server-sent events, so it reloads."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import traceback
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

import watchfiles

from .. import build
from ..errors import BriefbookError
from ..names import GENERATED_FOLDERS
from ..printable import counted
from .views import ArticleView, article_views, problems_of

QUIET = 0.3  # a rebuild starts once changes have stopped arriving for this long (seconds)
KEEP_ALIVE = 15.0  # an idle event stream sends a comment this often, so proxies keep it open
PREVIEW_OPTIONS = ("-D", "briefbook_preview=1")

# ---------------------------------------------------------------- events to the open pages


class Events:
    """Server-sent events: the preview's state, told to every open page as it changes.

    ``publish`` may be called from any thread; pages listen on the server's event loop.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queues: set[asyncio.Queue[dict[str, Any]]] = set()

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def publish(self, message: dict[str, Any]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._deliver, message)

    def _deliver(self, message: dict[str, Any]) -> None:
        for queue in list(self._queues):
            queue.put_nowait(message)

    async def stream(self, first: dict[str, Any]) -> AsyncIterator[str]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._queues.add(queue)
        try:
            yield sse("status", first)
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                except TimeoutError:
                    yield ": still here\n\n"
                    continue
                yield sse("status", message)
        finally:
            self._queues.discard(queue)


def sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


# ---------------------------------------------------------------- builds


class Preview:
    """The preview's builds, one at a time in a thread of their own, and what the last one gave.

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
        since: str = "",
    ) -> None:
        self.root, self.folders, self.seeds = root, folders, seeds
        self.link_terms, self.jobs, self.say = link_terms, jobs, say
        self.since = since  # the edition the book is compared with, as conf.py names it
        self.events = events or Events()
        self._wanted = threading.Event()
        self._guard = threading.Lock()
        self.state = "starting"  # building, ok or failed
        self.generation = 0
        self.problems: list[dict[str, Any]] = []
        self.views: dict[str, ArticleView] = {}
        self.claims: list[dict[str, str]] = []
        self.seconds: float | None = None  # how long the last build took

    def status(self) -> dict[str, Any]:
        with self._guard:
            return {
                "state": self.state,
                "generation": self.generation,
                "problems": list(self.problems),
                "seconds": self.seconds,
            }

    def view(self, stem: str) -> tuple[ArticleView | None, int, list[dict[str, str]]]:
        with self._guard:
            return self.views.get(stem), self.generation, list(self.claims)

    def request(self) -> None:
        self._wanted.set()

    def _set(self, **changes: Any) -> None:
        with self._guard:
            for name, value in changes.items():
                setattr(self, name, value)
        self.events.publish(self.status())

    def run(self, stop: threading.Event) -> None:
        """Build whenever asked, until ``stop`` is set."""
        while not stop.is_set():
            if not self._wanted.wait(0.2):
                continue
            self._wanted.clear()
            while self._wanted.wait(QUIET) and not stop.is_set():  # more changes still arriving
                self._wanted.clear()
            if not stop.is_set():
                self.build_once()

    def build_once(self) -> None:
        self._set(state="building")
        started = time.perf_counter()
        try:
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
                problems = [
                    {"text": line, "file": None, "line": None, "code": None} for line in built.warnings
                ]
                self._failed(problems, started)
                return
            views = article_views(built.book, self.seeds)
            claims = [{"id": c.id, "statement": c.statement} for c in built.book.claims.claims]
        except BriefbookError as exc:
            self._failed(problems_of(exc), started)
            return
        except OSError as exc:
            self._failed([{"text": str(exc), "file": None, "line": None, "code": None}], started)
            return
        except Exception as exc:  # a bug: told, and the preview goes on serving and watching
            traceback.print_exc()
            text = f"briefbook failed unexpectedly: {exc!r} (the traceback is in the terminal)"
            self._failed([{"text": text, "file": None, "line": None, "code": None}], started)
            return
        seconds = time.perf_counter() - started
        with self._guard:
            generation = self.generation + 1
        self._set(
            state="ok",
            generation=generation,
            problems=[],
            views=views,
            claims=claims,
            seconds=round(seconds, 2),
        )
        self.say(f"preview built in {seconds:.1f} s; open pages reload")

    def _failed(self, problems: list[dict[str, Any]], started: float) -> None:
        self._set(state="failed", problems=problems, seconds=round(time.perf_counter() - started, 2))
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
    for _changes in watchfiles.watch(
        *paths, watch_filter=BookChanges(docs), stop_event=stop, step=100, rust_timeout=500
    ):
        preview.request()

"""The process the preview builds in: started once with the server, it keeps the book's read cache
and a Sphinx application warm between builds (:mod:`briefbook.serve.warm`).

The server asks for a build with the pages readers have open; the process answers with messages:
``say`` (a line for the terminal), ``shown`` (the open pages, published first) and ``done`` (the
build's outcome).  It runs one build at a time, in its one thread, so Sphinx may fork workers of
its own.  It dies with the server (the kernel is asked to kill it then); a process that dies is
started again for the next build, which is then a cold one.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .. import build

Message = dict[str, Any]


@dataclass(frozen=True)
class BuildSettings:
    """What the build process is started with (all of it sent to the new process)."""

    root: Path
    folders: build.Folders
    seeds: Path
    link_terms: str = "first"
    jobs: str = "auto"
    since: str = ""  # the edition the book is compared with, as conf.py or --since names it


def run_builds(connection: Connection, settings: BuildSettings, parent: int) -> None:
    """The build process: build whenever asked, until told to stop or the server is gone."""
    from ..build.bookpages import die_with
    from .warm import WarmBuilds

    die_with(parent)

    def say(text: str) -> None:
        connection.send({"event": "say", "text": text})

    builds = WarmBuilds(
        settings.root,
        settings.folders,
        settings.seeds,
        link_terms=settings.link_terms,
        jobs=settings.jobs,
        since=settings.since,
        say=say,
    )
    try:
        while True:
            try:
                command = connection.recv()
            except (EOFError, OSError):
                return
            if command.get("command") != "build":
                return
            builds.build(command.get("focus", ()), connection.send)
            if not connection.poll():  # no build waits: the slower findings of this one
                builds.after(connection.send, connection.poll)
    finally:
        builds.drop()


class BuildProcess:
    """The server's end of the build process: ask for a build, hear what it does.

    A thread of the server reads every message the process sends and gives it to ``hear``, also
    those that come after a build (the terms the glossary lacks); :meth:`build` waits for its
    ``done``.
    """

    def __init__(
        self, settings: BuildSettings, hear: Callable[[Message], None] = lambda message: None
    ) -> None:
        self.settings = settings
        self.hear = hear
        self._context = multiprocessing.get_context("spawn")  # no copy of the server's threads
        self._process: Any = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()
        self._done: queue.Queue[Message] = queue.Queue()

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection is not None:
            return self._connection
        self._close()
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=run_builds,
            args=(theirs, self.settings, os.getpid()),
            name="briefbook-preview-build",
            daemon=True,
        )
        process.start()
        theirs.close()
        self._process, self._connection = process, ours
        threading.Thread(
            target=self._read, args=(ours, process), name="briefbook-build-read", daemon=True
        ).start()
        return ours

    def _read(self, connection: Connection, process: Any) -> None:
        """Hear every message of one build process until it ends; a build it leaves unfinished fails."""
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                process.join(timeout=1)
                text = (
                    f"the build process stopped unexpectedly (exit status {process.exitcode}); "
                    "the next build starts it again"
                )
                self._done.put({"event": "done", "ok": False, "problems": [_plain(text)], "ended": True})
                return
            if message.get("event") == "done":
                self._done.put(message)
            else:
                self.hear(message)

    def build(self, focus: Collection[str]) -> Message:
        """One build, the pages in ``focus`` first; its ``done`` message."""
        with self._lock:
            connection = self._start()
            while not self._done.empty():  # what a process that ended said, after its last build
                self._done.get_nowait()
            try:
                connection.send({"command": "build", "focus": sorted(focus)})
            except (OSError, BrokenPipeError):
                self._close()
                return {
                    "event": "done",
                    "ok": False,
                    "problems": [_plain("the build process could not be reached")],
                }
            done = self._done.get()
            if done.get("ended"):
                self._close()
            return done

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join(timeout=0.1)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._process = None

    def stop(self, timeout: float = 600.0) -> None:
        """Tell the process to stop after the build under way, and wait for it."""
        if self._connection is not None:
            try:
                self._connection.send({"command": "stop"})
            except (OSError, BrokenPipeError):
                pass
        if self._process is not None:
            self._process.join(timeout)
        self._close()


def _plain(text: str) -> dict[str, Any]:
    return {"text": text, "file": None, "line": None, "code": None}

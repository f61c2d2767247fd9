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
    finally:
        builds.drop()


class BuildProcess:
    """The server's end of the build process: ask for a build, hear what it does."""

    def __init__(self, settings: BuildSettings) -> None:
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")  # no copy of the server's threads
        self._process: Any = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()

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
        return ours

    def build(self, focus: Collection[str], hear: Callable[[Message], None]) -> Message:
        """One build, the pages in ``focus`` first; every message is given to ``hear``; the last,
        ``done``, is returned too."""
        with self._lock:
            connection = self._start()
            try:
                connection.send({"command": "build", "focus": sorted(focus)})
                while True:
                    message = connection.recv()
                    hear(message)
                    if message.get("event") == "done":
                        return message
            except (EOFError, OSError, BrokenPipeError):
                code = self._process.exitcode if self._process is not None else None
                self._close()
                text = f"the build process stopped unexpectedly (exit status {code}); the next build starts it again"
                done = {
                    "event": "done",
                    "ok": False,
                    "problems": [{"text": text, "file": None, "line": None, "code": None}],
                }
                hear(done)
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

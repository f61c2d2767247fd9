"""One lock per book, so two briefbook runs never change the same book at once.

Every command that changes a book's files (editing a sidecar, importing
annotations; builds and ``add`` may join) takes the book's lock first:

    with BookLock(book_folder):
        ...  # read, check, write

The lock is an exclusive ``flock`` on ``.briefbook.lock`` in the book's folder
(the one holding ``seeds/``).  The kernel releases it when its holder exits,
however it exits, so a crashed run never leaves the book locked; the file stays
behind and holds the pid of the last holder, for the message a waiting run shows.

A second run waits, saying once on stderr which process holds the lock; with a
``timeout`` it gives up after that many seconds with a one-line
:class:`LockTimeout`.  ``flock`` locks belong to an open file, not to a process,
so two threads of one process that each take the lock also exclude each other;
a thread that already holds the lock may take it again (the lock counts how
often, and is released by the last ``release``).
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import TextIO

from .errors import BriefbookError

LOCK_FILE = ".briefbook.lock"
_POLL_SECONDS = 0.05


class LockTimeout(BriefbookError):
    """Another run held the book's lock for longer than the caller would wait."""


# what this process holds: lock file -> (holding thread, depth, open file); guarded by _HELD_GUARD
_HELD: dict[Path, tuple[int, int, int]] = {}
_HELD_GUARD = threading.Lock()


def lock_path(book_folder: Path) -> Path:
    return Path(book_folder).resolve() / LOCK_FILE


def book_folder_of(seeds: Path) -> Path:
    """The book's folder: the one that holds its seeds/ folder."""
    return Path(seeds).resolve().parent


def holder_pid(path: Path) -> int | None:
    """The pid the lock file names (its last holder), if it names one."""
    try:
        text = path.read_text("ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class BookLock:
    """An exclusive, inter-process lock on one book (a context manager)."""

    def __init__(
        self, book_folder: Path, *, timeout: float | None = None, messages: TextIO | None = None
    ) -> None:
        self.path = lock_path(book_folder)
        self.timeout = timeout
        self._messages = messages  # where the one "waiting" line goes (default: stderr at the time)

    def __enter__(self) -> BookLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()

    def acquire(self) -> None:
        me = threading.get_ident()
        with _HELD_GUARD:
            held = _HELD.get(self.path)
            if held and held[0] == me:
                _HELD[self.path] = (me, held[1] + 1, held[2])
                return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            self._wait_for(fd)
        except BaseException:
            os.close(fd)
            raise
        # name ourselves, for the message another run shows while it waits
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        with _HELD_GUARD:
            _HELD[self.path] = (me, 1, fd)

    def _wait_for(self, fd: int) -> None:
        if _try_lock(fd):
            return
        pid = holder_pid(self.path)
        who = f"another briefbook run (pid {pid})" if pid else "another briefbook run"
        out = self._messages or sys.stderr
        print(f"briefbook: {who} holds the lock on {self.path.parent}; waiting for it", file=out, flush=True)
        if self.timeout is None:
            fcntl.flock(fd, fcntl.LOCK_EX)
            return
        deadline = time.monotonic() + self.timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"{self.path.parent}: {who} has held the book's lock for more than "
                    f"{self.timeout:g} s; try again when it has finished"
                )
            time.sleep(_POLL_SECONDS)

    def release(self) -> None:
        with _HELD_GUARD:
            held = _HELD.get(self.path)
            if not held or held[0] != threading.get_ident():
                raise RuntimeError(f"{self.path}: released by a thread that does not hold it")
            me, depth, fd = held
            if depth > 1:
                _HELD[self.path] = (me, depth - 1, fd)
                return
            del _HELD[self.path]
        # the pid stays in the file: truncating here could race with the next holder's write
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    @property
    def held(self) -> bool:
        """Whether the calling thread holds this lock."""
        with _HELD_GUARD:
            held = _HELD.get(self.path)
        return bool(held and held[0] == threading.get_ident())


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True

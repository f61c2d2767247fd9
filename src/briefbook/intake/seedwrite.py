"""Putting an article's files into ``seeds/``: all of them or none, one ``add`` at a time.

An article is two or three files: its text (``<stem>.txt``), its sidecar
(``<stem>.yaml``) and, for a web page, the page as received (``<stem>.html``).
The book reads an article when its ``.txt`` is there, so the ``.txt`` arrives
last and its arrival is the commit:

1. every file is written, synced, into a staging folder ``seeds/.add-<stem>.partial/``;
2. each is linked into ``seeds/`` (a hard link never replaces a file that
   exists), the page and the sidecar first, the text last;
3. the staging folder is removed.

A run killed at any moment leaves either nothing, or a staging folder that the
next ``add`` (or ``check``) finds and settles: when the ``.txt`` is in
``seeds/`` the article was committed and the folder only goes; otherwise the
files the run had linked (the same inodes as the staged ones) are removed with
the folder, and the book is as it was before.  An interrupt (Ctrl-C, SIGTERM)
rolls back at once.

The book's lock (:class:`briefbook.locking.BookLock`, which builds take too)
keeps two adds from taking the same number or adding the same text twice.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
from pathlib import Path

from ..errors import BriefbookError, Code, Problem

STAGING_PREFIX = ".add-"
STAGING_SUFFIX = ".partial"
# The order files arrive in seeds/: the text, which makes the article part of the book, last.
ARRIVAL_ORDER = (".html", ".yaml", ".txt")
# Fault injection for the tests: "MOMENT" (SIGKILL there) or "MOMENT:INT" / "MOMENT:TERM".
KILL_AT_VARIABLE = "BRIEFBOOK_TEST_KILL_AT"


def _die_here_if_asked(moment: str) -> None:
    """For the fault-injection tests: a signal to this process at ``moment`` when a test asks."""
    wanted, _, name = os.environ.get(KILL_AT_VARIABLE, "").partition(":")
    if wanted == moment:
        os.kill(os.getpid(), getattr(signal, f"SIG{name or 'KILL'}"))


def staging_dir(seeds: Path, stem: str) -> Path:
    return seeds / f"{STAGING_PREFIX}{stem}{STAGING_SUFFIX}"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _exists(target: Path) -> BriefbookError:
    return BriefbookError(
        Problem(Code.FILE_EXISTS, "already exists; briefbook add never replaces a file", str(target))
    )


def _place(staged: Path, target: Path) -> None:
    """Put ``staged`` at ``target`` without ever replacing a file there."""
    try:
        os.link(staged, target)
    except FileExistsError:
        raise _exists(target) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        # a filesystem without hard links: copy (the lock keeps other adds away)
        if target.exists():
            raise _exists(target) from None
        shutil.copyfile(staged, target)


def commit_files(seeds: Path, stem: str, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (suffix -> bytes) as ``seeds/<stem><suffix>``, all or none; call under the lock.

    Returns the paths written.  On any failure or interrupt the files this call
    put in ``seeds/`` are removed again before the exception goes on.
    """
    staging = staging_dir(seeds, stem)
    order = [suffix for suffix in ARRIVAL_ORDER if suffix in files]
    placed: list[Path] = []
    try:
        staging.mkdir()
        for suffix in order:
            _write_synced(staging / f"{stem}{suffix}", files[suffix])
        _fsync_dir(staging)
        _die_here_if_asked("staged")
        for suffix in order:
            target = seeds / f"{stem}{suffix}"
            _place(staging / target.name, target)
            placed.append(target)
            _die_here_if_asked(f"placed{suffix}")
        _fsync_dir(seeds)
        shutil.rmtree(staging)
        _die_here_if_asked("committed")
    except BaseException:
        for path in reversed(placed):
            path.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return placed


def interrupted(seeds: Path) -> bool:
    """Whether a killed add left a staging folder in ``seeds`` (cheap: no lock, no writing)."""
    return seeds.is_dir() and any(seeds.glob(f"{STAGING_PREFIX}*{STAGING_SUFFIX}"))


def recover(seeds: Path) -> list[str]:
    """Settle what killed adds left behind; call under the lock.  Returns what was done, for the report."""
    done: list[str] = []
    for staging in sorted(seeds.glob(f"{STAGING_PREFIX}*{STAGING_SUFFIX}")):
        if not staging.is_dir() or staging.is_symlink():
            continue
        stem = staging.name[len(STAGING_PREFIX) : -len(STAGING_SUFFIX)]
        text = seeds / f"{stem}.txt"
        if text.exists():
            done.append(f"finished an interrupted add: {text.name} was in place; removed {staging.name}/")
        else:
            removed = []
            for suffix in ARRIVAL_ORDER:
                placed, staged = seeds / f"{stem}{suffix}", staging / f"{stem}{suffix}"
                if placed.exists() and staged.exists() and os.path.samefile(placed, staged):
                    placed.unlink()
                    removed.append(placed.name)
            what = f" and {', '.join(removed)}" if removed else ""
            done.append(f"undid an interrupted add of {stem}: removed {staging.name}/{what}")
        shutil.rmtree(staging, ignore_errors=True)
    return done


def settle_interrupted(root: Path, seeds: Path) -> list[str]:
    """Finish or undo what a killed ``add`` left in ``seeds``; return what was done.

    Cheap when nothing was left (no lock taken, so a read-only book still checks).
    """
    if not interrupted(seeds):
        return []
    from ..locking import BookLock

    with BookLock(root):
        return recover(seeds)

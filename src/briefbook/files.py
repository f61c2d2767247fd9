"""Files written whole or not at all, and only where a file may be written.

- :func:`write_if_changed`: briefbook's own output (generated pages, the build's records), written
  atomically and only when the content changes.
- :func:`write_target`: a file a user names (``export-annotations -o``) or the book holds (a
  sidecar): never read first.  A regular file is replaced atomically (a temporary file beside it,
  renamed over it); ``-`` is standard output, and a stream or device (a pipe, a FIFO, a terminal,
  ``/dev/null``) is written through, as a shell's ``>`` would; anything else (a folder, a socket, a
  disk) is refused.  A symbolic link is written *through*: the file it points to is replaced (or
  streamed to), the link itself stays, so a sidecar kept elsewhere and linked into ``seeds/`` gets
  the note.
- :func:`real_file`: where a path's content really lives (its links followed), for writers that
  prepare their temporary file themselves (the sidecar editor) and must rename it into place.

A module of its own, light to import: the process that runs a build publishes with it after
Sphinx, without the reading pipeline.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from .errors import BriefbookError, Code, Problem
from .printable import printable


def file_mode() -> int:
    """The mode a new file gets under the current umask (mkstemp would give 0600 whatever it is)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically, and only if the content differs; return whether it was written.

    The text goes to a temporary file beside ``path``, then replaces it by rename, so a reader
    (or a kill) never meets half a file; if writing fails (a full disk), the temporary file goes.
    The old content is compared only when it is a regular file of the same size (never a device).
    """
    data = text.encode("utf-8")
    try:
        old = path.stat()
    except OSError:
        old = None
    if (
        old is not None
        and stat.S_ISREG(old.st_mode)
        and old.st_size == len(data)
        and path.read_bytes() == data
    ):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, data, file_mode(), sync=False)
    return True


# ---------------------------------------------------------------- files a user names


def read_bounded(path: Path, limit: int, what: str, hint: str | None = None) -> bytes:
    """A regular file's bytes, refused (BriefbookError naming it) when it is larger than ``limit``
    or no regular file: a FIFO would wait for a writer, a device (``/dev/zero``) never end."""
    label = printable(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise BriefbookError(
            Problem(Code.FILE_UNREADABLE, f"cannot read: {exc.strerror or exc}", label)
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            message = f"not a regular file; {what} is read only from one"
            raise BriefbookError(Problem(Code.FILE_UNREADABLE, message, label))
        if info.st_size > limit:
            message = f"{info.st_size / 1e6:.1f} MB; {what} holds at most {limit / 1e6:.0f} MB"
            raise BriefbookError(Problem(Code.FILE_TOO_LARGE, message, label, hint=hint))
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)  # a file that grew since: still no more than the limit
    except OSError as exc:
        raise BriefbookError(
            Problem(Code.FILE_UNREADABLE, f"cannot read: {exc.strerror or exc}", label)
        ) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        message = f"more than {limit / 1e6:.0f} MB; {what} holds at most that"
        raise BriefbookError(Problem(Code.FILE_TOO_LARGE, message, label, hint=hint))
    return data


STREAM_KINDS = {stat.S_IFCHR: "a device", stat.S_IFIFO: "a pipe"}
REFUSED_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFSOCK: "a socket", stat.S_IFBLK: "a block device (a disk)"}


def _unwritable(path: Path | str, message: str, hint: str | None = None) -> BriefbookError:
    return BriefbookError(Problem(Code.FILE_UNWRITABLE, message, printable(path), hint=hint))


def real_file(path: Path) -> Path:
    """The file a path's content is in: its symbolic links followed (the path itself if none)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def target_kind(path: Path) -> str:
    """ "file" (a regular file, or nothing yet), "stream" (a device or pipe: written through), or
    BriefbookError for what cannot be written (a folder, a socket, a disk)."""
    try:
        mode = path.stat().st_mode  # through links: what is written is what they point to
    except FileNotFoundError:
        return "file"
    except OSError as exc:
        raise _unwritable(path, f"cannot write: {exc.strerror or exc}") from None
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFREG:
        return "file"
    if kind in STREAM_KINDS:
        return "stream"
    what = REFUSED_KINDS.get(kind, "not a regular file")
    raise _unwritable(path, f"is {what}; nothing was written", "name a file, or - for standard output")


def write_target(path: Path | str, data: bytes, *, stdout: BinaryIO | None = None) -> None:
    """Write ``data`` to a file a user names or the book holds, never reading it first.

    ``-`` is standard output; a device or pipe is written through; a regular file (or a new one)
    is replaced atomically, keeping its mode; a symbolic link is written through to what it
    points to.  Every failure is a BriefbookError naming the path.
    """
    if str(path) == "-":
        out = stdout if stdout is not None else sys.stdout.buffer
        out.write(data)
        out.flush()
        return
    path = Path(path)
    try:
        if target_kind(path) == "stream":
            _stream(path, data)
            return
        real = real_file(path)
        if real != path and not real.exists() and path.exists():
            _stream(path, data)  # a link only the kernel can follow (/proc/self/fd/...): write in place
            return
        try:
            mode = stat.S_IMODE(real.stat().st_mode)
        except FileNotFoundError:
            mode = file_mode()
        _replace(real, data, mode, sync=True)
    except OSError as exc:
        raise _unwritable(exc.filename or path, f"cannot write: {exc.strerror or exc}") from None


def _stream(path: Path, data: bytes) -> None:
    """Write through to a device or pipe (a FIFO waits for its reader, as a shell's ``>`` does)."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _replace(path: Path, data: bytes, mode: int, *, sync: bool) -> None:
    """Put ``data`` at ``path`` by renaming a temporary file beside it over it (synced first, for a
    file the user keeps: a crash leaves the old file or the new, never an empty one)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bb-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""One way to write an editor's file (a sidecar, the glossary, the claims), all or nothing.

The new text goes to a temporary file beside the file it will replace (on the
same file system, so the rename is atomic), is flushed to disk, and is checked
there as the build would check it with that text in the file's place; only if
the check finds nothing is it renamed over the file (keeping the file's mode),
and the folder synced.  A file that is a symbolic link is written through.  A check that finds problems leaves the file as it was
and removes the temporary one.  Problems found in the temporary file are told
of the file it would replace.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import BriefbookError, Problem
from ..files import real_file


class EditError(BriefbookError):
    """The file cannot be edited this way (its layout, or an entry that changed meanwhile)."""


# what the build would find wrong with the file's text, read from the path given
Check = Callable[[Path], list[Problem]]


@dataclass
class CheckedFile:
    """A new text for an editor's file, checked, in a temporary file beside it, not yet in place."""

    target: Path
    text: str
    temp: Path | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class FileEdit:
    """What an edit of an editor's file did: written, or refused with the problems that stopped it."""

    path: Path
    written: bool
    problems: tuple[Problem, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict)  # the entry as written (or as it would have been)
    said: str = ""  # what was done, in a few words for the terminal: "entry 'eucom' added"


def fingerprint(fields: Mapping[str, Any]) -> str:
    """A short digest of an entry's fields: an edit can insist the entry is still what its caller saw."""
    canonical = json.dumps({k: fields[k] for k in sorted(fields)}, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def relocated(problems: Iterable[Problem], path: Path, old: str, new: str) -> list[Problem]:
    """Problems found in a new text of ``path``, told by the lines of the file as it is: a line the
    edit kept keeps its place in the file (it may have moved), and a line the edit wrote (a new
    entry, the changed one) is not cited at all: the file does not have it."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    where: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            where[block.b + offset + 1] = block.a + offset + 1
    return [
        replace(p, line=where.get(p.line), column=p.column if p.line in where else None)
        if p.path == str(path) and p.line
        else p
        for p in problems
    ]


def retarget(problem: Problem, temp: Path, shown: Path) -> Problem:
    """A problem found in the temporary file, told of the file it will replace."""
    path = str(shown) if problem.path == str(temp) else problem.path
    message = problem.message.replace(str(temp), str(shown)).replace(temp.name, shown.name)
    return replace(problem, path=path, message=message)


def write_temporary(target: Path, text: str) -> Path:
    """``text`` in a new temporary file beside ``target`` (beside the file a link points to: the
    rename puts the words there), flushed to disk."""
    real = real_file(target)
    fd, name = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def prepare_file(target: Path, text: str, check: Check) -> CheckedFile:
    """Write ``text`` beside ``target`` and check it; the checked file, ready to put in place (or
    with its problems, and nothing left behind)."""
    temp = write_temporary(target, text)
    try:
        problems = [retarget(p, temp, target) for p in check(temp)]
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if problems:
        temp.unlink(missing_ok=True)
        return CheckedFile(target, text, None, problems)
    return CheckedFile(target, text, temp, [])


def publish_file(checked: CheckedFile) -> None:
    """Put a checked text in place: rename over the file (keeping its mode), then sync the folder.
    A file that is a symbolic link is written through: the file it points to gets the new text and
    the link stays (see :mod:`briefbook.files`)."""
    if checked.temp is None:
        raise EditError(f"{checked.target}: not written: it has problems")
    target = real_file(checked.target)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    os.chmod(checked.temp, mode)
    os.replace(checked.temp, target)
    checked.temp = None
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def discard_file(checked: CheckedFile) -> None:
    if checked.temp is not None:
        checked.temp.unlink(missing_ok=True)
        checked.temp = None

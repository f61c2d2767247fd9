"""Running Sphinx for ``briefbook build``: in its own process, with a fixed date, its progress told
in tens of per cent, and an operating-system error it died of read back from its output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..pages.record import GENERATED_ENV

if TYPE_CHECKING:
    from .steps import Folders

SPHINX_OPTIONS = ("-W", "--keep-going", "-n")

_PROGRESS = re.compile(r"^(reading sources|writing output|copying images|copying assets)\.\.\. \[\s*(\d+)%\]")
_LATEX_RUN = re.compile(r"Run number (\d+) of rule '(\w+)")


def sphinx_env(epoch: str, generated: Path | None = None) -> dict[str, str]:
    """Sphinx's environment: a fixed build date; the record of the pages this run generated, if any."""
    return {
        **os.environ,
        **({GENERATED_ENV: str(generated)} if generated else {}),
        "PYTHONUNBUFFERED": "1",
        "NO_COLOR": "1",
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", epoch),
        "FORCE_SOURCE_DATE": "1",
        "LATEXMKOPTS": os.environ.get("LATEXMKOPTS", "") + " -silent",
    }


def run_sphinx(
    folders: Folders,
    builder: str,
    jobs: str,
    env: dict[str, str],
    say: Callable[[str], None],
    options: Sequence[str] = (),
) -> tuple[int, list[str]]:
    """Run one Sphinx builder in the work folder, telling its progress in tens of per cent.

    ``options``: more of Sphinx's options, after the book's own (e.g. ``-D name=value``).
    """
    warnings = folders.work / f"warnings-{builder}.txt"
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-M",
        builder,
        str(folders.src),
        str(folders.work),
        "-c",
        str(folders.docs),
        *SPHINX_OPTIONS,
        *options,
        "-w",
        str(warnings),
        "-j",
        jobs,
    ]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    log: list[str] = []
    shown_at: dict[str, int] = {}
    assert process.stdout is not None
    for raw in process.stdout:
        for line in raw.replace("\r", "\n").splitlines():
            log.append(line)
            progress = _PROGRESS.match(line)
            if progress:
                phase, percent = progress.group(1), int(progress.group(2))
                if percent // 10 > shown_at.get(phase, -1) // 10 or (
                    percent == 100 and shown_at.get(phase) != 100
                ):
                    shown_at[phase] = percent
                    say(f"  {builder}: {phase} {percent:3d}%")
            elif run := _LATEX_RUN.search(line):
                say(f"  {builder}: {run.group(2)} run {run.group(1)}")
    status = process.wait()
    if status and (failure := os_error(log)):
        raise OSError(failure[0], failure[1], failure[2] or str(folders.work))
    found = warnings.read_text("utf-8", errors="replace").splitlines() if warnings.exists() else []
    return status, [w for w in found if w.strip()] or (log[-40:] if status else [])


_OS_ERROR = re.compile(r"(?:OSError|PermissionError|[A-Za-z]+Error): \[Errno (\d+)\] ([^:']+)(?:: '(.+)')?$")


def os_error(log: list[str]) -> tuple[int, str, str | None] | None:
    """The system error that stopped Sphinx (a full disk, a folder it may not write), if one did."""
    for line in reversed(log):
        if found := _OS_ERROR.search(line.strip()):
            return int(found[1]), found[2].strip(), found[3]
    return None

"""Running Sphinx for ``briefbook build``: in its own process, with a fixed date, its progress told
in tens of per cent (and each run of the LaTeX tools, by their real names), and an operating-system
error it died of read back from its output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..pages.record import GENERATED_ENV
from .folders import Folders

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


@dataclass(frozen=True)
class SphinxRuns:
    """What the builders did: all succeeded, or the run stopped at the one that failed."""

    warnings: tuple[str, ...]  # Sphinx's warnings; when a builder failed, its messages
    failed: str | None = None  # the builder that failed
    status: int = 0  # its exit status


def run_builders(
    folders: Folders,
    builders: Sequence[str],
    jobs: str,
    epoch: str,
    say: Callable[[str], None],
    options: Sequence[str] = (),
) -> SphinxRuns:
    """Run each builder ("html", "latexpdf") in turn, with the build's date; stop at one that fails."""
    env = sphinx_env(epoch, folders.generated)
    warnings: list[str] = []
    for builder in builders:
        say(f"sphinx {builder} ...")
        status, messages = run_sphinx(folders, builder, jobs, env, say, options)
        warnings += messages
        if status:
            return SphinxRuns(tuple(messages), builder, status)
    return SphinxRuns(tuple(warnings))


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
    tools: dict[str, str] | None = None  # read when LaTeX first runs: Sphinx writes the file just before
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
                if tools is None:
                    tools = latex_tools(folders.work / "latex")
                say(f"  {builder}: {tools.get(run.group(2), run.group(2))} run {run.group(1)}")
    status = process.wait()
    if status and (failure := os_error(log)):
        raise OSError(failure[0], failure[1], failure[2] or str(folders.work))
    found = warnings.read_text("utf-8", errors="replace").splitlines() if warnings.exists() else []
    return status, [w for w in found if w.strip()] or (log[-40:] if status else [])


# a command of Sphinx's latexmkrc: $pdflatex = 'xelatex ...', $makeindex = 'internal xindy ...'
_LATEXMK_COMMAND = re.compile(r"^\$(\w+)\s*=\s*'(?:internal\s+)?([\w.-]+)", re.MULTILINE)


def latex_tools(latex: Path) -> dict[str, str]:
    """The program each of latexmk's rules runs, from the latexmkrc Sphinx wrote into ``latex``.

    latexmk names its rules after the tools they stood for once: its rule "pdflatex" runs the
    book's engine (xelatex), and "makeindex" runs xindy.  The user is told the program that runs.
    """
    try:
        text = (latex / "latexmkrc").read_text("utf-8", errors="replace")
    except OSError:
        return {}
    return dict(_LATEXMK_COMMAND.findall(text))


_OS_ERROR = re.compile(r"(?:OSError|PermissionError|[A-Za-z]+Error): \[Errno (\d+)\] ([^:']+)(?:: '(.+)')?$")


def os_error(log: list[str]) -> tuple[int, str, str | None] | None:
    """The system error that stopped Sphinx (a full disk, a folder it may not write), if one did."""
    for line in reversed(log):
        if found := _OS_ERROR.search(line.strip()):
            return int(found[1]), found[2].strip(), found[3]
    return None

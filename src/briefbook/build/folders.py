"""The work folder: where a build reads, works and publishes, and what marks a run under way.

Sphinx works in ``docs/_build/.work/``: a copy of the hand-written pages and the generated ones
(``src/``), its doctrees, the HTML and the LaTeX it writes; ``conf.py`` is read from ``docs/``
itself.  A marker file says a run is under way.  A run that finds it (the previous one was
killed, or failed) starts its work folder afresh, so no half-written page, stale LaTeX state or
unrepeated warning survives into the next build.
"""

from __future__ import annotations

import os
import runpy
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..names import GENERATED_FOLDERS
from ..pages.myst import GENERATED_MARK

# Never copied into the work folder: build output, and folders no page lives in.
SKIPPED = {"_build", ".venv", "__pycache__", ".git"}


@dataclass(frozen=True)
class Folders:
    """Where a book's build reads, works and publishes."""

    docs: Path  # conf.py and the hand-written pages
    # where it works and publishes (default docs/_build); the live preview builds apart, in its own
    output: Path | None = None

    @property
    def out(self) -> Path:  # what readers use: html/ and latex/*.pdf
        return self.output if self.output is not None else self.docs / "_build"

    @property
    def work(self) -> Path:
        return self.out / ".work"

    @property
    def src(self) -> Path:  # the pages Sphinx reads: hand-written ones copied, generated ones written
        return self.work / "src"

    @property
    def marker(self) -> Path:
        return self.work / "unfinished"

    @property
    def generated(self) -> Path:  # what this run generated, for the Sphinx processes it starts
        return self.work / "generated.json"

    @property
    def article_cache(self) -> Path:  # articles as the last run read them (see readcache)
        return self.work / "articles.cache"

    @property
    def site(self) -> Path:
        return self.out / "html"

    @property
    def pdfs(self) -> Path:
        return self.out / "latex"


def conf_namespace(docs: Path) -> dict:
    """Everything ``conf.py`` defines (executed as Sphinx would, in its own folder)."""
    here, docs = Path.cwd(), Path(docs).resolve()
    try:
        os.chdir(docs)
        return runpy.run_path(str(docs / "conf.py"))
    finally:
        os.chdir(here)


def read_conf(docs: Path) -> dict:
    """The book's settings from ``conf.py``."""
    return {key: value for key, value in conf_namespace(docs).items() if key.startswith("briefbook_")}


def begin(folders: Folders) -> bool:
    """Mark a run as under way; return True when the work folder was started afresh.

    Also puts back what a run killed while publishing may have left aside.
    """
    out = folders.out
    old_site = out / ".html-old"
    if old_site.exists() and not folders.site.exists():
        os.rename(old_site, folders.site)  # killed between the two renames of a publish
    discarded = out / ".work-discarded"
    for leftover in (out / ".html-new", old_site, discarded):
        if leftover.exists():
            shutil.rmtree(leftover)
    if folders.pdfs.is_dir():
        for leftover in folders.pdfs.glob(".*.tmp"):
            leftover.unlink()
    fresh = folders.marker.exists() or not folders.work.exists()
    if folders.marker.exists():
        # moved aside in one step, then deleted: a run killed while deleting must not leave a
        # half-deleted work folder whose marker is gone, which the next run would take as finished
        os.rename(folders.work, discarded)
        shutil.rmtree(discarded)
    folders.work.mkdir(parents=True, exist_ok=True)
    folders.marker.write_text(f"{os.getpid()}\n", "utf-8")
    return fresh


def finish(folders: Folders) -> None:
    folders.marker.unlink()


def is_generated(relative: str, path: Path) -> bool:
    """Whether a page in the docs folder is one the generator writes (not the editor's)."""
    if relative.startswith((*(f"{folder}/" for folder in GENERATED_FOLDERS), "_generated/")):
        return True
    if not relative.endswith(".md"):
        return False
    with path.open("rb") as handle:
        return handle.read(len(GENERATED_MARK.encode())) == GENERATED_MARK.encode()


def files_below(folder: Path) -> dict[str, Path]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED)
        for name in filenames:
            path = Path(dirpath, name)
            found[path.relative_to(folder).as_posix()] = path
    return found


def sync_sources(folders: Folders) -> None:
    """Copy the hand-written pages (and their images, includes, ...) into the work folder.

    Only changed files are copied, so Sphinx re-reads only what changed; files gone from
    ``docs/`` go from the copy too.  Generated pages are left to the generator.  A copy is dated
    when it is made, not when its page was edited: a page edited while a build ran may be older
    than that build's reading of it, and Sphinx, which goes by times, would never read it again.
    """
    mine = {rel: p for rel, p in files_below(folders.docs).items() if not is_generated(rel, p)}
    mine.pop("conf.py", None)  # read from docs/ itself
    theirs = files_below(folders.src) if folders.src.exists() else {}
    for rel, path in mine.items():
        target = folders.src / rel
        if rel in theirs and target.read_bytes() == path.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for rel, path in theirs.items():
        if rel not in mine and not is_generated(rel, path):
            path.unlink()

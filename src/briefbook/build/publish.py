"""Publishing what a build made, only once every builder has succeeded.

The site is copied next to ``docs/_build/html`` and swapped with it in one atomic rename, each
PDF replaces ``docs/_build/latex/<name>.pdf`` by rename, and the generated pages are copied into
``docs/``.  A failed or killed run leaves the previous site, PDF and generated pages exactly as
they were (:func:`~.folders.begin` puts back what a kill between two renames left aside).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
from collections.abc import Sequence
from pathlib import Path

from ..files import write_if_changed
from ..names import GENERATED_FOLDERS, UPDATE_PAGE, UPDATE_TEX
from .folders import Folders, files_below, is_generated

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def publish(
    folders: Folders, builders: Sequence[str], pages: bool, since: str = ""
) -> tuple[tuple[str, Path], ...]:
    """Publish what each builder made (and, with ``pages``, the generated pages); say what and where.

    The site offers the PDFs for download under names that stay the same from edition to edition
    (:func:`site_pdfs`): those just built, or, when only the site was built, those published
    before (the update brief only if it is since the same edition, ``since``).
    """
    outputs: list[tuple[str, Path]] = []
    built_pdfs = sorted((folders.work / "latex").glob("*.pdf")) if "latexpdf" in builders else []
    if "html" in builders:
        offered = built_pdfs or published_pdfs(folders, since)
        names = site_pdfs(offered)
        for stale in (folders.work / "html").glob("*-update.pdf"):  # an update brief no longer printed
            if stale.name not in names.values():
                stale.unlink()
        for pdf, name in names.items():
            shutil.copy2(pdf, folders.work / "html" / name)
        outputs.append(("HTML", publish_site(folders)))
    elif built_pdfs and folders.site.is_dir():  # the published site offers the PDFs just built
        for pdf, name in site_pdfs(built_pdfs).items():
            temporary = folders.site / f".{name}.tmp"
            shutil.copyfile(pdf, temporary)
            os.replace(temporary, folders.site / name)
    if "latexpdf" in builders:
        outputs += [("PDF", pdf) for pdf in publish_pdfs(folders)]
    if pages:
        publish_pages(folders)
    return tuple(outputs)


def outputs_of(folders: Folders, builders: Sequence[str]) -> list[tuple[str, Path]]:
    """What is published for each builder, as :func:`publish` names it."""
    outputs: list[tuple[str, Path]] = []
    if "html" in builders:
        outputs.append(("HTML", folders.site / "index.html"))
    if "latexpdf" in builders:
        outputs += [("PDF", pdf) for pdf in sorted(folders.pdfs.glob("*.pdf"))]
    return outputs


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where that is not possible."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def copy_or_link(published: Path, source: str, target: str) -> None:
    """Copy a built file into the new site, or link the published one where it is the same file.

    The same size and modification time (a copy keeps the time) tell an unchanged file, as for
    rsync; a published file is never written again, only replaced with its whole site, so the
    two sites can share it.  Most of a site is unchanged after a small edit.
    """
    built = os.stat(source)
    try:
        was = published.lstat()
        if stat.S_ISREG(was.st_mode) and (was.st_size, was.st_mtime_ns) == (built.st_size, built.st_mtime_ns):
            os.link(published, target)
            return
    except OSError:
        pass
    shutil.copy2(source, target)


def publish_site(folders: Folders) -> Path:
    """Replace the published site with the one just built, in one step."""
    new = folders.out / ".html-new"
    if new.exists():
        shutil.rmtree(new)
    site = folders.site
    shutil.copytree(
        folders.work / "html",
        new,
        symlinks=True,
        copy_function=lambda source, target: copy_or_link(
            site / Path(target).relative_to(new), source, target
        ),
    )
    if site.is_symlink() or site.is_file():
        site.unlink()
    if not site.exists():
        os.rename(new, site)
    elif exchange(new, site):
        shutil.rmtree(new)  # it holds the previous site now
    else:  # two renames; begin() puts the old site back if a kill falls between them
        old = folders.out / ".html-old"
        os.rename(site, old)
        os.rename(new, site)
        shutil.rmtree(old)
    return site / "index.html"


def publish_pdfs(folders: Folders) -> list[Path]:
    """Replace each published PDF with the one just built, by rename; an update brief this build
    did not print (since another edition, or none) goes."""
    published = []
    folders.pdfs.mkdir(parents=True, exist_ok=True)
    for pdf in sorted((folders.work / "latex").glob("*.pdf")):
        target = folders.pdfs / pdf.name
        temporary = folders.pdfs / f".{pdf.name}.tmp"
        shutil.copyfile(pdf, temporary)
        os.replace(temporary, target)
        published.append(target)
    for stale in folders.pdfs.glob(f"*{UPDATE_TEX}*.pdf"):
        if stale not in published:
            stale.unlink()
    return published


def published_pdfs(folders: Folders, since: str) -> list[Path]:
    """The PDFs published before: the book's, and its update brief if it is since ``since``."""
    if not folders.pdfs.is_dir():
        return []
    return [
        pdf
        for pdf in sorted(folders.pdfs.glob("*.pdf"))
        if UPDATE_TEX not in pdf.stem or (since and pdf.stem.endswith(f"{UPDATE_TEX}{since}"))
    ]


def site_pdfs(pdfs: Sequence[Path]) -> dict[Path, str]:
    """The name the site offers each PDF under: the book's as built (``briefing.pdf``), an update
    brief as ``<book>-update.pdf`` whatever edition it is since, so links to them keep working."""
    return {
        pdf: pdf.name if UPDATE_TEX not in pdf.stem else pdf.stem.split(UPDATE_TEX)[0] + "-update.pdf"
        for pdf in pdfs
    }


def publish_pages(folders: Folders) -> None:
    """Copy the generated pages into ``docs/``, where editors read them; drop ones no longer made."""
    built = {rel: p for rel, p in files_below(folders.src).items() if is_generated(rel, p)}
    for rel, path in built.items():
        write_if_changed(folders.docs / rel, path.read_text("utf-8"))
    for rel, path in files_below(folders.docs).items():
        made_for_a_while = rel.split("/")[0] in GENERATED_FOLDERS or rel == UPDATE_PAGE
        if rel not in built and is_generated(rel, path) and made_for_a_while:
            path.unlink()

"""The served site of the preview, kept up to date file by file: each file replaced by rename, so a
reader never meets half a page, and the pages a build made first published before the rest."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .. import build
from ..build.folders import files_below


def publish_new(folders: build.Folders, since: float) -> list[str]:
    """Copy every file the builder wrote since ``since`` into the served site, each by rename."""
    html = folders.work / "html"
    published = []
    for dirpath, _, filenames in os.walk(html):
        for name in filenames:
            source = Path(dirpath, name)
            if source.stat().st_mtime < since:
                continue
            relative = source.relative_to(html)
            target = folders.site / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.new")
            shutil.copy2(source, temporary)
            os.replace(temporary, target)
            published.append(relative.as_posix())
    return sorted(published)


def sync_site(built: Path, site: Path) -> list[str]:
    """Bring the served site up to what Sphinx built, file by file, each replaced by rename (the
    styles and images before the pages that use them); the files whose bytes changed, or that
    came or went (site-relative paths)."""
    have = files_below(built)
    served = files_below(site)
    changed = []
    for relative, source in sorted(have.items(), key=lambda item: (item[0].endswith(".html"), item[0])):
        target = site / relative
        made = source.stat()
        if relative in served:
            was = target.stat()
            if (was.st_size, was.st_mtime_ns) == (made.st_size, made.st_mtime_ns):
                continue
            if was.st_size == made.st_size and target.read_bytes() == source.read_bytes():
                os.utime(target, ns=(made.st_atime_ns, made.st_mtime_ns))  # the same: known so next time
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.new")
        shutil.copy2(source, temporary)
        os.replace(temporary, target)
        changed.append(relative)
    for relative in sorted(served.keys() - have.keys()):
        (site / relative).unlink(missing_ok=True)
        changed.append(relative)
    return changed


def backdate(path: Path) -> None:
    """Make a written page older than its source, so the next build writes it again."""
    try:
        os.utime(path, (0, 0))
    except FileNotFoundError:
        pass

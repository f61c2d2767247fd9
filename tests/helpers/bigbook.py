"""A book of hundreds of articles, as a reader of a large book meets it.

Written by the benchmark's writer (``scripts/bench.py``: varied dates over five months, ten
publishers and some unstated, four kinds, bylines, dated claims, a 200-term glossary) and built
with ``briefbook build``, once per test session (``big_book`` for the site, ``big_book_pdf`` for
the PDF too), in a temporary folder.  Nothing of it is committed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import REPO

ARTICLES = 300


def bench():
    """scripts/bench.py as a module (the scripts folder is no package)."""
    scripts = str(REPO / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    import bench as module

    return module


@dataclass(frozen=True)
class BigBook:
    root: Path
    html: Path
    pdf: Path
    sidecars: dict[str, dict]  # by stem: what each article's sidecar says

    def number(self, stem: str) -> str:
        return re.match(r"\d+", stem).group()


def write_big_book(root: Path, articles: int = ARTICLES) -> BigBook:
    bench().write_book(root, articles, terms=200, notes=4)
    sidecars = {
        path.stem: yaml.safe_load(path.read_text("utf-8"))
        for path in sorted((root / "seeds").glob("[0-9]*.yaml"))
    }
    return BigBook(root, root / "docs/_build/html", root / "docs/_build/latex/briefing.pdf", sidecars)


def build(book: BigBook, *flags: str) -> None:
    cmd = [sys.executable, "-m", "briefbook", "build", *flags]
    result = subprocess.run(cmd, cwd=book.root, capture_output=True, text=True)
    if result.returncode:
        raise AssertionError(
            f"briefbook build {' '.join(flags)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


def sidebar(html: str) -> str:
    """A page's sidebar navigation (the theme's <nav class="bd-links">)."""
    match = re.search(r'<nav class="bd-links bd-docs-nav".*?</nav>', html, re.DOTALL)
    return match.group() if match else ""

"""Build the whole book once per test session, in a copy outside the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import REPO, ROOTS

SPHINX_OPTS = ["-W", "--keep-going", "-n"]


@dataclass(frozen=True)
class BuiltBook:
    root: Path
    html: Path
    pdf: Path
    warnings: str


def copy_project(target: Path) -> Path:
    """Copy docs/ and seeds/ (not build output or generated pages) to ``target``."""
    ignore = shutil.ignore_patterns("_build", "articles", "_generated", "__pycache__")
    shutil.copytree(REPO / "docs", target / "docs", ignore=ignore)
    shutil.copytree(REPO / "seeds", target / "seeds")
    return target


PLAIN = {**os.environ, "NO_COLOR": "1"}  # with CI set, Sphinx would colour its output


def sphinx(root: Path, builder: str, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sphinx", "-M", builder, "docs", "docs/_build", *SPHINX_OPTS, *extra]
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=PLAIN)


def build_book(target: Path, pdf: bool = True) -> BuiltBook:
    root = copy_project(target)
    warnings = []
    for builder in ["html", "latexpdf"] if pdf else ["html"]:
        result = sphinx(root, builder)
        warnings.append(result.stderr)
        if result.returncode:
            raise AssertionError(
                f"sphinx {builder} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
    return BuiltBook(
        root, root / "docs/_build/html", root / "docs/_build/latex/briefing.pdf", "".join(warnings)
    )


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def build_root(name: str, builder: str, target: Path) -> Path:
    """Build test root ``tests/roots/test-<name>`` with ``sphinx-build -M builder``; return the build dir."""
    src = target / name
    if not src.exists():
        shutil.copytree(ROOTS / f"test-{name}", src)
    cmd = [sys.executable, "-m", "sphinx", "-M", builder, str(src), str(src / "_build"), *SPHINX_OPTS]
    result = subprocess.run(cmd, capture_output=True, text=True, env=PLAIN)
    if result.returncode:
        raise AssertionError(
            f"sphinx {builder} of {name} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return src / "_build"


def dense_note_count() -> int:
    """How many notes the dense test root's sidecar holds (each is one numbered note on the page)."""
    import yaml

    sidecar = ROOTS / "test-dense" / "seeds" / "dense.yaml"
    return len(yaml.safe_load(sidecar.read_text("utf-8"))["notes"])


def passage_anchor(seeds: Path, stem: str, words: str) -> str:
    """The id of the passage in article ``stem`` whose words are ``words`` (named by its mark's key)."""
    from briefbook.book import load_book, passage_words
    from briefbook.names import passage_id

    entry = load_book(seeds).article(stem)
    (mark,) = [mark for mark in entry.marks if passage_words(entry, mark) == words]
    return passage_id(stem, mark.key)

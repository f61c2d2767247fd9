from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytest_plugins = "sphinx.testing.fixtures"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def require_tool(*names: str) -> None:
    """Skip when a system tool is missing, except in CI, where that is a failure."""
    missing = [n for n in names if shutil.which(n) is None and not Path(n).exists()]
    if missing:
        message = f"needs {', '.join(missing)} (run `make test`, which installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The whole book, HTML and PDF, built once from a copy of docs/ and seeds/."""
    require_tool("xelatex", "latexmk", "pdftotext")
    from book import build_book

    return build_book(tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="session")
def book_html(tmp_path_factory) -> Path:
    """The book's HTML site alone (no PDF), built once from a copy of docs/ and seeds/."""
    require_tool("/usr/bin/chromium")
    from book import build_book

    return build_book(tmp_path_factory.mktemp("book-html"), pdf=False).html

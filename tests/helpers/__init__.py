"""What the tests share: where things are, and the system tools a test needs.

- ``book``: the seeds book (or a test root) built with Sphinx in a copy outside the source tree,
  and the PDF's text;
- ``tinybook``: a four-article book written into a temporary folder, for the command line;
- ``served``, ``webserver``: the live preview and a local web server, started for a test;
- ``browser``: headless Chromium driven by Playwright, to measure where notes land;
- ``pdflayout``, ``fidelity``, ``htmltext``: what a reader sees, read back from the PDF and the HTML.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
ROOTS = TESTS / "roots"  # Sphinx test roots (sphinx.testing's ``testroot``)
CORPUS = TESTS / "corpus"
SEEDS = REPO / "seeds"


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

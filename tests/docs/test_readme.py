"""The README's map of the package says what the package's docstrings say."""

from __future__ import annotations

import sys

from helpers import REPO

sys.path.insert(0, str(REPO / "scripts"))

import folder_map


def test_the_readme_map_is_made_from_the_docstrings():
    held = folder_map.readme_block(folder_map.README.read_text("utf-8"))
    assert held is not None, "README.md lost the folder map's markers"
    assert held == folder_map.folder_map(), "run scripts/folder_map.py --write after changing a docstring"

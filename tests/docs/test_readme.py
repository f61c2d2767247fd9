"""The README's map of the package says what the package's docstrings say."""

from __future__ import annotations

import ast
import sys

from helpers import REPO

sys.path.insert(0, str(REPO / "scripts"))

import folder_map


def test_the_readme_map_is_made_from_the_docstrings():
    held = folder_map.readme_block(folder_map.README.read_text("utf-8"))
    assert held is not None, "README.md lost the folder map's markers"
    assert held == folder_map.folder_map(), "run scripts/folder_map.py --write after changing a docstring"


def test_each_package_docstring_names_its_parts():
    # a package's docstring is where a reader learns what it holds, so every module is named there
    for init in sorted(p for p in folder_map.PACKAGE.rglob("__init__.py") if p.parent != folder_map.PACKAGE):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
        for module in folder_map.modules_of(init.parent):
            assert module.stem in doc, f"{init.parent.name}/__init__.py does not name {module.stem}"

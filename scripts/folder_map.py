"""The README's map of the package, made from the package's own docstrings.

    .venv/bin/python scripts/folder_map.py           print the map
    .venv/bin/python scripts/folder_map.py --write   put it into README.md, between its markers

Each package and module is listed with the first paragraph of its docstring, in the order data
flows through the phases, so the map says what the code says. ``tests/docs/test_readme.py``
fails when the README's map and the docstrings disagree.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "briefbook"
README = REPO / "README.md"
BEGIN = "<!-- folder map: made by scripts/folder_map.py from the docstrings; do not edit by hand -->"
END = "<!-- end of folder map -->"
# The phases in the order data flows through them; then the parts that work on the whole book.
ORDER = (
    "text", "editorial", "analysis", "book", "figures", "pages", "build", "intake",
    "sidecar_edit", "interchange", "serve", "sphinxext", "cli",
)  # fmt: skip
WIDTH = 104
NAME_WIDTH = 22


_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]”])\.(?:\s|$)")


def summary(path: Path) -> str:
    """The first sentence of a module's docstring, on one line, as plain text."""
    doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    text = _ROLE.sub(r"\1", text).replace("``", "")
    end = _SENTENCE_END.search(text)
    return text[: end.start()] if end else text.rstrip(".")


def entry(name: str, text: str, indent: int) -> list[str]:
    head = " " * indent + name
    pad = max(NAME_WIDTH, len(head) + 2)
    lines = textwrap.wrap(text, WIDTH - pad) or [""]
    return [f"{head:<{pad}}{lines[0]}".rstrip(), *(" " * pad + line for line in lines[1:])]


def modules_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))


def folder_map() -> str:
    lines = ["src/briefbook/"]
    for module in modules_of(PACKAGE):
        lines += entry(module.name, summary(module), 2)
    packages = sorted(p.parent for p in PACKAGE.glob("*/__init__.py"))
    known = [PACKAGE / name for name in ORDER if (PACKAGE / name).is_dir()]
    for package in known + [p for p in packages if p not in known]:
        if not (package / "__init__.py").exists() or not any(package.glob("*.py")):
            continue
        lines += package_lines(package, 2)
    return "\n".join(lines)


def package_lines(package: Path, indent: int) -> list[str]:
    """A package, its modules, then its own packages, each a level further in."""
    lines = entry(package.name + "/", summary(package / "__init__.py"), indent)
    for module in modules_of(package):
        lines += entry(module.name, summary(module), indent + 2)
    for inner in sorted(p.parent for p in package.glob("*/__init__.py")):
        if any(inner.glob("*.py")) and inner.name != "skeleton":
            lines += package_lines(inner, indent + 2)
    return lines


def readme_block(text: str) -> str | None:
    """The map as the README holds it, or None when its markers are missing."""
    if BEGIN not in text or END not in text:
        return None
    inside = text.split(BEGIN, 1)[1].split(END, 1)[0]
    return inside.strip().removeprefix("```").removesuffix("```").strip("\n")


def with_map(text: str, made: str) -> str:
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    return f"{before}{BEGIN}\n```\n{made}\n```\n{END}{after}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the map into README.md")
    args = parser.parse_args()
    made = folder_map()
    if not args.write:
        print(made)
        return 0
    text = README.read_text("utf-8")
    if readme_block(text) is None:
        print(f"README.md has no markers: put {BEGIN!r} and {END!r} where the map goes", file=sys.stderr)
        return 1
    README.write_text(with_map(text, made), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

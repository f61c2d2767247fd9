"""``briefbook init DIR``: a new, empty book that builds at once and takes ``briefbook add``.

The new book has the layout of briefbook's own example, on a subject of its own, and holds all its
editor needs to know (its user may have briefbook as an installed package, without its sources):

    seeds/glossary.yaml, seeds/claims.yaml,  empty, with the format in comments
    seeds/origins.yaml, seeds/judgments.yaml
    docs/conf.py                             the book's title and editor; briefbook's extension
    docs/index.md                            the front page: the sections an analyst fills in, and
                                             the key judgments of judgments.yaml
    docs/how-to-read.md, docs/how-to-add.md  the reading guide and the workflow
    docs/reference.md                        schemas, markup, problem codes and settings
    schemas/*.schema.json                    the schemas of the YAML files, for the editor's tools
    Makefile                                 make html, make pdf (and make book, make check)
    .gitignore                               generated pages and build output

Nothing is overwritten: the folder must be new or empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..editorial.validation import SCHEMAS, schema_file
from ..errors import BriefbookError, Code, Problem
from ..printable import printable

# skeleton file -> where it goes in the new book (".in" files are templates)
SKELETON = {
    "glossary.yaml": "seeds/glossary.yaml",
    "claims.yaml": "seeds/claims.yaml",
    "origins.yaml": "seeds/origins.yaml",
    "judgments.yaml": "seeds/judgments.yaml",
    "conf.py.in": "docs/conf.py",
    "index.md.in": "docs/index.md",
    "how-to-read.md": "docs/how-to-read.md",
    "how-to-add.md": "docs/how-to-add.md",
    "reference.md": "docs/reference.md",
    "Makefile.in": "Makefile",
    "gitignore.in": ".gitignore",
}


@dataclass(frozen=True)
class NewBook:
    root: Path
    files: tuple[Path, ...]


def _markdown_heading(title: str) -> str:
    """The title as plain text in a Markdown heading: characters MyST would read as markup escaped."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>()#+-.!|$%&~:" else c for c in " ".join(title.split()))


_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_text(text: str) -> str:
    """Text for the PDF's title page, which Sphinx passes to LaTeX as markup: every special escaped."""
    return "".join(_LATEX_SPECIALS.get(c, c) for c in text)


def skeleton_file(name: str) -> str:
    return resources.files("briefbook.intake.skeleton").joinpath(name).read_text("utf-8")


def schema_text(name: str) -> str:
    """One of the schemas briefbook validates against, as the package holds it."""
    return resources.files("briefbook.editorial").joinpath("schema", schema_file(name)).read_text("utf-8")


def book_files(title: str, editor: str) -> dict[str, str]:
    """Each file of the new book (its path in the book) and its text."""
    files = {target: render(name, title, editor) for name, target in SKELETON.items()}
    return files | {f"schemas/{schema_file(name)}": schema_text(name) for name in SCHEMAS}


def render(name: str, title: str, editor: str = "") -> str:
    text = skeleton_file(name)
    if not name.endswith(".in") or name == "Makefile.in" or name == "gitignore.in":
        return text
    # json.dumps gives a Python string literal that holds any title as it is
    return text.format(
        title_py=json.dumps(title, ensure_ascii=False),
        editor_py=json.dumps(editor, ensure_ascii=False),
        editor_tex_py=json.dumps(latex_text(editor), ensure_ascii=False),
        html_title_py=json.dumps(f"Briefing book: {title}", ensure_ascii=False),
        title_tex_py=json.dumps(latex_text(title), ensure_ascii=False),
        title_md=_markdown_heading(title),
    )


def _text_problem(option: str, value: str) -> str | None:
    """Why a title or an editor's name cannot stand in the book's files, or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # a name from the command line or a folder's name that is not UTF-8 (its bytes kept as
        # surrogates): the book's files are UTF-8 and could not hold it
        return f"{option} {printable(value)!r}: not valid UTF-8 text"
    if "<" in value or ">" in value:
        # the HTML theme writes the book's title and its editor's name into every page as they are
        return f"{option} {printable(value)!r}: '<' and '>' cannot stand in a book's {option[2:]}"
    if printable(value) != value:
        # control characters stop the PDF (xelatex refuses them) and mean nothing in a name
        return f"{option} {printable(value)!r}: control characters cannot stand in a book's {option[2:]}"
    return None


def _undo(created: list[Path]) -> None:
    """Take back what an init that failed had made, newest first, so a second init can start afresh."""
    for path in reversed(created):
        try:
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
        except OSError:
            pass  # not ours to force: a folder someone filled meanwhile stays


def init_book(folder: Path, title: str | None = None, editor: str | None = None) -> NewBook:
    """Write a new book into ``folder`` (new or empty; a link to a folder is followed).

    Every value is checked before anything is created; if writing fails half way, what was made
    is removed again, so nothing half-made is left and the same ``init`` can be run again.
    """
    folder = Path(folder)
    label = printable(folder)
    if folder.exists() and not folder.is_dir():
        what = "a link to something that is not a folder" if folder.is_symlink() else "not a folder"
        raise BriefbookError(Problem(Code.FILE_EXISTS, f"exists and is {what}; nothing was created", label))
    if folder.is_symlink() and not folder.exists():
        message = "a link to nothing (its target is missing); nothing was created"
        raise BriefbookError(Problem(Code.FILE_EXISTS, message, label))
    if folder.exists() and any(folder.iterdir()):
        message = (
            "not empty; briefbook init starts a book in a new or empty folder and never overwrites a file"
        )
        raise BriefbookError(Problem(Code.BOOK_NOT_EMPTY, message, label))
    named = title is not None
    title = " ".join((title or folder.resolve().name.replace("-", " ").replace("_", " ")).split())
    if not title:
        raise BriefbookError(Problem(Code.OPTION_VALUE, "--title: the book needs a title (its subject)"))
    editor = " ".join((editor or "").split())
    for option, value in (("--title", title), ("--editor", editor)):
        if problem := _text_problem(option, value):
            hint = (
                None
                if named or option != "--title"
                else "the title is the folder's name: give one with --title"
            )
            raise BriefbookError(Problem(Code.OPTION_VALUE, problem, hint=hint))
    files = book_files(title, editor)
    created: list[Path] = []
    written: list[Path] = []
    try:
        for target, text in files.items():
            path = folder / target
            for parent in reversed([path.parent, *path.parent.parents]):
                if not parent.exists():
                    parent.mkdir()
                    created.append(parent)
            with open(path, "x", encoding="utf-8") as handle:
                created.append(path)
                handle.write(text)
            written.append(path)
    except OSError as exc:
        _undo(created)
        where = printable(exc.filename or folder)
        message = f"cannot create the book: {exc.strerror or exc}; nothing was left behind"
        raise BriefbookError(Problem(Code.FILE_UNWRITABLE, message, where)) from exc
    except BaseException:
        _undo(created)
        raise
    return NewBook(folder, tuple(written))

"""The article's files, and a new sidecar text checked as the build checks it before it is put in
place: written to a temporary file beside the sidecar, loaded, anchored against the article and
its claims checked; only then renamed over the sidecar (atomically, after fsync)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..book.onecheck import check_article
from ..editorial.yamlload import load_yaml
from ..errors import Code, Problem
from ..files import real_file, target_kind
from ..locking import BookLock, book_folder_of
from ..models import Sidecar
from ..names import article_paths
from .filewrite import CheckedFile, EditError, discard_file, prepare_file, publish_file, retarget

# ---------------------------------------------------------------- the article's files


@dataclass(frozen=True)
class ArticleFiles:
    stem: str
    article: Path
    sidecar: Path


def article_files(seeds: Path, stem: str) -> ArticleFiles:
    """The files of the article ``stem``: only an article the book has, found by listing seeds/.

    The paths come from the listing, never from ``stem``, so no name (``../x``,
    an absolute path, a glossary) can make an edit write anywhere else.
    """
    for path in article_paths(Path(seeds)):
        if path.stem == stem:
            sidecar = path.with_suffix(".yaml")
            if not sidecar.exists():
                raise EditError(f"{sidecar}: missing sidecar for {path.name}; add it first (briefbook add)")
            if not real_file(sidecar).is_file() or target_kind(sidecar) != "file":
                raise EditError(f"{sidecar}: not a regular file; a sidecar is edited only when it is one")
            return ArticleFiles(stem, path, sidecar)
    raise EditError(f"{seeds}: no article {stem!r} in this book")


# ---------------------------------------------------------------- checking and writing


@dataclass
class CheckedSidecar(CheckedFile):
    """A new sidecar text, checked, in a temporary file beside the sidecar, not yet in place."""

    files: ArticleFiles | None = None


def check_sidecar_file(temp: Path, files: ArticleFiles, seeds: Path) -> tuple[Sidecar | None, list[Problem]]:
    """The sidecar in ``temp`` as the build reads it, and every error the build would find in it
    (:func:`briefbook.book.onecheck.check_article`: schema, markup and characters, anchors, claims,
    origins, references to terms, pages and claims)."""
    sidecar, problems = check_article(Path(seeds), files.article, temp)
    return sidecar, [retarget(p, temp, files.sidecar) for p in problems]


def _unfaithful(temp: Path, expected: Mapping[int, Mapping[str, Any]], path: Path) -> list[Problem]:
    """Notes that would not read back as they were meant (a safeguard: it should never happen)."""
    notes = (load_yaml(temp) or {}).get("notes") or []
    return [
        Problem(
            Code.EDIT_READ_BACK,
            f"note {index + 1} would not read back as written; nothing written",
            str(path),
            notes.line_of(index) if index < len(notes) and hasattr(notes, "line_of") else None,
        )
        for index, fields in expected.items()
        if index >= len(notes) or dict(notes[index]) != dict(fields)
    ]


def prepare(
    seeds: Path, files: ArticleFiles, text: str, expected: Mapping[int, Mapping[str, Any]] | None = None
) -> CheckedSidecar:
    """Write ``text`` to a temporary file beside the sidecar and check it as the build would.

    ``expected``: notes (by index) the text must hold exactly, as loaded.
    """

    def check(temp: Path) -> list[Problem]:
        sidecar, problems = check_sidecar_file(temp, files, Path(seeds))
        if sidecar is not None and not problems and expected:
            problems = _unfaithful(temp, expected, files.sidecar)
        return problems

    checked = prepare_file(files.sidecar, text, check)
    return CheckedSidecar(checked.target, checked.text, checked.temp, checked.problems, files)


def publish(checked: CheckedFile) -> None:
    """Put a checked text in place: rename over the sidecar (keeping its mode), then sync the folder.

    A sidecar that is a symbolic link is written through: the file it points to gets the new text
    and the link stays (see :mod:`briefbook.files`).
    """
    publish_file(checked)


def discard(checked: CheckedFile) -> None:
    discard_file(checked)


@contextmanager
def sidecar_locked(seeds: Path, stem: str, timeout: float | None = None) -> Iterator[ArticleFiles]:
    """The files of the article ``stem``, with the book locked until the edit is written (or not)."""
    files = article_files(seeds, stem)
    with BookLock(book_folder_of(seeds), timeout=timeout):
        yield files

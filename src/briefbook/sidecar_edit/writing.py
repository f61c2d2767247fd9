"""The article's files, and a new sidecar text checked as the build checks it before it is put in
place: written to a temporary file beside the sidecar, loaded, anchored against the article and
its claims and origins checked; only then renamed over the sidecar (atomically, after fsync)."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..analysis.anchors import anchor_notes
from ..book import load_book_file
from ..editorial.claims import Claims, load_claims
from ..editorial.origins import Origins, load_origins
from ..editorial.references import check_claim_tags, check_origin_tags
from ..editorial.sidecar import load_sidecar
from ..editorial.yamlload import load_yaml
from ..errors import BriefbookError, Code, Problem
from ..locking import BookLock, book_folder_of
from ..models import Sidecar
from ..names import CLAIMS_FILE, ORIGINS_FILE, article_paths
from ..text import clean, ingest


class EditError(BriefbookError):
    """The sidecar cannot be edited this way (its layout, or a note that changed meanwhile)."""


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
            if not sidecar.is_file():
                raise EditError(f"{sidecar}: missing sidecar for {path.name}; add it first (briefbook add)")
            return ArticleFiles(stem, path, sidecar)
    raise EditError(f"{seeds}: no article {stem!r} in this book")


# ---------------------------------------------------------------- checking and writing


@dataclass
class CheckedSidecar:
    """A new sidecar text, checked, in a temporary file beside the sidecar, not yet in place."""

    files: ArticleFiles
    text: str
    temp: Path | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _claims(seeds: Path, problems: list[Problem]) -> Claims | None:
    found: list[Problem] = []
    claims = load_book_file(seeds / CLAIMS_FILE, load_claims, Claims(seeds / CLAIMS_FILE, ()), found)
    problems.extend(found)
    return None if found else claims


def _origins(seeds: Path, problems: list[Problem]) -> Origins | None:
    found: list[Problem] = []
    origins = load_book_file(seeds / ORIGINS_FILE, load_origins, Origins(seeds / ORIGINS_FILE, ()), found)
    problems.extend(found)
    return None if found else origins


def _retarget(problem: Problem, temp: Path, shown: Path) -> Problem:
    """A problem found in the temporary file, told of the sidecar it will replace."""
    path = str(shown) if problem.path == str(temp) else problem.path
    return replace(problem, path=path, message=problem.message.replace(str(temp), str(shown)))


def check_sidecar_file(temp: Path, files: ArticleFiles, seeds: Path) -> tuple[Sidecar | None, list[Problem]]:
    """The sidecar in ``temp`` as the build reads it, and every problem the build would find in it:
    loading (schema, note text), anchoring against the article, claims and origins."""
    problems: list[Problem] = []
    try:
        sidecar = load_sidecar(temp)
        article = clean.clean_article(ingest.read_article(files.article), sidecar.clean_rules)
    except BriefbookError as exc:
        return None, [_retarget(p, temp, files.sidecar) for p in exc.problems]
    _, found = anchor_notes(article, sidecar)
    problems.extend(found)
    claims = _claims(seeds, problems)
    if claims is not None:
        problems.extend(check_claim_tags(sidecar.notes, claims, temp))
    origins = _origins(seeds, problems)
    if origins is not None:
        problems.extend(check_origin_tags(sidecar.notes, origins, temp))
    return sidecar, [_retarget(p, temp, files.sidecar) for p in problems]


def _unfaithful(temp: Path, expected: Mapping[int, Mapping[str, Any]], path: Path) -> list[Problem]:
    """Notes that would not read back as they were meant (a safeguard: it should never happen)."""
    notes = (load_yaml(temp) or {}).get("notes") or []
    return [
        Problem(
            Code.EDIT_READ_BACK,
            f"note {index + 1} would not read back as written; nothing written",
            str(path),
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
    folder = files.sidecar.parent
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{files.sidecar.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        sidecar, problems = check_sidecar_file(temp, files, Path(seeds))
        if sidecar is not None and not problems and expected:
            problems = _unfaithful(temp, expected, files.sidecar)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if problems:
        temp.unlink(missing_ok=True)
        return CheckedSidecar(files, text, None, problems)
    return CheckedSidecar(files, text, temp, [])


def publish(checked: CheckedSidecar) -> None:
    """Put a checked text in place: rename over the sidecar (keeping its mode), then sync the folder."""
    if checked.temp is None:
        raise EditError(f"{checked.files.sidecar}: not written: it has problems")
    target = checked.files.sidecar
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    os.chmod(checked.temp, mode)
    os.replace(checked.temp, target)
    checked.temp = None
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def discard(checked: CheckedSidecar) -> None:
    if checked.temp is not None:
        checked.temp.unlink(missing_ok=True)
        checked.temp = None


@contextmanager
def sidecar_locked(seeds: Path, stem: str, timeout: float | None = None) -> Iterator[ArticleFiles]:
    """The files of the article ``stem``, with the book locked until the edit is written (or not)."""
    files = article_files(seeds, stem)
    with BookLock(book_folder_of(seeds), timeout=timeout):
        yield files

"""Adding, changing and deleting a note, each under the book's lock: the sidecar re-read under it,
the new text checked, and written all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.anchors import AnchorError
from ..book import read_article
from ..editorial.notefields import ANCHOR_KEYS, BODY_FIELDS, sidecar_values
from ..editorial.sidecar import load_sidecar
from ..editorial.yamlload import load_yaml
from ..errors import BriefbookError, Problem
from ..models import Article
from .filewrite import fingerprint, relocated
from .placing import Selection, resolve_selection
from .writing import ArticleFiles, EditError, article_files, prepare, publish, sidecar_locked
from .yamltext import text_with_note_added, text_with_note_changed, text_without_note


@dataclass(frozen=True)
class NoteBody:
    """What a note says, apart from where it stands."""

    kind: str
    note: str
    basis: str | None = None
    claim: str | None = None
    stance: str | None = None
    origin: str | None = None

    def fields(self) -> dict[str, str]:
        return sidecar_values(self, BODY_FIELDS)


@dataclass(frozen=True)
class EditResult:
    """What an edit did: written, or refused with the problems that stopped it."""

    sidecar: Path
    written: bool
    problems: tuple[Problem, ...] = ()
    index: int | None = None  # the note's place in the sidecar's notes (0-based), after the edit
    note: dict[str, Any] = field(default_factory=dict)  # the note as written (or as it would have been)


def note_fingerprint(fields: Mapping[str, Any]) -> str:
    """A short digest of a note's fields: an edit can insist the note is still what its caller saw."""
    return fingerprint(fields)


def current_notes(files: ArticleFiles) -> list[dict[str, Any]]:
    """The sidecar's notes as they stand in the file (plain mappings, in order)."""
    load_sidecar(files.sidecar)  # a sidecar the build could not read is reported, not edited
    return [dict(entry) for entry in (load_yaml(files.sidecar) or {}).get("notes") or ()]


def _article(files: ArticleFiles) -> Article:
    article, _, problems = read_article(files.article)
    if article is None:
        raise BriefbookError(problems)
    return article


def _current(files: ArticleFiles) -> str:
    return files.sidecar.read_text("utf-8")


def _refused(files: ArticleFiles, problems: Iterable[Problem], note: Mapping[str, Any]) -> EditResult:
    return EditResult(files.sidecar, False, tuple(problems), None, dict(note))


def _commit(seeds: Path, files: ArticleFiles, text: str, index: int, note: dict[str, Any]) -> EditResult:
    prepared = prepare(seeds, files, text, {index: note} if note else None)
    if not prepared.ok:
        # told by the sidecar's lines as they are: the note's own are not written (yet)
        return _refused(files, relocated(prepared.problems, files.sidecar, _current(files), text), note)
    publish(prepared)
    return EditResult(files.sidecar, True, (), index, note)


def add_note(
    seeds: Path, stem: str, selection: Selection, body: NoteBody, *, lock_timeout: float | None = None
) -> EditResult:
    """Add a note to the article ``stem`` at the passage ``selection`` names.

    The passage is found before the book's lock is taken (the work that grows with the article);
    under the lock it is found again only if the article, or its sidecar's cleaning, changed meanwhile.
    """
    files = article_files(seeds, stem)
    article = _article(files)
    try:
        anchor = resolve_selection(article, selection, files.sidecar)
    except AnchorError as exc:
        return _refused(files, [exc.problem], body.fields())
    with sidecar_locked(seeds, stem, lock_timeout) as files:
        if (now := _article(files)) != article:
            try:
                anchor = resolve_selection(now, selection, files.sidecar)
            except AnchorError as exc:
                return _refused(files, [exc.problem], body.fields())
        note = anchor.fields() | body.fields()
        text = files.sidecar.read_text("utf-8")
        new_text, index = text_with_note_added(text, note, files.sidecar)
        return _commit(seeds, files, new_text, index, note)


def _checked_index(files: ArticleFiles, index: int, fingerprint: str | None) -> dict[str, Any]:
    notes = current_notes(files)
    if not 0 <= index < len(notes):
        raise EditError(f"{files.sidecar}: there is no note {index + 1} (it has {len(notes)})")
    if fingerprint is not None and note_fingerprint(notes[index]) != fingerprint:
        raise EditError(
            f"{files.sidecar}: note {index + 1} has changed since it was read; read it again and retry"
        )
    return notes[index]


def edit_note(
    seeds: Path,
    stem: str,
    index: int,
    body: NoteBody,
    selection: Selection | None = None,
    *,
    fingerprint: str | None = None,
    lock_timeout: float | None = None,
) -> EditResult:
    """Change note ``index`` (0-based) of the article ``stem``: what it says, and where if ``selection``."""
    with sidecar_locked(seeds, stem, lock_timeout) as files:
        old = _checked_index(files, index, fingerprint)
        anchor_fields = {k: old[k] for k in ANCHOR_KEYS if k in old}
        if selection is not None:
            try:
                anchor_fields = resolve_selection(_article(files), selection, files.sidecar).fields()
            except AnchorError as exc:
                return _refused(files, [exc.problem], body.fields())
        note = anchor_fields | body.fields()
        text = files.sidecar.read_text("utf-8")
        return _commit(seeds, files, text_with_note_changed(text, index, note, files.sidecar), index, note)


def delete_note(
    seeds: Path,
    stem: str,
    index: int,
    *,
    fingerprint: str | None = None,
    lock_timeout: float | None = None,
) -> EditResult:
    """Delete note ``index`` (0-based) of the article ``stem``."""
    with sidecar_locked(seeds, stem, lock_timeout) as files:
        old = _checked_index(files, index, fingerprint)
        text = files.sidecar.read_text("utf-8")
        result = _commit(seeds, files, text_without_note(text, index, files.sidecar), index, {})
        return EditResult(result.sidecar, result.written, result.problems, None, old)

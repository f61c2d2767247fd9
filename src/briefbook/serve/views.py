"""What the preview's article pages show, for the annotation script: text, notes, and problems.

Each note on a page is tied to its place in the sidecar and a fingerprint of
its fields as the build read them, so an edit from the page changes exactly the
note the reader saw, or is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..book import Book, SharedMark
from ..errors import BriefbookError
from ..kinds import SHARED_KIND
from ..models import Note
from ..sidecar_edit.edits import current_notes
from ..sidecar_edit.edits import note_fingerprint as fingerprint_of
from ..sidecar_edit.writing import article_files


@dataclass(frozen=True)
class PageNote:
    """A note as an article page shows it, and where it stands in the sidecar."""

    number: int  # its number on the page
    kind: str
    key: str  # its stable identity (briefbook.book.identity), which the page's passage anchor carries
    index: int | None = None  # its place among the sidecar's notes; None for notes the book adds
    fingerprint: str | None = None  # of the sidecar's note as the page was built from it
    fields: dict[str, Any] = field(default_factory=dict)  # the sidecar's note, as written

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "key": self.key,
            "index": self.index,
            "fingerprint": self.fingerprint,
            "fields": self.fields,
        }


@dataclass(frozen=True)
class ArticleView:
    """What the annotation script needs of one article page: its text and its notes."""

    stem: str
    paragraphs: tuple[str, ...]
    caption: str | None
    notes: tuple[PageNote, ...]


def article_views(book: Book, seeds: Path) -> dict[str, ArticleView]:
    """Each article's page as the build made it, with each note's place in its sidecar.

    A located note is found among its sidecar's notes by the line it starts on
    (notes the book adds itself, for shared passages, have none), and its fields
    are read as the sidecar has them, for the fingerprint an edit must match.
    A note whose sidecar changed since the build is offered for no edit until
    the next build, which that change has already asked for.
    """
    views = {}
    for entry in book.articles:
        try:
            raw = current_notes(article_files(seeds, entry.stem))
        except (BriefbookError, OSError):  # being edited by hand this moment: the next build tells
            raw = []
        index_of_line = {note.line: index for index, note in enumerate(entry.sidecar.notes)}
        notes = []
        for located in entry.marks:
            if isinstance(located, SharedMark):  # the book's own: in no sidecar, never edited
                notes.append(PageNote(located.number, SHARED_KIND, located.key))
                continue
            index = index_of_line.get(located.note.line) if located.note.line else None
            fields = (
                {str(k): v for k, v in raw[index].items()} if index is not None and index < len(raw) else {}
            )
            if index is None or not describes(fields, located.note):
                notes.append(PageNote(located.number, located.note.kind, located.key))
                continue
            notes.append(
                PageNote(
                    located.number, located.note.kind, located.key, index, fingerprint_of(fields), fields
                )
            )
        article = entry.article
        views[entry.stem] = ArticleView(entry.stem, article.paragraphs, article.caption, tuple(notes))
    return views


def describes(fields: dict[str, Any], note: Note) -> bool:
    """Whether a sidecar's note (its fields) is the note the build placed."""
    return (fields.get("quote"), fields.get("kind"), fields.get("note")) == (note.quote, note.kind, note.note)


def note_choices() -> dict[str, list[str]]:
    """The note kinds and stances a sidecar allows, as its JSON Schema states them."""
    text = resources.files("briefbook.editorial").joinpath("schema/sidecar.schema.json").read_text("utf-8")
    note = json.loads(text)["properties"]["notes"]["items"]["properties"]
    kind = note["kind"]
    return {
        "kinds": list(kind.get("enum") or kind.get("examples") or ()),
        "stances": list(note["stance"].get("enum") or ()),
    }


def problem_json(problem: Any) -> dict[str, Any]:
    """A problem for the browser: the whole line as the terminal shows it, and its parts."""
    return {
        "text": str(problem),
        "file": getattr(problem, "path", None) or None,
        "line": getattr(problem, "line", None),
        "code": str(getattr(problem, "code", "") or "") or None,
    }


def problems_of(error: BriefbookError) -> list[dict[str, Any]]:
    """Each problem an error carries (one for an error that is only a message)."""
    problems = getattr(error, "problems", None) or [error]
    return [problem_json(p) for p in problems]

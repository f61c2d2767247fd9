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


@dataclass(frozen=True)
class PlacedMark:
    """A mark in an article's margin as the build placed it: the editor's note (its place among
    the sidecar's notes as the build read them, and what it said), or the book's own (no index)."""

    number: int
    kind: str
    key: str  # its stable identity (briefbook.book.identity)
    index: int | None = None
    quote: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ArticlePage:
    """What a build made of one article's page, for the annotation API: small, so the process
    that builds can send it to the server after each build."""

    stem: str
    paragraphs: tuple[str, ...]
    caption: str | None
    marks: tuple[PlacedMark, ...]


def article_pages(book: Book) -> dict[str, ArticlePage]:
    """Each article's page as the build made it, with each note's place in its sidecar.

    A located note is found among its sidecar's notes by the line it starts on
    (notes the book adds itself, for shared passages, have none).
    """
    pages = {}
    for entry in book.articles:
        index_of_line = {note.line: index for index, note in enumerate(entry.sidecar.notes)}
        marks = []
        for located in entry.marks:
            if isinstance(located, SharedMark):  # the book's own: in no sidecar, never edited
                marks.append(PlacedMark(located.number, SHARED_KIND, located.key))
                continue
            note = located.note
            index = index_of_line.get(note.line) if note.line else None
            marks.append(PlacedMark(located.number, note.kind, located.key, index, note.quote, note.note))
        article = entry.article
        pages[entry.stem] = ArticlePage(entry.stem, article.paragraphs, article.caption, tuple(marks))
    return pages


def article_view(page: ArticlePage, seeds: Path) -> ArticleView:
    """An article's page as the build made it, with each of the editor's notes tied to its fields
    as its sidecar holds them now, and their fingerprint, which an edit must match.

    A note whose sidecar changed since the build (by hand, in another tab) is offered for no edit
    until the next build, which that change has already asked for.
    """
    try:
        raw = current_notes(article_files(seeds, page.stem))
    except (BriefbookError, OSError):  # being edited by hand this moment: the next build tells
        raw = []
    notes = []
    for mark in page.marks:
        fields = (
            {str(k): v for k, v in raw[mark.index].items()}
            if mark.index is not None and mark.index < len(raw)
            else {}
        )
        if mark.index is None or not describes(fields, mark):
            notes.append(PageNote(mark.number, mark.kind, mark.key))
            continue
        notes.append(PageNote(mark.number, mark.kind, mark.key, mark.index, fingerprint_of(fields), fields))
    return ArticleView(page.stem, page.paragraphs, page.caption, tuple(notes))


def describes(fields: dict[str, Any], mark: PlacedMark) -> bool:
    """Whether a sidecar's note (its fields) is the note the build placed."""
    return (fields.get("quote"), fields.get("kind"), fields.get("note")) == (mark.quote, mark.kind, mark.note)


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


def shown_path(path: Path, seeds: Path) -> str:
    """A file of the book as the terminal names it: from the book's folder (``seeds/x.yaml``)."""
    try:
        return Path(path).resolve().relative_to(Path(seeds).resolve().parent).as_posix()
    except ValueError:
        return str(path)


def quoted(text: str, limit: int = 60) -> str:
    """A passage in a line of the terminal: cut short, in typographic quotes, on one line."""
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def note_said(action: str, result: Any, index: int | None = None) -> str:
    """What a note's save did, for the terminal: which note, what kind, on which passage."""
    fields = result.note or {}
    place = result.index if result.index is not None else index
    number = f"note {place + 1}" if place is not None else "a note"
    done = {"add": "added", "edit": "changed", "delete": "deleted"}[action]
    return f"{number} {done} ({fields.get('kind', 'note')}) on {quoted(fields.get('quote', ''))}"

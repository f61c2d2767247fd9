"""Origins: where the reported facts come from (``origins.yaml``).

An origin is declared once (id, kind, who, date, the label the book names it by) and tied to the
passages that rest on it: ``origin: <id>`` on a sidecar's note, or ``origins: [<id>]`` on a claim
its sources share.  What an origin may hold is the published schema
(``schema/origins.schema.json``); ids used twice are checked here, the ids notes and claims name
in :mod:`briefbook.editorial.references`.  The file is optional: a book without it has no origins
declared, and every passage counts as its own source's reporting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BriefbookError, Code, by_place
from ..models import Reference
from .markup import check_fields
from .validation import duplicate_ids, read_entries
from .yamlload import LineDict

# An origin's note is shown on the sources page, at the top of the book: relative {doc} targets start there.
PAGE_FOLDER = ""


@dataclass(frozen=True)
class Origin:
    id: str
    kind: str  # one of kinds.ORIGIN_KINDS
    who: str
    label: str  # how the book names it: "EUCOM's statement of 5 February 2026"
    line: int
    names: tuple[str, ...] = ()  # other ways the articles name who it comes from
    date: str | None = None
    url: str | None = None
    note: str | None = None  # the editor's MyST
    note_line: int = 0  # where the note starts in origins.yaml


@dataclass(frozen=True)
class Origins:
    path: Path
    origins: tuple[Origin, ...]
    references: tuple[Reference, ...] = ()  # {term}, {doc} and {claim} in the origins' notes
    _index: dict[str, Origin] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {origin.id: origin for origin in self.origins})

    def get(self, origin_id: str) -> Origin | None:
        return self._index.get(origin_id)

    @property
    def ids(self) -> list[str]:
        return [o.id for o in self.origins]


def _text(value: str) -> str:
    return " ".join(value.split())


def _origin(entry: LineDict) -> Origin:
    note_line = 0
    if entry.get("note"):
        note_line = entry.line_of("note") + (1 if entry.value_styles.get("note") in (">", "|") else 0)
    return Origin(
        id=entry["id"],
        kind=entry["kind"],
        who=_text(entry["who"]),
        label=_text(entry["label"]),
        line=entry.line,
        names=tuple(_text(name) for name in entry.get("names") or ()),
        date=entry.get("date"),
        url=entry.get("url"),
        note=entry.get("note"),
        note_line=note_line,
    )


def load_origins(path: Path) -> Origins:
    """Load and validate origins.yaml; a missing file means a book with no origins declared."""
    path = Path(path)
    if not path.exists():
        return Origins(path, ())
    text, problems, entries = read_entries(path, "origins", "origins")
    problems += duplicate_ids(entries, path, Code.ORIGINS_DUPLICATE_ID)
    fields = [(entry, "note", "an origin's note") for entry in entries]
    markup_problems, references = check_fields(fields, text, str(path), PAGE_FOLDER)
    problems += markup_problems
    if problems:
        raise BriefbookError(by_place(problems))
    return Origins(path, tuple(_origin(entry) for entry in entries), tuple(references))

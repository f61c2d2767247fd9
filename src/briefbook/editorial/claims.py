"""Claims: what the sources assert that matters to the briefing (``claims.yaml``).

What a claim may hold is the published schema (``schema/claims.schema.json``);
ids used twice are checked here.  Notes tag the passages that report a claim
with ``claim: <id>`` and a stance; :mod:`briefbook.editorial.references` checks those ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BriefbookError, Code, by_place
from ..models import Reference
from .markup import check_fields
from .validation import duplicate_ids, read_entries
from .yamlload import LineDict

# The claims matrix is at the top of the book: relative {doc} targets in claim notes start there.
PAGE_FOLDER = ""


@dataclass(frozen=True)
class Credibility:
    """The editor's grade of a claim's credibility (1–6), in place of the computed one, and why."""

    grade: int
    reason: str
    line: int = 0


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    line: int
    date: str | None = None
    category: str | None = None
    note: str | None = None
    label: str | None = None  # a few words for the timeline figure; the statement is in the list below it
    origins: tuple[str, ...] = ()  # the origins its sources share (ids in origins.yaml)
    credibility: Credibility | None = None  # the editor's grade, in place of the computed one
    note_line: int = 0  # where the note starts in claims.yaml
    origins_line: int = 0  # where ``origins:`` is written, for its problems
    about: str | None = None  # the glossary entry of the event or person the claim dates
    date_line: int = 0  # where ``date:`` is written
    about_line: int = 0  # where ``about:`` is written


@dataclass(frozen=True)
class Claims:
    path: Path
    claims: tuple[Claim, ...]
    references: tuple[Reference, ...] = ()  # {term}, {doc} and {claim} in the claims' notes
    _index: dict[str, Claim] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {claim.id: claim for claim in self.claims})

    def get(self, claim_id: str) -> Claim | None:
        return self._index.get(claim_id)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.claims]


def _credibility(entry: LineDict) -> Credibility | None:
    given = entry.get("credibility")
    if not given:
        return None
    return Credibility(given["grade"], " ".join(given["reason"].split()), entry.line_of("credibility"))


def _claim(entry: LineDict) -> Claim:
    note_line = 0
    if entry.get("note"):
        note_line = entry.line_of("note") + (1 if entry.value_styles.get("note") in (">", "|") else 0)
    return Claim(
        entry["id"],
        " ".join(entry["statement"].split()),
        entry.line,
        entry.get("date"),
        entry.get("category"),
        entry.get("note"),
        " ".join(entry["label"].split()) if entry.get("label") else None,
        tuple(entry.get("origins") or ()),
        _credibility(entry),
        note_line,
        entry.line_of("origins") if "origins" in entry else 0,
        entry.get("about"),
        entry.line_of("date") if "date" in entry else 0,
        entry.line_of("about") if "about" in entry else 0,
    )


def load_claims(path: Path) -> Claims:
    """Load and validate claims.yaml; a missing file means a book without claims."""
    path = Path(path)
    if not path.exists():
        return Claims(path, ())
    text, problems, entries = read_entries(path, "claims", "claims")
    problems += duplicate_ids(entries, path, Code.CLAIMS_DUPLICATE_ID)
    fields = [(entry, "note", "a claim's note") for entry in entries]
    markup_problems, references = check_fields(fields, text, str(path), PAGE_FOLDER)
    problems += markup_problems
    if problems:
        raise BriefbookError(by_place(problems))
    return Claims(path, tuple(_claim(entry) for entry in entries), tuple(references))

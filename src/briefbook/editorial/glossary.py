"""The glossary of actors and acronyms: its model, and loading it from ``glossary.yaml``.

:func:`load_glossary` reads the file into frozen :class:`Glossary` /
:class:`Entry` objects.  What an entry may hold is the published schema
(``schema/glossary.schema.json``); what no schema can say is checked here: ids
and spellings claimed twice, related ids that do not exist, a role that ends
before it starts.  Every problem is collected, not just the first, and raised
together in one :class:`~briefbook.errors.BriefbookError`, each at its
``file:line``, so an editor fixes them all in one go.

Finding the terms in article text is :mod:`briefbook.analysis.termmatch`; candidate
terms the glossary lacks, :mod:`briefbook.analysis.candidates`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..dates import parse_date
from ..errors import BriefbookError, Code, Problem, by_place, did_you_mean
from ..models import Reference
from ..normalise import fold_case, term_chars
from .markup import check_fields
from .validation import duplicate_ids, read_entries
from .yamlload import LineDict, LineList

# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Role:
    """A post a person held, with the dates as far as the editor is sure of them."""

    role: str
    start: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    end: str | None = None  # None: still held (or unknown; say so in the definition)


@dataclass(frozen=True)
class Source:
    """Where an outside fact in a definition comes from."""

    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entry:
    """One glossary entry: a person, organisation, acronym, place, treaty, event ..."""

    id: str
    term: str  # display term, also the Sphinx glossary term
    kind: str
    definition: str  # MyST, written by the book's editor
    line: int  # line of the entry in glossary.yaml, for error messages
    expansion: str | None = None
    aliases: tuple[str, ...] = ()
    case: str = "sensitive"  # "sensitive" | "insensitive": how term and aliases match
    roles: tuple[Role, ...] = ()
    related: tuple[str, ...] = ()
    date: str | None = None
    until: str | None = None  # with ``date``: the entry is a period (1947–1990), a bar on the timeline
    sources: tuple[Source, ...] = ()

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every spelling that links to this entry: the display term, then the aliases."""
        seen: dict[str, None] = {self.term: None}
        for alias in self.aliases:
            seen.setdefault(alias, None)
        return tuple(seen)


@dataclass(frozen=True)
class Glossary:
    """All entries of one glossary file, in file order."""

    path: Path
    entries: tuple[Entry, ...]
    references: tuple[Reference, ...] = ()  # {term}, {doc} and {claim} in the definitions
    _index: dict[str, Entry] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {entry.id: entry for entry in self.entries})

    def by_id(self, entry_id: str) -> Entry:
        """The entry with this id; KeyError names the id if there is none."""
        try:
            return self._index[entry_id]
        except KeyError:
            raise KeyError(f"no glossary entry with id {entry_id!r}") from None

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


# ------------------------------------------------------------------------- loading

# The glossary page is at the top of the book: relative {doc} targets in definitions start there.
PAGE_FOLDER = ""


def _text(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date(value: object) -> str | None:
    return parse_date(value) if value is not None else None


def _entry(raw: LineDict) -> Entry:
    """One entry the schema has passed."""
    return Entry(
        id=raw["id"],
        term=raw["term"].strip(),
        kind=raw["kind"],
        definition=raw["definition"].strip(),
        line=raw.line,
        expansion=_text(raw.get("expansion")),
        aliases=tuple(a.strip() for a in raw.get("aliases") or ()),
        case=raw.get("case", "sensitive"),
        roles=tuple(
            Role(r["role"].strip(), _date(r.get("from")), _date(r.get("to"))) for r in raw.get("roles") or ()
        ),
        related=tuple(raw.get("related") or ()),
        date=_date(raw.get("date")),
        until=_date(raw.get("until")),
        sources=tuple(
            Source(s["title"].strip(), _text(s.get("url")), _text(s.get("note")))
            for s in raw.get("sources") or ()
        ),
    )


def _surface_lines(raw: LineDict, entry: Entry) -> list[tuple[str, int]]:
    """Each spelling of an entry with the line it was written on."""
    pairs = [(entry.term, raw.line_of("term"))]
    aliases = raw.get("aliases")
    if isinstance(aliases, LineList):
        pairs += [(a.strip(), aliases.line_of(i)) for i, a in enumerate(aliases)]
    return [(s, line) for s, line in pairs if s]


def _duplicate_spellings(parsed: list[tuple[LineDict, Entry]], path: str) -> list[Problem]:
    """No spelling may link to two entries; case-insensitive entries claim every casing."""
    problems = []
    claims: dict[str, list[tuple[str, str, bool, int]]] = {}
    for raw, entry in parsed:
        insensitive = entry.case == "insensitive"
        for surface, line in _surface_lines(raw, entry):
            exact = term_chars(surface)
            folded = fold_case(exact)
            for other_id, other_exact, other_insensitive, other_line in claims.get(folded, []):
                if other_id == entry.id:
                    continue
                if insensitive or other_insensitive or other_exact == exact:
                    message = f"alias {surface!r} of {entry.id!r} is also claimed by {other_id!r} (line {other_line})"
                    problems.append(Problem(Code.GLOSSARY_DUPLICATE_ALIAS, message, path, line))
                    break
            claims.setdefault(folded, []).append((entry.id, exact, insensitive, line))
    return problems


def _related(parsed: list[tuple[LineDict, Entry]], path: str) -> list[Problem]:
    problems = []
    ids = sorted(entry.id for _, entry in parsed)
    known = set(ids)
    for raw, entry in parsed:
        items = raw.get("related")
        for index, target in enumerate(entry.related):
            line = items.line_of(index) if isinstance(items, LineList) else raw.line_of("related")
            if target == entry.id:
                message = f"entry {entry.id!r} lists itself as related"
                problems.append(Problem(Code.GLOSSARY_SELF_RELATED, message, path, line))
            elif target not in known:
                message = f"related id {target!r} does not exist"
                problems.append(
                    Problem(
                        Code.GLOSSARY_UNKNOWN_RELATED, message, path, line, hint=did_you_mean(target, ids)
                    )
                )
    return problems


def _role_dates(parsed: list[tuple[LineDict, Entry]], path: str) -> list[Problem]:
    problems = []
    for raw, entry in parsed:
        for item, role in zip(raw.get("roles") or (), entry.roles, strict=True):
            if role.start and role.end and role.end < role.start:
                message = f"role ends ({role.end}) before it starts ({role.start})"
                problems.append(Problem(Code.GLOSSARY_ROLE_DATES, message, path, item.line_of("to")))
        if entry.until and not entry.date:
            message = "'until' needs a 'date' the period starts at"
            problems.append(Problem(Code.GLOSSARY_ROLE_DATES, message, path, raw.line_of("until")))
        elif entry.until and entry.date and entry.until < entry.date:
            message = f"period ends ({entry.until}) before it starts ({entry.date})"
            problems.append(Problem(Code.GLOSSARY_ROLE_DATES, message, path, raw.line_of("until")))
    return problems


def load_glossary(path: Path) -> Glossary:
    """Read and validate a glossary file; BriefbookError lists every problem."""
    path = Path(path)
    text, problems, sound = read_entries(path, "glossary", "terms")
    parsed = [(raw, _entry(raw)) for raw in sound]
    where = str(path)
    problems += duplicate_ids(sound, path, Code.GLOSSARY_DUPLICATE_ID) + _duplicate_spellings(parsed, where)
    problems += _related(parsed, where) + _role_dates(parsed, where)
    fields = [(raw, "definition", "a glossary definition") for raw, _ in parsed]
    markup_problems, references = check_fields(fields, text, where, PAGE_FOLDER)
    problems += markup_problems
    if problems:
        raise BriefbookError(by_place(problems))
    return Glossary(path=path, entries=tuple(entry for _, entry in parsed), references=tuple(references))

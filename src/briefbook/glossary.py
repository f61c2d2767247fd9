"""The glossary of actors and acronyms: loading, validation, term matching.

Three parts, in data-flow order:

* :func:`load_glossary` reads ``glossary.yaml`` into frozen :class:`Glossary` /
  :class:`Entry` objects.  Every problem is collected (not just the first) and
  raised together as :class:`~briefbook.errors.ProblemsFound`, each with
  ``file:line``, so an editor fixes them all in one go.
* :class:`TermMatcher` finds glossary terms in article text.  It is built once
  per glossary and scans text with Aho-Corasick automata (one per case mode),
  so matching cost depends on the length of the text and the number of hits,
  not on how many terms the glossary holds.
* :func:`candidate_terms` lists names and acronyms that look as if they belong
  in the glossary but are not there yet (for ``briefbook check``).

Matching rules (see :meth:`TermMatcher.find`): longest match wins; whole words
only; possessives ("NATO’s") match the base term; nothing inside URLs or
domain names; per-entry case rules; typographic and straight apostrophes,
hyphens and dashes, and runs of white space are treated as equal.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem, ProblemsFound
from .termmatch import fold, normalise
from .yamlload import LineDict, LineList, load_yaml

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
    _index: dict[str, Entry] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {entry.id: entry for entry in self.entries})

    def by_id(self, entry_id: str) -> Entry:
        """The entry with this id; KeyError names the id if there is none."""
        try:
            return self._index[entry_id]
        except KeyError:
            raise KeyError(f"no glossary entry with id {entry_id!r}") from None

    def by_term(self, term: str) -> Entry:
        """The entry whose display term is exactly ``term`` (notes link by display term)."""
        for entry in self.entries:
            if entry.term == term:
                return entry
        raise KeyError(f"no glossary entry with term {term!r}")

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


# ---------------------------------------------------------------------- validation

TOP_KEYS = ("terms",)
ENTRY_KEYS = (
    "id",
    "term",
    "kind",
    "expansion",
    "aliases",
    "case",
    "definition",
    "roles",
    "date",
    "related",
    "sources",
)
REQUIRED_KEYS = ("id", "term", "kind", "definition")
ROLE_KEYS = ("role", "from", "to")
SOURCE_KEYS = ("title", "url", "note")
KNOWN_KINDS = ("person", "organisation", "acronym", "place", "treaty", "event", "unit")
CASE_MODES = ("sensitive", "insensitive")

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KIND_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


class _Collector:
    """Gathers problems for one file, so validation can report them all at once."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int | None, message: str, code: str) -> None:
        self.problems.append(Problem(str(self.path), line, message, code))


def _suggest(key: str, valid: Sequence[str]) -> str:
    """' (did you mean 'x'?)' for a misspelt key, or '' when nothing is close."""
    close = difflib.get_close_matches(str(key), valid, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_keys(mapping: LineDict, valid: Sequence[str], what: str, out: _Collector) -> None:
    for key in mapping:
        if key not in valid:
            out.add(
                mapping.line_of(key),
                f"unknown key {key!r} in {what}{_suggest(key, valid)}",
                "glossary.unknown-key",
            )


def _text(mapping: LineDict, key: str, out: _Collector, *, required: bool = False) -> str | None:
    """A non-empty string value, or None (with a problem recorded if it is wrong)."""
    if key not in mapping or mapping[key] is None:
        if required:
            out.add(mapping.line, f"missing required field {key!r}", "glossary.missing")
        return None
    value = mapping[key]
    if not isinstance(value, str):
        out.add(
            mapping.line_of(key),
            f"{key!r} must be text, not {_type_name(value)}",
            "glossary.type",
        )
        return None
    if not value.strip():
        out.add(mapping.line_of(key), f"{key!r} is empty", "glossary.empty")
        return None
    return value.strip()


def _date(mapping: LineDict, key: str, out: _Collector) -> str | None:
    """A partial ISO date ("2025", "2025-07", "2025-07-01"); a bare year may be a number."""
    value = mapping.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _DATE_RE.match(value):
        out.add(
            mapping.line_of(key),
            f"{key!r} must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}",
            "glossary.date",
        )
        return None
    return value


def _list(mapping: LineDict, key: str, out: _Collector) -> LineList | None:
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        out.add(
            mapping.line_of(key),
            f"{key!r} must be a list, not {_type_name(value)}",
            "glossary.type",
        )
        return None
    if not isinstance(value, LineList):  # defensive: lists built by hand in tests
        wrapped = LineList(value)
        wrapped.line = mapping.line_of(key)
        wrapped.item_lines = [wrapped.line] * len(value)
        value = wrapped
    return value


def _type_name(value: Any) -> str:
    return {
        dict: "a mapping",
        LineDict: "a mapping",
        list: "a list",
        LineList: "a list",
        int: "a number",
        float: "a number",
        bool: "true/false",
    }.get(type(value), type(value).__name__)


def _string_items(items: LineList, key: str, out: _Collector) -> list[tuple[str, int]]:
    """The list's items that are non-empty strings, with their lines."""
    good: list[tuple[str, int]] = []
    for index, item in enumerate(items):
        line = items.line_of(index)
        if not isinstance(item, str) or not item.strip():
            out.add(
                line,
                f"each item of {key!r} must be non-empty text, not {item!r}",
                "glossary.type",
            )
            continue
        good.append((item.strip(), line))
    return good


def _mappings(entry: LineDict, key: str, expected: str, out: _Collector) -> list[LineDict]:
    """The items of list ``key`` that are mappings; any other item is reported."""
    items = _list(entry, key, out)
    if items is None:
        return []
    good = []
    for index, item in enumerate(items):
        if isinstance(item, dict):
            good.append(item)
        else:
            out.add(
                items.line_of(index),
                f"each item of {key!r} must be a mapping with {expected}",
                "glossary.type",
            )
    return good


def _parse_roles(entry: LineDict, out: _Collector) -> tuple[Role, ...]:
    roles: list[Role] = []
    for item in _mappings(entry, "roles", "'role', 'from', 'to'", out):
        _check_keys(item, ROLE_KEYS, "role", out)
        title = _text(item, "role", out, required=True)
        start, end = _date(item, "from", out), _date(item, "to", out)
        if start and end and end < start:
            out.add(item.line_of("to"), f"role ends ({end}) before it starts ({start})", "glossary.date")
        if title:
            roles.append(Role(title, start, end))
    return tuple(roles)


def _parse_sources(entry: LineDict, out: _Collector) -> tuple[Source, ...]:
    sources: list[Source] = []
    for item in _mappings(entry, "sources", "'title' (and optional 'url', 'note')", out):
        _check_keys(item, SOURCE_KEYS, "source", out)
        title = _text(item, "title", out, required=True)
        url = _text(item, "url", out)
        if url and not _URL_RE.match(url):
            out.add(item.line_of("url"), f"url {url!r} is not an http(s) address", "glossary.url")
            url = None
        note = _text(item, "note", out)
        if title:
            sources.append(Source(title, url, note))
    return tuple(sources)


def _parse_entry(raw: LineDict, out: _Collector) -> Entry | None:
    """One entry, or None if a required field is missing or unusable."""
    _check_keys(raw, ENTRY_KEYS, "glossary entry", out)
    entry_id = _text(raw, "id", out, required=True)
    if entry_id and not _ID_RE.match(entry_id):
        out.add(
            raw.line_of("id"),
            f"bad id {entry_id!r}: use lowercase letters, digits and single hyphens",
            "glossary.bad-id",
        )
        entry_id = None
    term = _text(raw, "term", out, required=True)
    kind = _text(raw, "kind", out, required=True)
    if kind and not _KIND_RE.match(kind):
        out.add(
            raw.line_of("kind"),
            f"kind {kind!r} must be a lowercase word (e.g. {', '.join(KNOWN_KINDS)})",
            "glossary.kind",
        )
        kind = None
    definition = _text(raw, "definition", out, required=True)
    case = _text(raw, "case", out) or "sensitive"
    if case not in CASE_MODES:
        out.add(
            raw.line_of("case"),
            f"case must be 'sensitive' or 'insensitive', not {case!r}{_suggest(case, CASE_MODES)}",
            "glossary.case",
        )
        case = "sensitive"
    aliases_raw = _list(raw, "aliases", out)
    aliases = tuple(a for a, _ in _string_items(aliases_raw, "aliases", out)) if aliases_raw else ()
    related_raw = _list(raw, "related", out)
    related = tuple(r for r, _ in _string_items(related_raw, "related", out)) if related_raw else ()
    expansion = _text(raw, "expansion", out)
    date = _date(raw, "date", out)
    roles = _parse_roles(raw, out)
    sources = _parse_sources(raw, out)
    if not (entry_id and term and kind and definition):
        return None
    return Entry(
        id=entry_id,
        term=term,
        kind=kind,
        definition=definition,
        line=raw.line,
        expansion=expansion,
        aliases=aliases,
        case=case,
        roles=roles,
        related=related,
        date=date,
        sources=sources,
    )


def _surface_lines(raw: LineDict, entry: Entry) -> list[tuple[str, int]]:
    """Each spelling of an entry with the line it was written on."""
    pairs = [(entry.term, raw.line_of("term"))]
    aliases = raw.get("aliases")
    if isinstance(aliases, LineList):
        pairs += [(a.strip(), aliases.line_of(i)) for i, a in enumerate(aliases) if isinstance(a, str)]
    return [(s, line) for s, line in pairs if s]


def _check_unique_ids(parsed: list[tuple[LineDict, Entry]], out: _Collector) -> None:
    first: dict[str, int] = {}
    for raw, entry in parsed:
        line = raw.line_of("id")
        if entry.id in first:
            out.add(
                line,
                f"duplicate id {entry.id!r} (also at line {first[entry.id]})",
                "glossary.duplicate-id",
            )
        else:
            first[entry.id] = line


def _check_unique_surfaces(parsed: list[tuple[LineDict, Entry]], out: _Collector) -> None:
    """No spelling may link to two entries; case-insensitive entries claim every casing."""
    claims: dict[str, list[tuple[str, str, bool, int]]] = {}
    for raw, entry in parsed:
        insensitive = entry.case == "insensitive"
        for surface, line in _surface_lines(raw, entry):
            exact = normalise(surface)
            folded = fold(exact)
            for other_id, other_exact, other_insensitive, other_line in claims.get(folded, []):
                if other_id == entry.id:
                    continue
                if insensitive or other_insensitive or other_exact == exact:
                    out.add(
                        line,
                        f"alias {surface!r} of {entry.id!r} is also claimed by "
                        f"{other_id!r} (line {other_line})",
                        "glossary.duplicate-alias",
                    )
                    break
            claims.setdefault(folded, []).append((entry.id, exact, insensitive, line))


def _check_related(parsed: list[tuple[LineDict, Entry]], out: _Collector) -> None:
    ids = {entry.id for _, entry in parsed}
    for raw, entry in parsed:
        items = raw.get("related")
        lines = items if isinstance(items, LineList) else None
        for index, target in enumerate(entry.related):
            line = lines.line_of(index) if lines is not None else raw.line_of("related")
            if target == entry.id:
                out.add(line, f"entry {entry.id!r} lists itself as related", "glossary.related")
            elif target not in ids:
                out.add(
                    line,
                    f"related id {target!r} does not exist{_suggest(target, sorted(ids))}",
                    "glossary.related",
                )


def validate_glossary_data(data: Any, path: Path) -> Glossary:
    """Turn parsed YAML into a Glossary, or raise ProblemsFound listing every problem."""
    out = _Collector(path)
    if not isinstance(data, dict):
        out.add(1, "the glossary must be a mapping with a 'terms' list", "glossary.type")
        raise ProblemsFound(out.problems)
    _check_keys(data, TOP_KEYS, "glossary file", out)
    terms = data.get("terms")
    if not isinstance(terms, list):
        out.add(
            data.line_of("terms") if "terms" in data else data.line,
            "'terms' must be a list of entries",
            "glossary.type",
        )
        raise ProblemsFound(out.problems)
    parsed: list[tuple[LineDict, Entry]] = []
    for index, raw in enumerate(terms):
        if not isinstance(raw, dict):
            line = terms.line_of(index) if isinstance(terms, LineList) else None
            out.add(line, f"each entry must be a mapping, not {_type_name(raw)}", "glossary.type")
            continue
        entry = _parse_entry(raw, out)
        if entry is not None:
            parsed.append((raw, entry))
    _check_unique_ids(parsed, out)
    _check_unique_surfaces(parsed, out)
    _check_related(parsed, out)
    if out.problems:
        out.problems.sort(key=lambda p: p.line or 0)
        raise ProblemsFound(out.problems)
    return Glossary(path=Path(path), entries=tuple(entry for _, entry in parsed))


def load_glossary(path: Path) -> Glossary:
    """Read and validate a glossary file (see module docstring for the format)."""
    return validate_glossary_data(load_yaml(Path(path)), Path(path))

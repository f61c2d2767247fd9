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

import bisect
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from .errors import Problem, ProblemsFound
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
    until: str | None = (
        None  # with ``date``: the entry is a period (1947–1990), drawn as a bar on the timeline
    )
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
    "until",
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
    until = _date(raw, "until", out)
    if until and not date:
        out.add(raw.line_of("until"), "'until' needs a 'date' the period starts at", "glossary.date")
        until = None
    elif until and date and until < date:
        out.add(raw.line_of("until"), f"period ends ({until}) before it starts ({date})", "glossary.date")
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
        until=until,
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
            exact = _normalise(surface)
            folded = _fold(exact)
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


# ------------------------------------------------------------------- normalisation

# Characters treated as equal for matching.  Every replacement is one character
# for one character, so offsets in the normalised text are offsets in the original.
_EQUIVALENTS = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark (typographic apostrophe)
        "\u2018": "'",  # left single quotation mark
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2032": "'",  # prime
        "\uff07": "'",  # fullwidth apostrophe
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash ("Russia–Ukraine war")
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "\n": " ",
        "\r": " ",
        "\f": " ",
        "\v": " ",
    }
)
_SPACE_RUN = re.compile(r"  +")


def _normalise(text: str) -> str:
    """Typographic variants to one form, same length; used for aliases and text alike."""
    return text.translate(_EQUIVALENTS)


def _fold(text: str) -> str:
    """Lowercase without changing the length (a few characters grow when lowercased)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _alias_key(alias: str) -> str:
    """The form an alias is stored in: NFC, normalised, single spaces."""
    return _SPACE_RUN.sub(" ", _normalise(unicodedata.normalize("NFC", alias)).strip())


@dataclass(frozen=True)
class _Prepared:
    """Text ready for matching: normalised, runs of spaces squeezed, with a way back."""

    exact: str
    folded: str
    # squeezed position -> original position, as breakpoints (squeezed_pos, shift)
    break_at: tuple[int, ...]
    shift: tuple[int, ...]

    def original(self, pos: int) -> int:
        """Offset in the original text of a (squeezed) offset."""
        i = bisect.bisect_right(self.break_at, pos) - 1
        return pos + (self.shift[i] if i >= 0 else 0)


def _prepare(text: str) -> _Prepared:
    """Normalise ``text`` and squeeze runs of spaces, remembering how to map back."""
    normal = _normalise(text)
    if "  " not in normal:
        return _Prepared(normal, _fold(normal), (), ())
    parts: list[str] = []
    break_at: list[int] = []
    shift: list[int] = []
    last = removed = 0
    for run in _SPACE_RUN.finditer(normal):
        parts.append(normal[last : run.start() + 1])  # keep one space of the run
        # squeezed positions after the kept space lie further on in the original
        break_at.append(run.start() - removed + 1)
        removed += len(run.group()) - 1
        shift.append(removed)
        last = run.end()
    parts.append(normal[last:])
    squeezed = "".join(parts)
    return _Prepared(squeezed, _fold(squeezed), tuple(break_at), tuple(shift))


# -------------------------------------------------------------------- URL skipping

_TLDS = (
    "com|org|net|int|gov|mil|edu|info|biz|news|io|co|uk|us|eu|ru|ua|de|fr|it|es|nl|be|pl|"
    "ch|at|se|no|fi|dk|ee|lv|lt|cz|sk|hu|ro|bg|gr|tr|ae|qa|cn|jp|kr|in|au|ca|by|kz|ge|md|am|az|"
    "tv|me|info|online|site|app|dev"
)
_EXPLICIT_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.IGNORECASE)
# A bare domain is found from its top-level domain (".int", ".com/...") and then
# extended to the left; scanning for the dot first keeps this linear and fast.
_TLD_DOT = re.compile(rf"\.(?:{_TLDS})\b(?:/\S*)?", re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?)]}'\"\u201d\u2019>"


def _domain_start(text: str, dot: int) -> int | None:
    """Start of the host name (or e-mail address) ending at ``dot``, if there is one."""
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_.@+"):
        start -= 1
    if start == dot or not text[dot - 1].isalnum():
        return None
    return start


def url_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of URLs, e-mail addresses and bare domain names in ``text``."""
    spans = [found.span() for found in _EXPLICIT_URL.finditer(text)]
    if "." in text:
        for found in _TLD_DOT.finditer(text):
            start = _domain_start(text, found.start())
            if start is not None and not (start > 0 and text[start - 1] in "/:"):
                spans.append((start, found.end()))
    trimmed = []
    for start, end in sorted(spans):
        while end > start and text[end - 1] in _TRAILING_PUNCT:
            end -= 1
        if trimmed and start < trimmed[-1][1]:  # a domain inside an explicit URL
            trimmed[-1] = (trimmed[-1][0], max(end, trimmed[-1][1]))
        else:
            trimmed.append((start, end))
    return trimmed


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    return False


# ------------------------------------------------------------------------ matching


@dataclass(frozen=True, order=True)
class TermMatch:
    """A glossary term found in a text: half-open offsets [start, end) into that text."""

    start: int
    end: int
    entry_id: str
    surface: str  # the text as it stands in the article, e.g. "Nato"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _starts_word(text: str, start: int) -> bool:
    """True unless a word goes on to the left (also "O'Brien": no match at "Brien")."""
    if start == 0:
        return True
    before = text[start - 1]
    if _is_word(before):
        return False
    if before == "'" and start >= 2 and _is_word(text[start - 2]):
        return False
    return True


def _ends_word(text: str, end: int) -> bool:
    """True unless a word goes on to the right; a possessive 's or s' ends the word."""
    if end >= len(text):
        return True
    after = text[end]
    if _is_word(after):
        return False
    if after == "'" and end + 1 < len(text) and _is_word(text[end + 1]):
        # "NATO's" / "NATO'S" matches, "O'Brien" does not match at "O"
        rest = text[end + 1 : end + 3]
        return rest[:1] in "sS" and (len(rest) < 2 or not _is_word(rest[1]))
    return True


class TermMatcher:
    """Finds glossary terms in text; build it once per glossary, then call :meth:`find`.

    Two Aho-Corasick automata (from pyahocorasick) hold every spelling: one for
    case-sensitive entries, run over the normalised text, and one for
    case-insensitive entries, run over its lowercased copy.  Each scan is
    linear in the text, whatever the number of terms; candidate hits are then
    checked for word boundaries and URLs and resolved longest-first.
    """

    def __init__(self, glossary: Glossary | Iterable[Entry]):
        entries = glossary.entries if isinstance(glossary, Glossary) else tuple(glossary)
        self._sensitive = ahocorasick.Automaton()
        self._insensitive = ahocorasick.Automaton()
        self._has_sensitive = self._has_insensitive = False
        for entry in entries:
            for surface in entry.surfaces:
                key = _alias_key(surface)
                if not key:
                    continue
                if entry.case == "insensitive":
                    self._add(self._insensitive, _fold(key), entry.id)
                    self._has_insensitive = True
                else:
                    self._add(self._sensitive, key, entry.id)
                    self._has_sensitive = True
        if self._has_sensitive:
            self._sensitive.make_automaton()
        if self._has_insensitive:
            self._insensitive.make_automaton()

    @staticmethod
    def _add(automaton: ahocorasick.Automaton, key: str, entry_id: str) -> None:
        # The same key for two entries cannot pass validation; keep the first if built by hand.
        if key not in automaton:
            automaton.add_word(key, (len(key), entry_id))

    def _candidates(self, prepared: _Prepared) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        scans = []
        if self._has_sensitive:
            scans.append((self._sensitive, prepared.exact))
        if self._has_insensitive:
            scans.append((self._insensitive, prepared.folded))
        for automaton, haystack in scans:
            for last, (length, entry_id) in automaton.iter(haystack):
                start, end = last + 1 - length, last + 1
                if _starts_word(prepared.exact, start) and _ends_word(prepared.exact, end):
                    found.append((start, end, entry_id))
        return found

    def find(self, text: str) -> list[TermMatch]:
        """Non-overlapping matches in ``text``, sorted by position.

        Overlaps are resolved longest-first ("U.S. European Command" beats
        "European Command"); between equally long ones, the leftmost wins.
        Matches touching a URL, e-mail address or domain name are dropped.
        """
        if not text:
            return []
        prepared = _prepare(text)
        candidates = self._candidates(prepared)
        if not candidates:
            return []
        urls = url_spans(text)
        url_starts = [s for s, _ in urls]
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
        taken_starts: list[int] = []
        taken: list[tuple[int, int, str]] = []
        for start, end, entry_id in candidates:
            i = bisect.bisect_left(taken_starts, start)
            if i > 0 and taken[i - 1][1] > start:
                continue
            if i < len(taken) and taken[i][0] < end:
                continue
            orig_start = prepared.original(start)
            orig_end = prepared.original(end - 1) + 1
            if urls and _overlaps(urls, url_starts, orig_start, orig_end):
                continue
            taken_starts.insert(i, start)
            taken.insert(i, (start, end, entry_id))
        return [
            TermMatch(s0, e0, entry_id, text[s0:e0])
            for s0, e0, entry_id in (
                (prepared.original(s), prepared.original(e - 1) + 1, eid) for s, e, eid in taken
            )
        ]

    def find_in_paragraphs(
        self, paragraphs: Sequence[str], *, first_only: bool = False
    ) -> list[list[TermMatch]]:
        """Matches per paragraph (offsets relative to each paragraph).

        With ``first_only``, only the first mention of each entry across all the
        paragraphs is kept: pass one article's paragraphs to link each term once
        per article, as printed briefings do.
        """
        seen: set[str] = set()
        result: list[list[TermMatch]] = []
        for paragraph in paragraphs:
            matches = self.find(paragraph)
            if first_only:
                firsts = []
                for match in matches:
                    if match.entry_id not in seen:
                        seen.add(match.entry_id)
                        firsts.append(match)
                matches = firsts
            result.append(matches)
        return result

    def find_first_per_entry(
        self, text_or_paragraphs: str | Sequence[str]
    ) -> list[TermMatch] | list[list[TermMatch]]:
        """First mention of each entry only.

        Given a string, returns a flat list for that string; given a sequence of
        paragraphs (one article), returns one list per paragraph, like
        :meth:`find_in_paragraphs` with ``first_only=True``.
        """
        if isinstance(text_or_paragraphs, str):
            return self.find_in_paragraphs([text_or_paragraphs], first_only=True)[0]
        return self.find_in_paragraphs(text_or_paragraphs, first_only=True)

    def entries_in(self, paragraphs: Iterable[str]) -> Counter[str]:
        """How often each entry is mentioned (for "mentioned in" backlinks)."""
        return Counter(m.entry_id for p in paragraphs for m in self.find(p))


# ---------------------------------------------------------------- candidate terms

_TOKEN = re.compile(r"\S+")
_LEAD_PUNCT = "\"'“‘«([{—–-*•"
_TAIL_PUNCT = "\"'”’»)]}:;,!?—–-*•"
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&]*[A-Z0-9]|(?:[A-Z]\.){2,})$")
_ROMAN = re.compile(r"^(?=[IVXLCDM]{2,}$)M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_CONNECTORS = {"of", "the", "for", "de", "del", "der", "von", "van", "al", "bin", "la", "le", "du"}
_ABBREVIATIONS = {
    "Gen.",
    "Lt.",
    "Col.",
    "Maj.",
    "Capt.",
    "Sgt.",
    "Adm.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "St.",
    "Feb.",
    "Jan.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Gov.",
    "Sen.",
    "Rep.",
    "Prof.",
    "No.",
    "Jr.",
    "Sr.",
    "vs.",
}
# Words that make up titles and nationalities, not names, when they stand alone.
_GENERIC = {
    "president",
    "prime",
    "minister",
    "general",
    "gen.",
    "lieutenant",
    "colonel",
    "commander",
    "chief",
    "secretary",
    "staff",
    "sgt.",
    "sergeant",
    "major",
    "captain",
    "admiral",
    "deputy",
    "russian",
    "ukrainian",
    "american",
    "soviet",
    "polish",
    "european",
    "german",
    "british",
    "french",
    "chinese",
    "senior",
    "former",
    "related",
    "article",
    "photo",
    "defense",
    "defence",
    "foreign",
    "official",
    "officials",
    "u.s.",
    "us",
    "mr.",
    "ms.",
    "dr.",
}
# Common sentence openers, so "The" or "Despite" at the start of a sentence is no name.
_SENTENCE_STARTERS = {
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "although",
    "despite",
    "after",
    "before",
    "during",
    "as",
    "for",
    "with",
    "without",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "our",
    "his",
    "her",
    "their",
    "meanwhile",
    "however",
    "of",
    "whether",
    "so",
    "yet",
    "then",
    "since",
    "under",
    "one",
    "two",
    "both",
    "even",
    "also",
    "still",
    "what",
    "who",
    "why",
    "how",
    "there",
    "here",
    "some",
    "many",
    "most",
    "all",
    "any",
    "each",
    "every",
    "according",
    "from",
    "to",
    "by",
    "not",
    "no",
    "nor",
    "only",
    "just",
    "than",
    "be",
    "is",
    "are",
    "was",
    "were",
}


@dataclass(frozen=True)
class _Token:
    text: str  # stripped of surrounding punctuation and possessive 's
    start: int
    end: int
    sentence_start: bool
    breaks_after: bool  # punctuation after it ends a name (comma, colon, quote, full stop)


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'S", "’S"):
        if word.endswith(suffix) and len(word) > 2:
            return word[: -len(suffix)]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word


def _tokens(paragraph: str) -> list[_Token]:
    """Words with surrounding punctuation and possessives removed, and where sentences start."""
    tokens: list[_Token] = []
    sentence_start = True
    for raw in _TOKEN.finditer(paragraph):
        word = raw.group()
        lead = len(word) - len(word.lstrip(_LEAD_PUNCT))
        core = word[lead:].rstrip(_TAIL_PUNCT)
        tail_punct = word[lead + len(core) :]
        ends_sentence = any(c in ".!?" for c in tail_punct)
        if core.endswith(".") and core not in _ABBREVIATIONS and not _ACRONYM.match(core):
            if not re.fullmatch(r"[A-Z]\.", core):  # keep an initial such as "G."
                core = core.rstrip(".")
                ends_sentence = True
        bare = _strip_possessive(core)
        start = raw.start() + lead
        if bare:
            tokens.append(
                _Token(
                    bare,
                    start,
                    start + len(bare),
                    sentence_start,
                    breaks_after=bool(tail_punct) or ends_sentence or bare != core,
                )
            )
        sentence_start = ends_sentence or word.endswith(":")
    return tokens


def _is_shouting(paragraph: str) -> bool:
    """A line in capitals ("JOIN THE MOVEMENT") is layout, not acronyms."""
    letters = [c for c in paragraph if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _covered(token: _Token, spans: list[tuple[int, int]]) -> bool:
    return any(s < token.end and token.start < e for s, e in spans)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not _ACRONYM.match(word)


def _names_in(tokens: list[_Token], lowercase_words: set[str]) -> Iterable[str]:
    """Runs of capitalised words (with "of", "the" ... inside), minus sentence openers."""
    run: list[_Token] = []

    def flush() -> Iterable[str]:
        while run and run[-1].text in _CONNECTORS:
            run.pop()
        words = [t.text for t in run]
        run.clear()
        if len([w for w in words if w not in _CONNECTORS]) >= 2 and not all(
            w.lower() in _GENERIC or w in _CONNECTORS for w in words
        ):
            yield " ".join(words)

    for token in tokens:
        word = token.text
        if _capitalised(word):
            if (
                not run
                and token.sentence_start
                and (word.lower() in _SENTENCE_STARTERS or word.lower() in lowercase_words)
            ):
                pass  # an ordinary word that opens a sentence
            else:
                run.append(token)
        elif word in _CONNECTORS and run:
            run.append(token)
        else:
            yield from flush()
            continue
        if token.breaks_after:
            yield from flush()
    yield from flush()


def candidate_terms(paragraphs: Sequence[str], matcher: TermMatcher) -> list[tuple[str, int]]:
    """Acronyms and recurring capitalised names not yet in the glossary, with counts.

    Acronyms (two or more capitals, "U.S."-style included) count from their
    first occurrence; multi-word names only when they occur at least twice.
    Text already matched by the glossary, URLs and all-capitals layout lines
    are ignored.  Sorted by count (most first), then alphabetically.
    """
    lowercase_words = {w for p in paragraphs for w in re.findall(r"\b[^\W\d_]+\b", p) if w.islower()}
    acronyms: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for paragraph in paragraphs:
        if _is_shouting(paragraph):
            continue
        covered = [(m.start, m.end) for m in matcher.find(paragraph)] + url_spans(paragraph)
        kept = []
        for token in _tokens(paragraph):
            if _covered(token, covered):
                # a glossary term breaks a name run: "Trump" in "President Donald Trump"
                kept.append(_Token("", token.start, token.end, False, True))
                continue
            if _ACRONYM.match(token.text) and not _ROMAN.match(token.text):
                acronyms[token.text] += 1
            kept.append(token)
        names.update(_names_in(kept, lowercase_words))
    result = list(acronyms.items()) + [(n, c) for n, c in names.items() if c >= 2]
    return sorted(result, key=lambda item: (-item[1], item[0]))

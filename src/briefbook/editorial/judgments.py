"""Key judgments: what the editor concludes, each with the claims it rests on (``judgments.yaml``).

The front page states them in order, each citing its claims with their credibility; the file is
optional (a book without it has no key judgments yet).  What a judgment may hold is the published
schema (``schema/judgments.schema.json``); ids used twice are checked here, the claims a judgment
names in :mod:`briefbook.editorial.references`.  How well each is written and supported (ICD 203's
estimative language, the evidence it cites) needs the claims' standing, and is checked in
:mod:`briefbook.book.judgmentcheck`.

Each judgment keeps, for its title, text and caveat, the line of the file every word stands on, so
that a problem found in the middle of a folded paragraph is reported at its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BriefbookError, Code, by_place
from ..models import Reference
from .markup import check_fields
from .validation import duplicate_ids, read_entries
from .yamlload import LineDict

# The judgments stand on the front page, at the top of the book: relative {doc} targets start there.
PAGE_FOLDER = ""

_BLOCK_INDICATOR = re.compile(r"^\s*[>|][+-]?[0-9]?[+-]?(?=\s|$)")


@dataclass(frozen=True)
class Placed:
    """A text of the editor's, with the file line each of its words stands on."""

    text: str
    line: int  # where the value starts (its first word's line)
    word_lines: tuple[int, ...] = ()

    def line_at(self, offset: int) -> int:
        """The file line of the word at ``offset`` in the text."""
        if not self.word_lines:
            return self.line
        index = len(self.text[:offset].split())
        if offset < len(self.text) and offset > 0 and not self.text[offset - 1].isspace():
            index -= 1  # inside a word, not at its start
        return self.word_lines[min(max(index, 0), len(self.word_lines) - 1)]


@dataclass(frozen=True)
class Judgment:
    id: str
    title: Placed
    claims: tuple[str, ...]  # the claims it rests on, as listed (ids in claims.yaml)
    line: int
    text: Placed | None = None  # the editor's MyST
    caveat: Placed | None = None  # the editor's MyST: what the evidence lacks, said to the reader
    claims_line: int = 0  # where ``claims:`` is written
    claim_lines: tuple[int, ...] = ()  # the line of each listed claim


@dataclass(frozen=True)
class Judgments:
    path: Path
    judgments: tuple[Judgment, ...]
    references: tuple[Reference, ...] = ()  # {term}, {doc} and {claim} in their texts and caveats
    _index: dict[str, Judgment] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {j.id: j for j in self.judgments})

    def get(self, judgment_id: str) -> Judgment | None:
        return self._index.get(judgment_id)


def word_lines(lines: list[str], mapping: LineDict, key: str) -> tuple[int, ...]:
    """The file line of each word of ``mapping[key]``: the words of the lines its value spans,
    less the key and a block scalar's indicator on the first (folding changes only the spaces)."""
    first, last = mapping.span_of(key)
    found: list[int] = []
    for number in range(first, min(last, len(lines)) + 1):
        raw = lines[number - 1]
        if number == mapping.line_of(key):
            _, _, raw = raw.partition(f"{key}:")
            raw = _BLOCK_INDICATOR.sub("", raw)
        found += [number] * len(raw.split())
    return tuple(found)


def _placed(mapping: LineDict, key: str, lines: list[str]) -> Placed | None:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        return None
    places = word_lines(lines, mapping, key)
    if len(places) != len(value.split()):  # an escape changed the words: every word at the value's start
        places = ()
    return Placed(value, places[0] if places else mapping.line_of(key), places)


def _judgment(entry: LineDict, lines: list[str]) -> Judgment:
    listed = entry["claims"]
    return Judgment(
        id=entry["id"],
        title=_placed(entry, "title", lines) or Placed(entry["title"], entry.line_of("title")),
        claims=tuple(listed),
        line=entry.line,
        text=_placed(entry, "text", lines),
        caveat=_placed(entry, "caveat", lines),
        claims_line=entry.line_of("claims"),
        claim_lines=tuple(listed.line_of(index) for index in range(len(listed))),
    )


def load_judgments(path: Path) -> Judgments:
    """Load and validate judgments.yaml; a missing file means a book without key judgments."""
    path = Path(path)
    if not path.exists():
        return Judgments(path, ())
    text, problems, entries = read_entries(path, "judgments", "judgments")
    problems += duplicate_ids(entries, path, Code.JUDGMENTS_DUPLICATE_ID)
    fields = [(entry, key, what) for entry in entries for key, what in _MARKUP]
    markup_problems, references = check_fields(fields, text, str(path), PAGE_FOLDER)
    problems += markup_problems
    if problems:
        raise BriefbookError(by_place(problems))
    lines = text.split("\n")
    return Judgments(path, tuple(_judgment(entry, lines) for entry in entries), tuple(references))


_MARKUP = (("text", "a judgment's text"), ("caveat", "a judgment's caveat"))

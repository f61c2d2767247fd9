"""Finding glossary terms in article text.

:class:`TermMatcher` is built once per glossary and scans text with
Aho-Corasick automata (one per case mode), so matching cost depends on the
length of the text and the number of hits, not on how many terms the glossary
holds.

Matching rules (see :meth:`TermMatcher.find`): longest match wins; whole words
only; possessives ("NATO’s") match the base term; nothing inside URLs or
domain names; per-entry case rules; typographic and straight apostrophes,
hyphens and dashes, and runs of white space are treated as equal.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

if TYPE_CHECKING:
    from ..editorial.glossary import Entry, Glossary

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


def normalise(text: str) -> str:
    """Typographic variants to one form, same length; used for aliases and text alike."""
    return text.translate(_EQUIVALENTS)


def fold(text: str) -> str:
    """Lowercase without changing the length (a few characters grow when lowercased)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _alias_key(alias: str) -> str:
    """The form an alias is stored in: NFC, normalised, single spaces."""
    return _SPACE_RUN.sub(" ", normalise(unicodedata.normalize("NFC", alias)).strip())


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
    normal = normalise(text)
    if "  " not in normal:
        return _Prepared(normal, fold(normal), (), ())
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
    return _Prepared(squeezed, fold(squeezed), tuple(break_at), tuple(shift))


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
        entries = tuple(getattr(glossary, "entries", glossary))
        self._sensitive = ahocorasick.Automaton()
        self._insensitive = ahocorasick.Automaton()
        self._has_sensitive = self._has_insensitive = False
        for entry in entries:
            for surface in entry.surfaces:
                key = _alias_key(surface)
                if not key:
                    continue
                if entry.case == "insensitive":
                    self._add(self._insensitive, fold(key), entry.id)
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

    def find_in_paragraphs(self, paragraphs: Sequence[str]) -> list[list[TermMatch]]:
        """Matches per paragraph (offsets relative to each paragraph)."""
        return [self.find(paragraph) for paragraph in paragraphs]

"""Finding glossary terms in article text.

:class:`TermMatcher` is built once per glossary and scans text with
Aho-Corasick automata (one per case mode), so matching cost depends on the
length of the text and the number of hits, not on how many terms the glossary
holds.

Matching rules (see :meth:`TermMatcher.find`): longest match wins; whole words
only; possessives ("NATO’s") match the base term; nothing inside URLs or
domain names; per-entry case rules; typographic and straight apostrophes,
hyphens and dashes, and runs of white space are treated as equal
(:func:`briefbook.normalise.term_text`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from ..normalise import TermText, fold_case, spelling_key, term_text

if TYPE_CHECKING:
    from ..editorial.glossary import Entry, Glossary

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
                key = spelling_key(surface)
                if not key:
                    continue
                if entry.case == "insensitive":
                    self._add(self._insensitive, fold_case(key), entry.id)
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

    def _candidates(self, prepared: TermText) -> list[tuple[int, int, str]]:
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
        prepared = term_text(text)
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

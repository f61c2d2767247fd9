"""Text normalisation: the forms two texts are compared in, each with the way back to the original.

Two comparisons, two forms, kept apart on purpose:

- **Quotes** (:func:`quote_text`, :func:`quote_key`): an editor's quote against an article's text,
  when a note is anchored (:mod:`briefbook.analysis.anchors`), a reader's selection placed
  (:mod:`briefbook.sidecar_edit.placing`) or an annotation imported.  Typographic quotation marks
  (single, double, low, guillemets) become straight ones, odd spaces plain ones, and every run of
  white space one space, the ends trimmed: what an editor types differently from the page without
  meaning another passage.  Dashes and hyphens stay as they are: a quote names one passage
  exactly, as a W3C TextQuoteSelector does.
- **Terms** (:func:`term_chars`, :func:`fold_case`, :func:`term_text`, :func:`spelling_key`): a
  glossary's spellings against an article's words, when mentions are found
  (:mod:`briefbook.analysis.termmatch`) and when the glossary is checked for two entries that claim
  one spelling (:mod:`briefbook.editorial.glossary`).  Apostrophes, hyphens and dashes and odd
  spaces become one form, each character for one character, so offsets stay offsets; case is
  folded the same way; runs of spaces are squeezed.  A name is the same name however its dash or
  apostrophe was typed ("Russia–Ukraine war", "NATO’s").

Each table is the one its comparison has always used: making either wider would move notes, or
the links of mentions, in books that exist.  What the two share is the way back from a squeezed
text to the original's offsets (:class:`Squeezed`).

A module of its own, importing nothing of briefbook's, so the editor's files, the analysis and the
note editor can all use it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass


class Squeezed:
    """A text with runs of white space squeezed to one space, and the way back to offsets in the original.

    The text is made with one C-level pass; the map back is worked out only when an offset is first
    asked for (for a text something was found in), from the runs, so normalising costs little more
    than reading the text, whatever its size.
    """

    def __init__(self, unsqueezed: str, runs: re.Pattern[str], trim: bool = False):
        self._unsqueezed = unsqueezed
        self._runs = runs
        squeezed = runs.sub(" ", unsqueezed)
        self.text = squeezed.strip() if trim else squeezed
        self._lead = len(unsqueezed) - len(unsqueezed.lstrip()) if trim else 0
        self._shifts: tuple[list[int], list[int]] | None = None

    def _map(self) -> tuple[list[int], list[int]]:
        """Where the squeezed text drops characters: (squeezed offsets, characters dropped before
        them), ascending; the original offset of a squeezed one is it plus the drop."""
        if self._shifts is None:
            positions, dropped = [0], [self._lead]
            for run in self._runs.finditer(self._unsqueezed, self._lead):
                removed = run.end() - run.start() - 1
                if removed:  # the run stands as one space; what follows it moves left
                    positions.append(run.start() - dropped[-1] + 1)
                    dropped.append(dropped[-1] + removed)
            self._shifts = (positions, dropped)
        return self._shifts

    def original(self, offset: int) -> int:
        """The offset in the original text of an offset in the squeezed one."""
        positions, dropped = self._map()
        return offset + dropped[bisect.bisect_right(positions, offset) - 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original's half-open span of a squeezed one (its last character's end)."""
        return self.original(start), self.original(end - 1) + 1


# ------------------------------------------------------------------------------------- quotes

# Typographic characters an editor may type differently from the article.
_QUOTE_EQUIVALENTS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
_WHITE_SPACE_RUN = re.compile(r"\s+")


def quote_text(text: str) -> Squeezed:
    """A quote, or a paragraph it is looked for in, in the form the two are compared in:
    typographic quotes straight, white space runs one space, ends trimmed; with the way back."""
    return Squeezed(text.translate(_QUOTE_EQUIVALENTS), _WHITE_SPACE_RUN, trim=True)


def quote_key(text: str) -> str:
    """A quote in the form quotes are compared in (two quotes are the same passage's if equal)."""
    return quote_text(text).text


# -------------------------------------------------------------------------------------- terms

# Characters treated as equal for matching.  Every replacement is one character
# for one character, so offsets in the normalised text are offsets in the original.
_TERM_EQUIVALENTS = str.maketrans(
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


def term_chars(text: str) -> str:
    """Apostrophes, hyphens and dashes, and odd spaces in one form, the length unchanged: a
    glossary's spellings and the article's words alike."""
    return text.translate(_TERM_EQUIVALENTS)


def fold_case(text: str) -> str:
    """Lowercase without changing the length (a few characters grow when lowercased: they stay)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def spelling_key(spelling: str) -> str:
    """The form a glossary spelling is looked for in: NFC, :func:`term_chars`, single spaces."""
    return _SPACE_RUN.sub(" ", term_chars(unicodedata.normalize("NFC", spelling)).strip())


@dataclass(frozen=True)
class TermText:
    """A text ready for finding terms in: its characters in one form, spaces squeezed, and lowercased."""

    squeezed: Squeezed
    folded: str  # the squeezed text, lowercased (same length), for case-insensitive spellings

    @property
    def exact(self) -> str:
        return self.squeezed.text

    def original(self, offset: int) -> int:
        """The offset in the original text of an offset in this one."""
        return self.squeezed.original(offset)


def term_text(text: str) -> TermText:
    """``text`` in the form spellings are found in (see :func:`spelling_key`), with the way back."""
    squeezed = Squeezed(term_chars(text), _SPACE_RUN)
    return TermText(squeezed, fold_case(squeezed.text))

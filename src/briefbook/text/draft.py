"""The draft an article is while it is being cleaned, and the text predicates the passes share.

The text arrives as lines (numbered 1.. in the decoded original).  Each pass of
:mod:`briefbook.text.clean` takes a :class:`Draft` and returns a new one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..models import RemovedLine, Rule


class Line(NamedTuple):
    """One line of the original: its 1-based number and its (current) text.

    A named tuple rather than a dataclass: there is one per input line, and
    tuples are several times cheaper to make.
    """

    number: int
    text: str


class Paragraph(NamedTuple):
    """A paragraph being built: its text and the original lines it spans."""

    text: str
    first: int  # line number of its first line
    last: int  # line number of its last line
    line_count: int = 1


@dataclass(frozen=True)
class Draft:
    """The state between passes.

    ``lines`` are the lines still in the text, blank ones included (a blank
    line separates paragraphs); removed lines leave ``lines`` for ``removed``.
    ``paragraphs`` is empty until :func:`join_paragraphs` builds it.
    """

    lines: tuple[Line, ...]
    rules: tuple[Rule, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    headline: str | None = None
    caption: str | None = None
    notices: tuple[str, ...] = ()


def draft_from_text(text: str, rules: tuple[Rule, ...] = ()) -> Draft:
    """Number the lines of a decoded text (LF line ends)."""
    return Draft(
        lines=tuple(Line(number, line) for number, line in enumerate(text.split("\n"), start=1)),
        rules=rules,
    )


def without(draft: Draft, drop: dict[int, str]) -> Draft:
    """The draft with the lines at ``drop`` (line number -> rule) removed and recorded."""
    if not drop:
        return draft
    kept = tuple(line for line in draft.lines if line.number not in drop)
    removed = tuple(
        RemovedLine(line.number, line.text, drop[line.number]) for line in draft.lines if line.number in drop
    )
    return replace(draft, lines=kept, removed=draft.removed + removed)


def blocks_of(lines: Iterable[Line]) -> list[list[Line]]:
    """Runs of non-blank lines, split at blank lines (a paragraph's raw lines)."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


# ---------------------------------------------------------------------------
# Small text predicates shared by the passes

# Closing quotes and brackets that may follow a sentence's final punctuation.
_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘([«"
# A last word that ends in a dot without ending a sentence: an abbreviation or
# an initial ("St.", "Gen.", "G.", "U.S.").
_ABBREVIATION_RE = re.compile(
    r"(?:St|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Cmdr|Mr|Mrs|Ms|Dr|Prof|Rep|Sen|Gov|Pres|Jan|Feb|Mar"
    r"|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|etc|approx|Inc|Corp|Co|Ltd|Jr|Sr|Fig|Vol)\."
    r"|[A-Z]\.|(?:[A-Za-z]\.){2,}"
)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence: . ! ? or … (then any closing quotes),
    but not the dot of an abbreviation or an initial ("St.", "U.S.").

    Looks at the last word only, so it costs the same for any line length.
    """
    end = text.rstrip(_CLOSERS)
    if not end or end[-1] not in ".!?…":
        return False
    if end[-1] != ".":
        return True
    last_word = end.rsplit(None, 1)[-1].lstrip(_OPENERS)
    return not _ABBREVIATION_RE.fullmatch(last_word)


def is_finished(text: str) -> bool:
    """A paragraph that stops here is finished: . ! ? … or : (a colon introduces what follows)."""
    end = text.rstrip(_CLOSERS)
    return bool(end) and end[-1] in ".!?…:"


def word_count(text: str) -> int:
    return len(text.split())


def is_line_per_paragraph(texts: Sequence[str]) -> bool:
    """Whether a block holds one paragraph per line (web copy) rather than hard-wrapped prose.

    Hard-wrapped prose breaks lines mid-sentence; web copy without blank lines
    ends every line with a sentence.  So: at least two lines, every one ends a
    sentence (an abbreviation or initial does not count), and none after the
    first starts in lowercase (which would continue the sentence before it).
    """
    return (
        len(texts) >= 2
        and all(ends_sentence(text) for text in texts)
        and not any(text[:1].islower() for text in texts[1:])
    )

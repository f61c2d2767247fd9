"""The same event, the same date: a claim's ``date`` held to the glossary entry it is ``about``, to
the dates the notes tagged with it state, and to the dates of the sources that report it.

Warnings (``date.mismatch``) where they cannot all be right:

- a claim dated outside the dates of the glossary entry it is about: an event's ``date`` (to its
  ``until``), or, for a person, every post the glossary gives with dates;
- a note tagged with the claim that states a date in the claim's year (or the event's, for a claim
  without a date of its own) that does not agree with it: a date in another year is taken for
  another event, which notes often give for context;
- a source that reports the claim, dated before the claim's date: it cannot report what had not
  happened.

Dates agree when the days they may mean overlap (:mod:`briefbook.editorial.datewords`): "February
2026" agrees with 5 February 2026, "the fall of 2021" with 2021.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from ..dates import human_date
from ..editorial.claims import Claim
from ..editorial.datewords import Stated, span_of, stated_dates
from ..editorial.glossary import Entry
from ..editorial.prose import read_prose
from ..errors import Code, Problem
from .labels import source_label
from .model import Book

Span = tuple[date, date]


def entry_spans(entry: Entry) -> list[Span]:
    """The days a glossary entry's dates cover: an event's date (to its end), else each dated post."""
    if entry.date:
        first, last = span_of(entry.date), span_of(entry.until or entry.date)
        return [(first[0], last[1])] if first and last else []
    spans = []
    for role in entry.roles:
        if role.start or role.end:
            start, end = span_of(role.start), span_of(role.end)
            spans.append((start[0] if start else date.min, end[1] if end else date.max))
    return spans


def _entry_dates(entry: Entry) -> str:
    if entry.date:
        until = f" to {human_date(entry.until)}" if entry.until else ""
        return f"dated {human_date(entry.date)}{until}"
    posts = [
        f"{role.role} ({human_date(role.start) or '?'} to {human_date(role.end) or 'present'})"
        for role in entry.roles
        if role.start or role.end
    ]
    return "with the posts " + "; ".join(posts)


def subject(book: Book, claim: Claim) -> Entry | None:
    """The glossary entry a claim is about, if it names one that exists."""
    try:
        return book.glossary.by_id(claim.about) if claim.about else None
    except KeyError:
        return None


def subject_problems(book: Book, claim: Claim) -> list[Problem]:
    """A claim dated outside the dates of the glossary entry it is about."""
    span, entry = span_of(claim.date), subject(book, claim)
    if not span or entry is None:
        return []
    spans = entry_spans(entry)
    if not spans or any(first <= span[1] and span[0] <= last for first, last in spans):
        return []
    message = (
        f"claim {claim.id!r} is dated {human_date(claim.date)}, but the glossary entry it is about, "
        f"{entry.term!r}, is {_entry_dates(entry)}"
    )
    hint = "correct the claim's date or the entry's, or point about: at the entry the claim dates"
    return [
        Problem(Code.DATE_MISMATCH, message, str(book.claims.path), claim.date_line or claim.line, hint=hint)
    ]


def claim_span(book: Book, claim: Claim) -> Span | None:
    """The days a claim happened on: its own date, else the date of the event it is about."""
    span, entry = span_of(claim.date), subject(book, claim)
    if span or entry is None or not entry.date:
        return span
    spans = entry_spans(entry)
    return spans[0] if spans else None


def _disagreeing(stated: list[Stated], span: Span) -> list[Stated]:
    years = set(range(span[0].year, span[1].year + 1))
    return [
        found
        for found in stated
        if found.precise and {found.first.year, found.last.year} & years and not found.agrees(*span)
    ]


@cache
def _file_lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text("utf-8", errors="replace").split("\n"))
    except OSError:
        return ()


def line_of_words(path: Path, first: int, words: str) -> int:
    """The line of ``path`` where ``words`` stand, searched from line ``first`` on (a folded text
    may break them across lines); ``first`` where they are not found as written."""
    lines = _file_lines(path)
    if not first or not lines:
        return first
    text = "\n".join(lines[first - 1 : first + 199])
    found = re.search(r"\s+".join(map(re.escape, words.split())), text)
    return first + text.count("\n", 0, found.start()) if found else first


def note_problems(book: Book, claim: Claim) -> list[Problem]:
    """Notes tagged with a claim that give it another date in the same year."""
    span = claim_span(book, claim)
    if not span:
        return []
    event = subject(book, claim)
    when = (
        human_date(claim.date)
        if claim.date
        else f"{human_date(event.date if event else None)}, its event's date"
    )
    problems = []
    for entry, note in book.claim_passages(claim.id):
        for text, first in ((note.note.note, note.note.note_line), (note.note.basis, note.note.basis_line)):
            if not text:
                continue
            for found in _disagreeing(stated_dates(read_prose(text).text), span):
                line = line_of_words(entry.sidecar.path, first or note.note.line, found.words)
                message = (
                    f"the note states {found.words!r}, and the claim it is tagged with, {claim.id!r}, "
                    f"is dated {when}"
                )
                hint = (
                    "if the note means the claim's event, make the two dates agree; if another event, name it"
                )
                problems.append(
                    Problem(Code.DATE_MISMATCH, message, str(entry.sidecar.path), line, hint=hint)
                )
    return problems


def source_problems(book: Book, claim: Claim) -> list[Problem]:
    """Sources dated before the claim they report happened (one warning, naming them all)."""
    span = span_of(claim.date)
    if not span:
        return []
    early: dict[str, str] = {}
    for report in book.standing(claim.id).reports:
        entry = book.article(report.stem)
        dated = span_of(entry.sidecar.date)
        if report.stance != "contradicts" and dated and dated[1] < span[0]:
            early[report.stem] = f"{source_label(book, entry)}, dated {human_date(entry.sidecar.date)}"
    if not early:
        return []
    message = (
        f"claim {claim.id!r} is dated {human_date(claim.date)}, but sources that report it are dated "
        f"before it: {'; '.join(early.values())}"
    )
    hint = "one of the dates is wrong, or the sources report something else"
    line = claim.date_line or claim.line
    return [Problem(Code.DATE_MISMATCH, message, str(book.claims.path), line, hint=hint)]


def date_problems(book: Book) -> list[Problem]:
    """Every claim's date held to its glossary entry, its notes and its sources."""
    problems: list[Problem] = []
    for claim in book.claims.claims:
        problems += subject_problems(book, claim)
        problems += note_problems(book, claim)
        problems += source_problems(book, claim)
    return problems

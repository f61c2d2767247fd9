"""What ``briefbook check`` suggests about origins: each claim-tagged passage that rests on no
declared origin (so counts as its source's own reporting) but whose sentence attributes what it
says to someone, with that attribution and the declared origin it would belong to, so that an
editor confirms rather than hunts.

The attribution is found by :mod:`briefbook.analysis.attribution`; the origin by the names in it:
an origin's ``who`` and ``names``, and the glossary's spellings of an entry one of them names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis.attribution import attribution_in, name_pattern, named_in, sentence_around
from ..models import CAPTION
from .model import OWN_REPORTING, Book


@dataclass(frozen=True)
class OriginSuggestion:
    """A passage that counts as its source's own reporting, though its sentence attributes it."""

    stem: str
    sidecar: str  # the sidecar's path, as the book was read
    line: int  # the note's line in it
    paragraph: int  # 1-based (0: the photo caption)
    quote: str
    claim: str
    attribution: str  # as it stands in the text: "Eucom said in a statement"
    origin: str | None  # the declared origin it would belong to, or None: no origin declared yet
    label: str | None  # that origin's label

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def origin_names(book: Book) -> dict[str, re.Pattern[str]]:
    """Each declared origin's names as one pattern: its who, its names, and every spelling of a
    glossary entry whose spelling is one of those."""
    if book.origins is None:
        return {}
    spellings: dict[str, tuple[str, ...]] = {}
    for entry in book.glossary.entries:
        for surface in entry.surfaces:
            spellings.setdefault(surface.casefold(), entry.surfaces)
    patterns = {}
    for origin in book.origins.origins:
        names = [origin.who, *origin.names]
        names += [s for name in list(names) for s in spellings.get(name.casefold(), ())]
        pattern = name_pattern(names)
        if pattern is not None:
            patterns[origin.id] = pattern
    return patterns


def origin_suggestions(book: Book) -> list[OriginSuggestion]:
    """Every claim-tagged passage that counts as its source's own reporting and whose sentence
    attributes it to someone, in the book's order."""
    patterns = origin_names(book)
    found = []
    for claim in book.claims.claims:
        for report in book.standing(claim.id).reports:
            if not report.origin.startswith(OWN_REPORTING):
                continue
            entry, note = book.article(report.stem), report.note
            span = note.span
            paragraph = (
                entry.article.caption or ""
                if span.paragraph == CAPTION
                else entry.article.paragraphs[span.paragraph]
            )
            attribution = attribution_in(sentence_around(paragraph, span.start, span.end))
            if attribution is None:
                continue
            origin_id = named_in(attribution, patterns)
            origin = book.origin(origin_id) if origin_id else None
            found.append(
                OriginSuggestion(
                    entry.stem,
                    str(entry.sidecar.path),
                    note.note.line,
                    span.paragraph + 1,
                    paragraph[span.start : span.end],
                    claim.id,
                    attribution.text,
                    origin_id,
                    origin.label if origin else None,
                )
            )
    position = {entry.stem: index for index, entry in enumerate(book.articles)}
    return sorted(found, key=lambda s: (position[s.stem], s.line))

"""The blocks that say what each claim stands on: the claims matrix's rows (``bb-claims``), the
key judgments with the claims each rests on (``bb-judgments``, included in the front page) and
the generated ``{claim}`` index, written by :mod:`.overviews` and :mod:`.provenance` and read by
the Sphinx side.

Part of the one contract of :mod:`.blocks` (which names everything here with the rest), in a
module of its own so that each stays short; light to import, like it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .myst import block, json_lines, json_rows, row_fields

CLAIMS = "bb-claims"
JUDGMENTS = "bb-judgments"


@dataclass(frozen=True)
class SourceHead:
    """A source as an overview table heads its column: its label, page and title; for a copy,
    its original's label (a copy has no column of its own: its marks stand in its original's)."""

    label: str
    doc: str
    title: str
    copy_of: str | None = None


@dataclass(frozen=True)
class StancePassage:
    """In a claim's cell: a passage of that source that takes a stance on the claim."""

    stance: str
    doc: str
    target: str
    words: str
    source: str = ""  # the label of the source it stands in
    copy_of: str | None = None  # where that source is a copy: its original's label


@dataclass(frozen=True)
class Standing:
    """What a claim stands on, as the pages show it (from :mod:`briefbook.book.standing`)."""

    grade: int  # 1–6
    text: str  # "credibility 2, probably true" (", the editor's grade" where overridden)
    counts: str  # "4 sources · 1 independent origin; contradicted by 1 source · 1 independent origin"
    reason: str  # why the rule gives the grade; or, overridden, the editor's reason
    overridden: bool = False
    computed: str | None = None  # overridden: the grade the rule gives, "credibility 2, probably true"
    flag: str | None = None  # "four reports, one origin: EUCOM's statement of 5 February 2026"


@dataclass(frozen=True)
class OriginMarks:
    """In a claim's row: an origin it rests on, and the passages that carry it (each with its stance)."""

    label: str
    target: str | None  # its id on the sources page (a declared origin); None for a source's own reporting
    passages: tuple[StancePassage, ...]


@dataclass(frozen=True)
class ClaimRow:
    """A claim in ``bb-claims``: its statement and, per source in the head's order, its passages
    (a copy's passages stand in its original's cell); its standing, its passages grouped by the
    origin they rest on, and the editor's note on it (MyST, from line ``note_line`` of ``note_file``)."""

    id: str
    date: str | None
    statement: str
    disputed: bool
    cells: tuple[tuple[StancePassage, ...], ...]
    standing: Standing | None = None
    origins: tuple[OriginMarks, ...] = ()
    note: str | None = None
    note_file: str | None = None
    note_line: int = 0


def write_claims(sources: Iterable[SourceHead], claims: Iterable[ClaimRow]) -> str:
    """``bb-claims``: a first row of the sources, then one row per claim."""
    return block(
        CLAIMS, "", json_lines([[row_fields(source) for source in sources], *map(row_fields, claims)])
    )


def _claim_row(row: dict) -> ClaimRow:
    standing = row.get("standing")
    origins = tuple(
        OriginMarks(**{**o, "passages": tuple(StancePassage(**p) for p in o["passages"])})
        for o in row.get("origins", ())
    )
    return ClaimRow(
        **{
            **row,
            "cells": tuple(tuple(StancePassage(**p) for p in cell) for cell in row["cells"]),
            "standing": Standing(**standing) if standing else None,
            "origins": origins,
        }
    )


def read_claims(lines: Iterable[str]) -> tuple[list[SourceHead], list[ClaimRow]]:
    head, *rows = json_rows(lines)
    return [SourceHead(**source) for source in head], [_claim_row(row) for row in rows]


@dataclass(frozen=True)
class ClaimSummary:
    """What the ``{claim}`` role shows of a claim in a hand-written page: its statement, the
    sources that report it, and its credibility (grade and what it stands on)."""

    statement: str
    reporters: tuple[str, ...]  # the labels of the sources that report it, sorted
    grade: str | None = None  # "credibility 2, probably true"
    standing: str | None = None  # "4 sources · 1 independent origin; four reports, one origin: ..."


def write_claims_index(claims: Mapping[str, ClaimSummary]) -> str:
    """The ``{claim}`` index: each claim's id, statement, reporters and standing, as one JSON object."""
    index = {
        claim_id: {"statement": claim.statement, "reporters": list(claim.reporters)}
        | ({"grade": claim.grade, "standing": claim.standing} if claim.grade else {})
        for claim_id, claim in claims.items()
    }
    return json.dumps(index, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def read_claims_index(text: str) -> dict[str, ClaimSummary]:
    return {
        claim_id: ClaimSummary(
            claim["statement"], tuple(claim["reporters"]), claim.get("grade"), claim.get("standing")
        )
        for claim_id, claim in json.loads(text).items()
    }


@dataclass(frozen=True)
class Evidence:
    """A claim a key judgment rests on, as the front page cites it: its statement and standing."""

    id: str
    statement: str
    grade: int  # 1–6
    text: str  # "credibility 2, probably true" (", the editor's grade" where overridden)
    standing: str  # "3 sources · 1 independent origin; four reports, one origin: ..."


@dataclass(frozen=True)
class JudgmentRow:
    """A key judgment in ``bb-judgments``: its title (plain text), its text and caveat (the
    editor's MyST, from lines ``text_line`` and ``caveat_line`` of ``file``), and its evidence."""

    id: str
    title: str
    text: str | None
    caveat: str | None
    file: str
    text_line: int
    caveat_line: int
    claims: tuple[Evidence, ...]


def write_judgments(rows: Iterable[JudgmentRow]) -> str:
    """``bb-judgments``: one row per key judgment, in order (none: the book has none yet)."""
    return block(JUDGMENTS, "", json_lines(row_fields(row) for row in rows))


def read_judgments(lines: Iterable[str]) -> list[JudgmentRow]:
    return [
        JudgmentRow(**{**row, "claims": tuple(Evidence(**claim) for claim in row["claims"])})
        for row in json_rows(lines)
    ]

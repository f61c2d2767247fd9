"""What the pages show of the book's provenance: each claim's standing (its grade, its sources and
origins, its marks grouped by origin), each source's reliability and copies, the declared
origins with the passages that rest on them, and the key judgments with the claims each rests on.

Rows for :mod:`.blocks` and plain strings, made from :mod:`briefbook.book.standing`; the page
writers (:mod:`.overviews`, :mod:`.article`) put them where the reader meets them.
"""

from __future__ import annotations

from ..book import (
    Book,
    BookArticle,
    ClaimStanding,
    Report,
    grade_label,
    origin_passages,
    passage_words,
    source_label,
)
from ..book.judgmentcheck import cited_claims
from ..dates import human_date
from ..kinds import ORIGIN_KINDS
from ..models import Link
from ..names import origin_target, passage_id
from . import blocks
from .myst import GENERATED_MARK


def standing_row(standing: ClaimStanding) -> blocks.Standing:
    """A claim's standing as its rows hold it: the grade in words, the counts, the reason."""
    return blocks.Standing(
        grade=standing.grade,
        text=standing.grade_text,
        counts=standing.counts(),
        reason=standing.override_reason if standing.overridden else standing.grade_reason,
        overridden=standing.overridden,
        computed=standing.computed_text if standing.overridden else None,
        flag=standing.one_origin,
    )


def stance_passage(book: Book, report: Report) -> blocks.StancePassage:
    """A passage that takes a stance on a claim, with its source's label (and its original's, for a copy)."""
    entry = book.article(report.stem)
    copy_of = source_label(book, book.article(report.source)) if report.source != report.stem else None
    return blocks.StancePassage(
        report.stance,
        entry.docname,
        passage_id(entry.stem, report.note.key),
        passage_words(entry, report.note),
        source_label(book, entry),
        copy_of,
    )


def origin_marks(book: Book, standing: ClaimStanding) -> tuple[blocks.OriginMarks, ...]:
    """A claim's passages grouped by the origin they rest on (whatever their stance), the origins
    that support it first, each group's passages in the book's order."""
    grouped: dict[str, list[Report]] = {}
    labels: dict[str, tuple[str, bool]] = {}
    for group in standing.groups:
        grouped.setdefault(group.key, []).extend(group.reports)
        labels[group.key] = (group.label, group.declared)
    order = {id(report): index for index, report in enumerate(standing.reports)}
    return tuple(
        blocks.OriginMarks(
            labels[key][0],
            origin_target(key) if labels[key][1] else None,
            tuple(stance_passage(book, r) for r in sorted(reports, key=lambda r: order[id(r)])),
        )
        for key, reports in grouped.items()
    )


def claim_summary_standing(standing: ClaimStanding) -> str:
    """What stands beside a claim's grade where there is room for one line: its counts, and the
    one-origin flag."""
    return standing.counts() + (f"; {standing.one_origin}" if standing.one_origin else "")


def reliability_text(entry: BookArticle) -> str:
    """ "B (usually reliable): the editor's reason", or "not graded"."""
    reliability = entry.sidecar.reliability
    if reliability is None:
        return grade_label(None)
    return f"{grade_label(reliability.grade)}: {reliability.reason}"


def origin_rows(book: Book) -> list[blocks.OriginRow]:
    """The declared origins, in the order of origins.yaml, each with a link to the first passage
    of each source that rests on it."""
    if book.origins is None:
        return []
    resting = origin_passages(book)
    rows = []
    for origin in book.origins.origins:
        links, seen = [], set()
        for report in resting.get(origin.id, ()):
            if report.stem in seen:
                continue
            seen.add(report.stem)
            entry = book.article(report.stem)
            links.append(
                Link(source_label(book, entry), entry.docname, passage_id(entry.stem, report.note.key))
            )
        rows.append(
            blocks.OriginRow(
                origin.id,
                origin.label,
                ORIGIN_KINDS.get(origin.kind, origin.kind),
                origin.who,
                human_date(origin.date),
                origin.url,
                origin.note,
                book.origins.path.name,
                origin.note_line,
                tuple(links),
            )
        )
    return rows


def judgment_rows(book: Book) -> list[blocks.JudgmentRow]:
    """The key judgments in order, each with the claims it rests on (its list, then any its text
    cites), each claim with its statement and standing."""
    if book.judgments is None:
        return []
    rows = []
    for judgment in book.judgments.judgments:
        evidence = []
        for claim_id in cited_claims(judgment):
            claim, standing = book.claims.get(claim_id), book.standing(claim_id)
            if claim is not None:
                summary = claim_summary_standing(standing)
                evidence.append(
                    blocks.Evidence(claim_id, claim.statement, standing.grade, standing.grade_text, summary)
                )
        text, caveat = judgment.text, judgment.caveat
        rows.append(
            blocks.JudgmentRow(
                judgment.id,
                " ".join(judgment.title.text.split()),
                text.text if text else None,
                caveat.text if caveat else None,
                book.judgments.path.name,
                text.line if text else 0,
                caveat.line if caveat else 0,
                tuple(evidence),
            )
        )
    return rows


def render_judgments(book: Book) -> str:
    """The key judgments the front page includes (:data:`briefbook.names.JUDGMENTS_PAGE`)."""
    return GENERATED_MARK + "\n\n" + blocks.write_judgments(judgment_rows(book))

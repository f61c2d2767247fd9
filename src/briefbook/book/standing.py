"""What each claim stands on: its sources and their independent origins, for and against, and the
credibility grade (1–6, the Admiralty system) a documented rule gives it.

Counted honestly: a copy of an article (:mod:`briefbook.analysis.copies`) is folded into its
original, so it is never another source; each passage rests on an origin (its note's
``origin:``, else its claim's one ``origins:`` entry, else the reporting of its own source), so
four reports of one statement are one origin.

**The rule.**  S is the number of independent origins that support the claim, C the number that
contradict it, each origin counted only when a source of its own carries it: two origins known
only from one source count once, since the book has only that source's word for both (the most
origins that can each be paired with a different source; a copy counts as its original).
Passages that only *qualify* a claim are shown and counted as sources, not as origins.

- 6 cannot be judged: S = 0 and C = 0;
- not contradicted (C = 0):
  S ≥ 2, and two of those origins each carried by a different source graded A–C: 1 confirmed;
  S ≥ 2 otherwise: 2 probably true;
  S = 1, carried by a source graded A or B: 2 probably true;
  S = 1, its best source graded C or F, or not graded: 3 possibly true;
  S = 1, carried only by sources graded D or E: 4 doubtful;
- contradicted only by sources graded D or E, and supported by a source graded A–C: one step
  below the grade it would have uncontradicted (a refinement of the plain rule below: a source
  the editor finds not usually reliable should not weigh as much as the one it contradicts);
- contradicted otherwise (C > 0): S > C 3 possibly true, S = C 4 doubtful, S < C 5 improbable.

An editor's ``credibility:`` on the claim replaces the grade and is shown as the editor's, with
its reason; the computed grade is kept beside it.  Built once per book, by :func:`claim_standings`;
read with ``Book.standing(claim_id)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..kinds import NOT_GRADED, RELIABILITY_GRADES
from ..models import LocatedNote
from .labels import source_label
from .model import (
    OWN_REPORTING,
    Book,
    ClaimStanding,
    OriginGroup,
    Report,
    in_words,
)

GOOD_GRADES = frozenset("ABC")  # sources whose origins can confirm a claim
STRONG_GRADES = frozenset("AB")  # one origin they carry makes a claim probably true
WEAK_GRADES = frozenset("DE")  # one origin only they carry leaves a claim doubtful


def grade_of(book: Book, stem: str) -> str | None:
    """A source's reliability grade (A–F), or None where the editor has not graded it."""
    reliability = book.article(stem).sidecar.reliability
    return reliability.grade if reliability else None


def grade_label(grade: str | None) -> str:
    """A reliability grade as the book names it: "B (usually reliable)", or "not graded"."""
    return f"{grade} ({RELIABILITY_GRADES[grade]})" if grade else NOT_GRADED


def origin_label(book: Book, key: str) -> str:
    """How the book names an origin: its label, or "own reporting of 003 News report"."""
    if key.startswith(OWN_REPORTING):
        return f"own reporting of {source_label(book, book.article(key[len(OWN_REPORTING) :]))}"
    origin = book.origin(key)
    return origin.label if origin else key


def matched(carriers: dict[str, set[str]]) -> int:
    """The most origins that can each be paired with a different source carrying it (a maximum
    bipartite matching, by augmenting paths: a claim has a handful of origins)."""
    partner: dict[str, str] = {}

    def place(origin: str, seen: set[str]) -> bool:
        for source in sorted(carriers[origin]):
            if source in seen:
                continue
            seen.add(source)
            if source not in partner or place(partner[source], seen):
                partner[source] = origin
                return True
        return False

    return sum(place(origin, set()) for origin in sorted(carriers))


def report_origin(book: Book, note: LocatedNote, source: str) -> str:
    """The origin a passage rests on: its own ``origin:``, else its claim's one origin, else the
    reporting of the source it counts as."""
    if note.note.origin:
        return note.note.origin
    claim = book.claims.get(note.note.claim) if note.note.claim else None
    if claim is not None and len(claim.origins) == 1:
        return claim.origins[0]
    return OWN_REPORTING + source


def _support_grade(book: Book, supporting: dict[str, set[str]], s: int) -> tuple[int, str]:
    """The grade an uncontradicted claim gets from its support, and why (S >= 1)."""
    raw = len(supporting)
    counted = f"{in_words(s)} independent {'origin' if s == 1 else 'origins'}"
    if raw > s:  # origins known only from sources that carry others too: counted once per source
        sources = {x for found in supporting.values() for x in found}
        known = "one source" if len(sources) == 1 else f"{in_words(len(sources))} sources"
        counted = f"{in_words(raw)} origins, known only from {known}, so counted as {in_words(s)}"
    if s >= 2:
        good = {o: {x for x in found if grade_of(book, x) in GOOD_GRADES} for o, found in supporting.items()}
        if matched(good) >= 2:
            return 1, f"{counted}, each reported by a source graded A–C"
        return 2, f"{counted}, fewer than two of them reported by a source graded A–C"
    grades = {grade_of(book, x) for found in supporting.values() for x in found}
    if grades & STRONG_GRADES:
        return 2, f"{counted}, reported by a source graded {min(grades & STRONG_GRADES)}"
    if grades <= WEAK_GRADES:
        return 4, f"{counted}, reported only by sources graded D or E"
    best = "graded C" if "C" in grades else ("graded F" if "F" in grades else NOT_GRADED)
    return 3, f"{counted}, its best source {best}"


def computed_grade(book: Book, groups: Iterable[OriginGroup]) -> tuple[int, int, int, str]:
    """(grade, S, C, reason) by the rule in this module's docstring."""
    carriers: dict[str, dict[str, set[str]]] = {"supports": {}, "contradicts": {}}
    for group in groups:
        if group.stance in carriers:
            carriers[group.stance].setdefault(group.key, set()).update(group.sources)
    supporting, contradicting = carriers["supports"], carriers["contradicts"]
    s, c = matched(supporting), matched(contradicting)
    if s == 0 and c == 0:
        return 6, s, c, "no origin supports or contradicts it"
    if c == 0:
        grade, reason = _support_grade(book, supporting, s)
        return grade, s, c, f"{reason}; no contradiction"
    against = {x for found in contradicting.values() for x in found}
    supported = {x for found in supporting.values() for x in found}
    weak = all(grade_of(book, x) in WEAK_GRADES for x in against)
    if s and weak and any(grade_of(book, x) in GOOD_GRADES for x in supported):
        grade, reason = _support_grade(book, supporting, s)
        return grade + 1, s, c, f"{reason}; contradicted only by sources graded D or E, one step lower"
    support = f"{in_words(s)} independent {'origin supports' if s == 1 else 'origins support'} it"
    versus = f"{in_words(c)} {'contradicts' if c == 1 else 'contradict'} it"
    return (3 if s > c else 4 if s == c else 5), s, c, f"{support} and {versus}"


def one_origin_flag(book: Book, groups: list[OriginGroup]) -> str | None:
    """ "four reports, one origin: EUCOM's statement of 5 February 2026", where every source that
    reports a claim (supporting or qualifying it) rests on one origin; else None."""
    reporting = [g for g in groups if g.stance in ("supports", "qualifies")]
    keys = {g.key for g in reporting}
    sources = {source for g in reporting for source in g.sources}
    if len(keys) != 1 or len(sources) < 2:
        return None
    return f"{in_words(len(sources))} reports, one origin: {reporting[0].label}"


def standing_of(book: Book, claim_id: str) -> ClaimStanding:
    """One claim's standing (see the module's docstring)."""
    reports = []
    for entry, note in book.claim_passages(claim_id):
        source = book.independent(entry.stem)
        stance = note.note.stance or "supports"
        reports.append(Report(entry.stem, source, note, stance, report_origin(book, note, source)))
    grouped: dict[tuple[str, str], list[Report]] = {}
    for report in reports:
        grouped.setdefault((report.stance, report.origin), []).append(report)
    order = {"supports": 0, "contradicts": 1, "qualifies": 2}
    groups = [
        OriginGroup(key, origin_label(book, key), not key.startswith(OWN_REPORTING), stance, tuple(found))
        for (stance, key), found in sorted(grouped.items(), key=lambda item: order[item[0][0]])
    ]

    def sources(stance: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source for r in reports if r.stance == stance))

    def origins(stance: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.origin for r in reports if r.stance == stance))

    supports, contradicts = sources("supports"), sources("contradicts")
    qualifies = tuple(s for s in sources("qualifies") if s not in supports and s not in contradicts)
    grade, s, c, reason = computed_grade(book, groups)
    claim = book.claims.get(claim_id)
    override = claim.credibility if claim else None
    return ClaimStanding(
        claim_id=claim_id,
        reports=tuple(reports),
        groups=tuple(groups),
        supports=supports,
        contradicts=contradicts,
        qualifies=qualifies,
        origins_supporting=origins("supports"),
        origins_contradicting=origins("contradicts"),
        support_count=s,
        contradict_count=c,
        grade=override.grade if override else grade,
        computed_grade=grade,
        grade_reason=reason,
        overridden=override is not None,
        override_reason=override.reason if override else None,
        one_origin=one_origin_flag(book, groups),
    )


def claim_standings(book: Book) -> dict[str, ClaimStanding]:
    """Every claim's standing, by id, in the claims' order."""
    return {claim.id: standing_of(book, claim.id) for claim in book.claims.claims}


def origin_passages(book: Book) -> dict[str, list[Report]]:
    """The passages that rest on each declared origin, by origin id, in the book's order: the
    claim-tagged passages by their standing, and every other note that names an ``origin:``."""
    found: dict[str, list[Report]] = {}
    for standing in book.standings.values():
        for report in standing.reports:
            if not report.origin.startswith(OWN_REPORTING):
                found.setdefault(report.origin, []).append(report)
    for entry in book.articles:
        source = book.independent(entry.stem)
        for note in entry.notes:
            if note.note.origin and not note.note.claim:
                report = Report(entry.stem, source, note, "", note.note.origin)
                found.setdefault(note.note.origin, []).append(report)
    position = {entry.stem: index for index, entry in enumerate(book.articles)}
    return {
        key: sorted(reports, key=lambda r: (position[r.stem], r.note.number))
        for key, reports in found.items()
    }

"""The Book model: every article with its notes, the book-wide files, and the indexes that answer
"who else reports this claim", "who mentions this term", "who shares words with this article",
"which article is a copy of which" and "how much does this claim stand on".

Frozen dataclasses built once by :func:`briefbook.book.load.load_book`; the indexes are built with
them, so look-ups inside the page writer's loops stay constant-time as the book grows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..analysis.copies import Copy
from ..analysis.reuse import SharedPassage
from ..analysis.termmatch import TermMatch
from ..editorial.claims import Claims
from ..editorial.glossary import Glossary
from ..editorial.judgments import Judgments
from ..editorial.origins import Origin, Origins
from ..errors import Problem
from ..kinds import CREDIBILITY_GRADES
from ..models import Article, LinkLine, LocatedNote, Sidecar, Span
from ..names import GENERATED_DIR, JUDGMENTS_FILE, ORIGINS_FILE

T = TypeVar("T")


def _none(row: object) -> int:
    return 0


@dataclass(frozen=True)
class SharedMark:
    """A passage the book marks itself: words this article shares, word for word, with another.

    It stands in the margin among the editor's notes and is numbered with them in one reading
    order, but it is not a note: no sidecar holds it, it says nothing of its own, and it carries
    only the links to where the same words stand (``lines``, added with the cross-links).
    """

    number: int  # 1-based, in reading order within the article, shared with the editor's notes
    span: Span
    lines: tuple[LinkLine, ...] = ()
    key: str = ""  # its stable identity, from the words it marks (briefbook.book.identity)


# What stands in an article's margin: an editor's note, or a passage the book marks itself.
Mark = LocatedNote | SharedMark


@dataclass(frozen=True)
class BookArticle:
    article: Article
    sidecar: Sidecar
    notes: tuple[LocatedNote, ...]  # the editor's notes, anchored
    # glossary terms to link, per paragraph (first mention per article, or every one)
    terms: tuple[tuple[TermMatch, ...], ...] = ()
    # how often each glossary entry is mentioned in the article
    mentions: tuple[tuple[str, int], ...] = ()
    shared_marks: tuple[SharedMark, ...] = ()  # the passages it shares with other articles

    @property
    def marks(self) -> tuple[Mark, ...]:
        """The editor's notes and the book's shared-passage marks together, by number."""
        return tuple(sorted((*self.notes, *self.shared_marks), key=lambda mark: mark.number))

    @property
    def stem(self) -> str:
        return self.article.stem

    @property
    def docname(self) -> str:
        return f"{GENERATED_DIR}/{self.stem}"

    @property
    def title(self) -> str:
        """The sidecar's title, else the headline cleaning found, else the file's name."""
        return self.sidecar.title or self.article.headline or self.stem


@dataclass(frozen=True)
class Book:
    seeds: Path
    articles: tuple[BookArticle, ...]
    claims: Claims
    glossary: Glossary
    shared: tuple[SharedPassage, ...] = ()
    warnings: tuple[Problem, ...] = ()  # problems that do not stop the build
    origins: Origins | None = None  # None: no origins.yaml
    copies: tuple[Copy, ...] = ()  # the articles found to be copies of another, in the book's order
    judgments: Judgments | None = None  # the key judgments (None: no judgments.yaml)
    # each claim's standing (briefbook.book.standing), by claim id: computed once, when the book is loaded
    standings: dict[str, ClaimStanding] = field(default_factory=dict, compare=False)
    # indexes built once, so look-ups inside loops stay constant-time as the book grows
    _by_stem: dict[str, BookArticle] = field(init=False, repr=False, compare=False, hash=False)
    _position: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)
    _by_claim: dict[str, list[tuple[BookArticle, LocatedNote]]] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _shared_by_stem: dict[str, list[SharedPassage]] = field(init=False, repr=False, compare=False, hash=False)
    _mentions: dict[str, list[tuple[BookArticle, int, bool]]] | None = field(
        init=False, default=None, repr=False, compare=False, hash=False
    )
    _copy: dict[str, Copy] = field(init=False, repr=False, compare=False, hash=False)
    _copies: dict[str, list[Copy]] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_claim: dict[str, list[tuple[BookArticle, LocatedNote]]] = {}
        for entry in self.articles:
            for note in entry.notes:
                if note.note.claim:
                    by_claim.setdefault(note.note.claim, []).append((entry, note))
        object.__setattr__(self, "_by_stem", {e.stem: e for e in self.articles})
        object.__setattr__(self, "_position", {e.stem: i for i, e in enumerate(self.articles)})
        object.__setattr__(self, "_by_claim", by_claim)
        shared_by_stem: dict[str, list[SharedPassage]] = {}
        for passage in self.shared:
            for stem in dict.fromkeys((passage.a, passage.b)):
                shared_by_stem.setdefault(stem, []).append(passage)
        object.__setattr__(self, "_shared_by_stem", shared_by_stem)
        object.__setattr__(self, "_copy", {c.copy: c for c in self.copies})
        copies: dict[str, list[Copy]] = {}
        for found in self.copies:
            copies.setdefault(found.original, []).append(found)
        object.__setattr__(self, "_copies", copies)

    def article(self, stem: str) -> BookArticle:
        return self._by_stem[stem]

    def position(self, stem: str) -> int:
        """An article's place in the book's order, from 0 (the order of its file names)."""
        return self._position[stem]

    def nearest(
        self,
        stem: str,
        rows: list[T],
        stem_of: Callable[[T], str],
        limit: int,
        weight: Callable[[T], int] = _none,
    ) -> tuple[list[T], int]:
        """Rows about other articles as a page lists them next to article ``stem``, and how many
        were left out: all of them, as given; or, past ``limit``, those of most ``weight``, among
        equals the nearest to ``stem`` in the book's order, listed in the book's order.  A claim
        many sources report would otherwise have every page about one of them list all the others:
        lists that grow with the square of the book, on screen and in print."""
        more = len(rows) - limit
        if more <= 0:
            return rows, 0
        here = self.position(stem)

        def rank(row: T) -> tuple[int, int, int]:
            where = self.position(stem_of(row))
            return (-weight(row), abs(where - here), where)

        kept = sorted(rows, key=rank)[:limit]
        return sorted(kept, key=lambda row: self.position(stem_of(row))), more

    def input_files(self, stem: str | None = None) -> list[Path]:
        """The files a page is made from (one article's, or all), so Sphinx can track them."""
        entries = [self.article(stem)] if stem else list(self.articles)
        files = [p for e in entries for p in (e.article.path, e.sidecar.path)]
        book_files = (
            self.claims.path,
            self.glossary.path,
            self.seeds / ORIGINS_FILE,
            self.seeds / JUDGMENTS_FILE,
        )
        return files + [p for p in book_files if p.exists()]

    # --- copies and origins

    def copy_of(self, stem: str) -> str | None:
        """The article this one is a copy of (the original of its group), or None."""
        found = self._copy.get(stem)
        return found.original if found else None

    def copy_record(self, stem: str) -> Copy | None:
        """How this article is a copy (of which original, how much of its text stands there), or None."""
        return self._copy.get(stem)

    def copies_of(self, stem: str) -> list[Copy]:
        """The copies of this article found in the book, in the book's order."""
        return list(self._copies.get(stem, ()))

    def independent(self, stem: str) -> str:
        """The source an article counts as: its original if it is a copy, else itself."""
        return self.copy_of(stem) or stem

    def origin(self, origin_id: str) -> Origin | None:
        """A declared origin (origins.yaml) by id."""
        return self.origins.get(origin_id) if self.origins else None

    def standing(self, claim_id: str) -> ClaimStanding:
        """What a claim stands on: its sources and independent origins, for and against, and its
        credibility grade (see :mod:`briefbook.book.standing`).  KeyError for an unknown claim."""
        return self.standings[claim_id]

    def claim_passages(self, claim_id: str) -> list[tuple[BookArticle, LocatedNote]]:
        return list(self._by_claim.get(claim_id, ()))

    def mentions_of(self, entry_id: str) -> list[tuple[BookArticle, int, bool]]:
        """The articles that mention a glossary entry: (article, mentions, whether one is linked).

        In the book's order; the index is built on first use, in one pass over all mentions.
        """
        if self._mentions is None:
            index: dict[str, list[tuple[BookArticle, int, bool]]] = {}
            for entry in self.articles:
                linked = {m.entry_id for matches in entry.terms for m in matches}
                for mentioned, count in entry.mentions:
                    index.setdefault(mentioned, []).append((entry, count, mentioned in linked))
            object.__setattr__(self, "_mentions", index)
        return list(self._mentions.get(entry_id, ()))

    def related(self, stem: str) -> list[tuple[BookArticle, int, int]]:
        """Other articles that report a claim this one reports or share words with it.

        (article, claims in common, shared passages), in the book's order; found through
        the indexes, so the cost follows the relations, not the size of the book.
        """
        claims: dict[str, set[str]] = {}
        for claim in {n.note.claim for n in self.article(stem).notes if n.note.claim}:
            for other, _ in self._by_claim.get(claim, ()):
                if other.stem != stem:
                    claims.setdefault(other.stem, set()).add(claim)
        shared: dict[str, int] = {}
        for passage in self._shared_by_stem.get(stem, ()):
            other_stem = passage.b if passage.a == stem else passage.a
            shared[other_stem] = shared.get(other_stem, 0) + 1
        stems = sorted(claims.keys() | shared.keys(), key=self._position.__getitem__)
        return [(self._by_stem[s], len(claims.get(s, ())), shared.get(s, 0)) for s in stems]


# --------------------------------------------------------------------- a claim's standing
# What book.standing computes for each claim (see :mod:`briefbook.book.standing` for the rule).

OWN_REPORTING = "own:"  # an origin key for a source's own reporting: "own:<stem of the source>"
_NUMBER_WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()


def in_words(count: int) -> str:
    """A small count in words ("four"), a larger one in digits."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)


@dataclass(frozen=True)
class Report:
    """One passage's part in a claim's standing."""

    stem: str  # the article the passage stands in
    source: str  # the source it counts as: its original, if the article is a copy
    note: LocatedNote
    stance: str
    origin: str  # an origin's id, or OWN_REPORTING + the source's stem


@dataclass(frozen=True)
class OriginGroup:
    """An origin a claim rests on, with one stance, and the reports that carry it."""

    key: str  # the origin's id, or OWN_REPORTING + stem
    label: str  # how the book names it: "EUCOM's statement of 5 February 2026"
    declared: bool  # an origin of origins.yaml (not a source's own reporting)
    stance: str
    reports: tuple[Report, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The independent sources that carry it, in the order of their reports."""
        return tuple(dict.fromkeys(report.source for report in self.reports))


@dataclass(frozen=True)
class ClaimStanding:
    """A claim's sources and origins, for and against, and its credibility grade."""

    claim_id: str
    reports: tuple[Report, ...]  # every tagged passage, in the book's order
    groups: tuple[OriginGroup, ...]  # by stance (supports, contradicts, qualifies), then first report
    supports: tuple[str, ...]  # independent sources with a supporting passage (copies folded)
    contradicts: tuple[str, ...]
    qualifies: tuple[str, ...]  # independent sources that only qualify it
    origins_supporting: tuple[str, ...]  # origin keys
    origins_contradicting: tuple[str, ...]
    support_count: int  # S: supporting origins, each carried by a source of its own
    contradict_count: int  # C
    grade: int  # the editor's, where given; else the computed one
    computed_grade: int
    grade_reason: str  # why the rule gives the computed grade, in words
    overridden: bool = False
    override_reason: str | None = None
    one_origin: str | None = None  # "four reports, one origin: EUCOM's statement of 5 February 2026"

    @property
    def grade_text(self) -> str:
        """The grade as the book shows it: "credibility 2, probably true", and where the editor
        gave it, ", the editor's grade"."""
        return credibility_text(self.grade) + (", the editor's grade" if self.overridden else "")

    @property
    def computed_text(self) -> str:
        """The grade the rule gives: "credibility 2, probably true"."""
        return credibility_text(self.computed_grade)

    def counts(self) -> str:
        """ "4 sources · 1 independent origin", with contradictions and qualifications counted the
        same way after it."""
        parts = [_sources_origins(len(self.supports), len(self.origins_supporting))] if self.supports else []
        if self.contradicts:
            against = _sources_origins(len(self.contradicts), len(self.origins_contradicting))
            parts.append(f"contradicted by {against}")
        if self.qualifies:
            parts.append(f"qualified by {_count(len(self.qualifies), 'source')}")
        return "; ".join(parts) or "no source reports it"


def credibility_text(grade: int) -> str:
    """ "credibility 2, probably true"."""
    return f"credibility {grade}, {CREDIBILITY_GRADES[grade]}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _sources_origins(sources: int, origins: int) -> str:
    word = "independent origin" if origins == 1 else "independent origins"
    return f"{_count(sources, 'source')} · {origins} {word}"

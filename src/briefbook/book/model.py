"""The Book model: every article with its notes, the book-wide files, and the indexes that answer
"who else reports this claim", "who mentions this term" and "who shares words with this article".

Frozen dataclasses built once by :func:`briefbook.book.load.load_book`; the indexes are built with
them, so look-ups inside the page writer's loops stay constant-time as the book grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.reuse import SharedPassage
from ..analysis.termmatch import TermMatch
from ..editorial.claims import Claims
from ..editorial.glossary import Glossary
from ..errors import Problem
from ..models import Article, LinkLine, LocatedNote, Sidecar, Span
from ..names import GENERATED_DIR


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

    def article(self, stem: str) -> BookArticle:
        return self._by_stem[stem]

    def position(self, stem: str) -> int:
        """An article's place in the book's order, from 0 (the order of its file names)."""
        return self._position[stem]

    def input_files(self, stem: str | None = None) -> list[Path]:
        """The files a page is made from (one article's, or all), so Sphinx can track them."""
        entries = [self.article(stem)] if stem else list(self.articles)
        files = [p for e in entries for p in (e.article.path, e.sidecar.path)]
        return files + [p for p in (self.claims.path, self.glossary.path) if p.exists()]

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

"""What changed between two manifests: the book at an edition, and the book now (or a later edition).

Plain data, compared field by field: articles new, removed or changed (title, text); notes added,
changed (with the fields that changed) and removed, matched by their stable keys; claims whose
standing changed (newly supported, newly disputed, sources added or gone, and, where the book grades
claims, a grade that moved or an independent origin that came or went); glossary entries new,
removed or redefined; the front page and its key judgments.  The "What's new" page and the marks on
notes and articles are made from it (:mod:`briefbook.pages.whatsnew`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .manifest import ArticleRecord, ClaimRecord, JudgmentRecord, Manifest, NoteRecord, TermRecord

NEW, CHANGED, REMOVED = "new", "changed", "removed"
NOTE_FIELDS = ("note", "basis", "claim", "stance")  # what may change in a note that keeps its key


@dataclass(frozen=True)
class NoteChange:
    stem: str
    key: str
    change: str  # NEW, CHANGED or REMOVED
    old: NoteRecord | None
    new: NoteRecord | None

    @property
    def fields(self) -> tuple[str, ...]:
        """For a changed note: which of its fields changed (text, basis, claim, stance)."""
        if self.old is None or self.new is None:
            return ()
        return tuple(f for f in NOTE_FIELDS if getattr(self.old, f) != getattr(self.new, f))


@dataclass(frozen=True)
class ArticleChange:
    stem: str
    change: str  # NEW, CHANGED or REMOVED
    old: ArticleRecord | None
    new: ArticleRecord | None
    notes: tuple[NoteChange, ...] = ()

    @property
    def retitled(self) -> bool:
        return self.old is not None and self.new is not None and self.old.title != self.new.title

    @property
    def text_changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.text != self.new.text

    def counts(self) -> dict[str, int]:
        """How many of its notes were added, changed and removed."""
        return {c: sum(1 for n in self.notes if n.change == c) for c in (NEW, CHANGED, REMOVED)}


@dataclass(frozen=True)
class ClaimChange:
    id: str
    change: str  # NEW, CHANGED or REMOVED
    old: ClaimRecord | None
    new: ClaimRecord | None

    @property
    def added_sources(self) -> tuple[tuple[str, str], ...]:
        before = set(self.old.sources) if self.old else set()
        return tuple(s for s in (self.new.sources if self.new else ()) if s not in before)

    @property
    def removed_sources(self) -> tuple[tuple[str, str], ...]:
        after = set(self.new.sources) if self.new else set()
        return tuple(s for s in (self.old.sources if self.old else ()) if s not in after)

    def gained(self, stance: str) -> bool:
        """Whether the claim has a source of this stance now and had none before."""
        return _has(self.new, stance) and not _has(self.old, stance)

    def lost(self, stance: str) -> bool:
        return _has(self.old, stance) and not _has(self.new, stance)

    @property
    def grade_moved(self) -> tuple[int | None, int | None] | None:
        """(old grade, new grade), where the book grades claims and the grade moved."""
        old = self.old.standing if self.old else None
        new = self.new.standing if self.new else None
        if old is None or new is None or old.grade == new.grade:
            return None
        return old.grade, new.grade

    def origins(self, side: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Independent origins on one side ("supporting" or "contradicting"): (new ones, gone ones)."""
        if not (self.old and self.old.standing and self.new and self.new.standing):
            return (), ()  # a book that did not grade claims then (or does not now) says nothing of origins
        old = getattr(self.old.standing, f"origins_{side}")
        new = getattr(self.new.standing, f"origins_{side}")
        return tuple(o for o in new if o not in old), tuple(o for o in old if o not in new)


def _has(claim: ClaimRecord | None, stance: str) -> bool:
    return claim is not None and any(s == stance for _, s in claim.sources)


@dataclass(frozen=True)
class TermChange:
    id: str
    change: str  # NEW, CHANGED or REMOVED
    old: TermRecord | None
    new: TermRecord | None


@dataclass(frozen=True)
class JudgmentChange:
    id: str
    change: str
    old: JudgmentRecord | None
    new: JudgmentRecord | None


@dataclass(frozen=True)
class Changes:
    articles: tuple[ArticleChange, ...] = ()
    claims: tuple[ClaimChange, ...] = ()
    glossary: tuple[TermChange, ...] = ()
    front_page: bool = False
    judgments: tuple[JudgmentChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.articles or self.claims or self.glossary or self.front_page or self.judgments)

    def article(self, stem: str) -> ArticleChange | None:
        return next((a for a in self.articles if a.stem == stem), None)


def _by_id(items, key) -> dict:
    return {key(item): item for item in items}


def _paired(old_items, new_items, key, make, changed=lambda a, b: a != b) -> tuple:
    """One change per item new, removed or changed: in the new order, then the removed in the old."""
    old, new = _by_id(old_items, key), _by_id(new_items, key)
    found = []
    for ident, item in new.items():
        if ident not in old:
            found.append(make(ident, NEW, None, item))
        elif changed(old[ident], item):
            found.append(make(ident, CHANGED, old[ident], item))
    found += [make(ident, REMOVED, item, None) for ident, item in old.items() if ident not in new]
    return tuple(c for c in found if c is not None)


def note_changes(old: ArticleRecord, new: ArticleRecord) -> tuple[NoteChange, ...]:
    return _paired(
        old.notes,
        new.notes,
        lambda n: n.key,
        lambda key, change, a, b: NoteChange(new.stem, key, change, a, b),
    )


def _article_change(stem: str, change: str, old, new) -> ArticleChange | None:
    if change != CHANGED:
        return ArticleChange(stem, change, old, new)
    return ArticleChange(stem, change, old, new, note_changes(old, new))


def compare(old: Manifest, new: Manifest) -> Changes:
    """Everything a reader of ``old`` would find changed in ``new``."""
    return Changes(
        articles=_paired(old.articles, new.articles, lambda a: a.stem, _article_change),
        claims=_paired(old.claims, new.claims, lambda c: c.id, ClaimChange, lambda a, b: not a.same_as(b)),
        glossary=_paired(old.glossary, new.glossary, lambda t: t.id, TermChange),
        front_page=old.front_page != new.front_page,
        judgments=_paired(old.judgments, new.judgments, lambda j: j.id, JudgmentChange),
    )


def summary_words(changes: Changes) -> list[str]:
    """What changed, counted in a few words each: "1 article new", "2 notes changed" ..."""
    from ..printable import counted

    def count(items, change: str) -> int:
        return sum(1 for item in items if item.change == change)

    notes = [n for a in changes.articles for n in a.notes]
    found = []
    for items, noun, plural in (
        (changes.articles, "article", "articles"),
        (notes, "note", "notes"),
        (changes.claims, "claim", "claims"),
        (changes.glossary, "glossary entry", "glossary entries"),
        (changes.judgments, "key judgment", "key judgments"),
    ):
        words = {NEW: "added" if noun == "note" else "new", CHANGED: "changed", REMOVED: "removed"}
        for change in (NEW, CHANGED, REMOVED):
            if number := count(items, change):
                found.append(f"{counted(number, noun, plural)} {words[change]}")
    if changes.front_page:
        found.append("the front page changed")
    return found

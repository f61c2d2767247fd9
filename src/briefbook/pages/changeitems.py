"""What's new's items, in words: what each change says, and how editions, articles and notes are
named and found on the page.

Plain text from the book and its manifests, made into the rows of :mod:`.changeblocks` (an article
with its notes, a claim, a glossary entry, the front page); a note's text, old or new, as plain
words (:func:`briefbook.editorial.markup.plain_text`).  :mod:`.whatsnew` puts them on the page.
"""

from __future__ import annotations

import re

from ..book import Book, passage_words, source_label
from ..book.changes import CHANGED, NEW, REMOVED, ArticleChange, Changes, ClaimChange, NoteChange
from ..book.editions import FRONT_PAGE, EditionState
from ..book.manifest import ArticleRecord, Manifest
from ..book.model import OWN_REPORTING
from ..dates import human_date
from ..editorial.markup import plain_text
from ..kinds import CREDIBILITY_GRADES, note_label
from ..names import passage_id
from ..printable import counted
from . import changeblocks as cb

FRONT_DOC = FRONT_PAGE.removesuffix(".md")  # the front page, which a judgment's item links to


def edition_name(edition: Manifest) -> str:
    """ "edition 2", or "edition 2 (week-7)" when its name is not its number."""
    if edition.name == str(edition.number):
        return f"edition {edition.number}"
    return f"edition {edition.number} ({edition.name})"


def edition_label(edition: Manifest) -> str:
    return f"{edition_name(edition)} of {human_date(edition.date) or edition.date}"


def article_anchor(stem: str) -> str:
    return f"bb-change-{stem.lower()}"


def note_anchor(stem: str, key: str) -> str:
    return f"bb-change-{stem.lower()}-{key}"


def old_text(change: NoteChange) -> str | None:
    """A changed note's previous text, when its text is what changed."""
    if change.change == CHANGED and "note" in change.fields and change.old is not None:
        return plain_text(change.old.note)
    return None


def note_details(change: NoteChange) -> list[str]:
    """What changed in a note besides its text, in a few words each."""
    old, new = change.old, change.new
    if old is None or new is None:
        return []
    details = []
    if "basis" in change.fields:
        details.append(
            "its basis changed"
            if old.basis and new.basis
            else ("basis added" if new.basis else "basis removed")
        )
    if "claim" in change.fields:
        details.append(f"claim: {old.claim or 'none'} → {new.claim or 'none'}")
    if "stance" in change.fields and old.claim == new.claim:
        details.append(f"stance: {old.stance or 'none'} → {new.stance or 'none'}")
    return details


def article_details(change: ArticleChange) -> list[str]:
    details = []
    if change.retitled and change.old is not None:
        details.append(f"retitled (was “{change.old.title}”)")
    if change.text_changed:
        details.append("its text changed")
    counts = change.counts()
    for kind, words in ((NEW, "added"), (CHANGED, "changed"), (REMOVED, "removed")):
        if counts[kind]:
            details.append(f"{counted(counts[kind], 'note')} {words}")
    return details


def _number(stem: str) -> str:
    digits = re.match(r"\d+", stem)
    return digits.group() if digits else stem


def stem_label(book: Book, stem: str) -> str:
    """How a source is named: its label where it is in the book, its number where it is gone."""
    try:
        return source_label(book, book.article(stem))
    except KeyError:
        return _number(stem)


def note_item(book: Book, change: NoteChange) -> cb.NoteItem:
    anchor = note_anchor(change.stem, change.key)
    if change.change == REMOVED:
        old = change.old
        assert old is not None
        return cb.NoteItem(anchor, REMOVED, None, note_label(old.kind), old.quote, None, plain_text(old.note))
    entry = book.article(change.stem)
    located = next(n for n in entry.notes if n.key == change.key)
    return cb.NoteItem(
        anchor,
        change.change,
        located.number,
        note_label(located.note.kind),
        passage_words(entry, located),
        passage_id(change.stem, change.key),
        plain_text(located.note.note),
        old_text(change),
        tuple(note_details(change)),
    )


def _removed_label(record: ArticleRecord) -> str:
    return f"{_number(record.stem)} · no longer in the book"


def article_item(book: Book, change: ArticleChange) -> cb.ArticleItem:
    anchor = article_anchor(change.stem)
    if change.change == REMOVED:
        assert change.old is not None
        return cb.ArticleItem(anchor, REMOVED, None, change.old.title, _removed_label(change.old))
    entry = book.article(change.stem)
    date = human_date(entry.sidecar.date) or "date not stated"
    label = f"{source_label(book, entry)} · {date}"
    if change.change == NEW:
        notes = counted(len(entry.notes), "note") if entry.notes else "no notes yet"
        return cb.ArticleItem(anchor, NEW, entry.docname, entry.title, label, (notes,))
    notes = tuple(note_item(book, n) for n in change.notes)
    return cb.ArticleItem(
        anchor, CHANGED, entry.docname, entry.title, label, tuple(article_details(change)), notes
    )


def claim_details(book: Book, change: ClaimChange) -> list[str]:
    """How a claim's standing moved: newly supported or disputed, sources, grade, origins."""
    old, new = change.old, change.new
    details = []
    if change.change == NEW:
        details.append("new claim")
    if old is not None and new is not None and old.statement != new.statement:
        details.append(f"reworded (was “{old.statement}”)")
    for stance, gained, lost in (
        ("supports", "newly supported", "no longer supported"),
        ("contradicts", "newly disputed", "no longer disputed"),
    ):
        if change.gained(stance) and change.change != NEW:
            details.append(gained)
        elif change.lost(stance):
            details.append(lost)
    added, removed = dict(change.added_sources), dict(change.removed_sources)
    for stem, stance in change.added_sources:
        if stem in removed:
            details.append(f"{stem_label(book, stem)}: {removed[stem]} → {stance}")
        else:
            details.append(f"reported by {stem_label(book, stem)} ({stance})")
    for stem, stance in change.removed_sources:
        if stem not in added:
            details.append(f"no longer reported by {stem_label(book, stem)} ({stance})")
    moved = change.grade_moved
    if moved is not None:
        details.append(f"credibility {grade_words(moved[0])} → {grade_words(moved[1])}")
    for side, words in (("supporting", "supporting"), ("contradicting", "contradicting")):
        came, went = change.origins(side)
        details += [f"new independent {words} origin: {origin_words(book, o)}" for o in came]
        details += [f"{words} origin gone: {origin_words(book, o)}" for o in went]
    return details


def grade_words(grade: int | None) -> str:
    """ "4 (doubtful)", or "not graded" for an edition recorded before claims were graded."""
    return f"{grade} ({CREDIBILITY_GRADES[grade]})" if grade in CREDIBILITY_GRADES else "not graded"


def origin_words(book: Book, key: str) -> str:
    """How the book names an origin, also one whose article or declaration has left the book since."""
    if key.startswith(OWN_REPORTING):
        stem = key[len(OWN_REPORTING) :]
        return f"own reporting of {stem_label(book, stem)}"
    origin = book.origin(key)
    return origin.label if origin else key


def claim_items(book: Book, changes: Changes) -> list[cb.ChangeItem]:
    items = []
    for change in changes.claims:
        record = change.new or change.old
        assert record is not None
        target = (None, None) if change.change == REMOVED else ("claims", f"bb-claim-{change.id}")
        details = claim_details(book, change) if change.change != REMOVED else ["no longer in the book"]
        items.append(
            cb.ChangeItem(
                f"bb-change-claim-{change.id}",
                change.change,
                record.statement,
                *target,
                details=tuple(details),
            )
        )
    return items


def glossary_items(changes: Changes) -> list[cb.ChangeItem]:
    items = []
    for change in changes.glossary:
        old, new = change.old, change.new
        anchor = f"bb-change-term-{change.id}"
        if new is None:
            assert old is not None
            items.append(cb.ChangeItem(anchor, REMOVED, old.term, text=plain_text(old.definition)))
            continue
        details = []
        if old is not None and old.term != new.term:
            details.append(f"was “{old.term}”")
        was = plain_text(old.definition) if old is not None and old.definition != new.definition else None
        if change.change == CHANGED and was is not None:
            details.append("definition changed")
        text = plain_text(new.definition)
        items.append(
            cb.ChangeItem(
                anchor, change.change, new.term, term=new.term, text=text, old=was, details=tuple(details)
            )
        )
    return items


def page_items(state: EditionState, changes: Changes) -> list[cb.ChangeItem]:
    items = []
    if changes.front_page and state.since is not None:
        items.append(
            cb.ChangeItem(
                "bb-change-front-page",
                CHANGED,
                "The front page: the bottom line and what surrounds the key judgments",
                FRONT_DOC,
                text=(
                    f"Its text changed since {edition_label(state.since)}. The edition records only "
                    "that the page's own prose changed, not what in it changed: read it again. A key "
                    "judgment added, changed or removed is listed on its own."
                ),
            )
        )
    for change in changes.judgments:
        record = change.new or change.old
        assert record is not None
        old = (
            plain_text(change.old.text)
            if change.old and change.new and change.old.text != change.new.text
            else None
        )
        items.append(
            cb.ChangeItem(
                f"bb-change-judgment-{change.id}",
                change.change,
                record.title,
                FRONT_DOC if change.new else None,
                text=plain_text(record.text),
                old=old,
            )
        )
    return items

"""The "What's new" page, and the marks on the articles and notes it lists.

Made from the changes between the edition the book is compared with and the book now
(:mod:`briefbook.book.changes`).  Each item links to its place in the book, and each mark in an
article links back to its item here.  Everything it shows of the book stands in its blocks as text
(:mod:`.changeblocks`); a note's text, old or new, is shown as plain words, never parsed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..book import Book, passage_words, source_label
from ..book.changes import CHANGED, NEW, REMOVED, ArticleChange, Changes, ClaimChange, NoteChange, compare
from ..book.editions import FRONT_PAGE, EditionState
from ..book.manifest import ArticleRecord, Manifest
from ..dates import human_date
from ..editorial.markup import plain_text
from ..kinds import note_label
from ..names import WHATSNEW_PAGE, passage_id
from ..printable import counted
from . import changeblocks as cb
from .myst import GENERATED_MARK, WIDE_PAGES, directive, escape_inline
from .record import EditionFacts

TITLE = "What's new"
FRONT_DOC = FRONT_PAGE.removesuffix(".md")


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


@dataclass(frozen=True)
class ArticleMarks:
    """The marks one article's page shows: on the article, and on its notes by key."""

    article: cb.Mark
    notes: dict[str, cb.Mark] = field(default_factory=dict)


@dataclass(frozen=True)
class Comparison:
    """The book among its editions, and what changed since the edition it is compared with."""

    state: EditionState
    changes: Changes | None  # None: no edition to compare with

    @classmethod
    def of(cls, state: EditionState) -> Comparison:
        return cls(state, compare(state.since, state.now) if state.since is not None else None)

    def marks(self) -> dict[str, ArticleMarks]:
        """Each article's marks, by stem; none for articles that did not change."""
        if self.changes is None or self.state.since is None:
            return {}
        since = edition_label(self.state.since)
        found = {}
        for change in self.changes.articles:
            if change.change == REMOVED:
                continue
            notes = {
                n.key: cb.Mark(
                    n.change, since, note_anchor(n.stem, n.key), "; ".join(note_details(n)), old_text(n)
                )
                for n in change.notes
                if n.change != REMOVED
            }
            summary = "; ".join(article_details(change)) if change.change == CHANGED else ""
            found[change.stem] = ArticleMarks(
                cb.Mark(change.change, since, article_anchor(change.stem), summary), notes
            )
        return found

    def update_articles(self) -> list[str]:
        """The articles an update brief prints: those new or changed, in the book's order (stems)."""
        if self.changes is None:
            return []
        return [a.stem for a in self.changes.articles if a.change != REMOVED]

    def facts(self, book: Book) -> EditionFacts:
        """What the PDF says of the edition: on the title page, and whether it prints an update brief."""
        state = self.state
        if state.current is not None:
            line = edition_label(state.current)
        elif state.latest is not None:
            line = f"Working copy, changed since {edition_label(state.latest)}"
        else:
            return EditionFacts()
        line = line[0].upper() + line[1:]
        note = ""
        if state.since is not None and self.changes is not None and not self.changes.empty:
            note = (
                f"Notes and articles new or changed since {edition_label(state.since)} are marked "
                f"“new” or “changed”, with a bar beside the note; “{TITLE}” lists every change."
            )
        is_edition = state.current is not None
        if not state.named or state.since is None:
            return EditionFacts(line, is_edition, note)
        stems = [s for s in self.update_articles() if s in {e.stem for e in book.articles}]
        title = f"What changed since {edition_label(state.since)}"
        docs = tuple(book.article(s).docname for s in stems)
        return EditionFacts(line, is_edition, note, state.since.name, docs, title)


# --------------------------------------------------------------------- what each item says


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
        return cb.ArticleItem(
            anchor, NEW, entry.docname, entry.title, label, (counted(len(entry.notes), "note"),)
        )
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
        details.append(f"grade {moved[0] or 'none'} → {moved[1] or 'none'}")
    for side, words in (("supporting", "supporting"), ("contradicting", "contradicting")):
        came, went = change.origins(side)
        details += [f"new independent {words} origin: {o}" for o in came]
        details += [f"{words} origin gone: {o}" for o in went]
    return details


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
                "The front page: the bottom line and the key judgments",
                FRONT_DOC,
                text=(
                    f"Its text changed since {edition_label(state.since)}. The key judgments are the "
                    "page's prose, so the edition records only that the page changed, not what in it "
                    "changed: read it again."
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


# --------------------------------------------------------------------- the page


def head_lines(state: EditionState, changes: Changes | None) -> list[str]:
    """What the page says first: where the book stands, and what it is compared with.

    One line where there is nothing else to say: no edition yet (and how to record one), the
    first edition, or nothing changed.
    """
    if not state.editions:
        return [
            "The book has no edition yet: `briefbook edition NAME` records the book as it is now, "
            "and this page then lists what changes after it."
        ]
    if state.since is None:
        assert state.current is not None
        return [
            f"This is {edition_label(state.current)}, the book's first: there is no earlier edition to compare it with."
        ]
    since = edition_label(state.since)
    latest = state.latest
    assert latest is not None
    if state.current is not None:
        where = f"This is {edition_label(state.current)}"
    else:
        where = f"The book has changed since its latest edition, {edition_label(latest)}"
    if changes is None or changes.empty:
        if state.current is not None and state.current.name == state.since.name:
            return [f"Nothing has changed since {since}."]
        return [f"{where}; nothing has changed since {since}."]
    if state.current is None and latest.name == state.since.name:
        return [f"{where}. What changed is listed below, and marked New or Changed in the articles."]
    return [
        f"{where}. What changed since {since} is listed below, and marked New or Changed in the articles."
    ]


def render_whatsnew_page(book: Book, comparison: Comparison) -> str:
    state, changes = comparison.state, comparison.changes
    head = cb.EditionHead(tuple(head_lines(state, changes)), state.named and state.since is not None)
    out = [GENERATED_MARK, "", WIDE_PAGES, "(whatsnew)=", f"# {TITLE}", "", cb.write_edition(head)]
    if changes is None or changes.empty:
        return "\n".join(out)
    order = {NEW: 0, CHANGED: 1, REMOVED: 2}
    sections = [
        (
            "Articles",
            "articles",
            sorted((article_item(book, a) for a in changes.articles), key=lambda i: order[i.change]),
        ),
        ("Claims", "claims", claim_items(book, changes)),
        ("Glossary", "glossary", glossary_items(changes)),
        ("The front page", "page", page_items(state, changes)),
    ]
    for title, section, items in sections:
        if items:
            out += [f"## {title}", "", cb.write_changes(section, items)]
    return "\n".join(out)


def render_update_brief(book: Book, comparison: Comparison) -> str | None:
    """The start of the update brief's PDF, when one is printed (the edition compared with was named):
    the front page, What's new, and the articles new or changed since, with their notes.

    On the site it is a short page that says what the update brief holds (the PDF is offered on
    What's new); in print its placeholder takes the front page's text (``bb-update-brief``).
    """
    facts = comparison.facts(book)
    if facts.update is None:
        return None
    count = len(facts.update)
    intro = (
        f"This update brief prints the front page, “{TITLE}”, and the {counted(count, 'article')} "
        f"new or changed since {edition_label(comparison.state.since)}, with their notes; the full "
        f"book prints all {len(book.articles)}."
    )
    entries = "\n".join([WHATSNEW_PAGE.removesuffix(".md"), *facts.update])
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            f"# {escape_inline(facts.update_title)}",
            "",
            cb.write_update_brief(intro),
            directive("toctree", "", f":hidden:\n:maxdepth: 1\n\n{entries}"),
        ]
    )

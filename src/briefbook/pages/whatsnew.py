"""The "What's new" page, and the marks on the articles and notes it lists.

Made from the changes between the edition the book is compared with and the book now
(:mod:`briefbook.book.changes`).  Each item links to its place in the book, and each mark in an
article links back to its item here.  Everything it shows of the book stands in its blocks as text
(:mod:`.changeblocks`); a note's text, old or new, is shown as plain words, never parsed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..book import Book
from ..book.changes import CHANGED, NEW, REMOVED, Changes, compare
from ..book.editions import EditionState
from ..names import WHATSNEW_PAGE
from ..printable import counted
from . import changeblocks as cb
from .changeitems import (
    article_anchor,
    article_details,
    article_item,
    claim_items,
    edition_label,
    glossary_items,
    note_anchor,
    note_details,
    old_text,
    page_items,
)
from .myst import GENERATED_MARK, WIDE_PAGES, directive, escape_inline
from .record import EditionFacts

TITLE = "What's new"


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

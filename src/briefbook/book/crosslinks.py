"""The links the book adds to notes: to the other sources that report the same claim (agreeing or
not), and to where the same words stand in another article.

Resolved once, when the book is loaded, into each note's lines of links, so the page writer only
writes them out.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..kinds import SHARED_KIND
from ..models import Link, LinkLine, LocatedNote, Span
from ..names import passage_id
from .labels import passage_words, source_label
from .model import Book, BookArticle


class SharedNotes:
    """The shared-passage notes of the book, found by the passage they contain in constant time.

    Shared-passage notes of one paragraph never overlap (merge_spans sees to that), so the note
    containing a passage is the last one starting at or before it.
    """

    def __init__(self, book: Book):
        self._starts: dict[tuple[str, int], list[int]] = {}
        self._notes: dict[tuple[str, int], list[LocatedNote]] = {}
        for entry in book.articles:
            for note in sorted(
                (n for n in entry.notes if n.note.kind == SHARED_KIND), key=lambda n: n.span.start
            ):
                key = (entry.stem, note.span.paragraph)
                self._starts.setdefault(key, []).append(note.span.start)
                self._notes.setdefault(key, []).append(note)

    def containing(self, stem: str, span: Span) -> LocatedNote:
        key = (stem, span.paragraph)
        return self._notes[key][bisect.bisect_right(self._starts[key], span.start) - 1]


def _link(book: Book, entry: BookArticle, note: LocatedNote) -> Link:
    return Link(
        source_label(book, entry),
        entry.docname,
        passage_id(entry.stem, note.number),
        f"{entry.title}: “{passage_words(entry, note)}”",
    )


def add_cross_references(book: Book) -> Book:
    """Give each note the links the book adds: same claim elsewhere, shared words elsewhere."""
    # each shared-passage note's links, found once: passages -> (stem, note number) -> other articles
    shared_links: dict[tuple[str, int], dict[str, Link]] = {}
    shared_notes = SharedNotes(book)
    for passage in book.shared:
        for (stem, span), (other_stem, other_span) in (
            ((passage.a, passage.a_span), (passage.b, passage.b_span)),
            ((passage.b, passage.b_span), (passage.a, passage.a_span)),
        ):
            mine = shared_notes.containing(stem, span)
            other = book.article(other_stem)
            links = shared_links.setdefault((stem, mine.number), {})
            links.setdefault(other_stem, _link(book, other, shared_notes.containing(other_stem, other_span)))
    new_entries = []
    for entry in book.articles:
        notes = []
        for located in entry.notes:
            lines: list[LinkLine] = []
            if located.note.claim:
                same, differ = [], []
                linked: set[tuple[str, str | None]] = set()
                for other, other_note in book.claim_passages(located.note.claim):
                    # one link per other source and stance, to its first passage
                    if other.stem == entry.stem or (other.stem, other_note.note.stance) in linked:
                        continue
                    linked.add((other.stem, other_note.note.stance))
                    link = _link(book, other, other_note)
                    if other_note.note.stance == located.note.stance:
                        same.append(link)
                    else:
                        differ.append(replace(link, text=f"{link.text} ({other_note.note.stance})"))
                claim = book.claims.get(located.note.claim)
                lines.append(LinkLine("Claim:", (Link(claim.statement, "claims", f"bb-claim-{claim.id}"),)))
                if same:
                    lines.append(LinkLine(f"Same stance ({located.note.stance}) in:", tuple(same)))
                if differ:
                    lines.append(LinkLine("Differs in:", tuple(differ)))
                if not same and not differ:
                    lines.append(LinkLine("No other source in the book reports this claim.", ()))
            if located.note.kind == SHARED_KIND:
                links = shared_links.get((entry.stem, located.number), {})
                lines.append(LinkLine("The same words stand in:", tuple(links[k] for k in sorted(links))))
            notes.append(replace(located, lines=tuple(lines)))
        new_entries.append(replace(entry, notes=tuple(notes)))
    return replace(book, articles=tuple(new_entries))

"""The links the book adds to notes: to the other sources that report the same claim (agreeing or
not), the claim's credibility and the origin the passage rests on, and to where the same words
stand in another article.

Resolved once, when the book is loaded, into each note's lines of links, so the page writer only
writes them out.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..models import Link, LinkLine, LocatedNote, Span
from ..names import origin_target, passage_id
from ..printable import counted
from .labels import passage_words, source_label, source_number
from .model import OWN_REPORTING, Book, BookArticle, Mark, SharedMark
from .standing import report_origin


class SharedMarks:
    """The book's shared-passage marks, found by a passage they contain in constant time.

    The marks of one paragraph never overlap (``merge_spans`` sees to that), so the mark
    containing a passage is the last one starting at or before it.
    """

    def __init__(self, book: Book):
        self._starts: dict[tuple[str, int], list[int]] = {}
        self._marks: dict[tuple[str, int], list[SharedMark]] = {}
        for entry in book.articles:
            for mark in sorted(entry.shared_marks, key=lambda m: m.span.start):
                key = (entry.stem, mark.span.paragraph)
                self._starts.setdefault(key, []).append(mark.span.start)
                self._marks.setdefault(key, []).append(mark)

    def containing(self, stem: str, span: Span) -> SharedMark:
        key = (stem, span.paragraph)
        return self._marks[key][bisect.bisect_right(self._starts[key], span.start) - 1]


def _link(book: Book, entry: BookArticle, note: Mark) -> Link:
    copy_of = book.copy_of(entry.stem)
    label = source_label(book, entry)
    return Link(
        f"{label} (a copy of {source_number(book, book.article(copy_of))})" if copy_of else label,
        entry.docname,
        passage_id(entry.stem, note.key),
        f"{entry.title}: “{passage_words(entry, note)}”",
    )


STANCE_LINKS_LIMIT = 12  # sources a note's "Same stance in" or "Differs in" links to; past that, the nearest


def stance_line(
    book: Book, entry: BookArticle, lead: str, links: list[tuple[str, Link]], claim_id: str
) -> LinkLine:
    """A note's line of the sources that take a stance on its claim, from (stem, link) pairs (see
    :meth:`Book.nearest`); past STANCE_LINKS_LIMIT its last link, to the claim's row in the claims
    matrix, which lists every source, says how many others there are."""
    shown, more = book.nearest(entry.stem, links, lambda pair: pair[0], STANCE_LINKS_LIMIT)
    rest = Link(
        f"{counted(more, 'other source')} (the claims matrix lists every one)",
        "claims",
        f"bb-claim-{claim_id}",
    )
    return LinkLine(lead, (*(link for _, link in shown), *([rest] if more else [])), more)


def claim_lines(book: Book, entry: BookArticle, located: LocatedNote) -> tuple[LinkLine, ...]:
    """A note's claim, and the other sources that report it: with the same stance, or another."""
    if not located.note.claim:
        return ()
    same, differ = [], []
    linked: set[tuple[str, str | None]] = set()
    for other, other_note in book.claim_passages(located.note.claim):
        # one link per other source and stance, to its first passage
        if other.stem == entry.stem or (other.stem, other_note.note.stance) in linked:
            continue
        linked.add((other.stem, other_note.note.stance))
        link = _link(book, other, other_note)
        if other_note.note.stance == located.note.stance:
            same.append((other.stem, link))
        else:
            differ.append((other.stem, replace(link, text=f"{link.text} ({other_note.note.stance})")))
    claim = book.claims.get(located.note.claim)
    lines = [LinkLine("Claim:", (Link(claim.statement, "claims", f"bb-claim-{claim.id}"),))]
    standing = book.standings.get(claim.id)
    if standing is not None:
        flag = f"; {standing.one_origin}" if standing.one_origin else ""
        lines.append(
            LinkLine(
                f"{standing.grade_text[0].upper()}{standing.grade_text[1:]}: {standing.counts()}{flag}.", ()
            )
        )
    if same:
        lines.append(stance_line(book, entry, f"Same stance ({located.note.stance}) in:", same, claim.id))
    if differ:
        lines.append(stance_line(book, entry, "Differs in:", differ, claim.id))
    if not same and not differ:
        lines.append(LinkLine("No other source in the book reports this claim.", ()))
    return tuple(lines)


def origin_line(book: Book, entry: BookArticle, located: LocatedNote) -> tuple[LinkLine, ...]:
    """The origin a passage rests on: its note's, its claim's one origin, or (for a passage that
    reports a claim) its source's own reporting; nothing for a note that is neither."""
    if not located.note.origin and not located.note.claim:
        return ()
    key = report_origin(book, located, book.independent(entry.stem))
    if key.startswith(OWN_REPORTING):
        original = key[len(OWN_REPORTING) :]
        whose = (
            "this source's" if original == entry.stem else f"{source_label(book, book.article(original))}'s"
        )
        return (LinkLine(f"Rests on: {whose} own reporting (no origin declared).", ()),)
    origin = book.origin(key)
    return (LinkLine("Rests on:", (Link(origin.label, "sources", origin_target(key), origin.who),)),)


def note_lines(book: Book, entry: BookArticle, located: LocatedNote) -> tuple[LinkLine, ...]:
    """A note's lines: its claim and the claim's credibility, the origin it rests on, then the
    other sources that report the claim."""
    claim, origin = claim_lines(book, entry, located), origin_line(book, entry, located)
    return claim[:2] + origin + claim[2:] if claim else origin


def shared_links(book: Book) -> dict[tuple[str, int], dict[str, Link]]:
    """Each shared-passage mark's links, found once: (article, mark number) -> other article -> link."""
    links: dict[tuple[str, int], dict[str, Link]] = {}
    marks = SharedMarks(book)
    for passage in book.shared:
        for (stem, span), (other_stem, other_span) in (
            ((passage.a, passage.a_span), (passage.b, passage.b_span)),
            ((passage.b, passage.b_span), (passage.a, passage.a_span)),
        ):
            mine = marks.containing(stem, span)
            other = book.article(other_stem)
            found = links.setdefault((stem, mine.number), {})
            found.setdefault(other_stem, _link(book, other, marks.containing(other_stem, other_span)))
    return links


def add_cross_references(book: Book) -> Book:
    """Give each note the links the book adds: same claim elsewhere, shared words elsewhere."""
    links_of = shared_links(book)
    new_entries = []
    for entry in book.articles:
        notes = tuple(replace(n, lines=note_lines(book, entry, n)) for n in entry.notes)
        marks = []
        for mark in entry.shared_marks:
            links = links_of.get((entry.stem, mark.number), {})
            line = LinkLine("The same words stand in:", tuple(links[k] for k in sorted(links)))
            marks.append(replace(mark, lines=(line,)))
        new_entries.append(replace(entry, notes=notes, shared_marks=tuple(marks)))
    return replace(book, articles=tuple(new_entries))

"""Each figure's data, taken from the book model by small pure functions.

:func:`timeline_items` is everything the timeline page lists (dated claims, dated glossary
events, the glossary's periods, and the posts of the people the book mentions most), with
the links the list shows; :func:`timeline_data` is what the figure draws of the same items.
:func:`actor_data` is the actor chart's people, organisations and ties.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.termmatch import TermMatcher
from ..book import Book, BookArticle, source_label, source_number
from ..dates import human_date
from ..editorial.glossary import Entry
from ..models import Link
from ..names import passage_id
from .actors import Actor, ActorData, Tie
from .metrics import fit
from .timeline import SIZE, Event, Period, TimelineData, years

# the posts of this many people show on the timeline: those the most articles mention
ROLE_PEOPLE = 3
LABEL_WIDTH = 190.0  # points: a claim without a label of its own shows its statement cut to this
# the timeline figure shows at most this many events: those the most sources report
TIMELINE_LIMIT = 40
# the actor chart shows at most this many people and organisations: those with the most ties
ACTOR_LIMIT = 22
ACTOR_KINDS = {
    "person": "person",
    "organisation": "organisation",
    "acronym": "organisation",
    "unit": "organisation",
}


@dataclass(frozen=True)
class TimelineItem:
    """One entry of the timeline's list (and, as far as it fits the axis, of the figure)."""

    key: str  # the list entry's id, which the figure links to
    start: str
    end: str | None  # for a period: its end (None: still going on)
    period: bool
    text: str  # the claim's statement, the glossary term, or the person's post
    label: str  # the figure's short label
    term: str | None  # a glossary term the entry links to
    person: str | None  # for a post: the person who holds it
    sources: tuple[tuple[str, Link], ...]  # (source number, link to the passage or article)
    claim: str | None = None  # the claim it is, if it is one

    @property
    def when(self) -> str:
        """The date as the list shows it: '5 February 2026', '1947 – 1990', 'July 2025 – present'."""
        if not self.period:
            return human_date(self.start) or self.start
        return f"{human_date(self.start)} – {human_date(self.end) if self.end else 'present'}"


def _first_links(book: Book, pairs) -> tuple[tuple[str, Link], ...]:
    links, seen = [], set()
    for entry, note in pairs:
        # one link per source, to its first passage; a copy is its original (when that reports it too)
        source = book.independent(entry.stem)
        if source not in seen:
            seen.add(source)
            links.append(
                (
                    source_number(book, entry),
                    Link(source_label(book, entry), entry.docname, passage_id(entry.stem, note.key), None),
                )
            )
    return tuple(links)


def _article_links(book: Book, entries: list[BookArticle]) -> tuple[tuple[str, Link], ...]:
    return tuple(
        (source_number(book, e), Link(source_label(book, e), e.docname, None, None)) for e in entries
    )


def most_mentioned_people(book: Book, count: int) -> list[Entry]:
    """People with posts on record, by how many articles mention them (then how often, then name)."""

    def rank(entry: Entry):
        places = book.mentions_of(entry.id)
        return (-len(places), -sum(n for _, n, _ in places), entry.term.casefold(), entry.id)

    people = [e for e in book.glossary.entries if e.kind == "person" and any(r.start for r in e.roles)]
    return sorted(people, key=rank)[:count]


def post_short_name(book: Book, matcher: TermMatcher, role: str) -> str:
    """A post by the organisation it names: 'Commander, U.S. European Command' -> 'EUCOM'."""
    names: dict[str, None] = {}
    for match in matcher.find(role):
        entry = book.glossary.by_id(match.entry_id)
        if entry.kind in ("organisation", "acronym", "unit"):
            names.setdefault(entry.term if entry.kind == "acronym" else role[match.start : match.end], None)
    return ", ".join(names) if names else role


def timeline_items(book: Book) -> list[TimelineItem]:
    """Everything the timeline page lists, oldest first."""
    items: list[TimelineItem] = []
    for claim in book.claims.claims:
        if claim.date:
            label = claim.label or fit(claim.statement, LABEL_WIDTH, SIZE)
            links = _first_links(book, book.claim_passages(claim.id))
            items.append(
                TimelineItem(
                    f"bb-event-{claim.id}",
                    claim.date,
                    None,
                    False,
                    claim.statement,
                    label,
                    None,
                    None,
                    links,
                    claim.id,
                )
            )
    for entry in book.glossary.entries:
        if entry.date:
            links = _article_links(book, [e for e, _, _ in book.mentions_of(entry.id)])
            if entry.until:
                label = f"{entry.term} {entry.date[:4]}–{entry.until[:4]}"
            else:
                label = entry.term
            items.append(
                TimelineItem(
                    f"bb-event-term-{entry.id}",
                    entry.date,
                    entry.until,
                    bool(entry.until),
                    entry.term,
                    label,
                    entry.term,
                    None,
                    links,
                )
            )
    matcher = TermMatcher(book.glossary)
    for person in most_mentioned_people(book, ROLE_PEOPLE):
        surname = person.term.split()[-1]
        posts: dict[tuple[str, str | None], list[str]] = {}
        for role in person.roles:
            if role.start:  # posts held at the same time, from the same date to the same date, share a bar
                posts.setdefault((role.start, role.end), []).append(role.role)
        for index, ((start, end), roles) in enumerate(posts.items(), 1):
            short = ", ".join(dict.fromkeys(post_short_name(book, matcher, r) for r in roles))
            items.append(
                TimelineItem(
                    f"bb-event-post-{person.id}-{index}",
                    start,
                    end,
                    True,
                    "; ".join(roles),
                    f"{surname}: {short}",
                    person.term,
                    person.term,
                    (),
                )
            )
    kind_order = {False: 0, True: 1}
    return sorted(items, key=lambda i: (years(i.start), i.start, kind_order[i.period], i.text, i.key))


def timeline_data(items: list[TimelineItem], limit: int = TIMELINE_LIMIT) -> TimelineData:
    """What the figure draws of the timeline's items: the periods, and the ``limit`` events the
    most sources report (the newest first among equals), so that it stays one page high."""
    dated = [i for i in items if not i.period]
    kept = {i.key for i in sorted(dated, key=lambda i: (-len(i.sources), -years(i.start), i.key))[:limit]}
    events = tuple(
        Event(i.key, i.start, i.label, tuple(n for n, _ in i.sources), i.text) for i in dated if i.key in kept
    )
    periods = tuple(
        Period(
            i.key,
            i.start,
            i.end,
            i.label,
            f"{i.when}: {i.person + ', ' if i.person else ''}{i.text}",
            i.person,
        )
        for i in items
        if i.period
    )
    return TimelineData(events, periods, len(dated))


def actor_data(book: Book, limit: int = ACTOR_LIMIT) -> ActorData:
    """People and organisations as nodes; ties from 'see also' (related) and from the posts people hold."""
    kinds = {e.id: ACTOR_KINDS[e.kind] for e in book.glossary.entries if e.kind in ACTOR_KINDS}
    ties: dict[tuple[str, str], str] = {}
    for entry in book.glossary.entries:
        if entry.id not in kinds:
            continue
        for other in entry.related:
            if other in kinds and other != entry.id:
                ties.setdefault(tuple(sorted((entry.id, other))), "related")
    matcher = TermMatcher(book.glossary)
    for entry in book.glossary.entries:
        if kinds.get(entry.id) != "person":
            continue
        for role in entry.roles:
            for match in matcher.find(role.role):
                if kinds.get(match.entry_id) == "organisation":
                    ties[tuple(sorted((entry.id, match.entry_id)))] = "post"  # a post says more than see-also
    degree: dict[str, int] = {}
    for a, b in ties:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1

    def rank(entry_id: str):
        entry = book.glossary.by_id(entry_id)
        return (-degree[entry_id], -len(book.mentions_of(entry_id)), entry.term.casefold(), entry_id)

    tied = sorted(degree, key=rank)
    shown = set(tied[:limit])
    actors = tuple(
        Actor(i, book.glossary.by_id(i).term, kinds[i], degree[i]) for i in sorted(shown, key=rank)
    )
    edges = tuple(Tie(a, b, kind) for (a, b), kind in sorted(ties.items()) if a in shown and b in shown)
    return ActorData(actors, edges, total=len(tied))

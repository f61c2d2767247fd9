"""The book's overview pages: the glossary, the claims matrix, the timeline, the sources, and the
index the ``{claim}`` role reads (the front page's lists of articles are :mod:`.browse`'s).

Each page holds the rows it shows (written by :mod:`.blocks`), so it changes exactly when they do.
The editor's MyST (glossary definitions) stands in directives that parse it; titles, publishers
and other short untrusted strings that sit in MyST proper are escaped.
"""

from __future__ import annotations

from ..book import Book, claims_of, passage_words, source_facts, source_label
from ..dates import human_date
from ..figures.bookdata import ACTOR_LIMIT, TimelineItem, actor_data, timeline_data, timeline_items
from ..kinds import GLOSSARY_KINDS
from ..names import mention_id, passage_id
from . import blocks
from .myst import (
    GENERATED_MARK,
    WIDE_PAGES,
    directive,
    escape_argument,
    escape_inline,
    link_destination,
)

# --------------------------------------------------------------------- glossary


def mention_rows(book: Book, entry_id: str) -> list[blocks.Mention]:
    return [
        blocks.Mention(
            entry.docname, entry.title, mention_id(entry.stem, entry_id) if linked else None, count
        )
        for entry, count, linked in book.mentions_of(entry_id)
    ]


def glossary_entry_body(book: Book, entry) -> str:
    """The MyST body of one glossary entry (editor-written definition and data)."""
    parts = [" ".join(entry.definition.split())]
    if entry.expansion:
        parts.append(f"*Expansion:* {escape_inline(entry.expansion)}")
    spellings = [a for a in entry.aliases if a != entry.term]
    if spellings:
        parts.append("*Also written:* " + ", ".join(escape_inline(a) for a in spellings))
    if entry.roles:
        roles = []
        for role in entry.roles:
            when = ""
            if role.start or role.end:
                when = f" ({human_date(role.start) or '?'} – {human_date(role.end) or 'present'})"
            roles.append(f"{escape_inline(role.role)}{when}")
        parts.append("*Roles:* " + "; ".join(roles))
    if entry.date:
        until = f" – {human_date(entry.until)}" if entry.until else ""
        parts.append(f"*Date:* {human_date(entry.date)}{until}")
    if entry.related:
        parts.append(
            "*See also:* " + ", ".join(f"{{term}}`{book.glossary.by_id(r).term}`" for r in entry.related)
        )
    if entry.sources:
        sources = []
        for source in entry.sources:
            title = escape_inline(source.title)
            if source.url:
                sources.append(f"[{title}]({link_destination(source.url)})")
            else:
                sources.append(title)
        parts.append("*Sources:* " + "; ".join(sources))
    parts.append(blocks.write_mentions(entry.id, mention_rows(book, entry.id)))
    return "\n\n".join(parts)


def render_glossary_page(book: Book) -> str:
    """The glossary, grouped by kind and alphabetical within a kind."""
    glossary = book.glossary
    out = [GENERATED_MARK, "", WIDE_PAGES, "(glossary)=", "# Glossary of actors and acronyms", ""]
    out.append(
        "People, organisations, acronyms, places, treaties and events the articles mention. In the "
        "articles, the first mention of each is linked here; on screen an acronym shows its expansion "
        "when you hover over it, and in print it follows the acronym's first use in each article. "
        "Each entry lists the articles that mention it.\n"
    )
    out.append(blocks.write_figure(actor_data(book, ACTOR_LIMIT)))
    if not glossary.entries:
        out.append("The book has no glossary entries yet: add them to `glossary.yaml` in the seeds folder.\n")
    order = list(GLOSSARY_KINDS)
    kinds = sorted(
        {e.kind for e in glossary.entries}, key=lambda k: (order.index(k) if k in order else 99, k)
    )
    for kind in kinds:
        entries = sorted((e for e in glossary.entries if e.kind == kind), key=lambda e: e.term.casefold())
        out.append(f"## {GLOSSARY_KINDS.get(kind, kind.capitalize())}\n")
        body = []
        for entry in entries:
            text = glossary_entry_body(book, entry)
            indented = "\n".join(("  " + line) if line.strip() else "" for line in text.splitlines())
            body.append(f"{entry.term}\n{indented}\n")
        out.append(directive("glossary", "", "\n".join(body)))
    return "\n".join(out)


# --------------------------------------------------------------------- claims and timeline


def source_heads(book: Book) -> list[blocks.SourceHead]:
    """The sources as the overview tables head them: label, page, title."""
    return [blocks.SourceHead(source_label(book, e), e.docname, e.title) for e in book.articles]


def claim_rows(book: Book) -> list[blocks.ClaimRow]:
    """Per claim: its statement, whether it is disputed, and per source the tagged passages."""
    position = {e.stem: i for i, e in enumerate(book.articles)}
    rows = []
    for claim in book.claims.claims:
        cells: list[list[blocks.StancePassage]] = [[] for _ in book.articles]
        stances = set()
        for entry, note in book.claim_passages(claim.id):
            stances.add(note.note.stance)
            cells[position[entry.stem]].append(
                blocks.StancePassage(
                    note.note.stance,
                    entry.docname,
                    passage_id(entry.stem, note.number),
                    passage_words(entry, note),
                )
            )
        rows.append(
            blocks.ClaimRow(
                claim.id,
                human_date(claim.date),
                claim.statement,
                "contradicts" in stances,
                tuple(map(tuple, cells)),
            )
        )
    return rows


def render_claims_page(book: Book) -> str:
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            WIDE_PAGES,
            "(claims)=",
            "# Claims matrix",
            "",
            "What the sources assert, claim by claim, and which source reports each: where they agree, "
            "and where they differ. A claim marked *disputed* is contradicted by at least one source.",
            "",
            blocks.write_claims(source_heads(book), claim_rows(book)),
        ]
    )


def timeline_rows(items: list[TimelineItem]) -> list[blocks.TimelineRow]:
    """Everything the timeline lists, oldest first: dated claims, dated glossary events, periods
    and posts, each with the id the figure links to and links to its sources."""
    return [
        blocks.TimelineRow(
            item.key, item.when, item.text, item.term, item.person, tuple(link for _, link in item.sources)
        )
        for item in items
    ]


def render_timeline_page(book: Book) -> str:
    items = timeline_items(book)
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            WIDE_PAGES,
            "(timeline)=",
            "# Timeline",
            "",
            "Dated claims from the articles and dated events from the glossary, oldest first, each with "
            "links to its sources.",
            "",
            blocks.write_figure(timeline_data(items)),
            blocks.write_timeline(timeline_rows(items)),
        ]
    )


# --------------------------------------------------------------------- sources


def render_sources_page(book: Book) -> str:
    """One card per article on screen (sphinx-design); a table in print."""
    cards, rows = [], []
    for entry in book.articles:
        facts = source_facts(entry)
        publisher, date, author, kind, words, notes, claims = facts
        carried = [book.claims.get(c).statement for c in claims_of(entry)]
        lines = [
            f":link: {entry.docname}",
            ":link-type: doc",
            "",
            f"**Publisher:** {escape_inline(publisher)}  ",
            f"**Date:** {escape_inline(date)}  ",
            f"**Author:** {escape_inline(author)}  ",
            f"**Kind:** {kind}  ",
            f"**Words:** {words} · **Notes:** {notes} · **Claims:** {claims}",
        ]
        if carried:
            lines += ["", "Claims it carries:", ""] + [f"- {escape_inline(c)}" for c in carried]
        cards.append(directive("grid-item-card", escape_argument(entry.title), "\n".join(lines)))
        rows.append(blocks.SourceRow(entry.docname, entry.title, tuple(facts)))
    grid = directive("grid", "1 1 2 2", ":gutter: 3\n\n" + "\n".join(cards)) if cards else "No articles yet."
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            WIDE_PAGES,
            "(sources)=",
            "# Sources",
            "",
            "The articles the book is compiled from, with what the text shows of each: who published it, "
            "when, who wrote it, what kind of source it is, and how much of the book rests on it.",
            "",
            directive("only", "html", grid),
            directive("only", "latex", blocks.write_sources_table(rows)),
        ]
    )


def claims_index(book: Book) -> str:
    """What the ``{claim}`` role shows in hand-written pages: each claim's statement and reporters."""
    return blocks.write_claims_index(
        {
            claim.id: blocks.ClaimSummary(
                claim.statement,
                tuple(sorted({source_label(book, e) for e, _ in book.claim_passages(claim.id)})),
            )
            for claim in book.claims.claims
        }
    )

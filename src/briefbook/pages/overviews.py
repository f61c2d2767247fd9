"""The book's overview pages: the claims matrix, the timeline, the sources, a glossary entry (the
glossary's pages are :mod:`.glossary`'s, the front page's lists of articles :mod:`.browse`'s), and
the index the ``{claim}`` role reads.

Each page holds the rows it shows (written by :mod:`.blocks`), so it changes exactly when they do.
The editor's MyST (glossary definitions) stands in directives that parse it; titles, publishers
and other short untrusted strings that sit in MyST proper are escaped.
"""

from __future__ import annotations

from ..book import Book, copy_lines, grade_label, source_facts, source_label, source_number
from ..dates import human_date
from ..figures.bookdata import TimelineItem, timeline_data, timeline_items
from ..names import mention_id
from . import blocks
from .myst import GENERATED_MARK, REFERENCE_PAGES, escape_inline, link_destination
from .provenance import (
    claim_summary_standing,
    origin_marks,
    origin_rows,
    stance_passage,
    standing_row,
)

# --------------------------------------------------------------------- glossary


MENTION_LIMIT = 12  # articles a glossary entry names; past that, those that mention it most


def mention_rows(book: Book, entry_id: str) -> tuple[list[blocks.Mention], int]:
    """The articles that mention a glossary entry, in the book's order; when more than MENTION_LIMIT
    do, the ones that mention it most (most first) and how many others do: an entry every article
    mentions would otherwise carry a link to every article, on screen and in print."""
    found = book.mentions_of(entry_id)
    more = max(0, len(found) - MENTION_LIMIT)
    if more:
        found = sorted(found, key=lambda f: (-f[1], book.position(f[0].stem)))[:MENTION_LIMIT]
    rows = [
        blocks.Mention(
            entry.docname,
            entry.title,
            mention_id(entry.stem, entry_id) if linked else None,
            count,
            source_number(book, entry),
        )
        for entry, count, linked in found
    ]
    return rows, more


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
    rows, more = mention_rows(book, entry.id)
    parts.append(blocks.write_mentions(entry.id, rows, more, entry.term))
    return "\n\n".join(parts)


# --------------------------------------------------------------------- claims and timeline


def source_heads(book: Book) -> list[blocks.SourceHead]:
    """The sources as the overview tables head them: label, page, title (and a copy's original)."""
    return [
        blocks.SourceHead(
            source_label(book, e),
            e.docname,
            e.title,
            source_label(book, book.article(book.copy_of(e.stem))) if book.copy_of(e.stem) else None,
        )
        for e in book.articles
    ]


def claim_rows(book: Book) -> list[blocks.ClaimRow]:
    """Per claim: its statement, whether it is disputed, per source the tagged passages (a copy's
    in its original's cell), its standing, its passages by origin, and the editor's note on it."""
    rows = []
    for claim in book.claims.claims:
        standing = book.standing(claim.id)
        cells: list[list[blocks.StancePassage]] = [[] for _ in book.articles]
        for report in standing.reports:
            cells[book.position(report.source)].append(stance_passage(book, report))
        rows.append(
            blocks.ClaimRow(
                claim.id,
                human_date(claim.date),
                claim.statement,
                bool(standing.contradicts),
                tuple(map(tuple, cells)),
                standing_row(standing),
                origin_marks(book, standing),
                claim.note,
                book.claims.path.name if claim.note else None,
                claim.note_line,
            )
        )
    return rows


def render_claims_page(book: Book) -> str:
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            REFERENCE_PAGES,
            "(claims)=",
            "# Claims matrix",
            "",
            "What the sources assert, claim by claim, and which source reports each: where they agree, "
            "and where they differ. A claim marked *disputed* is contradicted by at least one source. "
            "Each claim's credibility (1 confirmed to 6 cannot be judged) is weighed from the independent "
            "origins its reports rest on and the reliability of its sources, by the rule the reading "
            "guide sets out: a copy of an article is not another source, and four reports of one "
            "statement are one origin.",
            "",
            blocks.write_claims(source_heads(book), claim_rows(book)),
        ]
    )


def timeline_rows(book: Book, items: list[TimelineItem]) -> list[blocks.TimelineRow]:
    """Everything the timeline lists, oldest first: dated claims (with their credibility), dated
    glossary events, periods and posts, each with the id the figure links to and links to its sources."""
    return [
        blocks.TimelineRow(
            item.key,
            item.when,
            item.text,
            item.term,
            item.person,
            tuple(link for _, link in item.sources),
            book.standing(item.claim).grade_text if item.claim else None,
        )
        for item in items
    ]


def render_timeline_page(book: Book) -> str:
    items = timeline_items(book)
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            REFERENCE_PAGES,
            "(timeline)=",
            "# Timeline",
            "",
            "Dated claims from the articles and dated events from the glossary, oldest first, each with "
            "links to its sources.",
            "",
            blocks.write_figure(timeline_data(items)),
            blocks.write_timeline(timeline_rows(book, items)),
        ]
    )


# --------------------------------------------------------------------- sources


def render_sources_page(book: Book) -> str:
    """One row per article, on screen (sortable and filterable where scripts run) and in print: its
    facts, its grade, and under it the grade's reason and whether it is a copy or has copies."""
    rows = []
    for entry in book.articles:
        graded = entry.sidecar.reliability
        rows.append(
            blocks.SourceRow(
                entry.docname,
                entry.title,
                tuple(source_facts(entry)),
                grade_label(graded.grade if graded else None),
                graded.reason if graded else None,
                "; ".join(copy_lines(book, entry)) or None,
                source_number(book, entry),
                entry.sidecar.date,
            )
        )
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            REFERENCE_PAGES,
            "(sources)=",
            "# Sources",
            "",
            "The articles the book is compiled from, with what the text shows of each: who published it, "
            "when, who wrote it, what kind of source it is, how reliable the editor judges it (from A, "
            "completely reliable, to E, unreliable; F where it cannot be judged), and how much of the "
            "book rests on it.",
            "",
            blocks.write_sources_table(rows) if rows else "No articles yet.\n",
            *render_origins_section(book),
        ]
    )


def render_origins_section(book: Book) -> list[str]:
    """The sources page's list of declared origins: where the reported facts come from."""
    rows = origin_rows(book)
    if not rows:
        return []
    return [
        "(origins)=",
        "## Where the reports come from",
        "",
        "The origins the editor has traced the sources' reports to: an official statement, an unnamed "
        "official, an outlet's own reporting. Several reports of one origin count as one when a claim "
        "is weighed, so the claims matrix groups each claim's passages by origin. A passage tied to no "
        "origin counts as its source's own reporting.",
        "",
        blocks.write_origins(rows),
    ]


def claims_index(book: Book) -> str:
    """What the ``{claim}`` role shows in hand-written pages: each claim's statement, reporters and
    credibility."""
    return blocks.write_claims_index(
        {
            claim.id: blocks.ClaimSummary(
                claim.statement,
                tuple(sorted({source_label(book, e) for e, _ in book.claim_passages(claim.id)})),
                book.standing(claim.id).grade_text,
                claim_summary_standing(book.standing(claim.id)),
            )
            for claim in book.claims.claims
        }
    )

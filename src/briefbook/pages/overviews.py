"""The book's overview pages: the front page's list of articles and contents, the glossary, the
claims matrix, the timeline, the sources, and the index the ``{claim}`` role reads.

Each page holds the rows it shows (written by :mod:`.blocks`), so it changes exactly when they do.
The editor's MyST (glossary definitions) stands in directives that parse it; titles, publishers
and other short untrusted strings that sit in MyST proper are escaped.
"""

from __future__ import annotations

from ..book import Book, claims_of, copy_lines, grade_label, source_facts, source_label
from ..dates import human_date
from ..figures.bookdata import ACTOR_LIMIT, TimelineItem, actor_data, timeline_data, timeline_items
from ..kinds import GLOSSARY_KINDS
from ..names import WHATSNEW_PAGE, mention_id
from . import blocks
from .myst import GENERATED_MARK, WIDE_PAGES, directive, escape_argument, escape_inline, meta_line
from .provenance import (
    claim_summary_standing,
    origin_marks,
    origin_rows,
    reliability_text,
    stance_passage,
    standing_row,
)

ARTICLES_TOC = "_generated/articles-toc.md"
SUMMARY = "_generated/summary.md"


def render_summary(book: Book) -> str:
    """The list of articles the front page includes: title, kind, publisher, date; then the
    contents entry of the What's new page, so it comes first after the front page, on screen and
    in print (the front page includes this file before its own contents entries)."""
    whatsnew = directive("toctree", "", f":maxdepth: 1\n\n{WHATSNEW_PAGE.removesuffix('.md')}")
    if not book.articles:
        return "The book has no articles yet: `briefbook add` puts the first one in.\n\n" + whatsnew
    lines = [f"The book is compiled from {len(book.articles)} articles:", ""]
    for entry in book.articles:
        title = escape_inline(entry.title)
        lines.append(f"- [{title}](/{entry.docname}.md) ({meta_line(entry.sidecar)})")
    return "\n".join(lines) + "\n\n" + whatsnew


def render_articles_toc(book: Book) -> str:
    """The front page's contents entry for the articles (it includes this file), in the book's order.

    A book with no articles yet (just made by ``briefbook init``) gets no list rather than an empty
    one: a toctree pattern that matches no page is a warning, and a new book builds without any.
    """
    if not book.articles:
        return GENERATED_MARK + "\n"
    entries = "\n".join(entry.docname for entry in book.articles)
    return (
        GENERATED_MARK
        + "\n\n"
        + directive("toctree", "", f":caption: The articles\n:maxdepth: 1\n\n{entries}")
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
                sources.append(f"[{title}]({source.url.replace(')', '%29').replace(' ', '%20')})")
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
            WIDE_PAGES,
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
            WIDE_PAGES,
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
    """One card per article on screen (sphinx-design); a table in print."""
    cards, rows = [], []
    for entry in book.articles:
        facts = source_facts(entry)
        publisher, date, author, kind, words, notes, claims = facts
        carried = [book.claims.get(c).statement for c in claims_of(entry)]
        reliability, copies = reliability_text(entry), copy_lines(book, entry)
        lines = [
            f":link: {entry.docname}",
            ":link-type: doc",
            "",
            f"**Publisher:** {escape_inline(publisher)}  ",
            f"**Date:** {escape_inline(date)}  ",
            f"**Author:** {escape_inline(author)}  ",
            f"**Kind:** {kind}  ",
            f"**Reliability:** {escape_inline(reliability)}  ",
            *(f"**{escape_inline(line)}**  " for line in copies),
            f"**Words:** {words} · **Notes:** {notes} · **Claims:** {claims}",
        ]
        if carried:
            lines += ["", "Claims it carries:", ""] + [f"- {escape_inline(c)}" for c in carried]
        cards.append(directive("grid-item-card", escape_argument(entry.title), "\n".join(lines)))
        graded = entry.sidecar.reliability
        rows.append(
            blocks.SourceRow(
                entry.docname,
                entry.title,
                tuple(facts),
                grade_label(graded.grade if graded else None),
                graded.reason if graded else None,
                "; ".join(copies) or None,
            )
        )
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
            "when, who wrote it, what kind of source it is, how reliable the editor judges it (from A, "
            "completely reliable, to E, unreliable; F where it cannot be judged), and how much of the "
            "book rests on it.",
            "",
            directive("only", "html", grid),
            directive("only", "latex", blocks.write_sources_table(rows)),
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

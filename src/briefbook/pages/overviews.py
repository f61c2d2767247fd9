"""The generated MyST pages: everything a page shows is written into it.

Each page holds all it shows of the book (an article's text, its notes with
their resolved cross-links, its term links and related coverage; an overview
page's rows), so a page file changes exactly when what it shows changes and
Sphinx's own change detection decides what to read again.  The Sphinx layer
reads nothing else: its directives turn these blocks into nodes.

Untrusted text (article words, titles, passages) only ever stands in the body
of a fenced directive whose body is never parsed as Markdown: raw lines
(``bb-text``, ``bb-quote``) or one JSON value per line (``bb-terms``,
``bb-links``, the overview tables).  Editor's MyST (notes, bases, definitions)
stands in directives that parse it.  Every fence is longer than any backtick
run inside it, so nothing inside can close it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..book import (
    Book,
    BookArticle,
    SharedMark,
    claims_of,
    passage_words,
    source_facts,
    source_label,
)
from ..dates import human_date
from ..figures.bookdata import ACTOR_LIMIT, TimelineItem, actor_data, timeline_data, timeline_items
from ..figures.pagedata import figure_rows
from ..kinds import GLOSSARY_KINDS, SHARED_KIND
from ..models import CAPTION, LocatedNote
from ..names import CLAIMS_INDEX, GENERATED_DIR, mention_id, passage_id
from .myst import (
    GENERATED_MARK,
    NOTE_PAGES,
    WIDE_PAGES,
    directive,
    escape_argument,
    escape_inline,
    fence_for,
    meta_line,
)


def json_lines(rows: Iterable) -> str:
    """One JSON value per line: data a directive reads back, never parsed as markup."""
    return "\n".join(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows)


def block(name: str, argument: str = "", body: str = "", options: dict[str, object] | None = None) -> str:
    """A fenced directive with options; the fence is longer than any backtick run in the body,
    including the fences of directives nested in it."""
    lines = [f":{key}: {value}" for key, value in (options or {}).items() if value is not None]
    inner = "\n".join([*lines, "", body]) if lines else body
    fence = fence_for(inner)
    head = f"{fence}{{{name}}} {argument}".rstrip()
    return f"{head}\n{inner}\n{fence}\n"


# --------------------------------------------------------------------- articles


def link_rows(located: LocatedNote | SharedMark) -> list[dict]:
    return [
        {
            "lead": line.lead,
            "links": [
                {"text": link.text, "doc": link.docname, "target": link.target, "title": link.title}
                for link in line.links
            ],
        }
        for line in located.lines
    ]


def note_block(entry: BookArticle, located: LocatedNote, origin: str) -> str:
    """One note: where its passage is, its quote, its MyST text and basis, the links the book adds."""
    note = located.note
    span = located.span
    parts = [block("bb-quote", "", passage_words(entry, located))]
    if note.note:
        parts.append(block("bb-body", str(note.note_line or note.line), note.note))
    if note.basis:
        parts.append(block("bb-basis", str(note.basis_line or note.line), note.basis))
    if located.lines:
        parts.append(block("bb-links", "", json_lines(link_rows(located))))
    options = {
        "kind": note.kind,
        "passage": f"{span.paragraph} {span.start} {span.end}",
        "claim": note.claim,
        "stance": note.stance,
        "origin": f"{origin}:{note.line}" if note.line else None,
    }
    return block("bb-note", str(located.number), "\n".join(parts), options)


def shared_block(entry: BookArticle, mark: SharedMark) -> str:
    """A passage the book marks itself: its words and where else they stand, no text of its own."""
    parts = [block("bb-quote", "", passage_words(entry, mark))]
    if mark.lines:
        parts.append(block("bb-links", "", json_lines(link_rows(mark))))
    options = {"kind": SHARED_KIND, "passage": f"{mark.span.paragraph} {mark.span.start} {mark.span.end}"}
    return block("bb-note", str(mark.number), "\n".join(parts), options)


def term_rows(book: Book, entry: BookArticle) -> list[dict]:
    """The glossary mentions to link, in reading order (caption first), with what print needs.

    In print an acronym's first use in an article is followed by its expansion, unless the
    mention is not an acronym ("U.S. European Command"), the article has just spelled it out
    ("United States European Command (EUCOM)"), or it stands before a possessive ("NATO's"):
    then the expansion waits for the next use.
    """
    rows = []
    expanded: set[str] = set()
    texts = [(CAPTION, entry.article.caption or ""), *list(enumerate(entry.article.paragraphs))]
    for index, text in texts:
        for match in entry.terms[index] if 0 <= index < len(entry.terms) else ():
            glossary_entry = book.glossary.by_id(match.entry_id)
            row = {
                "paragraph": index,
                "start": match.start,
                "end": match.end,
                "id": glossary_entry.id,
                "term": glossary_entry.term,
            }
            expansion = glossary_entry.expansion
            if expansion:
                before, after = text[: match.start], text[match.end :]
                spelled_out = expansion.casefold() in before[-len(expansion) - 4 :].casefold()
                is_acronym = " " not in match.surface
                possessive = after[:2] in ("’s", "'s")
                first = (
                    glossary_entry.id not in expanded and is_acronym and not spelled_out and not possessive
                )
                if first or spelled_out or not is_acronym:
                    expanded.add(glossary_entry.id)
                row["expansion"] = expansion
                row["expand"] = first
            rows.append(row)
    return rows


def related_rows(book: Book, entry: BookArticle) -> list[dict]:
    return [
        {
            "doc": other.docname,
            "title": other.title,
            "label": source_label(book, other),
            "claims": claims,
            "shared": shared,
        }
        for other, claims, shared in book.related(entry.stem)
    ]


def render_article_page(book: Book, entry: BookArticle) -> str:
    """The MyST page of one article: text, notes, term links, related coverage, removed lines.

    Notes name the sidecar (in the seeds folder) and line they come from, so problems Sphinx
    finds in a note's MyST are reported where the editor wrote it.
    """
    article, sidecar = entry.article, entry.sidecar
    origin = sidecar.path.name
    meta = meta_line(sidecar) + ("\n\n" + sidecar.about if sidecar.about else "")
    parts = [block("bb-text", "", "\n\n".join(article.paragraphs))]
    if article.caption:
        parts.append(block("bb-caption", "", article.caption))
    terms = term_rows(book, entry)
    if terms:
        parts.append(block("bb-terms", "", json_lines(terms)))
    parts.extend(
        shared_block(entry, mark) if isinstance(mark, SharedMark) else note_block(entry, mark, origin)
        for mark in entry.marks
    )
    out = [
        GENERATED_MARK,
        "",
        NOTE_PAGES,
        f"(article-{article.stem})=",
        f"# {escape_inline(entry.title)}",
        "",
        directive("container", "bb-meta", meta),
        block("bb-article", article.stem, "\n".join(parts)),
        "## Related coverage\n",
        block("bb-related", "", json_lines(related_rows(book, entry))),
    ]
    if article.removed:
        rows = "\n".join(f"{r.line}\t{r.rule}\t{r.text}" for r in article.removed)
        out.append(directive("bb-removed", article.stem, rows))
    return "\n".join(out)


def render_summary(book: Book) -> str:
    """The list of articles the front page includes: title, kind, publisher, date."""
    if not book.articles:
        return "The book has no articles yet: `briefbook add` puts the first one in.\n"
    lines = [f"The book is compiled from {len(book.articles)} articles:", ""]
    for entry in book.articles:
        title = escape_inline(entry.title)
        lines.append(f"- [{title}](/{entry.docname}.md) ({meta_line(entry.sidecar)})")
    return "\n".join(lines) + "\n"


ARTICLES_TOC = "_generated/articles-toc.md"


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


def mention_rows(book: Book, entry_id: str) -> list[dict]:
    return [
        {
            "doc": entry.docname,
            "title": entry.title,
            "target": mention_id(entry.stem, entry_id) if linked else None,
            "count": count,
        }
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
    parts.append(block("bb-mentions", entry.id, json_lines(mention_rows(book, entry.id))))
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
    out.append(figure_block(actor_data(book, ACTOR_LIMIT)))
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


def source_heads(book: Book) -> list[dict]:
    """The sources as the overview tables head them: label, page, title."""
    return [{"label": source_label(book, e), "doc": e.docname, "title": e.title} for e in book.articles]


def claim_rows(book: Book) -> list[dict]:
    """Per claim: its statement, whether it is disputed, and per source the tagged passages."""
    position = {e.stem: i for i, e in enumerate(book.articles)}
    rows = []
    for claim in book.claims.claims:
        cells: list[list[dict]] = [[] for _ in book.articles]
        stances = set()
        for entry, note in book.claim_passages(claim.id):
            stances.add(note.note.stance)
            cells[position[entry.stem]].append(
                {
                    "stance": note.note.stance,
                    "doc": entry.docname,
                    "target": passage_id(entry.stem, note.number),
                    "words": passage_words(entry, note),
                }
            )
        rows.append(
            {
                "id": claim.id,
                "date": human_date(claim.date),
                "statement": claim.statement,
                "disputed": "contradicts" in stances,
                "cells": cells,
            }
        )
    return rows


def render_claims_page(book: Book) -> str:
    body = json_lines([source_heads(book), *claim_rows(book)])
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
            block("bb-claims", "", body),
        ]
    )


def timeline_rows(items: list[TimelineItem]) -> list[dict]:
    """Everything the timeline lists, oldest first: dated claims, dated glossary events, periods
    and posts, each with the id the figure links to and links to its sources."""
    return [
        {
            "key": item.key,
            "when": item.when,
            "text": item.text,
            "term": item.term,
            "person": item.person,
            "sources": [
                {"text": link.text, "doc": link.docname, "target": link.target} for _, link in item.sources
            ],
        }
        for item in items
    ]


def figure_block(data) -> str:
    return block("bb-figure", "", json_lines(figure_rows(data)))


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
            figure_block(timeline_data(items)),
            block("bb-timeline", "", json_lines(timeline_rows(items))),
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
        rows.append({"doc": entry.docname, "title": entry.title, "facts": facts})
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
            directive("only", "latex", block("bb-sources-table", "", json_lines(rows))),
        ]
    )


def claims_index(book: Book) -> str:
    """What the ``{claim}`` role shows in hand-written pages: each claim's statement and reporters."""
    index = {
        claim.id: {
            "statement": claim.statement,
            "reporters": sorted({source_label(book, e) for e, _ in book.claim_passages(claim.id)}),
        }
        for claim in book.claims.claims
    }
    return json.dumps(index, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def render_pages(book: Book) -> dict[str, str]:
    """Every generated page, keyed by its path relative to the docs folder."""
    pages = {f"{GENERATED_DIR}/{e.stem}.md": render_article_page(book, e) for e in book.articles}
    pages["_generated/summary.md"] = render_summary(book)
    pages[ARTICLES_TOC] = render_articles_toc(book)
    pages[CLAIMS_INDEX] = claims_index(book)
    pages["glossary.md"] = render_glossary_page(book)
    pages["claims.md"] = render_claims_page(book)
    pages["timeline.md"] = render_timeline_page(book)
    pages["sources.md"] = render_sources_page(book)
    return pages

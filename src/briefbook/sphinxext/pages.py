"""Directives for the book's overview pages, built from the book model.

Each builds its nodes directly (text nodes and bb_link references), so no
article text or title is ever parsed as markup, and each registers every input
file as a dependency so Sphinx rebuilds the page when one changes.
"""

from __future__ import annotations

import difflib
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..figures.bookdata import timeline_items
from ..models import Link
from ..pipeline import Book, claims_of, mention_id, passage_id, passage_words, source_facts, source_label
from ..render import human_date
from . import nodes as bb
from .figures import TIMELINE_LIST_ID
from .state import book_for

STANCE_MARKS = {"supports": "✓", "contradicts": "✗", "qualifies": "≈"}
STANCE_HELP = {
    "supports": "supports the claim",
    "contradicts": "contradicts the claim",
    "qualifies": "qualifies the claim",
}


def link(item: Link, classes: list[str] | None = None) -> bb.bb_link:
    return bb.bb_link(
        "", item.text, docname=item.docname, target=item.target, title=item.title, classes=classes or []
    )


class BookDirective(SphinxDirective):
    """A directive that reads the whole book.

    Its page is re-read when what it shows changes, which incremental.py tells
    from a fingerprint of the book, not from the mere change of an input file.
    """

    def book(self) -> Book:
        return book_for(self.env)


class MentionsDirective(BookDirective):
    """```{bb-mentions} ENTRY-ID```: "Mentioned in" links to each article that mentions the entry."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        book, entry_id = self.book(), self.arguments[0]
        para = nodes.paragraph(classes=["bb-mentions"])
        para += nodes.emphasis("", "Mentioned in: ")
        places = book.mentions_of(entry_id)
        if not places:
            para += nodes.Text("no article of the book.")
            return [para]
        for index, (entry, count, linked) in enumerate(places):
            if index:
                para += nodes.Text("; ")
            target = mention_id(entry.stem, entry_id) if linked else None
            para += link(Link(entry.title, entry.docname, target, None))
            para += nodes.Text(f" ({count} mention{'s' if count > 1 else ''})")
        return [para]


class ClaimsMatrixDirective(BookDirective):
    """```{bb-claims}```: claims × sources, each cell linking to the passage."""

    def run(self) -> list[nodes.Node]:
        book = self.book()
        legend = nodes.paragraph(classes=["bb-legend"])
        legend += nodes.Text(
            "✓ the source supports the claim · ✗ contradicts it · ≈ qualifies it. "
            "Each mark links to the passage; on screen, hovering over it shows the passage's words."
        )
        sources = nodes.bullet_list(classes=["bb-sources-legend"])
        for entry in book.articles:
            item = nodes.paragraph()
            item += link(Link(source_label(book, entry), entry.docname, None, None))
            item += nodes.Text(f": {entry.title}")
            sources += nodes.list_item("", item)
        if not book.claims.claims:
            return [
                nodes.paragraph(
                    "", "The book has no claims yet: add them to claims.yaml in the seeds folder."
                )
            ]
        table = nodes.table(classes=["bb-claims", "longtable", "colwidths-given"])
        widths = [40] + [12] * len(book.articles)
        group = nodes.tgroup(cols=len(widths))
        table += group
        for width in widths:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", "Claim"))
        for entry in book.articles:
            row += nodes.entry("", nodes.paragraph("", source_label(book, entry)))
        head += row
        group += head
        body = nodes.tbody()
        for claim in book.claims.claims:
            row = nodes.row(ids=[f"bb-claim-{claim.id}"])
            first = nodes.paragraph()
            first += bb.bb_target(refid=f"bb-claim-{claim.id}")
            if claim.date:
                first += nodes.strong("", human_date(claim.date) + ": ")
            first += nodes.Text(claim.statement)
            stances = {n.note.stance for _, n in book.claim_passages(claim.id)}
            if "contradicts" in stances:
                row["classes"].append("bb-disputed")
                first += nodes.Text(" ")
                first += nodes.strong("", "(disputed)", classes=["bb-disputed-mark"])
            row += nodes.entry("", first)
            for entry in book.articles:
                cell = nodes.paragraph()
                for index, note in enumerate(n for n in entry.notes if n.note.claim == claim.id):
                    if index:
                        cell += nodes.Text(" ")
                    words = passage_words(entry, note)
                    mark = STANCE_MARKS[note.note.stance]
                    cell += link(
                        Link(
                            mark,
                            entry.docname,
                            passage_id(entry.stem, note.number),
                            f"{STANCE_HELP[note.note.stance]}: “{words}”",
                        ),
                        classes=[f"bb-{note.note.stance}"],
                    )
                row += nodes.entry("", cell)
            body += row
        group += body
        return [legend, sources, table]


class TimelineDirective(BookDirective):
    """```{bb-timeline}```: dated claims, dated glossary events and periods, oldest first.

    The list is also the timeline figure's text: each entry has the id the figure links to.
    """

    def run(self) -> list[nodes.Node]:
        items = timeline_items(self.book())
        if not items:
            return [nodes.paragraph("", "No dated claims or events yet.")]
        listing = nodes.definition_list(classes=["bb-timeline"], ids=[TIMELINE_LIST_ID])
        for item in items:
            entry = nodes.definition_list_item()
            entry += nodes.term("", item.when, ids=[item.key])  # the HTML writer keeps ids on <dt>
            para = nodes.paragraph()
            if item.term is not None:
                para += addnodes.pending_xref(
                    "",
                    nodes.inline("", item.term),
                    refdomain="std",
                    reftype="term",
                    reftarget=item.term.lower(),
                    refexplicit=True,
                    refwarn=True,
                    refdoc=self.env.docname,
                )
                para += nodes.Text(f": {item.text}" if item.person else " (glossary)")
            else:
                para += nodes.Text(item.text)
            if item.sources:
                para += nodes.Text(" — ")
                para += nodes.emphasis("", "sources: ")
                for index, (_, item_link) in enumerate(item.sources):
                    if index:
                        para += nodes.Text(", ")
                    para += link(item_link)
            entry += nodes.definition("", para)
            listing += entry
        return [listing]


class RelatedDirective(SphinxDirective):
    """```{bb-related} STEM```: other articles that report the same claims or share words.

    It sits on an article's page, so it depends on that article's files only, not on
    every input: what it shows of other articles is in the page's fingerprint
    (incremental.py), which re-reads the page when that changes.
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        book, stem = book_for(self.env), self.arguments[0]
        for path in book.input_files(stem):
            self.env.note_dependency(str(path))
        rows = nodes.bullet_list(classes=["bb-related"])
        for other, common, shared in book.related(stem):
            para = nodes.paragraph()
            para += link(Link(other.title, other.docname, None, None))
            parts = []
            if common:
                parts.append(f"{common} claim{'s' if common > 1 else ''} in common")
            if shared:
                parts.append(f"{shared} shared passage{'s' if shared > 1 else ''}")
            para += nodes.Text(f" ({source_label(book, other)}): " + ", ".join(parts) + ".")
            rows += nodes.list_item("", para)
        if not rows.children:
            return [nodes.paragraph("", "No other article in the book reports the same claims.")]
        return [rows]


class SourcesTableDirective(BookDirective):
    """```{bb-sources-table}```: one row per article (used in print)."""

    def run(self) -> list[nodes.Node]:
        book = self.book()
        headers = ["Source", "Publisher", "Date", "Author", "Kind", "Words", "Notes", "Claims"]
        table = nodes.table(classes=["bb-sources-table", "longtable", "colwidths-given"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        for width in [34, 14, 12, 10, 10, 6, 6, 6]:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        row = nodes.row()
        for header in headers:
            row += nodes.entry("", nodes.paragraph("", header))
        head += row
        group += head
        body = nodes.tbody()
        for entry in book.articles:
            row = nodes.row()
            first = nodes.paragraph()
            first += link(Link(entry.title, entry.docname, None, None))
            row += nodes.entry("", first)
            for value in source_facts(entry)[:-1]:
                row += nodes.entry("", nodes.paragraph("", value))
            row += nodes.entry("", nodes.paragraph("", str(len(claims_of(entry)))))
            body += row
        group += body
        return [table]


def setup_pages(app) -> None:
    app.add_directive("bb-mentions", MentionsDirective)
    app.add_directive("bb-claims", ClaimsMatrixDirective)
    app.add_directive("bb-timeline", TimelineDirective)
    app.add_directive("bb-related", RelatedDirective)
    app.add_directive("bb-sources-table", SourcesTableDirective)
    app.add_role("claim", claim_role)


def claim_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{claim}`ID``` (or ``{claim}`text <ID>```): a link to a claim's row in the claims matrix.

    Without explicit text the link shows the claim's statement; on screen, hovering over it
    lists the sources that report it.
    """
    env = inliner.document.settings.env
    match = re.match(r"^(.*?)\s*<([a-z0-9-]+)>$", text, re.DOTALL)
    label, claim_id = (match.group(1), match.group(2)) if match else (None, text.strip())
    claim = book_for(env).claims.get(claim_id)
    if claim is None:
        ids = book_for(env).claims.ids
        near = difflib.get_close_matches(claim_id, ids, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        message = inliner.reporter.error(f"unknown claim {claim_id!r}{hint}", line=lineno)
        problem = inliner.problematic(rawtext, rawtext, message)
        return [problem], [message]
    book = book_for(env)
    reporters = sorted({source_label(book, e) for e, _ in book.claim_passages(claim_id)})
    title = f"Reported by: {', '.join(reporters)}" if reporters else "No source tagged yet"
    node = link(
        Link(label or claim.statement, "claims", f"bb-claim-{claim_id}", title), classes=["bb-claim-link"]
    )
    return [node], []

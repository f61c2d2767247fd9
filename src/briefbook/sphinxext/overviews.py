"""The book's overview pages (glossary, claims matrix, timeline; the sources table is in
:mod:`.tables`) and related coverage, built from the rows their pages hold; and the ``{claim}``
role for hand-written pages.

Each directive reads its rows with :mod:`briefbook.pages.blocks` and builds text nodes and
bb_link references, so no article text or title is ever parsed as markup.  A page's rows are
all it shows, so Sphinx re-reads it exactly when they change.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlencode

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..editorial.markup import CLAIM_TARGET
from ..errors import did_you_mean
from ..names import CLAIMS_INDEX
from ..pages import blocks
from ..printable import counted
from .figures import TIMELINE_LIST_ID
from .links import link
from .provenance import KEEP_WITH_NEXT, STANCE_MARKS, claim_note, grade_cell, stance_link, standing_paragraph
from .tables import head_row, print_columns, small_print, table
from .terms import term_reference
from .text import bb_target
from .visitors import builder_format


class bb_mentions(nodes.General, nodes.Element):
    """The articles that mention a glossary entry (``places``: :class:`~briefbook.pages.blocks.Mention`),
    one node.

    An entry a hundred articles mention would be six hundred nodes that every transform and the
    writer walk; the HTML writer writes the paragraph straight from the rows instead, and for every
    other writer :class:`ExpandMentions` makes it the paragraph of links it stands for before
    writing, so it reaches the HTML writer only.
    """


def setup_overviews(app: Sphinx) -> None:
    app.add_node(bb_mentions, html=(html_visit_bb_mentions, None))
    app.add_post_transform(ExpandMentions)
    app.add_directive(blocks.MENTIONS, MentionsDirective)
    app.add_directive(blocks.CLAIMS, ClaimsMatrixDirective)
    app.add_directive(blocks.TIMELINE, TimelineDirective)
    app.add_directive(blocks.RELATED, RelatedDirective)
    app.add_role("claim", claim_role)


class RowsDirective(SphinxDirective):
    """A directive whose body is rows of data, one JSON value per line."""

    optional_arguments = 1
    has_content = True


def mention_count(count: int) -> str:
    return f" ({count} mention{'s' if count > 1 else ''})"


def mentions_lead(node: bb_mentions) -> str:
    return "Mentioned most in: " if node["more"] else "Mentioned in: "


def others_text(more: int) -> str:
    return f"; and {more} other article{'s' if more > 1 else ''}"


def mentions_paragraph(node: bb_mentions, numbered: bool) -> nodes.paragraph:
    """ "Mentioned in": a link to each article that mentions a glossary entry, with how often; in
    print each article by its number (its page follows, as after every reference to an article)."""
    para = nodes.paragraph(classes=["bb-mentions"])
    para += nodes.emphasis("", mentions_lead(node))
    if not node["places"]:
        para += nodes.Text("no article of the book.")
        return para
    for index, place in enumerate(node["places"]):
        if index:
            para += nodes.Text("; ")
        para += link(place.number if numbered and place.number else place.title, place.doc, place.target)
        para += nodes.Text(mention_count(place.count))
    if node["more"]:
        para += nodes.Text(others_text(node["more"]) + ".")
    return para


class MentionsDirective(RowsDirective):
    """```{bb-mentions} ENTRY-ID```: "Mentioned in" links to each article that mentions the entry
    (``:more: N``: to those that mention it most, and how many others do; ``:term:``, the entry's
    term, which a search for the others looks for)."""

    option_spec: ClassVar[dict] = {"more": directives.nonnegative_int, "term": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        places = blocks.read_mentions(self.content)
        return [
            bb_mentions(places=places, more=self.options.get("more", 0), term=self.options.get("term", ""))
        ]


class ExpandMentions(SphinxPostTransform):
    """For every writer but HTML: each ``bb_mentions`` becomes its paragraph of links."""

    default_priority = 100

    def is_supported(self) -> bool:
        return builder_format(self) != "html"

    def run(self, **kwargs) -> None:
        numbered = builder_format(self) == "latex"
        for node in list(self.document.findall(bb_mentions)):
            node.replace_self(mentions_paragraph(node, numbered))


def html_visit_bb_mentions(self, node: bb_mentions) -> None:
    """The paragraph :func:`mentions_paragraph` would make, as the HTML writer would write it; the
    others, when it names only the articles that mention the entry most, found by a search."""
    builder = self.builder
    here = builder.current_docname
    parts = [f'<p class="bb-mentions"><em>{mentions_lead(node)}</em>']
    if not node["places"]:
        parts.append("no article of the book.")
    uris: dict[str, str] = {}
    for index, place in enumerate(node["places"]):
        if index:
            parts.append("; ")
        doc, target = place.doc, place.target
        if doc == here and target:
            href = f"#{target}"
        else:
            if doc not in uris:
                uris[doc] = builder.get_relative_uri(here, doc)
            href = uris[doc] + (f"#{target}" if target else "") or "#"
        parts.append(
            f'<a class="reference internal" href="{self.attval(href)}">'
            f'<span class="bb-link">{self.encode(place.title)}</span></a>'
        )
        parts.append(self.encode(mention_count(place.count)))
    if node["more"]:
        parts.append(self.encode(others_text(node["more"])))
        if node["term"]:
            search = builder.get_relative_uri(here, "search") + "?" + urlencode({"q": node["term"]})
            parts.append(f' (<a class="reference internal" href="{self.attval(search)}">search for them</a>)')
        parts.append(".")
    parts.append("</p>\n")
    self.body.append("".join(parts))
    raise nodes.SkipNode


# More sources than this and the matrix is printed as a list: a column per source would not fit a
# page (nor a screen), and TeX runs out of memory on a table of some hundreds of columns.
MATRIX_SOURCES = 12
STANCE_WORDS = {"supports": "supported by", "contradicts": "contradicted by", "qualifies": "qualified by"}


def claim_statement(claim: blocks.ClaimRow) -> nodes.paragraph:
    """A claim as the matrix states it: its date, its words, and whether it is disputed."""
    first = nodes.paragraph()
    first += bb_target(refid=f"bb-claim-{claim.id}")
    if claim.date:
        first += nodes.strong("", claim.date + ": ")
    first += nodes.Text(claim.statement)
    if claim.disputed:
        first += nodes.Text(" ")
        first += nodes.strong("", "(disputed)", classes=["bb-disputed-mark"])
    return first


class ClaimsMatrixDirective(RowsDirective):
    """```{bb-claims}```: claims × sources, each cell linking to the passage."""

    def run(self) -> list[nodes.Node]:
        sources, claims = blocks.read_claims(self.content)
        if not claims:
            return [
                nodes.paragraph(
                    "", "The book has no claims yet: add them to claims.yaml in the seeds folder."
                )
            ]
        legend = nodes.paragraph(classes=["bb-legend"])
        columns = [(index, s) for index, s in enumerate(sources) if not s.copy_of]
        many = len(columns) > MATRIX_SOURCES
        legend += nodes.Text(
            "✓ the source supports the claim · ✗ contradicts it · ≈ qualifies it. "
            + ("Each source's label" if many else "Each mark")
            + " links to the passage (in print, its page follows it); on screen, hovering over it shows the "
            "passage's words. Credibility: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, "
            "5 improbable, 6 cannot be judged."
        )
        listing = nodes.bullet_list(classes=["bb-sources-legend"])
        for source in sources:
            item = nodes.paragraph()
            item += link(source.label, source.doc, None)
            item += nodes.Text(f": {source.title}")
            if source.copy_of:
                item += nodes.Text(
                    f" (a copy of {source.copy_of}: its marks stand in {source.copy_of.split(' ', 1)[0]}'s "
                    "column, as part of its original's reporting, not as another source)"
                )
            listing += nodes.list_item("", item)
        if many:  # the labels name the sources (number and publisher); the sources page lists them
            return [legend, self.claim_list(sources, claims)]
        widths = [40, 12] + [48 // max(len(columns), 1)] * len(columns)
        table_node, group = table(widths, ["bb-claims"])
        group += head_row(["Claim", "Credibility"] + [s.label for _, s in columns])
        body = nodes.tbody()
        for claim in claims:
            # two rows: the claim, its grade and a mark per source; then, across the table, what
            # it stands on and the editor's note
            row, details = nodes.row(), nodes.row(classes=["bb-claim-details"])
            if claim.disputed:
                row["classes"].append("bb-disputed")
                details["classes"].append("bb-disputed")
            row += nodes.entry("", claim_statement(claim))  # the claim's id is on its statement
            row += nodes.entry("", grade_cell(claim.standing))
            for index, _ in columns:
                cell = nodes.paragraph()
                for number, passage in enumerate(claim.cells[index]):
                    if number:
                        cell += nodes.Text(" ")
                    mark = STANCE_MARKS[passage.stance]
                    if passage.copy_of:  # a copy's mark, in its original's column
                        mark += f" ({passage.source.split(' ', 1)[0]}, a copy)"
                    cell += stance_link(mark, passage)
                row += nodes.entry("", cell)
            body += row
            found = [*standing_paragraph(claim), *claim_note(self, claim)]
            if found:
                row["classes"].append(KEEP_WITH_NEXT)  # in print, the claim and its row stay together
                details += nodes.entry("", *found, morecols=len(columns) + 1)
                body += details
        group += body
        spec = print_columns(["text", "text"] + ["mark"] * len(columns), widths)
        return [legend, listing, *small_print([spec, table_node])]

    def claim_list(
        self, sources: list[blocks.SourceHead], claims: list[blocks.ClaimRow]
    ) -> nodes.bullet_list:
        """The matrix as a list, for a book with more sources than a page has columns for: each
        claim, then by stance the sources that report it (each linking to the passage)."""
        listing = nodes.bullet_list(classes=["bb-claims-list"])
        for claim in claims:
            item = nodes.list_item()
            if claim.disputed:
                item["classes"].append("bb-disputed")
            item += claim_statement(claim)
            item.extend(standing_paragraph(claim, with_grade=True))
            item.extend(claim_note(self, claim))
            by_stance: dict[str, list[tuple[blocks.SourceHead, blocks.StancePassage]]] = {
                stance: [] for stance in STANCE_MARKS
            }
            for source, passages in zip(sources, claim.cells, strict=True):
                for passage in passages:
                    by_stance[passage.stance].append((source, passage))  # a copy's, under its original
            reported = nodes.paragraph(classes=["bb-claim-sources"])
            for stance, found in by_stance.items():
                if not found:
                    continue
                if len(reported):
                    reported += nodes.Text("; ")
                reported += nodes.Text(f"{STANCE_MARKS[stance]} {STANCE_WORDS[stance]}: ")
                for index, (source, passage) in enumerate(found):
                    if index:
                        reported += nodes.Text(", ")
                    reported += stance_link(source.label, passage)
            if not len(reported):
                reported += nodes.Text("No source reports it yet.")
            item += reported
            listing += item
        return listing


class TimelineDirective(RowsDirective):
    """```{bb-timeline}```: dated claims, dated glossary events and periods, oldest first.

    The list is also the timeline figure's text: each entry has the id the figure links to.
    """

    def run(self) -> list[nodes.Node]:
        items = blocks.read_timeline(self.content)
        if not items:
            return [nodes.paragraph("", "No dated claims or events yet.")]
        listing = nodes.definition_list(classes=["bb-timeline"], ids=[TIMELINE_LIST_ID])
        for item in items:
            entry = nodes.definition_list_item()
            entry += nodes.term("", item.when, ids=[item.key])  # the HTML writer keeps ids on <dt>
            para = nodes.paragraph()
            if item.term is not None:
                para += term_reference(self, nodes.inline("", item.term), item.term)
                para += nodes.Text(f": {item.text}" if item.person else " (glossary)")
            else:
                para += nodes.Text(item.text)
            if item.grade:
                para += nodes.Text(" ")
                para += nodes.inline("", f"({item.grade})", classes=["bb-timeline-grade"])
            if item.sources:
                para += nodes.Text(" — ")
                para += nodes.emphasis("", "sources: ")
                for index, source in enumerate(item.sources):
                    if index:
                        para += nodes.Text(", ")
                    para += link(source.text, source.docname, source.target)
            entry += nodes.definition("", para)
            listing += entry
        return [listing]


class RelatedDirective(RowsDirective):
    """```{bb-related}```: other articles that report the same claims or share words (``:more: N``:
    the most related, and how many others there are)."""

    option_spec: ClassVar[dict] = {"more": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        rows = nodes.bullet_list(classes=["bb-related"])
        for other in blocks.read_related(self.content):
            para = nodes.paragraph()
            para += link(other.title, other.doc, None)
            parts = []
            if other.claims:
                parts.append(f"{other.claims} claim{'s' if other.claims > 1 else ''} in common")
            if other.shared:
                parts.append(f"{other.shared} shared passage{'s' if other.shared > 1 else ''}")
            para += nodes.Text(f" ({other.label}): " + ", ".join(parts) + ".")
            rows += nodes.list_item("", para)
        if not rows.children:
            return [nodes.paragraph("", "No other article in the book reports the same claims.")]
        more = self.options.get("more", 0)
        if not more:
            return [rows]
        para = nodes.paragraph(classes=["bb-related-more"])
        para += nodes.Text(
            f"And {counted(more, 'other article')} with a claim or a passage in common: "
            "every source of each claim is listed in "
        )
        para += link("the claims matrix", "claims", None)
        para += nodes.Text(", and each shared passage is marked in the text above.")
        return [rows, para]


@cache
def _claims_index(path: str, stamp: tuple[int, int]) -> dict[str, blocks.ClaimSummary]:
    return blocks.read_claims_index(Path(path).read_text("utf-8"))


def claims_index(env) -> dict[str, blocks.ClaimSummary]:
    """The claims as the ``{claim}`` role shows them (written by the generator; a dependency of
    every page that uses the role, so those pages are read again when it changes)."""
    path = Path(env.srcdir, CLAIMS_INDEX)
    env.note_dependency(str(path))
    stat = path.stat()
    return _claims_index(str(path), (stat.st_mtime_ns, stat.st_size))


def claim_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{claim}`ID``` (or ``{claim}`text <ID>```): a link to a claim's row in the claims matrix.

    Without explicit text the link shows the claim's statement; on screen, hovering over it
    lists the sources that report it.
    """
    env = inliner.document.settings.env
    match = CLAIM_TARGET.match(text)  # the reading the check gives it, before anything is written
    label, claim_id = (match.group(1), match.group(2)) if match else (None, text.strip())
    index = claims_index(env)
    claim = index.get(claim_id)
    if claim is None:
        hint = did_you_mean(claim_id, list(index))
        message = inliner.reporter.error(
            f"unknown claim {claim_id!r}" + (f"; {hint}" if hint else ""), line=lineno
        )
        problem = inliner.problematic(rawtext, rawtext, message)
        return [problem], [message]
    reporters = claim.reporters
    title = f"Reported by: {', '.join(reporters)}" if reporters else "No source tagged yet"
    if claim.standing:
        title += f". {claim.standing[0].upper()}{claim.standing[1:]}"
    node = link(label or claim.statement, "claims", f"bb-claim-{claim_id}", title, ["bb-claim-link"])
    if not claim.grade:
        return [node], []
    # in brackets, the book's own addition, which reads well inside the writer's parentheses too
    grade = nodes.inline("", f" [{claim.grade}]", classes=["bb-claim-grade"])
    return [node, grade], []

"""What the book shows of provenance, as nodes: a claim's credibility grade and what it stands on
(its counts, the one-origin flag, its passages grouped by origin, the editor's note on it), and
the declared origins on the sources page (``bb-origins``).

Everything here is built from the rows of :mod:`briefbook.pages.blocks` as text nodes and
bb_link references; the editor's MyST (a claim's or an origin's note) is parsed, with its nodes
placed at the line of the YAML file it was written in, so a problem Sphinx finds there names it.
The standard docutils nodes it makes need no visitors of their own: HTML and print take them.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.latex import LaTeXTranslator

from ..pages import blocks
from .links import link
from .text import bb_target
from .visitors import builder_format

STANCE_MARKS = {"supports": "✓", "contradicts": "✗", "qualifies": "≈"}
STANCE_HELP = {
    "supports": "supports the claim",
    "contradicts": "contradicts the claim",
    "qualifies": "qualifies the claim",
}


# A table row in this class stays on the page of the row after it in print: a claim and the row under
# it that says what it stands on, a source and the row under it that gives its grade's reason.
KEEP_WITH_NEXT = "bb-keep-with-next"


def setup_provenance(app: Sphinx) -> None:
    app.add_directive(blocks.ORIGINS, OriginsDirective)
    # print only: every other writer, and every other row, is written as Sphinx writes it
    app.add_node(nodes.row, override=True, latex=(LaTeXTranslator.visit_row, latex_depart_row))
    app.add_post_transform(RowsUnderInPlainText)


# The rows that run across a table under the row they belong to (a claim's standing, a source's grade).
ROWS_UNDER = ("bb-claim-details", "bb-source-details")


class RowsUnderInPlainText(SphinxPostTransform):
    """For the writers without tables of merged cells (man; text and texinfo alike, to read the
    same): a row that runs across the table under another becomes the end of that row's first cell."""

    default_priority = 100

    def is_supported(self) -> bool:
        return builder_format(self) not in ("html", "latex")

    def run(self, **kwargs) -> None:
        for row in list(self.document.findall(nodes.row)):
            if not set(row["classes"]) & set(ROWS_UNDER):
                continue
            above = row.parent.index(row) - 1
            if above >= 0:
                owner = row.parent[above][0]  # the first cell of the row it belongs to
                for entry in row.children:
                    owner.extend(entry.children)
            row.parent.remove(row)


def latex_depart_row(self: LaTeXTranslator, node: nodes.row) -> None:
    """A row ends as Sphinx ends it; one kept with the next ends with longtable's ``\\*``, after
    which no page may break."""
    LaTeXTranslator.depart_row(self, node)
    if KEEP_WITH_NEXT not in node.get("classes", ()):
        return
    for index in range(len(self.body) - 1, max(len(self.body) - 4, -1), -1):
        if self.body[index] == "\\\\\n":
            self.body[index] = "\\\\*\n"
            return


def stance_link(text: str, passage: blocks.StancePassage) -> nodes.Node:
    """A link to a passage that takes a stance on a claim; its title says which, in its words."""
    title = f"{STANCE_HELP[passage.stance]}: “{passage.words}”"
    return link(text, passage.doc, passage.target, title, [f"bb-{passage.stance}"])


def grade_cell(standing: blocks.Standing | None) -> nodes.paragraph:
    """The claim's grade, beside it in the matrix: "2" over "probably true" (and "the editor's")."""
    para = nodes.paragraph(classes=["bb-grade"])
    if standing is None:
        return para
    _, _, words = standing.text.partition(", ")
    words = words.removesuffix(", the editor's grade")
    para += nodes.strong("", str(standing.grade), classes=[f"bb-grade-{standing.grade}"])
    para += nodes.inline("", f" {words}", classes=["bb-grade-words"])
    if standing.overridden:
        para += nodes.inline("", " (the editor's grade)", classes=["bb-grade-editor"])
    return para


def standing_paragraph(claim: blocks.ClaimRow, with_grade: bool = False) -> list[nodes.paragraph]:
    """What a claim stands on, in one paragraph: its counts and the one-origin flag, its passages
    grouped by origin, and why it has its grade (the rule's reason, or the editor's)."""
    standing = claim.standing
    if standing is None:
        return []
    para = nodes.paragraph(classes=["bb-claim-standing"])
    if with_grade:
        para += nodes.strong("", f"{standing.text[0].upper()}{standing.text[1:]}. ")
    para += nodes.Text(f"{standing.counts[:1].upper()}{standing.counts[1:]}. ")
    if standing.flag:
        para += nodes.strong(
            "", f"{standing.flag[0].upper()}{standing.flag[1:]}. ", classes=["bb-one-origin"]
        )
    if claim.origins:
        para += nodes.emphasis("", "By origin: ")
        add_origins(para, claim.origins)
        para += nodes.Text(". ")
    if standing.overridden:
        para += nodes.emphasis("", f"Graded {standing.grade} by the editor: ")
        para += nodes.Text(f"{standing.reason.rstrip('.')}. The rule gives {standing.computed}.")
    else:
        para += nodes.emphasis("", f"Graded {standing.grade}: ")
        para += nodes.Text(f"{standing.reason}.")
    return [para]


def add_origins(para: nodes.paragraph, origins: tuple[blocks.OriginMarks, ...]) -> None:
    """ "EUCOM's statement of 5 February 2026: ✓ 000, ≈ 001, ✓ 002; own reporting: ✓ 003", each
    declared origin linking to the sources page, each mark to its passage.  The sources' own
    reporting is one list, each mark its own origin: named one by one ("own reporting of 003 News
    report: ✓ 003") they said each source's name twice, a claim many sources report at length."""
    own = [group for group in origins if not group.target]
    shown = [group for group in origins if group.target]
    if own:
        label = "own reporting" if len(own) == 1 else "each source's own reporting"
        passages = tuple(passage for group in own for passage in group.passages)
        shown.insert(origins.index(own[0]), blocks.OriginMarks(label, None, passages))
    for index, group in enumerate(shown):
        if index:
            para += nodes.Text("; ")
        if group.target:
            para += link(group.label, "sources", group.target)
        else:
            para += nodes.Text(group.label)
        para += nodes.Text(": ")
        for number, passage in enumerate(group.passages):
            if number:
                para += nodes.Text(", ")
            number_text = passage.source.split(" ", 1)[0]
            copy = f" (a copy of {passage.copy_of.split(' ', 1)[0]})" if passage.copy_of else ""
            para += stance_link(f"{STANCE_MARKS[passage.stance]} {number_text}{copy}", passage)


def editor_myst(directive: SphinxDirective, text: str, file: str, line: int) -> list[nodes.Node]:
    """The editor's MyST (checked to the safe subset when the book was read), parsed; its nodes
    carry the YAML file and line it was written at."""
    holder = nodes.container()
    source = str(Path(directive.config.briefbook_seeds_path, file))
    directive.state.nested_parse(StringList(text.splitlines(), source=source), 0, holder)
    for child in holder.findall(nodes.Element):
        child.source = source
        child.line = line + max((child.line or 1) - 1, 0) if line else child.line
    return list(holder.children)


def claim_note(directive: SphinxDirective, claim: blocks.ClaimRow) -> list[nodes.Node]:
    """The editor's note on a claim, under the claim in the matrix, headed "Editor's note"."""
    if not claim.note or not claim.note_file:
        return []
    parsed = editor_myst(directive, claim.note, claim.note_file, claim.note_line)
    if not parsed or not isinstance(parsed[0], nodes.paragraph):
        parsed.insert(0, nodes.paragraph())
    parsed[0].insert(0, nodes.emphasis("", "Editor's note: "))
    for node in parsed:
        if isinstance(node, nodes.Element):
            node["classes"].append("bb-claim-note")
    return parsed


class OriginsDirective(SphinxDirective):
    """```{bb-origins}```: the declared origins, each with what it is, who it comes from, when,
    the editor's note and the passages that rest on it."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        listing = nodes.definition_list(classes=["bb-origins"])
        for row in blocks.read_origins(self.content):
            item = nodes.definition_list_item()
            term = nodes.term()
            term += bb_target(refid=f"bb-origin-{row.id}")
            term += nodes.Text(row.label[:1].upper() + row.label[1:])
            item += term
            body = nodes.definition()
            facts = nodes.paragraph()
            facts += nodes.Text(f"{row.kind[0].upper()}{row.kind[1:]} · {row.who}")
            if row.date:
                facts += nodes.Text(f" · {row.date}")
            if row.url:
                facts += nodes.Text(" · ")
                facts += nodes.reference("", row.url, refuri=row.url)
            body += facts
            if row.note:
                body.extend(editor_myst(self, row.note, row.file, row.note_line))
            resting = nodes.paragraph(classes=["bb-origin-passages"])
            resting += nodes.emphasis("", "Passages resting on it: ")
            if not row.passages:
                resting += nodes.Text("none tied to it yet.")
            for index, passage in enumerate(row.passages):
                if index:
                    resting += nodes.Text(", ")
                resting += link(passage.text, passage.docname, passage.target)
            body += resting
            item += body
            listing += item
        return [listing]

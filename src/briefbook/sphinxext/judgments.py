"""The key judgments on the front page (``bb-judgments``, which the front page includes): each
numbered, its title in bold before the editor's text, then the claims it rests on, each linking
to its row in the claims matrix with its credibility and what it stands on, and the editor's
caveat where the evidence is thin.

Built from the rows of :mod:`briefbook.pages.blocks` as standard docutils nodes (a numbered list,
paragraphs, a bulleted list) and bb_link references, so HTML and print take them as they are; the
editor's MyST is parsed at the line of judgments.yaml it was written at.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..pages import blocks
from .links import link
from .provenance import editor_myst
from .text import bb_target

NO_JUDGMENTS = "The book has no key judgments yet: add them to judgments.yaml in the seeds folder."


def setup_judgments(app: Sphinx) -> None:
    app.add_directive(blocks.JUDGMENTS, JudgmentsDirective)


def evidence_item(claim: blocks.Evidence) -> nodes.list_item:
    """A claim a judgment rests on: its statement, linked to the claims matrix, its grade in
    brackets (as the {claim} role gives it) and what it stands on."""
    para = nodes.paragraph()
    para += link(claim.statement, "claims", f"bb-claim-{claim.id}", None, ["bb-claim-link"])
    para += nodes.inline("", f" [{claim.text}]", classes=["bb-claim-grade"])
    para += nodes.inline(
        "", f" {claim.standing[:1].upper()}{claim.standing[1:]}.", classes=["bb-judgment-standing"]
    )
    return nodes.list_item("", para)


def lead(words: str, parsed: list[nodes.Node], classes: list[str]) -> list[nodes.Node]:
    """``parsed`` (the editor's MyST) with ``words`` in front of its first paragraph."""
    if not parsed or not isinstance(parsed[0], nodes.paragraph):
        parsed.insert(0, nodes.paragraph())
    parsed[0].insert(0, nodes.emphasis("", words))
    for node in parsed:
        if isinstance(node, nodes.Element):
            node["classes"].extend(classes)
    return parsed


class JudgmentsDirective(SphinxDirective):
    """```{bb-judgments}```: the key judgments, numbered, each with the claims it rests on."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        rows = blocks.read_judgments(self.content)
        if not rows:
            return [nodes.paragraph("", NO_JUDGMENTS, classes=["bb-no-judgments"])]
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["bb-judgments"])
        for row in rows:
            item = nodes.list_item(classes=["bb-judgment"])
            body = editor_myst(self, row.text, row.file, row.text_line) if row.text else []
            if not body or not isinstance(body[0], nodes.paragraph):
                body.insert(0, nodes.paragraph())
            title = nodes.strong("", row.title, classes=["bb-judgment-title"])
            body[0][0:0] = [bb_target(refid=f"bb-judgment-{row.id}"), title, nodes.Text(" ")]
            item.extend(body)
            rests = nodes.paragraph(classes=["bb-judgment-rests"])
            rests += nodes.emphasis("", "Rests on:" if row.claims else "Rests on: no claim cited.")
            item += rests
            if row.claims:
                item += nodes.bullet_list(
                    "", *map(evidence_item, row.claims), classes=["bb-judgment-evidence"]
                )
            if row.caveat:
                parsed = editor_myst(self, row.caveat, row.file, row.caveat_line)
                item.extend(lead("Caveat: ", parsed, ["bb-judgment-caveat"]))
            listing += item
        return [listing]

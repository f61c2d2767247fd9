"""Mentions of glossary terms: links to the glossary, and acronyms with their expansion.

On screen an acronym is an ``<abbr>`` whose title is its expansion; in print its first use in
an article is followed by the expansion.  A mention links to its entry as Sphinx's own
``:term:`` role would, so every writer treats it as a term reference.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..names import mention_id
from ..pages.blocks import TermRow
from .text import bb_target
from .visitors import PASS, plain_writers


class bb_abbr(nodes.Inline, nodes.TextElement):
    """An acronym from the glossary: <abbr title> in HTML, expanded at first use in print."""


def setup_terms(app: Sphinx) -> None:
    app.add_node(
        bb_abbr,
        html=(html_visit_bb_abbr, html_depart_bb_abbr),
        latex=(latex_visit_bb_abbr, latex_depart_bb_abbr),
        **plain_writers(PASS),
    )


def term_reference(directive: SphinxDirective, inner: nodes.Node, term: str) -> addnodes.pending_xref:
    """A reference to the glossary entry ``term``, showing ``inner``, resolved as ``:term:`` is."""
    return term_reference_in(directive.env.docname, directive.get_source_info(), inner, term)


def term_reference_in(
    docname: str, where: tuple[str, int | None], inner: nodes.Node, term: str
) -> addnodes.pending_xref:
    """:func:`term_reference` from page ``docname``, at ``where`` (source, line) on it."""
    xref = addnodes.pending_xref(
        "",
        inner,
        refdomain="std",
        reftype="term",
        reftarget=term.lower(),
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )
    xref.source, xref.line = where
    return xref


def term_mention(directive: SphinxDirective, stem: str, row: TermRow, text: nodes.Text) -> nodes.Node:
    """A mention of a glossary term in an article: a :term: reference, an <abbr> for acronyms,
    and the place the glossary's "Mentioned in" links to."""
    return term_mention_in(directive.env.docname, directive.get_source_info(), stem, row, text)


def term_mention_in(
    docname: str, where: tuple[str, int | None], stem: str, row: TermRow, text: nodes.Text
) -> nodes.Node:
    """:func:`term_mention` on page ``docname``, at ``where`` (source, line) on it."""
    if row.expansion:
        inner = bb_abbr("", "", text, expansion=row.expansion, first=row.expand)
    else:
        inner = nodes.inline("", "", text)
    # the classes Sphinx's own :term: role gives, so every builder treats it as a term reference
    inner["classes"].extend(["xref", "std", "std-term", "bb-term"])
    target = bb_target(refid=mention_id(stem, row.id))
    return nodes.inline("", "", target, term_reference_in(docname, where, inner, row.term))


def html_visit_bb_abbr(self, node: bb_abbr) -> None:
    self.body.append(self.starttag(node, "abbr", "", title=node["expansion"]))


def html_depart_bb_abbr(self, node: bb_abbr) -> None:
    self.body.append("</abbr>")


def latex_visit_bb_abbr(self, node: bb_abbr) -> None:
    pass


def latex_depart_bb_abbr(self, node: bb_abbr) -> None:
    # the first use in an article is followed by the expansion, set apart from the article's words
    if node["first"]:
        self.body.append(r"\bbexpansion{%s}" % self.encode(node["expansion"]))

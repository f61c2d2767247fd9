"""In print, a reference to an article is followed by its page, as books have it: "003, p. 31".

On screen a reference to an article is a link; on paper it leads nowhere unless it says where to
turn.  So when the PDF's pages are resolved, every reference to an article's page, or to a place
in it (a passage, a glossary mention), gets the page that place is printed on: the glossary's
"Mentioned in", a note's "same stance in" and "differs in", related coverage, the claims matrix's
marks ("✓ p. 31"), the timeline's sources, the sources table, the front page's lists and its
hand-written references.  A reference inside the article it points to, or in a heading, gets none.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..names import GENERATED_DIR
from .visitors import SKIP, plain_writers


class bb_pageref(nodes.Inline, nodes.Element):
    """In print: the page of the place a reference leads to (``label``), after ``separator``."""


def setup_pagerefs(app: Sphinx) -> None:
    # made for print only, by add_page_numbers; no other writer ever meets one
    app.add_node(bb_pageref, latex=(latex_visit_bb_pageref, None), html=SKIP, **plain_writers(SKIP))
    # after the book's own links have become references (links.resolve_links, at the default priority)
    app.connect("doctree-resolved", add_page_numbers, priority=600)


def article_of(node: nodes.Node) -> str | None:
    """The page (document) a node of the printed book stands in."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return parent["docname"]
        parent = parent.parent
    return None


def in_heading(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.title, nodes.subtitle, nodes.rubric)):
            return True
        parent = parent.parent
    return False


def page_label(uri: str) -> tuple[str, str] | None:
    """For a reference the LaTeX builder resolved (``%doc`` or ``%doc#id``): the page it is to
    and the label of the place it leads to, if that page is an article's."""
    if not uri.startswith(f"%{GENERATED_DIR}/"):
        return None
    doc, _, target = uri[1:].partition("#")
    return doc, f"{doc}:{target}" if target else f"{doc}::doc"


def add_page_numbers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (for the PDF): each reference to an article followed by its page."""
    if app.builder.format != "latex":
        return
    for reference in list(doctree.findall(nodes.reference)):
        found = page_label(reference.get("refuri", ""))
        if found is None or in_heading(reference) or article_of(reference) == found[0]:
            continue
        text = reference.astext().strip()
        # a mark of the claims matrix takes its page after a space ("✓ p. 31"), words after a comma
        separator = " " if len(text) == 1 and not text.isalnum() else ", "
        reference.parent.insert(
            reference.parent.index(reference) + 1, bb_pageref(label=found[1], separator=separator)
        )


def latex_visit_bb_pageref(self, node: bb_pageref) -> None:
    self.body.append(r"\bbpageref{%s}{%s}" % (self.encode(node["separator"]), self.idescape(node["label"])))
    raise nodes.SkipNode

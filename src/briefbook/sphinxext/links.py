"""Links the book makes itself, to a place on another page: resolved for the writer at work.

A directive cannot know where another page will be (a file of the HTML site, a page of the
PDF), so it makes a :class:`bb_link`; when the page is written, :func:`resolve_links` turns each
into the builder's own reference.  Its text and title are plain text, never markup.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode


class bb_link(nodes.Inline, nodes.TextElement):
    """A link the book makes to a place on another page; resolved per builder by :func:`resolve_links`."""


def setup_links(app: Sphinx) -> None:
    # no visitors: every bb_link is replaced by a reference before any writer sees it
    app.add_node(bb_link)
    app.connect("doctree-resolved", resolve_links)


def link(text: str, doc: str, target: str | None, title: str | None = None, classes=()) -> bb_link:
    """A link to ``target`` on page ``doc`` (to the page itself without one), showing ``text``."""
    return bb_link("", text, docname=doc, target=target, title=title, classes=list(classes))


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: turn each bb_link into a reference for the builder at work.

    A link to a page the output does not hold (the update brief prints only some articles) is
    left as its words."""
    for node in list(doctree.findall(bb_link)):
        child = nodes.inline("", node.astext(), classes=["bb-link"])
        try:
            ref = make_refnode(
                app.builder, docname, node["docname"], node["target"], child, node.get("title")
            )
        except NoUri:
            node.replace_self(child)
            continue
        ref["classes"].extend(node.get("classes", []))
        node.replace_self(ref)

"""The articles grouped by date and by publisher: the front page's lists and the group pages.

``{bb-browse}`` reads its groups with :mod:`briefbook.pages.blocks` into one node, which each
writer gets in its own shape: on screen the front page's groups fold away (a native
``<details>``, which needs no script), each listing its first articles and linking to the rest; in
print every article is listed, by its number (the page follows it, as after every reference to an
article in print).  A group's own page lists its articles whole.  The browse pages are left out of
the search index: every title on them is found on the article's own page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..names import BROWSE_DIR
from ..pages import blocks
from ..printable import counted
from .links import link
from .visitors import SKIP, builder_format, plain_writers

FRONT_PER_GROUP = 10  # articles of each group the front page lists on screen; its page lists all


class bb_browse(nodes.General, nodes.Element):
    """Groups of articles (``groups``: :class:`~briefbook.pages.blocks.BrowseGroup`) in a ``shape``:
    ``folds`` or ``folds-closed`` (the front page) or ``list`` (a group's page).  Replaced before
    writing by :class:`ExpandBrowse`, in the shape of the writer at work."""


class bb_fold(nodes.General, nodes.Element):
    """On screen, a group that folds away under its ``summary`` (open when ``open``)."""


def setup_browse(app: Sphinx) -> None:
    app.add_node(bb_browse)  # never reaches a writer
    app.add_node(bb_fold, html=(html_visit_bb_fold, html_depart_bb_fold), latex=SKIP, **plain_writers(SKIP))
    app.add_directive(blocks.BROWSE, BrowseDirective)
    app.add_post_transform(ExpandBrowse)
    app.connect("doctree-read", browse_page_metadata, priority=900)  # after Sphinx reads the page's metadata


class BrowseDirective(SphinxDirective):
    """```{bb-browse} SHAPE``` with one group of articles per line."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        return [bb_browse(shape=self.arguments[0], groups=blocks.read_browse(self.content))]


def entry_paragraph(entry: blocks.BrowseEntry) -> nodes.paragraph:
    """003 Title · News report · Harbour Wire · 5 February 2026"""
    para = nodes.paragraph(classes=["bb-browse-entry"])
    para += nodes.inline("", entry.number, classes=["bb-number"])
    para += nodes.Text(" ")
    para += link(entry.title, entry.doc, None)
    para += nodes.inline("", f" · {entry.facts}", classes=["bb-facts"])
    return para


def entry_list(entries: tuple[blocks.BrowseEntry, ...]) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=["bb-browse-list"])
    for entry in entries:
        listing += nodes.list_item("", entry_paragraph(entry))
    return listing


def folds(groups: list[blocks.BrowseGroup], first_open: bool) -> list[nodes.Node]:
    """On screen: each group folds away; it lists its first articles and links to its page for the rest."""
    found = []
    for index, group in enumerate(groups):
        fold = bb_fold(summary=group.title, count=counted(len(group.entries), "article"))
        fold["open"] = first_open and index == 0
        fold += entry_list(group.entries[:FRONT_PER_GROUP])
        if len(group.entries) > FRONT_PER_GROUP:
            more = nodes.paragraph(classes=["bb-browse-more"])
            more += link(f"All {counted(len(group.entries), 'article')}: {group.title}", group.page, None)
            fold += more
        found.append(fold)
    return found


def printed_index(groups: list[blocks.BrowseGroup]) -> list[nodes.Node]:
    """In print: each group's articles by number, run in ("February 2026 (37): 012, 009, ..."),
    each followed by its page."""
    found = []
    for group in groups:
        para = nodes.paragraph(classes=["bb-browse-index"])
        para += nodes.strong("", group.title)
        para += nodes.Text(f" ({len(group.entries)}): ")
        for index, entry in enumerate(group.entries):
            if index:
                para += nodes.Text("; ")
            para += link(entry.number, entry.doc, None, entry.title)
        found.append(para)
    return found


class ExpandBrowse(SphinxPostTransform):
    """Each ``bb_browse`` in the shape of the writer at work: folds on screen, an index in print."""

    default_priority = 100  # before the links are resolved (doctree-resolved)

    def run(self, **kwargs) -> None:
        html = builder_format(self) == "html"
        for node in list(self.document.findall(bb_browse)):
            groups, shape = node["groups"], node["shape"]
            if shape == "list":
                node.replace_self([entry_list(group.entries) for group in groups])
            elif html:
                node.replace_self(folds(groups, first_open=shape == "folds"))
            else:
                node.replace_self(printed_index(groups))


def html_visit_bb_fold(self, node: bb_fold) -> None:
    self.body.append(
        self.starttag(node, "details", CLASS="bb-fold", **({"open": "open"} if node["open"] else {}))
    )
    self.body.append(
        f'<summary class="bb-fold-summary">{self.encode(node["summary"])}'
        f' <span class="bb-fold-count">· {self.encode(node["count"])}</span></summary>\n'
    )


def html_depart_bb_fold(self, node: bb_fold) -> None:
    self.body.append("</details>\n")


def browse_page_metadata(app: Sphinx, doctree: nodes.document) -> None:
    """The browse pages list titles that are found on the articles' own pages, so search leaves
    them out; and a book whose front page does not include the articles' contents entry (one
    made before there were browse pages) still builds without a warning: they are orphans there."""
    docname = app.env.docname
    if docname.startswith(f"{BROWSE_DIR}/"):
        app.env.metadata.setdefault(docname, {}).update(nosearch=True, orphan=True)

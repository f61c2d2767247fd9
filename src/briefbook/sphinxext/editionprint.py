"""The PDF's edition: its title page names the edition, and an update brief prints what changed.

The title page's line and note are set in the preamble (``\bbeditionline``, ``\bbeditionnote`` in
briefbook.sty).  The update brief is a second LaTeX document, made while the edition compared with
is named (``briefbook_since``, ``build --since``): its start page (``update-brief``, generated) opens
with the front page's text (:class:`FrontPageInPrint`), then What's new and the articles new or
changed, with their notes in the margin as in the full book.
"""

from __future__ import annotations

import copy
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape
from sphinx.util.docutils import SphinxDirective

from ..names import UPDATE_PAGE, UPDATE_TEX
from ..pages import changeblocks as cb
from ..pages.record import EditionFacts
from .visitors import PASS, plain_writers

UPDATE_DOC = UPDATE_PAGE.removesuffix(".md")


class bb_front_page(nodes.General, nodes.Element):
    """The update brief's opening: its words, and in print the front page's text after them."""


def setup_edition_print(app: Sphinx) -> None:
    app.add_directive(cb.UPDATE_BRIEF, UpdateBriefDirective)
    app.add_node(bb_front_page, html=PASS, latex=PASS, **plain_writers(PASS))
    app.add_post_transform(FrontPageInPrint)
    app.connect("builder-inited", drop_stale_update_briefs)


class UpdateBriefDirective(SphinxDirective):
    """```{bb-update-brief}```: what the update brief holds; in print the front page follows."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname]["orphan"] = True  # in no contents list: a PDF of its own
        intro = cb.read_update_brief(self.content)
        return [bb_front_page("", nodes.paragraph("", intro), classes=["bb-update-brief"])]


class FrontPageInPrint(SphinxPostTransform):
    """In print, the update brief opens with the front page's text: its words without its contents
    lists (the update brief has its own), after the brief's opening words."""

    default_priority = 5  # before references are resolved, so the front page's links are too
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for placeholder in list(self.document.findall(bb_front_page)):
            front = self.env.get_doctree(self.config.root_doc)
            section = next(iter(front.findall(nodes.section)), front)
            placeholder.extend(
                without_contents(c for c in section.children if not isinstance(c, nodes.title))
            )


def is_contents(node: nodes.Node) -> bool:
    """A contents list (toctree), or the compound that wraps one."""
    wrapper = isinstance(node, nodes.compound) and "toctree-wrapper" in node.get("classes", [])
    return wrapper or isinstance(node, addnodes.toctree)


def without_contents(children) -> list[nodes.Node]:
    """Copies of the nodes, every contents list in them left out."""
    kept = []
    for child in children:
        if is_contents(child):
            continue
        child = copy.deepcopy(child)
        for inner in list(child.findall(is_contents)) if isinstance(child, nodes.Element) else []:
            if inner.parent is not None:
                inner.parent.remove(inner)
        kept.append(child)
    return kept


def configure(app: Sphinx, config: Config, facts: EditionFacts) -> None:
    """The PDF's edition: its title page's line, and the update brief as a second LaTeX document."""
    elements = dict(config.latex_elements)
    escape = lambda text: texescape.escape(text, config.latex_engine)  # noqa: E731
    preamble = elements.get("preamble", "")
    if facts.title_line:
        preamble += "\n\\renewcommand{\\bbeditionline}{%s}\n" % escape(facts.title_line)
        if facts.is_edition:
            preamble += "\\bbeditiondatetrue\n"
    if facts.title_note:
        preamble += "\\renewcommand{\\bbeditionnote}{%s}\n" % escape(facts.title_note)
    elements["preamble"] = preamble
    config.latex_elements = elements
    if facts.update is None or not config.latex_documents:
        return
    _, target, title, author, theme, *rest = config.latex_documents[0]
    name = f"{Path(target).stem}{UPDATE_TEX}{facts.since}.tex"
    brief = (UPDATE_DOC, name, f"{title}: update brief", author, theme, *rest)
    config.latex_documents = [*config.latex_documents, brief]


def drop_stale_update_briefs(app: Sphinx) -> None:
    """An update brief's LaTeX (and PDF) from an earlier build is not built again: the LaTeX folder's
    Makefile builds every ``.tex`` in it."""
    if app.builder.format != "latex":
        return
    wanted = {Path(doc[1]).stem for doc in app.config.latex_documents}
    for path in Path(app.builder.outdir).glob(f"*{UPDATE_TEX}*"):
        if path.suffix in (".tex", ".pdf") and path.stem not in wanted:
            path.unlink()

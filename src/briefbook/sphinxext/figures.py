"""``{bb-figure} timeline`` and ``{bb-figure} actors``: the book's figures on the page.

A thin layer over :mod:`briefbook.figures`: the directive takes the figure's data from the
book and lays it out; the HTML writer turns the drawing into inline SVG (its links resolved
to the list entries and glossary entries of this build), the LaTeX writer into a TikZ
picture.  Plain-text outputs skip the figure: the list or glossary that follows it says the
same in words, which is why the SVG names that text as its description.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..figures.actors import layout_actors
from ..figures.bookdata import ACTOR_LIMIT, actor_data, timeline_data, timeline_items
from ..figures.svg import to_svg
from ..figures.tikz import to_tikz
from ..figures.timeline import layout_timeline
from .state import book_for

TIMELINE_LIST_ID = "bb-timeline-list"
FIGURES = ("timeline", "actors")


class bb_figure(nodes.General, nodes.Element):
    """A figure: ``drawing`` (a briefbook.figures Drawing), ``caption``, ``described_by`` (ids of its text)."""


def timeline_caption(shown: int, dated: int) -> str:
    which = (
        "Dated claims and events"
        if shown >= dated
        else f"The {shown} dated claims and events that the most sources report (of {dated})"
    )
    return (
        f"{which}, with the numbers of the sources that report them, and, as bars, "
        "the glossary’s periods and the posts of the three people the most articles mention. "
        "Long gaps between dates are cut short (//). The list below says the same in words."
    )


def actors_caption(shown: int, total: int) -> str:
    rule = (
        f"all {total} people and organisations that have ties"
        if shown >= total
        else f"the {shown} people and organisations with the most ties (of {total} that have any)"
    )
    return (
        f"Who is tied to whom: {rule}, by the posts people hold and by the glossary’s cross-references. "
        "The entries below say the same in words."
    )


class FigureDirective(SphinxDirective):
    """```{bb-figure} timeline``` or ```{bb-figure} actors```."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in FIGURES:
            raise self.error(f"bb-figure: unknown figure {kind!r}; expected one of: {', '.join(FIGURES)}")
        book = book_for(self.env)
        if kind == "timeline":
            data = timeline_data(timeline_items(book))
            drawing = layout_timeline(data, "Timeline of the claims and events in this book")
            caption = timeline_caption(len(data.events), data.dated)
            node = bb_figure(drawing=drawing, caption=caption, described_by=[TIMELINE_LIST_ID])
            return [node]
        data = actor_data(book, ACTOR_LIMIT)
        drawing = layout_actors(data, "Chart of the people and organisations in this book and their ties")
        node = bb_figure(
            drawing=drawing, caption=actors_caption(len(data.actors), data.total), described_by=[]
        )
        return [node]


def _hrefs(translator, drawing) -> dict[str, str]:
    """Each link target of the drawing as a URL: list entries on this page, glossary entries anywhere."""
    from ..figures.drawing import Link

    builder = translator.builder
    here = builder.current_docname
    terms = builder.env.get_domain("std")._terms  # term (lower case) -> (docname, id)
    labels = {}

    def collect(items):
        for item in items:
            if isinstance(item, Link):
                labels[item.target] = item
                collect(item.items)

    collect(drawing.items)
    book = book_for(builder.env)
    hrefs = {}
    for key in labels:
        if drawing.kind == "timeline":
            hrefs[key] = f"#{key}"
            continue
        found = terms.get(book.glossary.by_id(key).term.lower())
        if found:
            docname, anchor = found
            page = "" if docname == here else builder.get_relative_uri(here, docname)
            hrefs[key] = f"{page}#{anchor}"
    return hrefs


def html_visit_bb_figure(self, node: bb_figure) -> None:
    drawing = node["drawing"]
    svg_id = f"bb-figure-{drawing.kind}"
    caption_id = f"{svg_id}-caption"
    # the caption says where the figure is put in words; the timeline's list is that text itself
    described = " ".join([*node["described_by"], caption_id])
    svg = to_svg(drawing, _hrefs(self, drawing), svg_id, described)
    self.body.append(
        f'<figure class="bb-figure bb-figure-{drawing.kind}">\n'
        # the box scrolls sideways on a narrow screen (the keyboard reaches it through the figure's links)
        '<div class="bb-figure-scroll">\n'
        f'{svg}</div>\n<figcaption id="{caption_id}">{self.encode(node["caption"])}</figcaption>\n</figure>\n'
    )
    raise nodes.SkipNode


def latex_visit_bb_figure(self, node: bb_figure) -> None:
    from .latex import tex_escape

    self.body.append(
        "\n\\begin{bbfigure}\n%s\\end{bbfigure}\n\\bbfigurecaption{%s}\n"
        % (to_tikz(node["drawing"]), tex_escape(node["caption"]))
    )
    raise nodes.SkipNode


def skip(self, node) -> None:
    raise nodes.SkipNode


def setup_figures(app: Sphinx) -> None:
    app.add_node(
        bb_figure,
        html=(html_visit_bb_figure, None),
        latex=(latex_visit_bb_figure, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("bb-figure", FigureDirective)

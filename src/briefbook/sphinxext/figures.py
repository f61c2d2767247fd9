"""``{bb-figure}``: the book's figures on the page, the timeline and the actor chart.

A thin layer over :mod:`briefbook.figures`: the directive reads the figure's data from its
page (rows the generator wrote, read with :mod:`briefbook.pages.blocks`) and lays it out; the
HTML writer turns the drawing into inline SVG (its links resolved to the list entries and
glossary entries of this build), the LaTeX writer into a TikZ picture.  Plain-text outputs skip
the figure: the list or glossary that follows it says the same in words, which is why the SVG
names that text as its description.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..pages import blocks
from .visitors import SKIP, plain_writers

# The figures' modules (layout, SVG, TikZ) are imported where a figure is read or written, so a
# build that reads and writes only articles never loads them.

TIMELINE_LIST_ID = "bb-timeline-list"
NO_ACTORS = "No chart of actors yet: no person or organisation in the glossary is tied to another."


class bb_figure(nodes.General, nodes.Element):
    """A figure: ``drawing`` (a briefbook.figures Drawing), ``caption``, ``described_by`` (ids of its text)."""


def setup_figures(app: Sphinx) -> None:
    # the plain writers leave the figure out: the text that follows it says the same in words
    app.add_node(
        bb_figure,
        html=(html_visit_bb_figure, None),
        latex=(latex_visit_bb_figure, None),
        **plain_writers(SKIP),
    )
    app.add_directive(blocks.FIGURE, FigureDirective)


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
    """```{bb-figure}``` with the figure's data as rows (the timeline, or the actor chart)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        from ..figures.actors import ActorData, layout_actors
        from ..figures.timeline import layout_timeline

        data = blocks.read_figure(self.content)
        if isinstance(data, ActorData) and not data.actors:
            # nothing to draw: one line says why, rather than an empty frame and its caption
            return [nodes.paragraph("", NO_ACTORS, classes=["bb-figure-empty"])]
        if not isinstance(data, ActorData) and not data.events and not data.periods:
            return []  # the timeline's list, which follows, says that nothing is dated yet
        if isinstance(data, ActorData):
            drawing = layout_actors(data, "Chart of the people and organisations in this book and their ties")
            caption = actors_caption(len(data.actors), data.total)
            # each node links to its glossary entry, found by its term when the page is written
            terms = {actor.key: actor.label for actor in data.actors}
            return [bb_figure(drawing=drawing, caption=caption, described_by=[], terms=terms)]
        drawing = layout_timeline(data, "Timeline of the claims and events in this book")
        caption = timeline_caption(len(data.events), data.dated)
        return [bb_figure(drawing=drawing, caption=caption, described_by=[TIMELINE_LIST_ID], terms={})]


def _hrefs(translator, drawing, terms_of: dict[str, str]) -> dict[str, str]:
    """Each link target of the drawing as a URL: list entries on this page, glossary entries anywhere."""
    from ..figures.drawing import Link

    builder = translator.builder
    here = builder.current_docname
    terms = glossary_terms(builder.env)
    labels = {}

    def collect(items):
        for item in items:
            if isinstance(item, Link):
                labels[item.target] = item
                collect(item.items)

    collect(drawing.items)
    hrefs = {}
    for key in labels:
        if drawing.kind == "timeline":
            hrefs[key] = f"#{key}"
            continue
        found = terms.get(terms_of[key].lower())
        if found:
            docname, anchor = found
            page = "" if docname == here else builder.get_relative_uri(here, docname)
            hrefs[key] = f"{page}#{anchor}"
    return hrefs


def glossary_terms(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """Each glossary term of the book, in lower case (as ``:term:`` finds it): its page and id."""
    return {
        name.lower(): (docname, anchor)
        for name, _, kind, docname, anchor, _ in env.get_domain("std").get_objects()
        if kind == "term"
    }


def html_visit_bb_figure(self, node: bb_figure) -> None:
    from ..figures.svg import to_svg

    drawing = node["drawing"]
    svg_id = f"bb-figure-{drawing.kind}"
    caption_id = f"{svg_id}-caption"
    # the caption says where the figure is put in words; the timeline's list is that text itself
    described = " ".join([*node["described_by"], caption_id])
    svg = to_svg(drawing, _hrefs(self, drawing, node["terms"]), svg_id, described)
    self.body.append(
        f'<figure class="bb-figure bb-figure-{drawing.kind}">\n'
        # the box scrolls sideways on a narrow screen (the keyboard reaches it through the figure's links)
        '<div class="bb-figure-scroll">\n'
        f'{svg}</div>\n<figcaption id="{caption_id}">{self.encode(node["caption"])}</figcaption>\n</figure>\n'
    )
    raise nodes.SkipNode


def latex_visit_bb_figure(self, node: bb_figure) -> None:
    from ..figures.tikz import to_tikz

    self.body.append(
        "\n\\begin{bbfigure}\n%s\\end{bbfigure}\n\\bbfigurecaption{%s}\n"
        % (to_tikz(node["drawing"]), self.encode(node["caption"]))
    )
    raise nodes.SkipNode

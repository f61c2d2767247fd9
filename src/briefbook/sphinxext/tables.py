"""The book's tables: how one is made and set in print, and the sources table.

The sources table is one table on screen and in print.  On screen a script (``briefbook-table.js``,
on the pages that have such a table) sorts it by any column and filters it by the columns its
headers mark; without the script it is a plain table.  In print its columns are ragged and never
hyphenated, in smaller type, so that every column holds its words inside the text block.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..pages import blocks
from .links import link
from .visitors import PASS, plain_writers


def setup_tables(app: Sphinx) -> None:
    app.add_directive(blocks.SOURCES_TABLE, SourcesTableDirective)
    app.add_node(bb_time, html=(html_visit_bb_time, html_depart_bb_time), latex=PASS, **plain_writers(PASS))


def table(widths: list[int], classes: list[str]) -> tuple[nodes.table, nodes.tgroup]:
    table_node = nodes.table(classes=[*classes, "longtable", "colwidths-given"])
    group = nodes.tgroup(cols=len(widths))
    table_node += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    return table_node, group


def head_row(cells: list[str]) -> nodes.thead:
    head, row = nodes.thead(), nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph("", cell))
    head += row
    return head


# The sources table's columns: header, share of the width, and what the page's script does with
# it besides sorting (choice: a list to filter by; date: a span to filter by).  The first two are
# the source's number and title; the others its facts, in order.  A column added here is sorted
# and filtered like the rest.
SOURCE_COLUMNS = (
    ("No.", 5, "number"),
    ("Source", 23, "text"),
    ("Publisher", 13, "choice"),
    ("Date", 11, "date"),
    ("Author", 15, "text"),
    ("Kind", 10, "choice"),
    ("Words", 8, "number"),
    ("Notes", 7, "number"),
    ("Claims", 8, "number"),
)


class bb_time(nodes.Inline, nodes.TextElement):
    """A date as shown, with the date it stands for (``datetime``: YYYY, YYYY-MM or YYYY-MM-DD):
    on screen a ``<time>``, which the sources table's script sorts and filters by."""


def html_visit_bb_time(self, node: bb_time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def html_depart_bb_time(self, node: bb_time) -> None:
    self.body.append("</time>")


def print_columns(kinds: list[str], widths: list[int]) -> addnodes.tabular_col_spec:
    """In print, a table's columns: each its share of the line, numbers set flush right and marks
    centred (the cells' text is ragged and never hyphenated: see :func:`small_print`)."""
    total = sum(widths)
    specs = []
    for kind, width in zip(kinds, widths, strict=True):
        align = {"number": r"\raggedleft", "mark": r"\centering"}.get(kind, r"\raggedright")
        specs.append(rf">{{{align}\arraybackslash}}\X{{{width}}}{{{total}}}")
    return addnodes.tabular_col_spec(spec="".join(specs))


def small_print(table_nodes: list[nodes.Node]) -> list[nodes.Node]:
    """A wide table set in print in smaller type, so that its columns hold their words, its cells'
    text ragged and never hyphenated (a date or a name split across lines is hard to read)."""
    return [
        nodes.raw("", "\\begingroup\\footnotesize\\bbtablecells\n", format="latex"),
        *table_nodes,
        nodes.raw("", "\\endgroup\n", format="latex"),
    ]


class SourcesTableDirective(SphinxDirective):
    """```{bb-sources-table}```: one row per article, on screen (where a script sorts and filters
    it by its columns, see ``briefbook-table.js``; without one it is a plain table) and in print."""

    optional_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        headers, widths, kinds = (list(column) for column in zip(*SOURCE_COLUMNS, strict=True))
        table_node, group = table(widths, ["bb-sources-table", "bb-sortable"])
        group += head_row(headers)
        for entry, kind in zip(group.findall(nodes.entry), kinds, strict=True):
            entry["classes"].append(f"bb-col-{kind}")
        body = nodes.tbody()
        for source in blocks.read_sources_table(self.content):
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", source.number))
            first = nodes.paragraph()
            first += link(source.title, source.doc, None)
            row += nodes.entry("", first)
            for value, kind in zip(source.facts, kinds[2:], strict=False):
                cell = nodes.paragraph()
                if kind == "date" and source.date:
                    cell += bb_time("", value, datetime=source.date)
                else:
                    cell += nodes.Text(value)
                row += nodes.entry("", cell)
            body += row
        group += body
        return small_print([print_columns(kinds, widths), table_node])

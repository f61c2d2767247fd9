"""The book's tables: how one is made and set in print, and the sources table.

The sources table is one table on screen and in print, its columns defined once
(:data:`SOURCE_COLUMNS`).  On screen a script (``briefbook-table.js``, on the pages that have such
a table) sorts it by any column and filters it by the columns its headers mark; without the script
it is a plain table.  In print its columns are ragged and never hyphenated, in smaller type, so that
every column holds its words inside the text block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..pages import blocks
from .links import link
from .provenance import KEEP_WITH_NEXT
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


@dataclass(frozen=True)
class SourceColumn:
    """A column of the sources table: its header, its share of the width, what the page's script
    does with it besides sorting (``choice``: a list to filter by; ``date``: a span of months to
    filter by; ``number``, ``text``: sorting only), and its value in a row (None: the title)."""

    header: str
    width: int
    kind: str
    value: Callable[[blocks.SourceRow], str] | None


def _fact(index: int) -> Callable[[blocks.SourceRow], str]:
    return lambda source: source.facts[index]  # publisher, date, author, kind, words, notes, claims


# A column added here is shown on screen and in print, sorted and filtered like the rest; the
# widths give each column room for its header and its longest usual word in print.
SOURCE_COLUMNS = (
    SourceColumn("No.", 5, "number", lambda source: source.number),
    SourceColumn("Source", 21, "text", None),
    SourceColumn("Publisher", 9, "choice", _fact(0)),
    SourceColumn("Date", 11, "date", _fact(1)),
    SourceColumn("Author", 14, "text", _fact(2)),
    SourceColumn("Kind", 9, "choice", _fact(3)),
    SourceColumn("Reliability", 10, "choice", lambda source: source.grade),
    SourceColumn("Words", 7, "number", _fact(4)),
    SourceColumn("Notes", 7, "number", _fact(5)),
    SourceColumn("Claims", 7, "number", _fact(6)),
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
    for index, (kind, width) in enumerate(zip(kinds, widths, strict=True)):
        # the first column is set left whatever it holds: a row across the table takes its setting
        align = (
            {"number": r"\raggedleft", "mark": r"\centering"}.get(kind, r"\raggedright")
            if index
            else r"\raggedright"
        )
        specs.append(rf">{{{align}\arraybackslash}}\X{{{width}}}{{{total}}}")
    return addnodes.tabular_col_spec(spec="".join(specs))


# In print, a cell across the table is a box as wide as its longest line, set as the table's last
# column is (a number's: flush right), so a short one stood indented.  A rule of no height the
# table's width under its text makes the box the table's width: set left, as its row's first cell.
FULL_WIDTH = r"\par\nointerlineskip\noindent\rule{\linewidth}{0pt}"


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
    it by its columns, see ``briefbook-table.js``; without one it is a plain table) and in print;
    under a source, across the table, why it has its grade and whether it is a copy (the script keeps
    that row with its source's)."""

    optional_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        widths, kinds = [c.width for c in SOURCE_COLUMNS], [c.kind for c in SOURCE_COLUMNS]
        table_node, group = table(widths, ["bb-sources-table", "bb-sortable"])
        group += head_row([c.header for c in SOURCE_COLUMNS])
        for entry, kind in zip(group.findall(nodes.entry), kinds, strict=True):
            entry["classes"].append(f"bb-col-{kind}")
        body = nodes.tbody()
        for source in blocks.read_sources_table(self.content):
            row = nodes.row()
            for column in SOURCE_COLUMNS:
                cell = nodes.paragraph()
                if column.value is None:
                    cell += link(source.title, source.doc, None)
                elif column.kind == "date" and source.date:
                    cell += bb_time("", column.value(source), datetime=source.date)
                else:
                    cell += nodes.Text(column.value(source))
                row += nodes.entry("", cell)
            body += row
            said = [f"Reliability {source.grade}: {source.reason}"] if source.reason else []
            said += [source.copy] if source.copy else []
            if said:
                row["classes"].append(KEEP_WITH_NEXT)  # in print, a source and its row stay together
                details = nodes.row(classes=["bb-source-details"])  # provenance.ROWS_UNDER
                cell = nodes.paragraph("", ". ".join(s.rstrip(".") for s in said) + ".")
                cell += nodes.raw("", FULL_WIDTH, format="latex")
                details += nodes.entry("", cell, morecols=len(SOURCE_COLUMNS) - 1)
                body += details
        group += body
        return small_print([print_columns(kinds, widths), table_node])

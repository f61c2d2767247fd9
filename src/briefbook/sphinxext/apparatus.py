"""A note's apparatus: its basis and the lines of links the book adds (claim, same or other stance).

On screen it folds away under a one-line summary, unless it is all the note has to say.  In
print it leaves the margin: :class:`GatherApparatus` moves it to a block at the end of the
chapter, keyed by note number, and the note points there (the print-only nodes below).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .text import bb_article, bb_note
from .visitors import PASS, SKIP, plain_writers


class bb_apparatus(nodes.General, nodes.Element):
    """A note's apparatus: its basis and the lines of links the book adds (claim, same/other stance)."""


class bb_sources(nodes.General, nodes.Element):
    """In print: the apparatus of a chapter's notes, gathered at its end, keyed by note number."""


class bb_sources_entry(nodes.General, nodes.Element):
    """In print: one note's apparatus in its chapter's :class:`bb_sources` block."""


class bb_sources_ref(nodes.Inline, nodes.Element):
    """In print: the end of a margin note, pointing to its apparatus at the end of the chapter."""


def setup_apparatus(app: Sphinx) -> None:
    app.add_node(
        bb_apparatus,
        html=(html_visit_bb_apparatus, html_depart_bb_apparatus),
        latex=PASS,
        **plain_writers(PASS),
    )
    # made for print only, by GatherApparatus; no other writer ever meets them
    app.add_node(
        bb_sources, latex=(latex_visit_bb_sources, latex_depart_bb_sources), html=SKIP, **plain_writers(SKIP)
    )
    app.add_node(
        bb_sources_entry,
        latex=(latex_visit_bb_sources_entry, latex_depart_bb_sources_entry),
        html=SKIP,
        **plain_writers(SKIP),
    )
    app.add_node(bb_sources_ref, latex=(latex_visit_bb_sources_ref, None), html=SKIP, **plain_writers(SKIP))
    app.add_post_transform(GatherApparatus)


# --- HTML -------------------------------------------------------------------


def apparatus_summary(node: bb_apparatus) -> str:
    """What a folded apparatus holds, in a few words: "Basis · claim · credibility 2 · origin · same
    stance in 2 · differs in 1"."""
    parts: list[str] = []
    for child in node.children:
        classes = child.get("classes", []) if isinstance(child, nodes.Element) else []
        if "bb-basis" in classes:
            parts.append("basis")
        elif "bb-xref" in classes:
            lead = child.children[0].astext().strip() if child.children else ""
            count = child.get("bb-sources", len(list(child.findall(nodes.reference))))
            if lead.startswith("Claim"):
                parts.append("claim")
            elif lead.startswith("Credibility"):
                parts.append(lead.split(",")[0].lower())  # "credibility 2"
            elif lead.startswith("Rests on"):
                parts.append("origin")
            elif lead.startswith("Same stance"):
                parts.append(f"same stance in {count}")
            elif lead.startswith("Differs"):
                parts.append(f"differs in {count}")
            elif lead.startswith("No other source"):
                parts.append("no other source")
            elif lead.startswith("The same words"):
                parts.append(f"same words in {count}")
            elif lead:
                parts.append(lead.rstrip(":").lower())
    summary = " · ".join(dict.fromkeys(parts)) or "more"
    return summary[0].upper() + summary[1:]


def note_has_text(node: bb_apparatus) -> bool:
    """Whether the note says something of its own before its apparatus (a shared passage may not)."""
    note = node.parent
    return any(child is not node and not isinstance(child, bb_apparatus) for child in note.children)


def html_visit_bb_apparatus(self, node: bb_apparatus) -> None:
    # The apparatus folds away (a native disclosure: a click, Enter or Space opens it, with or
    # without JavaScript) unless it is all the note has to say.
    if not note_has_text(node):
        self.body.append(self.starttag(node, "div", CLASS="bb-apparatus"))
        return
    self.body.append(self.starttag(node, "details", CLASS="bb-apparatus"))
    self.body.append(
        f'<summary class="bb-apparatus-summary">{self.encode(apparatus_summary(node))}</summary>'
    )
    self.body.append('<div class="bb-apparatus-body">')


def html_depart_bb_apparatus(self, node: bb_apparatus) -> None:
    self.body.append("</div>" if not note_has_text(node) else "</div></details>")


# --- print ------------------------------------------------------------------


def latex_visit_bb_sources(self, node: bb_sources) -> None:
    self.body.append("\n\\begin{bbsources}{%s}\n" % self.encode(node["title"]))


def latex_depart_bb_sources(self, node: bb_sources) -> None:
    self.body.append("\n\\end{bbsources}\n")


def latex_visit_bb_sources_entry(self, node: bb_sources_entry) -> None:
    self.body.append(
        "\n\\bbsourcesentry{%s}{%s}{%s}\n" % (node["note_id"], node["number"], self.encode(node["label"]))
    )


def latex_depart_bb_sources_entry(self, node: bb_sources_entry) -> None:
    pass


def latex_visit_bb_sources_ref(self, node: bb_sources_ref) -> None:
    self.body.append(r"\bbsourcesref{%s}" % node["note_id"])
    raise nodes.SkipNode


SOURCES_TITLE = "Notes: sources and cross-references"


def chapter_of(node: nodes.Node) -> nodes.section | None:
    """The outermost section that holds ``node``: in the PDF, its chapter."""
    chapter = None
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            chapter = parent
        parent = parent.parent
    return chapter


def has_text_of_its_own(note: bb_note) -> bool:
    return any(not isinstance(child, bb_apparatus) for child in note.children)


class GatherApparatus(SphinxPostTransform):
    """In print, a margin note keeps its number, kind and text; its apparatus (basis, claim line,
    "same stance in / differs in") goes to a block at the end of its chapter, keyed by note number.

    A margin is narrow and must hold every note of its page, so a note there stays short and stands
    beside its mark; the apparatus is still printed in full, one page turn away, and the note ends
    with the page where it is.  A note that is nothing but apparatus (a shared passage) keeps it.
    """

    default_priority = 410  # after BreakLongWords, so long words in the apparatus may break too
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for article in list(self.document.findall(bb_article)):
            chapter = chapter_of(article)
            if chapter is None:
                continue
            block = bb_sources(title=SOURCES_TITLE)
            for note in list(article.findall(bb_note)):
                apparatus = next((c for c in note.children if isinstance(c, bb_apparatus)), None)
                if apparatus is None or not has_text_of_its_own(note) or not note["ids"]:
                    continue
                note_id = note["ids"][0]
                note.remove(apparatus)
                last = note.children[-1] if note.children else None
                if not isinstance(last, nodes.paragraph):
                    last = nodes.paragraph()
                    note += last
                last += bb_sources_ref(note_id=note_id)
                entry = bb_sources_entry(note_id=note_id, number=note["number"], label=note["label"])
                entry.extend(apparatus.children)
                block += entry
            if block.children:
                chapter += block

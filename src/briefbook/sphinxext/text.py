"""An article's text and its notes as nodes, and how each writer writes them.

On screen a note stands in the margin beside its mark; in print it is a LaTeX margin note.  Every
other writer (text, man, texinfo) gets the notes moved after their paragraph as plain docutils
nodes by :class:`PlainNotes`.  A note's apparatus is :mod:`.apparatus`'s, a term link
:mod:`.terms`'s.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .visitors import PASS, SKIP, builder_format, plain_writers


class bb_article(nodes.General, nodes.Element):
    """The article's own words; smart quotes and other typography stay off."""


class bb_para(nodes.paragraph):
    """A paragraph of the article (a <div> in HTML, so notes may sit inside it)."""


class bb_anchor(nodes.inline):
    """A quoted passage that a note speaks about."""


class bb_mark(nodes.Inline, nodes.TextElement):
    """The note number after a passage."""


class bb_note(nodes.General, nodes.Element):
    """An editor's note, set in the margin."""


class bb_target(nodes.Inline, nodes.Element):
    """An empty place other pages link to (the start of a quoted passage, a term's mention, a claim)."""


class bb_removed(nodes.General, nodes.Element):
    """The lines cleaning removed from the original, offered collapsed."""


def visit_as_paragraph(self, node: nodes.Element) -> None:
    self.visit_paragraph(node)


def depart_as_paragraph(self, node: nodes.Element) -> None:
    self.depart_paragraph(node)


# what every writer but HTML does with an article's paragraph: what it does with any paragraph
AS_PARAGRAPH = (visit_as_paragraph, depart_as_paragraph)


def setup_text(app: Sphinx) -> None:
    app.add_node(
        bb_article,
        html=(html_visit_bb_article, html_depart_bb_article),
        latex=(latex_visit_bb_article, latex_depart_bb_article),
        **plain_writers(PASS),
    )
    app.add_node(
        bb_para,
        html=(html_visit_bb_para, html_depart_bb_para),
        latex=AS_PARAGRAPH,
        **plain_writers(AS_PARAGRAPH),
    )
    app.add_node(
        bb_anchor,
        html=(html_visit_bb_anchor, html_depart_bb_anchor),
        latex=(latex_visit_bb_anchor, latex_depart_bb_anchor),
        **plain_writers(PASS),
    )
    # for the plain writers PlainNotes has made marks text and notes paragraphs already
    app.add_node(
        bb_mark, html=(html_visit_bb_mark, None), latex=(latex_visit_bb_mark, None), **plain_writers(SKIP)
    )
    app.add_node(
        bb_note,
        html=(html_visit_bb_note, html_depart_bb_note),
        latex=(latex_visit_bb_note, latex_depart_bb_note),
        **plain_writers(SKIP),
    )
    app.add_node(
        bb_target,
        html=(html_visit_bb_target, None),
        latex=(latex_visit_bb_target, None),
        **plain_writers(SKIP),
    )
    app.add_node(
        bb_removed,
        html=(html_visit_bb_removed, html_depart_bb_removed),
        latex=(latex_visit_bb_removed, latex_depart_bb_removed),
        **plain_writers(PASS),
    )
    app.add_post_transform(PlainNotes)


# --- HTML -------------------------------------------------------------------


def html_visit_bb_article(self, node: bb_article) -> None:
    self.body.append(self.starttag(node, "div", CLASS="bb-article"))


def html_depart_bb_article(self, node: bb_article) -> None:
    self.body.append("</div>\n")


# A note is written where its mark is, then lifted out and set after its paragraph, in a
# div.bb-notes of its own: the paragraph reads whole (a screen reader does not stop mid-sentence
# for a note), and without JavaScript the notes can stand beside or under their paragraph by CSS
# alone.  briefbook.js places each note at its mark in the margin, or under its line on a phone.
PENDING_NOTES = "_bb_pending_notes"
NOTE_START = "_bb_note_start"


def html_visit_bb_para(self, node: bb_para) -> None:
    setattr(self, PENDING_NOTES, [])
    self.body.append(self.starttag(node, "div", CLASS="bb-para"))


def html_depart_bb_para(self, node: bb_para) -> None:
    self.body.append("</div>\n")
    pending = getattr(self, PENDING_NOTES, None) or []
    if pending:
        self.body.append('<div class="bb-notes">')
        self.body.extend(pending)
        self.body.append("</div>\n")
    setattr(self, PENDING_NOTES, None)


def html_visit_bb_anchor(self, node: bb_anchor) -> None:
    attrs = {"data-notes": " ".join(map(str, node["notes"]))}
    self.body.append(self.starttag(node, "span", "", CLASS="bb-anchor", **attrs))


def html_depart_bb_anchor(self, node: bb_anchor) -> None:
    self.body.append("</span>")


def html_visit_bb_mark(self, node: bb_mark) -> None:
    number = node["number"]
    separator = '<span class="bb-mark-sep">,</span>' if node.get("separated") else ""
    change = node.get("change")  # new or changed since the edition compared with (editions.py)
    label, changed = (
        (f"note {number}, {change}", f' data-change="{change}"') if change else (f"note {number}", "")
    )
    self.body.append(
        f'<a class="bb-mark" href="#{node["refid"]}" aria-label="{label}"{changed}>'
        f"<sup>{separator}{number}</sup></a>"
    )
    raise nodes.SkipNode


def html_visit_bb_note(self, node: bb_note) -> None:
    setattr(self, NOTE_START, len(self.body))
    self.body.append(
        self.starttag(
            node,
            "aside",
            CLASS="bb-note",
            **{"data-kind": node["kind"], "data-number": node["number"], "role": "note"},
            **({"data-change": node["change"]} if node.get("change") else {}),
        )
    )
    self.body.append(
        f'<span class="bb-note-label"><span class="bb-note-number">{node["number"]}</span> '
        f'<span class="bb-note-kind">{self.encode(node["label"])}</span></span>'
    )


def html_depart_bb_note(self, node: bb_note) -> None:
    self.body.append("</aside>")
    pending = getattr(self, PENDING_NOTES, None)
    if pending is not None:  # inside a paragraph: lift the note out, to follow the paragraph
        start = getattr(self, NOTE_START)
        pending.append("".join(self.body[start:]))
        del self.body[start:]


def html_visit_bb_removed(self, node: bb_removed) -> None:
    self.body.append(self.starttag(node, "details", CLASS="bb-removed"))
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>\n")


def html_depart_bb_removed(self, node: bb_removed) -> None:
    self.body.append("</details>\n")


def html_visit_bb_target(self, node: bb_target) -> None:
    self.body.append(f'<span id="{node["refid"]}"></span>')
    raise nodes.SkipNode


# --- LaTeX ------------------------------------------------------------------


def latex_visit_bb_target(self, node: bb_target) -> None:
    self.body.append(self.hypertarget(node["refid"], anchor=True))
    if node.get("passage"):
        self.body.append(r"\bbpassage{}")
    raise nodes.SkipNode


def latex_visit_bb_article(self, node: bb_article) -> None:
    self.body.append("\n\\begin{bbarticle}\n")


def latex_depart_bb_article(self, node: bb_article) -> None:
    self.body.append("\n\\end{bbarticle}\n")


def latex_visit_bb_anchor(self, node: bb_anchor) -> None:
    self.body.append(r"\bbanchor{")


def latex_depart_bb_anchor(self, node: bb_anchor) -> None:
    self.body.append("}")


def latex_visit_bb_mark(self, node: bb_mark) -> None:
    self.body.append(r"\bbmark{%s%s}" % ("," if node.get("separated") else "", node["number"]))
    raise nodes.SkipNode


def latex_visit_bb_note(self, node: bb_note) -> None:
    # the note's id names the PDF destinations of its mark and of the note itself
    note_id = node["ids"][0] if node["ids"] else ""
    # a note new or changed since the edition compared with gets a bar beside it (briefbook.sty)
    command = r"\bbchangednote{%s}" % node["change"] if node.get("change") else r"\bbnote"
    self.body.append(r"%s{%s}{%s}{%s}{" % (command, note_id, node["number"], self.encode(node["label"])))


def latex_depart_bb_note(self, node: bb_note) -> None:
    # drop trailing blank lines so the note ends inside its own paragraph
    while self.body and self.body[-1].strip() == "":
        self.body.pop()
    self.body.append("}")


def latex_visit_bb_removed(self, node: bb_removed) -> None:
    self.body.append("\n\\begin{bbremoved}{%s}\n" % self.encode(node["summary"]))


def latex_depart_bb_removed(self, node: bb_removed) -> None:
    self.body.append("\n\\end{bbremoved}\n")


# --- every other writer -----------------------------------------------------


class PlainNotes(SphinxPostTransform):
    """For writers without margins: a note becomes a bracketed paragraph after its paragraph."""

    default_priority = 200

    def is_supported(self) -> bool:
        return builder_format(self) not in ("html", "latex")

    def run(self, **kwargs) -> None:
        placed: dict[int, int] = {}  # id(paragraph) -> notes already put after it
        for note in list(self.document.findall(bb_note)):
            para = note.parent
            while para is not None and not isinstance(para, bb_para):
                para = para.parent
            note.parent.remove(note)
            label = f"[{note['number']} · {note['label']}] "
            box = nodes.container(classes=["bb-note"])
            children = list(note.children)
            if children and isinstance(children[0], nodes.paragraph):
                children[0].insert(0, nodes.Text(label))
            else:
                children.insert(0, nodes.paragraph("", label))
            box.extend(children)
            if para is None:
                continue
            offset = placed.get(id(para), 0) + 1
            placed[id(para)] = offset
            para.parent.insert(para.parent.index(para) + offset, box)
        for mark in list(self.document.findall(bb_mark)):
            mark.replace_self(nodes.Text(f"[{mark['number']}]"))

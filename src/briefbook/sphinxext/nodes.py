"""briefbook's doctree nodes and how each builder writes them.

HTML and LaTeX get their own visitors; every other builder (text, man,
texinfo, ...) gets the notes moved after their paragraph as plain docutils
nodes by :class:`PlainNotes`, so it needs no visitor of its own.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


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


class bb_apparatus(nodes.General, nodes.Element):
    """A note's apparatus: its basis and the lines of links the book adds (claim, same/other stance)."""


class bb_target(nodes.Inline, nodes.Element):
    """An empty place other pages link to (the start of a quoted passage)."""


class bb_link(nodes.Inline, nodes.TextElement):
    """A link the book makes to a place on another page; resolved per builder by ResolveLinks."""


class bb_abbr(nodes.Inline, nodes.TextElement):
    """An acronym from the glossary: <abbr title> in HTML, expanded at first use in print."""


class bb_break(nodes.Inline, nodes.Element):
    """A place a very long word may break in print (LaTeX cannot break it otherwise)."""


class bb_removed(nodes.General, nodes.Element):
    """The lines cleaning removed from the original, offered collapsed."""


class bb_sources(nodes.General, nodes.Element):
    """In print: the apparatus of a chapter's notes, gathered at its end, keyed by note number."""


class bb_sources_entry(nodes.General, nodes.Element):
    """In print: one note's apparatus in its chapter's :class:`bb_sources` block."""


class bb_sources_ref(nodes.Inline, nodes.Element):
    """In print: the end of a margin note, pointing to its apparatus at the end of the chapter."""


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
    self.body.append(
        f'<a class="bb-mark" href="#{node["refid"]}" aria-label="note {number}"><sup>{separator}{number}</sup></a>'
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


def apparatus_summary(node: bb_apparatus) -> str:
    """What a folded apparatus holds, in a few words: "Basis · claim · same stance in 2 · differs in 1"."""
    parts: list[str] = []
    for child in node.children:
        classes = child.get("classes", []) if isinstance(child, nodes.Element) else []
        if "bb-basis" in classes:
            parts.append("basis")
        elif "bb-xref" in classes:
            lead = child.children[0].astext().strip() if child.children else ""
            count = len(list(child.findall(nodes.reference)))
            if lead.startswith("Claim"):
                parts.append("claim")
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


def html_visit_bb_removed(self, node: bb_removed) -> None:
    self.body.append(self.starttag(node, "details", CLASS="bb-removed"))
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>\n")


def html_depart_bb_removed(self, node: bb_removed) -> None:
    self.body.append("</details>\n")


def html_visit_bb_target(self, node: bb_target) -> None:
    self.body.append(f'<span id="{node["refid"]}"></span>')
    raise nodes.SkipNode


def html_visit_bb_abbr(self, node: bb_abbr) -> None:
    self.body.append(self.starttag(node, "abbr", "", title=node["expansion"]))


def html_depart_bb_abbr(self, node: bb_abbr) -> None:
    self.body.append("</abbr>")


# --- LaTeX ------------------------------------------------------------------


def latex_visit_bb_abbr(self, node: bb_abbr) -> None:
    pass


def latex_depart_bb_abbr(self, node: bb_abbr) -> None:
    # the first use in an article is followed by the expansion, set apart from the article's words
    if node["first"]:
        self.body.append(r"\bbexpansion{%s}" % self.encode(node["expansion"]))


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
    self.body.append(r"\bbnote{%s}{%s}{%s}{" % (note_id, node["number"], self.encode(node["label"])))


def latex_depart_bb_note(self, node: bb_note) -> None:
    # drop trailing blank lines so the note ends inside its own paragraph
    while self.body and self.body[-1].strip() == "":
        self.body.pop()
    self.body.append("}")


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


def latex_visit_bb_removed(self, node: bb_removed) -> None:
    self.body.append("\n\\begin{bbremoved}{%s}\n" % self.encode(node["summary"]))


def latex_depart_bb_removed(self, node: bb_removed) -> None:
    self.body.append("\n\\end{bbremoved}\n")


# --- every other builder ----------------------------------------------------


def visit_pass(self, node: nodes.Element) -> None:
    pass


def depart_pass(self, node: nodes.Element) -> None:
    pass


def visit_skip(self, node: nodes.Element) -> None:
    raise nodes.SkipNode


LONG_WORD = 24  # characters: longer words get break opportunities in print
_PUNCT_RUN = re.compile(r"[^/.?&=_-]*[/.?&=_-]*")


def break_points(word: str, width: int = 12) -> list[str]:
    """Cut a long word after URL punctuation, and any run longer than ``width`` every ``width`` characters."""
    chunks = []
    for run in _PUNCT_RUN.findall(word):
        chunks.extend(run[i : i + width] for i in range(0, len(run), width))
    return [c for c in chunks if c]


def latex_visit_bb_break(self, node: bb_break) -> None:
    # the comment ends the source line: TeX reads a line of at most 200,000 characters
    self.body.append("\\allowbreak{}%\n")
    raise nodes.SkipNode


SOURCE_LINE = 4000  # characters: longer article text is cut into source lines at spaces


def source_lines(text: str, width: int = SOURCE_LINE) -> str:
    """The same words with a line end in place of a space every ``width`` characters or so.

    In TeX a single line end is a space, so the print is unchanged; but no source line is longer
    than TeX's input buffer, however long a paragraph is.
    """
    if len(text) <= width:
        return text
    pieces, start = [], 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width)
        if cut <= start:
            cut = text.find(" ", start + width)
            if cut == -1:
                break
        pieces.append(text[start:cut])
        start = cut + 1
    pieces.append(text[start:])
    return "\n".join(pieces)


class BreakLongWords(SphinxPostTransform):
    """In print, let very long words and URLs in articles break instead of running into the margin."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for container in list(self.document.findall(bb_article)) + list(self.document.findall(bb_removed)):
            for text in list(container.findall(nodes.Text)):
                if not any(len(word) > LONG_WORD for word in text.split()):
                    if len(text) > SOURCE_LINE:
                        text.parent.replace(text, nodes.Text(source_lines(str(text))))
                    continue
                pieces: list[nodes.Node] = []
                for part in re.split(r"(\s+)", source_lines(str(text))):
                    if len(part) > LONG_WORD:
                        chunks = break_points(part)
                        for index, chunk in enumerate(chunks):
                            if index:
                                pieces.append(bb_break())
                            pieces.append(nodes.Text(chunk))
                    elif part:
                        pieces.append(nodes.Text(part))
                text.parent.replace(text, pieces)


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


def resolve_links(app, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: turn each bb_link into a reference for the builder at work."""
    from sphinx.util.nodes import make_refnode

    for link in list(doctree.findall(bb_link)):
        child = nodes.inline("", link.astext(), classes=["bb-link"])
        ref = make_refnode(app.builder, docname, link["docname"], link["target"], child, link.get("title"))
        ref["classes"].extend(link.get("classes", []))
        link.replace_self(ref)


class PlainNotes(SphinxPostTransform):
    """For builders without margins: a note becomes a bracketed paragraph after its paragraph."""

    default_priority = 200

    def is_supported(self) -> bool:
        # Sphinx 9 reaches the builder through the environment; older releases through the app.
        builder = getattr(self.env, "_builder_cls", None) or self.app.builder
        return builder.format not in ("html", "latex")

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

"""Editions on the page: "What's new", and the marks on new and changed notes and articles.

The blocks are :mod:`briefbook.pages.changeblocks`'s.  On screen a mark is a word ("New",
"Changed") that links to its item on What's new, with the edition it is measured from in text for
screen readers, and a changed note's previous text folded under it; in print the word stands in
the note's label and a bar beside the note (``\bbchangednote`` in briefbook.sty), which keeps the
note's size, so it is placed exactly as it would be unmarked.  The PDF's side of editions (its
title page, the update brief) is :mod:`.editionprint`'s.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ..names import UPDATE_PAGE
from ..pages import changeblocks as cb
from .links import link
from .text import bb_note, bb_target
from .visitors import PASS, SKIP, plain_writers

UPDATE_DOC = UPDATE_PAGE.removesuffix(".md")
WORDS = {"new": "New", "changed": "Changed", "removed": "Removed"}


class bb_badge(nodes.Inline, nodes.TextElement):
    """The word that marks a thing new, changed or removed ("New"), a link to its item on What's new."""


class bb_sr(nodes.Inline, nodes.TextElement):
    """Words for screen readers only (on screen they are hidden; in print, left out)."""


class bb_previous(nodes.General, nodes.Element):
    """A changed note's previous text, folded under the note on screen; left out of print."""


class bb_article_change(nodes.General, nodes.Element):
    """Under an article's title: new, or changed, since the edition the book is compared with."""


class bb_downloads(nodes.General, nodes.Element):
    """On the site's What's new: the PDFs to download, under the names the build gives them."""


def setup_editions(app: Sphinx) -> None:
    app.add_directive(cb.EDITION, EditionDirective)
    app.add_directive(cb.CHANGES, ChangesDirective)
    app.add_directive(cb.ARTICLE_CHANGE, ArticleChangeDirective)
    app.add_node(
        bb_badge,
        html=(html_visit_bb_badge, html_depart_bb_badge),
        latex=(latex_visit_bb_badge, latex_depart_bb_badge),
        **plain_writers(PASS),
    )
    app.add_node(bb_sr, html=(html_visit_bb_sr, html_depart_bb_sr), latex=SKIP, **plain_writers(SKIP))
    app.add_node(
        bb_previous,
        html=(html_visit_bb_previous, html_depart_bb_previous),
        latex=SKIP,
        **plain_writers(SKIP),
    )
    app.add_node(
        bb_article_change,
        html=(html_visit_bb_article_change, html_depart_bb_article_change),
        latex=(latex_visit_bb_article_change, latex_depart_bb_article_change),
        **plain_writers(PASS),
    )
    app.add_node(bb_downloads, html=(html_visit_bb_downloads, None), latex=SKIP, **plain_writers(SKIP))


# --------------------------------------------------------------------- marks


def badge(change: str, anchor: str | None = None, since: str | None = None) -> bb_badge:
    """The word for a change, linked to its item on What's new when ``anchor`` is given."""
    word = WORDS.get(change, change.capitalize())
    node = bb_badge("", change=change)
    node += link(word, cb.WHATSNEW, anchor) if anchor else nodes.Text(word)
    if since:
        node += bb_sr("", f" since {since}")
    return node


def mark_note(aside: bb_note, mark: cb.Mark) -> None:
    """Mark a note new or changed: its word first in its text, its previous text folded after it."""
    aside["change"] = mark.change
    first = aside.children[0] if aside.children else None
    if not isinstance(first, nodes.paragraph):
        first = nodes.paragraph()
        aside.insert(0, first)
    first.insert(0, nodes.Text(" "))
    first.insert(0, badge(mark.change, mark.anchor, mark.since))
    if mark.old is None and not mark.summary:
        return
    previous = bb_previous(summary=f"Before, in {mark.since}")
    if mark.old is not None:
        previous += nodes.paragraph("", mark.old)
    if mark.summary:
        previous += nodes.paragraph("", f"Also changed: {mark.summary}.")
    aside += previous


class ArticleChangeDirective(SphinxDirective):
    """```{bb-article-change}```: under an article's title, new or changed since the edition."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        mark = cb.read_mark(self.content)
        para = nodes.paragraph()
        para += badge(mark.change, mark.anchor)
        words = f" since {mark.since}" + (f": {mark.summary}." if mark.summary else ".")
        para += nodes.Text(words)
        return [bb_article_change("", para, change=mark.change)]


# --------------------------------------------------------------------- What's new


def text_with_commands(text: str) -> list[nodes.Node]:
    """Plain text, with the parts between backticks (a command to type) as code."""
    found: list[nodes.Node] = []
    for index, part in enumerate(re.split(r"`([^`]+)`", text)):
        if part:
            found.append(nodes.literal(part, part) if index % 2 else nodes.Text(part))
    return found


def pdf_names(config: Config) -> tuple[str, str]:
    """The file names the site offers the book's PDF and its update brief under."""
    documents = config.latex_documents or [("", "book.tex")]
    main = Path(documents[0][1]).stem
    return f"{main}.pdf", f"{main}-update.pdf"


class EditionDirective(SphinxDirective):
    """```{bb-edition}```: where the book stands among its editions; the PDFs to download.

    What's new may stand outside every contents list (a front page that does not include the
    generated summary, as books made before editions), so it is an orphan page as far as Sphinx's
    "not in any toctree" check goes; where it is listed, it is navigated as any page.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname]["orphan"] = True
        head = cb.read_edition(self.content)
        found: list[nodes.Node] = [nodes.paragraph("", "", *text_with_commands(line)) for line in head.lines]
        book, update = pdf_names(self.config)
        found.append(bb_downloads(book=book, update=update if head.update_brief else ""))
        return found


def item_head(item: cb.Item) -> nodes.paragraph:
    para = nodes.paragraph()
    para += bb_target(refid=item.anchor)
    para += badge(item.change)
    para += nodes.Text(" ")
    return para


def said(lead: str, text: str) -> nodes.paragraph:
    """A line "Lead: text" (the lead in italics), under an item's head."""
    line = nodes.paragraph(classes=["bb-said"])
    line += nodes.emphasis("", lead)
    line += nodes.Text(f" {text}")
    return line


def what_it_says(change: str, text: str | None, old: str | None) -> list[nodes.paragraph]:
    """What a changed thing says now and said before; what a new one says; what a removed one said."""
    if old is not None:
        return [said("Now:", text or ""), said("Before:", old)]
    if text:
        return [said("Said:" if change == "removed" else "Says:", text)]
    return []


def details_text(details: tuple[str, ...]) -> str:
    return f" — {'; '.join(details)}" if details else ""


class ChangesDirective(SphinxDirective):
    """```{bb-changes} SECTION```: one section of What's new, each item linked to its place."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        section = self.arguments[0]
        items = cb.read_changes(section, self.content)
        listing = nodes.bullet_list(classes=["bb-changes"])
        for item in items:
            entry = nodes.list_item()
            entry.extend(self.article(item) if isinstance(item, cb.ArticleItem) else self.change(item))
            listing += entry
        return [listing]

    def article(self, item: cb.ArticleItem) -> list[nodes.Node]:
        head = item_head(item)
        head += link(item.title, item.doc, None) if item.doc else nodes.Text(item.title)
        head += nodes.Text(f" ({item.label}){details_text(item.details)}")
        found: list[nodes.Node] = [head]
        if item.notes:
            notes = nodes.bullet_list()
            for note in item.notes:
                notes += nodes.list_item("", *self.note(item, note))
            found.append(notes)
        return found

    def note(self, article: cb.ArticleItem, note: cb.NoteItem) -> list[nodes.Node]:
        head = item_head(note)
        what = f"{note.kind} note on “{note.quote}”"
        if note.number is not None and article.doc and note.target:
            head += link(f"note {note.number}", article.doc, note.target)
            head += nodes.Text(f", {what}{details_text(note.details)}")
        else:
            head += nodes.Text(what[0].upper() + what[1:])
        return [head, *what_it_says(note.change, note.text, note.old)]

    def change(self, item: cb.ChangeItem) -> list[nodes.Node]:
        head = item_head(item)
        if item.term:
            head += term_reference(self, item.term, item.title)
        elif item.doc:
            head += link(item.title, item.doc, item.target)
        else:
            head += nodes.Text(item.title)
        head += nodes.Text(details_text(item.details))
        return [head, *what_it_says(item.change, item.text, item.old)]


def term_reference(directive: SphinxDirective, term: str, shown: str) -> addnodes.pending_xref:
    """A link to a glossary entry, as the ``{term}`` role makes it (resolved with the rest)."""
    ref = addnodes.pending_xref(
        "",
        nodes.inline("", shown, classes=["xref", "std", "std-term"]),
        refdomain="std",
        reftype="term",
        reftarget=term,
        refexplicit=True,
        refwarn=True,
        refdoc=directive.env.docname,
    )
    return ref


# --------------------------------------------------------------------- writers


def html_visit_bb_badge(self, node: bb_badge) -> None:
    self.body.append(f'<span class="bb-change" data-change="{self.attval(node["change"])}">')


def html_depart_bb_badge(self, node: bb_badge) -> None:
    self.body.append("</span>")


def html_visit_bb_sr(self, node: bb_sr) -> None:
    self.body.append('<span class="bb-sr">')


def html_depart_bb_sr(self, node: bb_sr) -> None:
    self.body.append("</span>")


def html_visit_bb_previous(self, node: bb_previous) -> None:
    self.body.append(self.starttag(node, "details", CLASS="bb-previous"))
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>")


def html_depart_bb_previous(self, node: bb_previous) -> None:
    self.body.append("</details>")


def html_visit_bb_article_change(self, node: bb_article_change) -> None:
    self.body.append(self.starttag(node, "div", CLASS="bb-article-change"))


def html_depart_bb_article_change(self, node: bb_article_change) -> None:
    self.body.append("</div>\n")


def html_visit_bb_downloads(self, node: bb_downloads) -> None:
    links = [f'<a href="{self.attval(node["book"])}">the whole book</a>']
    if node["update"]:
        links.append(f'<a href="{self.attval(node["update"])}">the update brief</a>, only what changed')
    self.body.append(f'<p class="bb-downloads">As a PDF to print: {" · ".join(links)}.</p>\n')
    raise nodes.SkipNode


def latex_visit_bb_badge(self, node: bb_badge) -> None:
    self.body.append(r"\bbbadge{")


def latex_depart_bb_badge(self, node: bb_badge) -> None:
    self.body.append("}")


def latex_visit_bb_article_change(self, node: bb_article_change) -> None:
    self.body.append("\n\\begin{bbarticlechange}\n")


def latex_depart_bb_article_change(self, node: bb_article_change) -> None:
    self.body.append("\n\\end{bbarticlechange}\n")

"""The glossary's pages: its entries by kind, an A–Z of its terms on screen, and, when it is large,
a page per kind (and per run of letters of a large kind) so that no page carries it all.

A glossary of up to :data:`GLOSSARY_SPLIT` entries is one page, its kinds as sections (which the
theme lists in its "on this page" column).  A larger one keeps the front of the glossary (its
actor chart and its A–Z) on ``glossary`` and puts the entries on pages of at most
:data:`GLOSSARY_PAGE` entries under ``glossary/``; links to a term find it on whichever page it is.
In print the pages are one chapter, each kind a section, as in a small glossary.
"""

from __future__ import annotations

import unicodedata

from ..book import Book
from ..editorial.glossary import Entry
from ..figures.bookdata import ACTOR_LIMIT, actor_data
from ..kinds import GLOSSARY_KINDS
from ..names import GLOSSARY_DIR
from ..printable import counted
from . import blocks
from .myst import GENERATED_MARK, REFERENCE_PAGES, directive
from .overviews import glossary_entry_body

GLOSSARY_SPLIT = 120  # entries: a larger glossary gets pages of its own for its entries
GLOSSARY_PAGE = 60  # entries on one of those pages at most
INTRO = (
    "People, organisations, acronyms, places, treaties and events the articles mention. In the "
    "articles, the first mention of each is linked here; on screen an acronym shows its expansion "
    "when you hover over it, and in print it follows the acronym's first use in each article. "
    "Each entry lists the articles that mention it.\n"
)


def by_kind(entries: tuple[Entry, ...]) -> list[tuple[str, list[Entry]]]:
    """The entries by kind, in the glossary's order of kinds, alphabetical within a kind."""
    order = list(GLOSSARY_KINDS)
    kinds = sorted({e.kind for e in entries}, key=lambda k: (order.index(k) if k in order else 99, k))
    return [
        (
            GLOSSARY_KINDS.get(kind, kind.capitalize()),
            sorted((e for e in entries if e.kind == kind), key=lambda e: e.term.casefold()),
        )
        for kind in kinds
    ]


def entries_block(book: Book, entries: list[Entry]) -> str:
    body = []
    for entry in entries:
        text = glossary_entry_body(book, entry)
        indented = "\n".join(("  " + line) if line.strip() else "" for line in text.splitlines())
        body.append(f"{entry.term}\n{indented}\n")
    return directive("glossary", "", "\n".join(body))


def letter_of(term: str) -> str:
    """The letter a term is filed under: its first letter without accents, "0–9" for a digit."""
    for char in unicodedata.normalize("NFKD", term):
        if char.isdigit():
            return "0–9"
        if char.isalpha():
            return char.upper()
    return "#"


def az_label(letter: str) -> str:
    """The target a letter of the A–Z bar links to: ``bb-az-a``, ``bb-az-0-9``, ``bb-az-1041`` (Б)."""
    if letter == "0–9":
        return "bb-az-0-9"
    if letter.isascii() and letter.isalpha():
        return f"bb-az-{letter.lower()}"
    return f"bb-az-{ord(letter[0])}"


def az_parts(entries: tuple[Entry, ...]) -> tuple[str, str]:
    """On screen: the A–Z bar (a letter with no term is shown but not linked) and the A–Z index of
    every term, each letter a target the bar links to (from any glossary page)."""
    letters: dict[str, list[str]] = {}
    for entry in sorted(entries, key=lambda e: e.term.casefold()):
        letters.setdefault(letter_of(entry.term), []).append(entry.term)
    shown = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    shown += sorted(k for k in letters if k not in shown)
    bar = " ".join(f"[{k}]({az_label(k)})" if k in letters else k for k in shown)
    index = [
        f"({az_label(k)})=\n**{k}** " + " · ".join(f"{{term}}`{t}`" for t in letters[k]) + "\n"
        for k in shown
        if k in letters
    ]
    bar_block = directive("container", "bb-az-bar", f"A–Z: {bar}")
    index_block = "```{rubric} A–Z\n:class: bb-az-heading\n```\n\n" + directive(
        "container", "bb-az-index", "\n".join(index)
    )
    return bar_block, index_block


def split_kind(title: str, entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """A kind's entries in pages of at most GLOSSARY_PAGE, cut between letters where it can be;
    each titled by its run of letters ("People: A–F") when there is more than one."""
    if len(entries) <= GLOSSARY_PAGE:
        return [(title, entries)]
    chunks: list[list[Entry]] = [[]]
    for entry in entries:
        last = chunks[-1]
        new_letter = last and letter_of(last[-1].term) != letter_of(entry.term)
        if len(last) >= GLOSSARY_PAGE or (new_letter and len(last) >= GLOSSARY_PAGE * 0.75):
            chunks.append([])
        chunks[-1].append(entry)
    titled = []
    for chunk in chunks:
        first, last = letter_of(chunk[0].term), letter_of(chunk[-1].term)
        titled.append((f"{title}: {first}" if first == last else f"{title}: {first}–{last}", chunk))
    return titled


def page_name(title: str) -> str:
    return (
        "".join(c if c.isascii() and c.isalnum() else "-" for c in title.casefold())
        .strip("-")
        .replace("--", "-")
    )


def render_glossary_pages(book: Book) -> dict[str, str]:
    """``glossary.md``, and for a large glossary the pages of its entries under ``glossary/``."""
    entries = book.glossary.entries
    out = [GENERATED_MARK, "", REFERENCE_PAGES, "(glossary)=", "# Glossary of actors and acronyms", "", INTRO]
    if not entries:
        out.append("The book has no glossary entries yet: add them to `glossary.yaml` in the seeds folder.\n")
        out.append(blocks.write_figure(actor_data(book, ACTOR_LIMIT)))
        return {"glossary.md": "\n".join(out)}
    bar, index = az_parts(entries)
    out += [directive("only", "html", bar), blocks.write_figure(actor_data(book, ACTOR_LIMIT))]
    pages = {}
    if len(entries) <= GLOSSARY_SPLIT:
        for title, kind_entries in by_kind(entries):
            out += [f"## {title}\n", entries_block(book, kind_entries)]
        out.append(directive("only", "html", index))
        pages["glossary.md"] = "\n".join(out)
        return pages
    toc = []
    for title, kind_entries in by_kind(entries):
        for part_title, part in split_kind(title, kind_entries):
            name = page_name(part_title)
            # no count in the title: the sidebar shows it, and it would change with every entry added
            toc.append(f"{part_title} <{GLOSSARY_DIR}/{name}>")
            pages[f"{GLOSSARY_DIR}/{name}.md"] = "\n".join(
                [
                    GENERATED_MARK,
                    "",
                    f"# {part_title}",
                    "",
                    directive("only", "html", bar),
                    entries_block(book, part),
                ]
            )
    lead = f"The glossary's {counted(len(entries), 'entry', 'entries')}, by kind:"
    out += [
        lead,
        "",
        directive("toctree", "", ":maxdepth: 1\n\n" + "\n".join(toc)),
        directive("only", "html", index),
    ]
    pages["glossary.md"] = "\n".join(out)
    return pages

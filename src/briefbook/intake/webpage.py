"""Saved web pages: the bytes of an HTML page -> the article's text and the page's metadata.

A page is read once, when ``briefbook add`` takes it in; the book keeps the page
as received and the text extracted from it, so a build never parses HTML.

Here the main text and the metadata are found with trafilatura (dates with
htmldate, from the page's markup only), once the bytes are known to be a page
and decoded (:mod:`briefbook.intake.pagebytes`); a page with no article in it is
explained (:mod:`briefbook.intake.noarticle`).

The text extracted is untrusted like any article: it is written as plain
paragraphs separated by blank lines and goes through the same reading and
cleaning as a pasted text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.metadata import version

from lxml import html as lxml_html

from ..errors import Code
from ..printable import counted
from .noarticle import (
    MIN_ARTICLE_WORDS,
    check_listing,
    check_short_text,
    check_wall,
    page_problem,
    plain_text_error,
    visible_text,
    word_count,
)
from .pagebytes import decode_page, sniff, without_control_characters
from .pagefacts import page_facts
from .pagemeta import PageMetadata, page_metadata
from .pagetitle import title_key
from .prune import prune_boxes, pruned_notice

MAX_PAGE_BYTES = 16 * 1024 * 1024  # a news page with its scripts and styles is 1-4 MB


@dataclass(frozen=True)
class ExtractedPage:
    """A page's article: its text (paragraphs separated by blank lines) and metadata."""

    text: str
    metadata: PageMetadata
    encoding: str  # what the page's bytes were read as
    extractor: str  # e.g. "trafilatura 2.3.1"
    notices: tuple[str, ...] = ()  # what the editor should know about the extraction
    doubts: tuple[str, ...] = ()  # what looked as if the page might not be one whole article


def extractor_name() -> str:
    return f"trafilatura {version('trafilatura')}"


# ---------------------------------------------------------------- the article


_BLOCKS = {"p", "head", "item", "quote", "row", "cell", "code", "list", "table", "div", "lb"}
_SPACE = re.compile(r"\s+")


def _flat(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def body_paragraphs(body) -> list[str]:
    """trafilatura's XML body -> paragraphs: one per paragraph, heading, list item, quote or table row.

    An element that holds blocks (a table cell with paragraphs in it, text broken by
    ``<br><br>``) gives its loose text as paragraphs of their own; a row of plain
    cells reads as one line, its cells joined by " | ".
    """
    paragraphs: list[str] = []
    pending: list[str] = []  # inline text gathered until the next block boundary

    def flush() -> None:
        text = _flat(" ".join(pending))
        pending.clear()
        if text:
            paragraphs.append(text)

    def walk(element) -> None:
        if element.text:
            pending.append(element.text)
        for child in element:
            if child.tag == "lb":
                # one line break joins, two (an empty line) end a paragraph
                if pending and not _flat(pending[-1]) and len(pending) > 1:
                    flush()
                pending.append("")
            elif child.tag == "row" and not any(len(cell) for cell in child):
                flush()
                cells = [_flat("".join(cell.itertext())) for cell in child]
                if any(cells):
                    paragraphs.append(" | ".join(cell for cell in cells if cell))
            elif child.tag in _BLOCKS:
                flush()
                if any(grandchild.tag in _BLOCKS for grandchild in child):
                    walk(child)
                    flush()
                else:
                    text = _flat("".join(child.itertext()))
                    if text:
                        paragraphs.append(text)
            else:
                pending.append("".join(child.itertext()))
            if child.tail:
                pending.append(child.tail)
        flush()

    walk(body)
    return paragraphs


def _json_ld_article_body(tree) -> tuple[str | None, dict]:
    """The longest ``articleBody`` in the page's JSON-LD, and the object it stands in."""
    best: tuple[str | None, dict] = (None, {})

    def visit(node) -> None:
        nonlocal best
        if isinstance(node, dict):
            body = node.get("articleBody")
            if isinstance(body, str) and len(body) > len(best[0] or ""):
                best = (body, node)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            visit(json.loads(script.text or ""))
        except (ValueError, RecursionError):
            continue
    return best


def extract_page(
    data: bytes, label: str, *, url: str | None = None, header_charset: str | None = None
) -> ExtractedPage:
    """The article in a page: text and metadata, or a BriefbookError that says why there is none."""
    import trafilatura  # imported here: it takes a second to load, and only add needs it

    if len(data) > MAX_PAGE_BYTES:
        raise page_problem(
            Code.FILE_TOO_LARGE,
            label,
            f"the page is {len(data) / 1e6:.1f} MB; the limit is {MAX_PAGE_BYTES / 1e6:.0f} MB",
            "save the article's text into a .txt file instead",
        )
    kind = sniff(data)
    if kind == "text":
        raise plain_text_error(label)
    if kind != "html":
        raise page_problem(Code.PAGE_NOT_HTML, label, f"not a web page: the file is {kind}")
    text, encoding, notices = decode_page(data, header_charset)
    text, removed = without_control_characters(text)
    notices = [*notices, *removed]
    tree = parse_html(text, label)
    facts = page_facts(tree)
    work = parse_html(text, label)  # a copy of its own: trafilatura prunes the tree it is given
    if pruned := prune_boxes(work):
        notices.append(pruned_notice(pruned))
    document = trafilatura.bare_extraction(
        work,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    paragraphs = body_paragraphs(document.body) if document is not None and document.body is not None else []
    metadata = page_metadata(document, tree, facts, url)
    paragraphs, dropped = drop_navigation(paragraphs, metadata.title)
    if dropped:
        notices.append(
            f"dropped {counted(len(dropped), 'short line')} above the headline, the site's navigation: "
            + ", ".join(repr(d) for d in dropped)
        )
    if document is None and word_count(visible_text(tree)) >= MIN_ARTICLE_WORDS:
        raise page_problem(
            Code.PAGE_NO_ARTICLE,
            label,
            f"the extractor ({extractor_name()}) could not read the page, which shows text",
            "paste the article's text into a .txt file instead",
        )
    doubts = check_listing(label, tree, facts, paragraphs)
    words = sum(word_count(p) for p in paragraphs)
    json_body, _ = _json_ld_article_body(tree)
    if json_body and _flat(json_body) == _flat(" ".join(paragraphs)) and "\n" in json_body.strip():
        # the page's text is its structured data, which keeps the paragraph breaks
        paragraphs = [p for p in (_flat(line) for line in json_body.split("\n")) if p]
    if words < MIN_ARTICLE_WORDS and json_body and word_count(json_body) >= MIN_ARTICLE_WORDS:
        paragraphs = [p for p in (_flat(line) for line in json_body.split("\n")) if p]
        notices.append(
            "the page shows little text without its scripts; the text is the page's own structured "
            "data (JSON-LD articleBody)"
        )
    elif words < MIN_ARTICLE_WORDS:
        doubts += check_short_text(label, tree, facts, " ".join(paragraphs), words)
    else:
        check_wall(label, " ".join(paragraphs), words)
    return ExtractedPage(
        text="\n\n".join(headline_first(paragraphs, metadata.title)) + "\n",
        metadata=metadata,
        encoding=encoding,
        extractor=extractor_name(),
        notices=tuple(notices),
        doubts=tuple(doubts),
    )


_PARSER = lxml_html.HTMLParser(remove_comments=True, encoding="utf-8", huge_tree=False)


def parse_html(text: str, label: str):
    try:
        return lxml_html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except Exception as exc:  # lxml raises several types for hopeless input
        raise page_problem(Code.FILE_UNREADABLE, label, f"cannot read the page's HTML ({exc})") from exc


NAVIGATION_MAX_WORDS = 6
HEADLINE_SEARCH = 8  # paragraphs of the extracted text the headline is looked for in


def _is_headline_line(paragraph: str, key: str) -> bool:
    """The page's headline as the text has it: the same words, or a short kicker before them."""
    mine = title_key(paragraph)
    return mine == key or (mine.endswith(" " + key) and len(mine.split()) - len(key.split()) <= 5)


def _headline_index(paragraphs: list[str], title: str) -> int | None:
    key = title_key(title)
    return next((i for i, p in enumerate(paragraphs[:HEADLINE_SEARCH]) if _is_headline_line(p, key)), None)


def drop_navigation(paragraphs: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """Short lines above the headline in the extracted text are the site's navigation: the text
    less them, and them."""
    index = _headline_index(paragraphs, title) if title else None
    if index and all(word_count(p) <= NAVIGATION_MAX_WORDS for p in paragraphs[:index]):
        return paragraphs[index:], paragraphs[:index]
    return paragraphs, []


def headline_first(paragraphs: list[str], title: str | None) -> list[str]:
    """The text starting with its headline, as cleaning expects a page's text: the headline line
    found among the first paragraphs moved to the top (a standfirst or a date above it stays,
    after it), or the headline put there when the text lacks it."""
    if not title:
        return paragraphs
    index = _headline_index(paragraphs, title)
    if index is None:
        return [title, *paragraphs]
    return [paragraphs[index], *paragraphs[:index], *paragraphs[index + 1 :]]

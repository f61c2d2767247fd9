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

from ..dates import parse_date
from ..errors import Code
from ..printable import counted
from .noarticle import (
    MIN_ARTICLE_WORDS,
    WALL_MAX_WORDS,
    index_page_error,
    listed_articles,
    no_article_error,
    page_problem,
    plain_text_error,
    wall_kind,
    word_count,
)
from .pagebytes import decode_page, sniff, without_control_characters

MAX_PAGE_BYTES = 16 * 1024 * 1024  # a news page with its scripts and styles is 1-4 MB


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about its article (each None when the page does not say)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    publisher: str | None = None  # the site's name
    url: str | None = None  # the canonical address the page gives for itself
    description: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class ExtractedPage:
    """A page's article: its text (paragraphs separated by blank lines) and metadata."""

    text: str
    metadata: PageMetadata
    encoding: str  # what the page's bytes were read as
    extractor: str  # e.g. "trafilatura 2.3.1"
    notices: tuple[str, ...] = ()  # what the editor should know about the extraction


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
    notices = list(notices)
    text, controls = without_control_characters(text)
    if controls:
        notices.append(f"removed {counted(controls, 'control character')} from the page (no page means them)")
    tree = parse_html(text, label)
    document = trafilatura.bare_extraction(
        parse_html(text, label),  # a copy of its own: trafilatura prunes the tree it is given
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    paragraphs = body_paragraphs(document.body) if document is not None and document.body is not None else []
    metadata = _metadata(document, tree)
    paragraphs, dropped = _drop_above_headline(paragraphs, metadata.title)
    if dropped:
        notices.append(
            f"dropped {counted(len(dropped), 'short line')} above the headline, the site's navigation: "
            + ", ".join(repr(d) for d in dropped)
        )
    if listed := listed_articles(tree, paragraphs):
        raise index_page_error(label, listed)
    words = sum(word_count(p) for p in paragraphs)
    json_body, _ = _json_ld_article_body(tree)
    if json_body and _flat(json_body) == _flat(" ".join(paragraphs)) and "\n" in json_body.strip():
        # the page's text is its structured data, which keeps the paragraph breaks
        paragraphs = [p for p in (_flat(line) for line in json_body.split("\n")) if p]
    if words < MIN_ARTICLE_WORDS:
        if json_body and word_count(json_body) >= MIN_ARTICLE_WORDS:
            paragraphs = [p for p in (_flat(line) for line in json_body.split("\n")) if p]
            notices.append(
                "the page shows little text without its scripts; the text is the page's own structured "
                "data (JSON-LD articleBody)"
            )
        else:
            raise no_article_error(label, tree, words, " ".join(paragraphs))
    elif words < WALL_MAX_WORDS and (wall := wall_kind(" ".join(paragraphs))):
        raise no_article_error(label, tree, words, " ".join(paragraphs), wall)
    return ExtractedPage(
        text="\n\n".join(paragraphs) + "\n",
        metadata=metadata,
        encoding=encoding,
        extractor=extractor_name(),
        notices=tuple(notices),
    )


_PARSER = lxml_html.HTMLParser(remove_comments=True, encoding="utf-8", huge_tree=False)


def parse_html(text: str, label: str):
    try:
        return lxml_html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except Exception as exc:  # lxml raises several types for hopeless input
        raise page_problem(Code.FILE_UNREADABLE, label, f"cannot read the page's HTML ({exc})") from exc


def _full_date(value: str | None) -> str | None:
    """A page's date when it names a day that exists (YYYY-MM-DD); anything else is no date."""
    return value if value and len(value) == 10 and parse_date(value) else None


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||::|–|—|-|·|•|«|»)\s+")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")


def _headings(tree) -> list[str]:
    return [_flat(h.text_content()) for h in tree.xpath("//h1|//h2")][:20]


def _split_title(title: str | None, headings: list[str]) -> tuple[str | None, str | None]:
    """A <title> like "Site :: Headline" or "Headline | Site" -> (headline, site).

    Split only where one part is a heading of the page, so a headline with a dash
    in it stays whole.
    """
    if not title:
        return None, None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title, None
    keys = {h.casefold() for h in headings}
    for index in range(1, len(parts)):
        head, tail = " - ".join(parts[:index]), " - ".join(parts[index:])
        for headline, site in ((head, tail), (tail, head)):
            original = title[title.find(headline[:10]) :] if headline else ""
            if headline.casefold() in keys or original.casefold() in keys:
                return headline, site
    return title, None


def _microdata_publisher(tree) -> str | None:
    for node in tree.xpath('//*[@itemprop="publisher"]//*[@itemprop="name"]'):
        value = _flat(node.get("content") or node.text_content())
        if value:
            return value
    return None


def _clean_field(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = _flat(value)
    return value or None


def _metadata(document, tree) -> PageMetadata:
    if document is None:
        return PageMetadata()
    date = _clean_field(document.date)
    headings = _headings(tree)
    title = _clean_field(document.title)
    headline, _ = _split_title(title, headings)
    # trafilatura takes the site's name out of the <title>; the page's own <title> still has it
    _, site_in_title = _split_title(_clean_field(tree.findtext(".//title")), headings)
    publisher = _clean_field(document.sitename)
    if publisher and (_DOMAIN.match(publisher) or publisher == _clean_field(document.hostname)):
        publisher = None  # trafilatura falls back on the host name: that is an address, not a name
    publisher = publisher or _microdata_publisher(tree) or site_in_title
    author = _clean_field(document.author)
    return PageMetadata(
        title=headline,
        author=author,
        date=_full_date(date),
        publisher=publisher,
        url=_clean_field(document.url),
        description=_clean_field(document.description),
        language=_clean_field(getattr(document, "language", None)),
    )


def _drop_above_headline(paragraphs: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """Short lines above the headline in the extracted text are the site's navigation."""
    if not title:
        return paragraphs, []
    key = title.casefold()
    for index, paragraph in enumerate(paragraphs[:8]):
        if paragraph.casefold() == key:
            above = paragraphs[:index]
            if above and all(word_count(p) <= 6 for p in above):
                return paragraphs[index:], above
            break
    return paragraphs, []

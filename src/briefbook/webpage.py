"""Saved web pages: the bytes of an HTML page -> the article's text and the page's metadata.

A page is read once, when ``briefbook add`` takes it in; the book keeps the page
as received and the text extracted from it, so a build never parses HTML.

- :func:`sniff` tells a web page from plain text and from binary data, by the
  bytes rather than the file's name (a ``.txt`` may hold a page's HTML, a
  ``.html`` may hold plain text);
- :func:`decode_page` reads the bytes in the page's declared character set
  (a byte-order mark, the server's ``Content-Type``, then ``<meta charset>``), and
  notices a page whose declaration is wrong;
- :func:`extract_page` finds the main text and the metadata with trafilatura
  (dates with htmldate, from the page's markup only), and explains a page with
  no article in it: a cookie or login wall, text that scripts fill in, an index
  of many articles.

The text extracted is untrusted like any article: it is written as plain
paragraphs separated by blank lines and goes through the same reading and
cleaning as a pasted text.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from importlib.metadata import version

from lxml import html as lxml_html

from .dates import parse_date
from .errors import BriefbookError, Code, Problem

MAX_PAGE_BYTES = 16 * 1024 * 1024  # a news page with its scripts and styles is 1-4 MB
MIN_ARTICLE_WORDS = 40  # less than this is not an article (a teaser, a notice, a wall)
_SNIFF_BYTES = 8192

# What binary data starts with: a file of this sort is no web page, whatever its name.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|link|base)\b",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(rb"</?(?:p|div|span|a|br|h[1-6]|article|section|table|li|ul|script|style)\b[^>]*>", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: a page labelled Latin-1 or ASCII is read as Windows-1252 (browsers do).
_WHATWG_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


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


# ---------------------------------------------------------------- what the bytes are


def binary_kind(data: bytes) -> str | None:
    """What a binary file is ("a PNG image"), or None when the bytes may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[4:8] == b"ftyp":
        return "a video or audio file"
    head = data[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    nul = head.find(b"\x00")
    if nul >= 0:
        return f"binary data (a NUL byte at byte offset {nul})"
    return None


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes are a web page: an HTML start, or tags all through the first 8 KB."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        head = head[2:].decode(codec, "ignore").encode("utf-8")
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 8


def sniff(data: bytes) -> str:
    """ "html", "text" or a description of binary data ("a PNG image")."""
    kind = binary_kind(data)
    if kind:
        return kind
    return "html" if looks_like_html(data) else "text"


# ---------------------------------------------------------------- character set


def _codec(label: str | None) -> str | None:
    """Python's name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def declared_charset(data: bytes, header_charset: str | None = None) -> tuple[str | None, str]:
    """The page's declared character set (a Python codec name) and where it is declared."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", "byte-order mark"
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", "byte-order mark"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", "byte-order mark"
    if codec := _codec(header_charset):
        return codec, "the server's Content-Type"
    head = data[:_SNIFF_BYTES]
    for pattern, where in ((_XML_ENCODING, "the XML declaration"), (_META_CHARSET, "<meta charset>")):
        match = pattern.search(head)
        if match and (codec := _codec(match.group(1).decode("ascii", "replace"))):
            # a page that says UTF-16 in ASCII bytes is not UTF-16 (WHATWG: read it as UTF-8)
            return ("utf-8" if codec.startswith("utf-16") else codec), where
    return None, "nothing"


def decode_page(data: bytes, header_charset: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Decode a page; return (text, encoding, notices).

    The declaration wins, except where the bytes prove it wrong: a page that
    declares a one-byte character set (windows-1251, say) but whose bytes are
    UTF-8 throughout is read as UTF-8 (its text would otherwise turn into
    mojibake), and a page that declares UTF-8 but is not is read as
    Windows-1252.  Either case is a notice.  Undecodable bytes are never fatal
    in a web page: they become U+FFFD, counted in a notice.
    """
    codec, where = declared_charset(data, header_charset)
    notices: list[str] = []
    body = data
    if codec and where == "byte-order mark":
        body = data[3:] if codec == "utf-8" else data[2:]
    if codec is None:
        try:
            return body.decode("utf-8"), "utf-8", ()
        except UnicodeDecodeError as exc:
            notices.append(
                f"the page declares no character set and is not UTF-8 (byte offset {exc.start}); "
                "read as windows-1252"
            )
            codec = "cp1252"
    elif codec != "utf-8" and not codec.startswith("utf-16") and _UTF8_MULTIBYTE.search(body):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            notices.append(f"the page declares {codec} ({where}) but its bytes are UTF-8; read as UTF-8")
            return text, "utf-8", tuple(notices)
    elif codec == "utf-8":
        try:
            return body.decode("utf-8"), "utf-8", ()
        except UnicodeDecodeError as exc:
            notices.append(
                f"the page declares UTF-8 ({where}) but is not (byte offset {exc.start}); "
                "read as windows-1252"
            )
            codec = "cp1252"
    text = body.decode(codec, errors="replace")
    bad = text.count("\ufffd") - body.decode(codec, errors="ignore").count("\ufffd")
    if bad:
        notices.append(f"{bad} byte(s) are not characters in {codec}; each shows as \ufffd")
    if where != "nothing" and not notices:
        notices.append(f"read as {codec}, as {where} declares")
    return text, codec, tuple(notices)


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


def _words(text: str) -> int:
    return len(text.split())


_COOKIE_WORDS = re.compile(
    r"\b(?:cookies?|consent|accept all|reject all|manage (?:options|preferences|settings)|privacy "
    r"(?:settings|policy|preferences)|our partners|legitimate interest|personali[sz]ed ads)\b",
    re.IGNORECASE,
)
_LOGIN_WORDS = re.compile(
    r"\b(?:sign in|log ?in|subscribe|subscribers? only|subscription|create (?:a free|an) account|"
    r"register to (?:continue|read)|already a subscriber|to continue reading|paywall)\b",
    re.IGNORECASE,
)
_SCRIPT_HINTS = re.compile(
    r"\b(?:enable javascript|javascript (?:is )?(?:required|disabled)|turn on javascript|"
    r"requires javascript|loading\.\.\.)",
    re.IGNORECASE,
)


def _page_stats(tree) -> dict[str, int]:
    """Counts that tell an index page, a wall or a script-filled page from an article."""
    scripts = tree.xpath("//script")
    script_chars = sum(len(s.text or "") for s in scripts)
    headline_links = 0
    for heading in tree.xpath("//h2|//h3|//h4"):
        anchors = heading.xpath(".//a[@href]")
        if anchors and _words(heading.text_content()) >= 3:
            headline_links += 1
    articles = len(tree.xpath("//article"))
    return {"script_chars": script_chars, "headline_links": headline_links, "articles": articles}


def _visible_text(tree) -> str:
    clone = lxml_html.fromstring(lxml_html.tostring(tree))
    for element in clone.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    return _SPACE.sub(" ", clone.text_content()).strip()


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


WALL_MAX_WORDS = 150  # a consent or sign-in notice is short; an article about cookies is not


def _wall(text: str) -> str | None:
    """ "cookie" or "sign-in" when a short text is a consent notice or a sign-in wall."""
    if len(_COOKIE_WORDS.findall(text)) >= 3:
        return "cookie"
    if len(_LOGIN_WORDS.findall(text)) >= 3:
        return "sign-in"
    return None


def _problem(code: Code, label: str, message: str, hint: str | None = None) -> BriefbookError:
    return BriefbookError(Problem(code, message, label, hint=hint))


def plain_text_error(label: str) -> BriefbookError:
    """A file named or served as a web page that holds plain text."""
    return _problem(
        Code.PAGE_NOT_HTML,
        label,
        "plain text, not a web page (no HTML in it)",
        "rename it to .txt and add that",
    )


def index_page_error(label: str, count: int) -> BriefbookError:
    return _problem(
        Code.PAGE_NO_ARTICLE,
        label,
        f"an index page listing {count} articles, not one article",
        "open the article you want and add that page",
    )


def _no_article_error(
    label: str, tree, extracted_words: int, text: str, wall: str | None = None
) -> BriefbookError:
    """Why a page gives no article, as precisely as the page lets us say."""
    visible = _visible_text(tree)
    stats = _page_stats(tree)
    sample = f"{text} {visible[:4000]}"
    if wall == "cookie" or (wall is None and len(_COOKIE_WORDS.findall(sample)) >= 2):
        return _problem(
            Code.PAGE_NO_ARTICLE,
            label,
            "no article in the page, only a cookie or consent notice",
            "open the article in a browser, accept or refuse the notice, then save the page again "
            "(or paste the text into a .txt file)",
        )
    if wall == "sign-in" or len(_LOGIN_WORDS.findall(sample)) >= 2:
        return _problem(
            Code.PAGE_NO_ARTICLE,
            label,
            "no article in the page, only a sign-in or subscription wall",
            "save the page from a browser where you are signed in (or paste the text into a .txt file)",
        )
    if stats["headline_links"] >= 5 or stats["articles"] >= 4:
        return index_page_error(label, max(stats["headline_links"], stats["articles"]))
    if _words(visible) < MIN_ARTICLE_WORDS * 2 and (
        stats["script_chars"] > 2000 or _SCRIPT_HINTS.search(visible)
    ):
        return _problem(
            Code.PAGE_NO_ARTICLE,
            label,
            "the page's text is filled in by scripts when a browser shows it, and the saved HTML holds none",
            "save the page from the browser after it has loaded (Save Page As, 'Web Page, complete') "
            "or paste the text into a .txt file",
        )
    return _problem(
        Code.PAGE_NO_ARTICLE,
        label,
        f"no article text found in the page ({extracted_words} words of text; an article has "
        f"at least {MIN_ARTICLE_WORDS})",
        "paste the text into a .txt file instead",
    )


def _index_page(tree, paragraphs: list[str]) -> int:
    """How many articles a page lists, when it is an index page rather than one article (else 0).

    An index repeats a headline link (a heading that is a link) many times and its
    text is mostly those headlines, not sentences.
    """
    stats = _page_stats(tree)
    listed = max(stats["headline_links"], stats["articles"])
    if listed < 5:
        return 0
    prose = sum(_words(p) for p in paragraphs if _words(p) >= 25)
    total = sum(_words(p) for p in paragraphs) or 1
    return listed if prose / total < 0.5 or listed >= 12 else 0


def extract_page(
    data: bytes, label: str, *, url: str | None = None, header_charset: str | None = None
) -> ExtractedPage:
    """The article in a page: text and metadata, or a BriefbookError that says why there is none."""
    import trafilatura  # imported here: it takes a second to load, and only add needs it

    if len(data) > MAX_PAGE_BYTES:
        raise _problem(
            Code.FILE_TOO_LARGE,
            label,
            f"the page is {len(data) / 1e6:.1f} MB; the limit is {MAX_PAGE_BYTES / 1e6:.0f} MB",
            "save the article's text into a .txt file instead",
        )
    kind = sniff(data)
    if kind == "text":
        raise plain_text_error(label)
    if kind != "html":
        raise _problem(Code.PAGE_NOT_HTML, label, f"not a web page: the file is {kind}")
    text, encoding, notices = decode_page(data, header_charset)
    notices = list(notices)
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
            f"dropped {len(dropped)} short line(s) above the headline, the site's navigation: "
            + ", ".join(repr(d) for d in dropped)
        )
    if listed := _index_page(tree, paragraphs):
        raise index_page_error(label, listed)
    words = sum(_words(p) for p in paragraphs)
    json_body, _ = _json_ld_article_body(tree)
    if json_body and _flat(json_body) == _flat(" ".join(paragraphs)) and "\n" in json_body.strip():
        # the page's text is its structured data, which keeps the paragraph breaks
        paragraphs = [p for p in (_flat(line) for line in json_body.split("\n")) if p]
    if words < MIN_ARTICLE_WORDS:
        if json_body and _words(json_body) >= MIN_ARTICLE_WORDS:
            paragraphs = [p for p in (_flat(line) for line in json_body.split("\n")) if p]
            notices.append(
                "the page shows little text without its scripts; the text is the page's own structured "
                "data (JSON-LD articleBody)"
            )
        else:
            raise _no_article_error(label, tree, words, " ".join(paragraphs))
    elif words < WALL_MAX_WORDS and (wall := _wall(" ".join(paragraphs))):
        raise _no_article_error(label, tree, words, " ".join(paragraphs), wall)
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
        raise _problem(Code.FILE_UNREADABLE, label, f"cannot read the page's HTML ({exc})") from exc


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
            if above and all(_words(p) <= 6 for p in above):
                return paragraphs[index:], above
            break
    return paragraphs, []

"""A page's bytes: a web page told from plain text and binary data, and read in its character set.

- :func:`sniff` tells a web page from plain text and from binary data, by the
  bytes rather than the file's name (a ``.txt`` may hold a page's HTML, a
  ``.html`` may hold plain text);
- :func:`decode_page` reads the bytes in the page's declared character set
  (a byte-order mark, the server's ``Content-Type``, then ``<meta charset>``), and
  notices a page whose declaration is wrong.
"""

from __future__ import annotations

import codecs
import re

from ..printable import counted

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
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|link|base|script|style|noscript|svg)\b",
    re.IGNORECASE | re.DOTALL,
)
# a page whose first kilobytes are a style sheet or a script still has its <html>, <head> or <body>
_DOCUMENT_TAG = re.compile(rb"<(?:html|head|body)\b[^>]*>", re.IGNORECASE)
_DOCUMENT_TAG_BYTES = 512 * 1024
_TAG = re.compile(rb"</?(?:p|div|span|a|br|h[1-6]|article|section|table|li|ul|script|style)\b[^>]*>", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: a page labelled Latin-1 or ASCII is read as Windows-1252 (browsers do).
_WHATWG_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")

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
    """Whether the bytes are a web page: an HTML start, tags all through the first 8 KB, or the
    document's own tags (``<html>``, ``<head>``, ``<body>``) behind a long style sheet or script."""
    if data.lstrip()[:1] == b"<" and _DOCUMENT_TAG.search(data, 0, _DOCUMENT_TAG_BYTES):
        return True
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


# Codecs Python has that read no page: they raise on ordinary bytes whatever the error handler,
# or turn the page's backslashes into characters.
_NOT_PAGE_CODECS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"})


def _codec(label: str | None) -> str | None:
    """Python's name for a charset label, or None when Python does not know it as a page's text
    encoding (``base64`` or ``zlib`` name codecs of bytes, not of characters)."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError, TypeError):
        return None
    if not info._is_text_encoding or info.name in _NOT_PAGE_CODECS:
        return None
    return _WHATWG_ALIASES.get(info.name, info.name)


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


# Characters XML forbids (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF), and
# the controls no page means (DEL, C1): no page shows them, and the extractor, which works on XML,
# fails on the first one.  As numeric references (&#27; &#x1B;) too: the parser makes them characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));?")


def _reference(match: re.Match[str]) -> str:
    """A numeric reference as it stands, or "" for a control character; a C1 one as browsers read
    it (WHATWG: &#x93; is windows-1252's quotation mark)."""
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code in (0x09, 0x0A, 0x0D) or not (code < 0x20 or 0x7F <= code <= 0x9F or code in (0xFFFE, 0xFFFF)):
        return match.group()
    if 0x80 <= code <= 0x9F:
        return bytes([code]).decode("cp1252", errors="ignore")
    return ""


def without_control_characters(text: str) -> tuple[str, tuple[str, ...]]:
    """The text less the characters XML forbids and the controls no page means, as characters or as
    references, and a notice that says how many went."""
    dropped = 0

    def reference(match: re.Match[str]) -> str:
        nonlocal dropped
        kept = _reference(match)
        dropped += not kept
        return kept

    text = _NUMERIC_REFERENCE.sub(reference, text)
    text, removed = _NOT_XML.subn("", text)
    removed += dropped
    if not removed:
        return text, ()
    return text, (f"removed {removed} control character(s) that are no text (a page cannot show them)",)


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
    if codec in (None, "utf-8"):  # declared UTF-8, or nothing declared: UTF-8 unless the bytes are not
        try:
            return body.decode("utf-8"), "utf-8", ()
        except UnicodeDecodeError as exc:
            said = (
                "declares no character set and is not UTF-8"
                if codec is None
                else f"declares UTF-8 ({where}) but is not"
            )
            notices.append(f"the page {said} (byte offset {exc.start}); read as windows-1252")
            codec = "cp1252"
    elif not codec.startswith("utf-16") and _UTF8_MULTIBYTE.search(body):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            notices.append(f"the page declares {codec} ({where}) but its bytes are UTF-8; read as UTF-8")
            return text, "utf-8", tuple(notices)
    try:
        text = body.decode(codec, errors="replace")
        bad = text.count("\ufffd") - body.decode(codec, errors="ignore").count("\ufffd")
    except (UnicodeError, LookupError, ValueError, TypeError):  # a codec that cannot read these bytes
        notices.append(f"the page's bytes cannot be read as {codec} ({where}); read as windows-1252")
        codec, where = "cp1252", "nothing"
        text = body.decode(codec, errors="replace")
        bad = text.count("\ufffd") - body.decode(codec, errors="ignore").count("\ufffd")
    if bad:
        notices.append(f"not characters in {codec}: {counted(bad, 'byte')}, each shown as \ufffd")
    if where != "nothing" and not notices:
        notices.append(f"read as {codec}, as {where} declares")
    return text, codec, tuple(notices)

"""Reading article files: bytes -> RawArticle (decoded, repaired, NFC, LF line ends).

Articles are pasted from web pages by people on every kind of machine, so the
bytes may be UTF-8 (with or without a byte-order mark), Windows-1252/Latin-1
from an old editor, UTF-8 that was once mis-read as Windows-1252 ("mojibake":
``â€™`` for ``’``), or not text at all.  :func:`decode` turns every one of those
into clean text or a :class:`BriefbookError` naming the file and the byte
offset; it never crashes on bytes.  Each repair it makes is recorded, so the
report can say what was changed and why.

What decoding does *not* do, on purpose: it never uses ``ftfy.fix_text`` with
its defaults (they straighten curly quotes, expand ligatures and change other
legitimate characters); it only undoes encoding damage with
``ftfy.fix_encoding``, and only on lines that show a mojibake signature.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from pathlib import Path

from ..errors import BriefbookError, Code, Problem
from ..models import RawArticle

# Bytes that Windows-1252 leaves undefined: a file containing one is not cp1252 text.
_CP1252_UNDEFINED_RE = re.compile(b"[\x81\x8d\x8f\x90\x9d]")
_ASCII = bytes(range(128))
# C0 control characters that never occur in pasted prose.  Tab, LF and CR are
# text; form feed and vertical tab are page/line-break residue handled below;
# Ctrl-Z is tolerated at the very end (old DOS end-of-file marker).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES_RE = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
# A Windows-1252/Latin-1 reading of a UTF-8 lead byte (0xC2-0xF4) followed by a
# reading of a continuation byte (0x80-0xBF), or a stray C1 control: the
# signature of mojibake.  Only lines that match are handed to ftfy, which then
# decides; legitimate text ("café”") is left as it is.
_MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022"
    "\u2026\u2030\u2039\u203a\u20ac\u2122]|[\u0080-\u009f]"
)
# Invisible characters that break search, quote anchoring and glossary matching.
_ZERO_WIDTH = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\u00ad": "soft hyphen",
    "\ufeff": "byte-order mark inside the text",
    # Bidirectional embeddings, overrides and isolates change the order a reader sees the letters in
    # ("Trojan Source"): an override can make a passage read as something the text does not say.
    # The letters' own direction needs none of them, so they go (and the report says so).
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}
_ZERO_WIDTH_RE = re.compile("[" + "".join(_ZERO_WIDTH) + "]")
# A no-break space inside a name ("New\u00a0START", "Mr.\u00a0Smith", "10\u00a0km"):
# between a word character (or an abbreviation's dot) and a word character.
_NAME_NBSP_RE = re.compile(r"(?<=[\w.])[\u00a0\u202f\u2007](?=\w)")
# Runs of 3+ bytes in 0xC0-0xFF are whole Cyrillic words in Windows-1251; in
# Windows-1252 they would be three accented Latin letters in a row, which
# Western text practically never has.
_HIGH_RUN_RE = re.compile(rb"[\xc0-\xff]{3,}")


def _not_text(path: Path, message: str) -> BriefbookError:
    return BriefbookError(Problem(Code.ARTICLE_NOT_TEXT, message, str(path)))


def _reject_control_bytes(data: bytes, path: Path) -> None:
    """Binary data (NUL and other control bytes) is not an article: say where it starts."""
    match = _CONTROL_BYTES_RE.search(data.rstrip(b"\x1a"))
    if match:
        byte = match.group()[0]
        kind = "NUL byte" if byte == 0 else f"control byte 0x{byte:02X}"
        raise _not_text(
            path,
            f"not a text file: {kind} at byte offset {match.start()} (expected UTF-8 or Windows-1252 text)",
        )


def _decode_utf16(data: bytes, path: Path) -> str:
    """UTF-16 with a byte-order mark (Notepad's "Unicode"); strict."""
    codec = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    try:
        return data[2:].decode(codec)
    except UnicodeDecodeError as exc:
        raise _not_text(
            path,
            f"not valid UTF-16 at byte offset {exc.start + 2} "
            "(the file starts with a UTF-16 byte-order mark)",
        ) from exc


def _looks_cp1251(data: bytes) -> bool:
    """True when the high bytes form whole words, as Cyrillic does in Windows-1251."""
    high = len(data.translate(None, _ASCII))
    if not high:
        return False
    in_runs = sum(len(m.group()) for m in _HIGH_RUN_RE.finditer(data))
    return in_runs * 2 >= high


def _decode_legacy(data: bytes, path: Path, utf8_error: int) -> tuple[str, str]:
    """Decode bytes that are not UTF-8 as Windows-1252 (or 1251 for Cyrillic), if plausible.

    Latin-1 files are read as Windows-1252: the two agree on every printable
    byte, and Latin-1's 0x80-0x9F are invisible controls nobody types.
    """
    if _looks_cp1251(data):
        try:
            return data.decode("cp1251"), "cp1251"
        except UnicodeDecodeError:
            pass  # 0x98 is undefined in cp1251: then it was not cp1251 after all
    undefined = _CP1252_UNDEFINED_RE.search(data)
    if undefined:
        offset, byte = undefined.start(), undefined.group()[0]
        raise _not_text(
            path,
            f"cannot read as text: not valid UTF-8 (byte offset {utf8_error}) "
            f"and not Windows-1252 either (byte 0x{byte:02X} at byte offset {offset} "
            "is not a character there)",
        )
    return data.decode("cp1252"), "cp1252"


def _bytes_to_text(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Strictly decode; UTF-8 is always tried first so a UTF-8 file is never mis-detected."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data, path)
        return text, "utf-16", ["decoded UTF-16 (byte-order mark) to text"]
    _reject_control_bytes(data, path)
    repairs: list[str] = []
    start = 0
    if data.startswith(codecs.BOM_UTF8):
        start = len(codecs.BOM_UTF8)
        repairs.append("removed UTF-8 byte-order mark")
    try:
        return data[start:].decode("utf-8"), "utf-8", repairs
    except UnicodeDecodeError as exc:
        if start:
            raise _not_text(
                path,
                f"not valid UTF-8 at byte offset {exc.start + start} "
                "(the file starts with a UTF-8 byte-order mark)",
            ) from exc
        text, encoding = _decode_legacy(data, path, exc.start)
        repairs.append(f"decoded as {encoding} (not valid UTF-8 at byte offset {exc.start})")
        return text, encoding, repairs


# Characters Python (and so every later step) reads as line ends besides LF and CR: they become
# LF (a paragraph separator, a blank line), so a paragraph never hides a line break.  (Form feed
# and vertical tab, which Python also splits on, become spaces in decode.)
_OTHER_BREAKS = {"\u2029": "\n\n", "\u2028": "\n", "\x85": "\n"}
_OTHER_BREAKS_RE = re.compile("[" + "".join(_OTHER_BREAKS) + "]")


def normalise_line_ends(text: str) -> tuple[str, str | None]:
    """CRLF and lone CR become LF, as do Unicode line and paragraph separators, NEL, vertical tab
    and form feed; a trailing DOS end-of-file mark (Ctrl-Z) goes."""
    repair = None
    if text.endswith("\x1a"):
        text = text.rstrip("\x1a")
        repair = "removed DOS end-of-file mark (Ctrl-Z)"
    others = len(_OTHER_BREAKS_RE.findall(text))
    if others:
        text = _OTHER_BREAKS_RE.sub(lambda m: _OTHER_BREAKS[m.group()], text)
        note = f"turned {others} Unicode line or paragraph separator(s) (U+2028, U+2029, NEL) into LF"
        repair = f"{repair}; {note}" if repair else note
    if "\r" not in text:
        return text, repair
    crlf = text.count("\r\n")
    lone = text.count("\r") - crlf
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    what = ", ".join(
        part for part in (f"{crlf} CRLF" if crlf else "", f"{lone} lone CR" if lone else "") if part
    )
    note = f"turned line ends into LF ({what})"
    return text, f"{repair}; {note}" if repair else note


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8-read-as-Windows-1252 damage line by line; return (text, lines repaired).

    Line by line, so a file with one damaged paragraph and correct curly quotes
    elsewhere is repaired where it is damaged and left alone elsewhere; and only
    lines with the mojibake signature reach ftfy, so clean text costs one regex scan.
    """
    if not _MOJIBAKE_HINT_RE.search(text):
        return text, 0
    lines = text.split("\n")
    repaired = 0
    for index, line in enumerate(lines):
        if _MOJIBAKE_HINT_RE.search(line):
            import ftfy  # loaded only for a line that needs it

            fixed = ftfy.fix_encoding(line)
            if fixed != line:
                lines[index] = fixed
                repaired += 1
    return "\n".join(lines), repaired


def remove_zero_width(text: str) -> tuple[str, dict[str, int]]:
    """Drop invisible characters; return the text and how many of each kind went."""
    counts: dict[str, int] = {}
    for match in _ZERO_WIDTH_RE.finditer(text):
        name = _ZERO_WIDTH[match.group()]
        counts[name] = counts.get(name, 0) + 1
    if counts:
        text = _ZERO_WIDTH_RE.sub("", text)
    return text, counts


def decode(data: bytes, path: Path) -> tuple[str, str, tuple[str, ...]]:
    """Decode article bytes; return (text, encoding, repairs).

    The text is NFC, has LF line ends, no zero-width characters and ordinary
    spaces inside names.  ``encoding`` is what the bytes were read as
    ("utf-8", "cp1252", "cp1251", "utf-16").  An undecodable file raises
    BriefbookError naming the file and the byte offset of the first bad byte.
    """
    path = Path(path)
    text, encoding, repairs = _bytes_to_text(data, path)
    if encoding == "utf-16":
        bad = _CONTROL_RE.search(text.rstrip("\x1a"))
        if bad:
            offset = 2 + len(text[: bad.start()].encode("utf-16-le"))
            raise _not_text(
                path,
                f"not a text file: control character U+{ord(bad.group()):04X} "
                f"at byte offset {offset} (expected UTF-16 text)",
            )
    text, line_repair = normalise_line_ends(text)
    if line_repair:
        repairs.append(line_repair)
    if "\x0b" in text or "\x0c" in text:
        count = text.count("\x0b") + text.count("\x0c")
        text = text.replace("\x0b", " ").replace("\x0c", " ")
        repairs.append(f"replaced {count} form feed/vertical tab characters with spaces")
    text, mojibake_lines = repair_mojibake(text)
    if mojibake_lines:
        repairs.append(
            f"repaired mojibake (UTF-8 read as Windows-1252) on {mojibake_lines} "
            f"line{'s' if mojibake_lines != 1 else ''}"
        )
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        text = normal
        repairs.append("normalised to NFC (composed accents)")
    text, zero_width = remove_zero_width(text)
    for name, count in zero_width.items():
        repairs.append(f"removed {count} {name}{'s' if count != 1 else ''}")
    text, nbsp = _NAME_NBSP_RE.subn(" ", text)
    if nbsp:
        repairs.append(f"turned {nbsp} no-break space{'s' if nbsp != 1 else ''} inside names into spaces")
    return text, encoding, tuple(repairs)


# A news article is tens of kilobytes; a long report pasted whole, a few hundred.  Above this the
# file is most likely not an article (a log, a dump, a whole site saved as text), and every later
# step's time and memory grow with it: refuse it at once, before reading it.
MAX_ARTICLE_BYTES = int(os.environ.get("BRIEFBOOK_MAX_ARTICLE_MB", "5")) * 1024 * 1024


def read_article(path: Path, limit: int = MAX_ARTICLE_BYTES) -> RawArticle:
    """Read one article file; every failure is a BriefbookError naming the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise BriefbookError(
                f"{path}: {size / 1024 / 1024:.1f} MB is more than an article can be "
                f"({limit // 1024 // 1024} MB; set BRIEFBOOK_MAX_ARTICLE_MB to allow more)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise BriefbookError(
            Problem(Code.FILE_UNREADABLE, f"cannot read: {exc.strerror or exc}", str(path))
        ) from exc
    text, encoding, repairs = decode(data, path)
    return RawArticle(path=path, text=text, encoding=encoding, repairs=repairs)

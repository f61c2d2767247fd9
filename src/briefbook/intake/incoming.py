"""Taking an article in for ``briefbook add``: a text file, a saved web page or a web address, read
(a page's article extracted, :mod:`briefbook.intake.webpage`) into the bytes of the text file to write
and a record of where it came from.  Nothing is written here; every failure names the source."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import BriefbookError, Code, Problem
from ..printable import counted, printable
from . import fetch, webpage
from .noarticle import plain_text_error
from .pagebytes import sniff

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MAX_TEXT_BYTES = 4 * 1024 * 1024  # a long report is a few hundred KB; more is not one article


@dataclass(frozen=True)
class Incoming:
    """An article taken in, before anything is written: its text file's bytes and where it came from."""

    text_bytes: bytes  # the .txt to write: the file as received, or a page's text in UTF-8
    name_hint: str  # what the slug is made from: the file's name or the address's last part
    label: str  # how messages name the source (printable)
    page_bytes: bytes | None = None  # a web page as received
    page: webpage.ExtractedPage | None = None
    source: dict[str, str] = field(default_factory=dict)  # provenance for the sidecar
    received: tuple[str, ...] = ()  # what was done to take it in, for the report


def source_error(code: Code, label: object, message: str, hint: str | None = None) -> BriefbookError:
    """One problem about the article given to add; ``label`` (a path or an address) is its place."""
    return BriefbookError(Problem(code, message, printable(label), hint=hint))


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _refuse_link(source: Path, label: str) -> None:
    if source.is_symlink():
        try:
            target = os.readlink(source)
        except OSError:
            target = "?"
        raise source_error(
            Code.FILE_LINK,
            label,
            f"a symbolic link (to {printable(target)}); briefbook add does not follow links, "
            "so nothing was added",
            "add the file itself if it is the article",
        )


def read_source(source: Path, label: str | None = None) -> bytes:
    label = label or printable(source)
    _refuse_link(source, label)
    if not source.exists():
        raise source_error(Code.FILE_MISSING, label, "no such file (expected the article's text file)")
    if not source.is_file():
        raise source_error(Code.FILE_MISSING, label, "not a file (expected the article's text file)")
    ceiling = webpage.MAX_PAGE_BYTES if source.suffix.lower() in PAGE_SUFFIXES else MAX_TEXT_BYTES
    size = source.stat().st_size
    if size > ceiling:
        raise source_error(
            Code.FILE_TOO_LARGE,
            label,
            f"the file is {size / 1e6:.1f} MB; the limit is {ceiling / 1e6:.0f} MB for an article",
            "is it one article?",
        )
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise source_error(Code.FILE_UNREADABLE, label, f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise source_error(Code.ARTICLE_EMPTY, label, "the file is empty (expected the article's text)")
    return data


def _from_page(
    data: bytes, label: str, name_hint: str, source: dict[str, str], *, url=None, charset=None
) -> Incoming:
    page = webpage.extract_page(data, label, url=url, header_charset=charset)
    source = {**source, "received": _now(), "extractor": page.extractor, "encoding": page.encoding}
    if page.metadata.description:
        source["description"] = page.metadata.description
    if page.metadata.titles_found:
        source["titles_found"] = "; ".join(page.metadata.titles_found)
    if page.doubts:
        source["doubts"] = "; ".join(page.doubts)
    return Incoming(
        text_bytes=page.text.encode("utf-8"),
        name_hint=name_hint,
        label=label,
        page_bytes=data,
        page=page,
        source=source,
        received=(*page.notices, *(f"doubtful: {doubt}" for doubt in page.doubts)),
    )


def take_in_file(source: Path) -> Incoming:
    """Read a file given to add: a text, or a saved web page (by its bytes, whatever its name)."""
    label = printable(source)
    data = read_source(source, label)
    suffix = source.suffix.lower()
    kind = sniff(data)
    # a name that is not UTF-8 (lone surrogates) is kept readable, its bad bytes as U+FFFD; a control
    # character in it is written as its escape (\x1b): a sidecar value may not hold one
    base = {"file": printable(os.fsencode(source.name).decode("utf-8", "replace"))}
    if suffix in PAGE_SUFFIXES or kind == "html":
        if kind == "text" and not data.lstrip().startswith(b"<"):
            raise plain_text_error(label)
        incoming = _from_page(data, label, source.name, base)
        received = list(incoming.received)
        if suffix not in PAGE_SUFFIXES:
            received.insert(0, "the file holds a web page's HTML: its article was extracted from it")
        files = source.with_name(f"{source.stem}_files")
        if files.is_dir():
            received.append(
                f"the page's folder {printable(files.name)}/ (images, styles, scripts) was not copied: "
                "the book keeps the page and its text"
            )
        return replace(incoming, received=tuple(received))
    return Incoming(text_bytes=data, name_hint=source.name, label=label, source={**base, "received": _now()})


def take_in_url(url: str) -> Incoming:
    """Fetch a page and extract its article."""
    fetched = fetch.fetch_page(url)
    label = printable(url)
    path = unquote(urlsplit(fetched.url).path).rstrip("/")
    name_hint = path.rsplit("/", 1)[-1] or (urlsplit(fetched.url).hostname or "")
    source = {"url": url}
    if fetched.url != url:
        source["fetched_from"] = fetched.url
    if fetched.content_type:
        source["content_type"] = fetched.content_type
    incoming = _from_page(fetched.data, label, name_hint, source, url=fetched.url, charset=fetched.charset)
    got = f"fetched {counted(len(fetched.data), 'byte')} ({fetched.content_type or 'no Content-Type'})"
    if fetched.redirects:
        got += f" after {counted(len(fetched.redirects), 'redirect')}, from {printable(fetched.url)}"
    return replace(incoming, received=(got, *incoming.received))

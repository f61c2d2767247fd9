"""``briefbook add``: put a new article into the book, with a sidecar to fill in.

An article arrives as a text file, a saved web page (``.html``, ``.htm``; a
"complete" save's ``_files/`` folder is not needed) or a web address.  It goes
into ``seeds/`` under a name made only of ``[a-z0-9_-]``:

    NNN_<slug>_<hash8>.txt     the article's text
    NNN_<slug>_<hash8>.yaml    its sidecar, started here for the editor
    NNN_<slug>_<hash8>.html    the web page as received, byte for byte (pages only)

``NNN`` is one more than the highest number an article of the book starts
with, so the new article sorts after the others and its sources label ("005
Reuters") continues the numbering; ``slug`` is the file's own name (or the
address's last part) reduced to ASCII letters, digits and hyphens (at most 40
characters), so it stays recognisable; ``hash8`` is the start of the SHA-256 of
the text file's bytes.  Nothing the user's file name holds (spaces, accents,
``../``, markup, control characters) reaches the name.

A text file is copied as received.  A web page's text is extracted once, here
(see :mod:`briefbook.webpage`), and written as UTF-8; the page itself is kept
beside it, and the sidecar records where it came from, when, and how.

The text is read and cleaned once, to show what cleaning removes and to guess
the sidecar's fields (:mod:`briefbook.metadata`).  The files appear together or
not at all, under the book's lock (:mod:`briefbook.seedwrite`): concurrent adds
take distinct numbers, a kill leaves nothing the next run does not settle, and
an article already in the book (the same text, whatever its line ends or
encoding) is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from . import clean, fetch, ingest, seedwrite, webpage
from .candidates import candidate_terms
from .claims import Claim, load_claims
from .crossref import STOPWORDS, SharedPassage, find_shared_passages
from .dates import FORMAT_WORDS, parse_date
from .errors import BriefbookError, Code, Problem, did_you_mean
from .glossary import load_glossary
from .kinds import ARTICLE_KINDS, NOTE_KINDS, STANCES
from .locking import BookLock, book_folder_of
from .metadata import Guess, find_dateline, guess_author, guess_date, guess_publisher, guess_title
from .models import Article, RawArticle, RemovedLine
from .noarticle import plain_text_error
from .pagebytes import sniff
from .pipeline import ARTICLE_SUFFIX, CLAIMS_FILE, GLOSSARY_FILE, article_paths
from .printable import printable
from .termmatch import TermMatcher
from .validation import validate
from .yamlload import load_yaml_text

SLUG_MAX = 40
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MAX_TEXT_BYTES = 4 * 1024 * 1024  # a long report is a few hundred KB; more is not one article
_NUMBER = re.compile(r"^(\d+)_")

__all__ = ["Added", "Guess", "add_article", "removed_report"]


@dataclass(frozen=True)
class LikelyClaim:
    claim: Claim
    sentence: str  # the article's sentence that says much the same
    score: float  # share of the claim's content words found in the sentence


@dataclass(frozen=True)
class Added:
    """What ``add`` wrote and what the editor should look at next."""

    article_path: Path
    sidecar_path: Path
    article: Article
    encoding: str
    repairs: tuple[str, ...]
    fields: dict[str, Guess]
    unglossed: list[tuple[str, int]] = field(default_factory=list)
    shared: list[SharedPassage] = field(default_factory=list)
    claims: list[LikelyClaim] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things that could not be checked, and why
    page_path: Path | None = None  # the web page as received, for a page
    received: list[str] = field(default_factory=list)  # how the article was taken in (fetch, extraction)
    dateline: str | None = None


# ---------------------------------------------------------------- names


def slugify(text: str, limit: int = SLUG_MAX) -> str:
    """ASCII letters, digits and hyphens only: 'Über den Krieg (1).txt' -> 'uber-den-krieg-1-txt'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    return slug


def next_number(seeds: Path) -> int:
    """One more than the highest number a file in seeds/ starts with (0 for the first)."""
    numbers = [int(m.group(1)) for p in seeds.iterdir() if (m := _NUMBER.match(p.name))]
    return max(numbers, default=-1) + 1


def article_name(number: int, source_name: str, data: bytes, title: str | None = None) -> str:
    """The safe file name of a new article: ``NNN_<slug>_<hash8>.txt``."""
    slug = slugify(Path(source_name).stem) or slugify(title or "") or "article"
    digest = hashlib.sha256(data).hexdigest()[:8]
    return f"{number:03d}_{slug}_{digest}{ARTICLE_SUFFIX}"


# ---------------------------------------------------------------- likely claims

# a sentence ends at . ! ? before a capital, but not after initials such as "U.S."
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z]\.)(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_WORDS = re.compile(r"[^\W_]+")


def _stems(text: str) -> set[str]:
    """Content words, cut to five letters so 'restored' and 'restore' meet."""
    return {w[:5] for w in (m.lower() for m in _WORDS.findall(text)) if len(w) > 2 and w not in STOPWORDS}


def likely_claims(article: Article, claims: tuple[Claim, ...], threshold: float = 0.5) -> list[LikelyClaim]:
    """Claims of the book whose content words stand, mostly, in one sentence of the article."""
    sentences = [s for p in article.paragraphs for s in _SENTENCE_END.split(p) if s.strip()]
    stemmed = [(s, _stems(s)) for s in sentences]
    found = []
    for claim in claims:
        wanted = _stems(claim.statement)
        if len(wanted) < 2:
            continue
        best = max(((len(wanted & words) / len(wanted), s) for s, words in stemmed), default=(0.0, ""))
        if best[0] >= threshold:
            found.append(LikelyClaim(claim, best[1], best[0]))
    return sorted(found, key=lambda c: (-c.score, c.claim.id))


# ---------------------------------------------------------------- the sidecar


def yaml_string(value: str | None) -> str:
    """A YAML scalar that reads back as exactly ``value`` (double-quoted, escaped), or null."""
    if value is None:
        return "null"
    return yaml.safe_dump(value, default_style='"', width=1 << 20, allow_unicode=True).rstrip("\n")


SIDECAR_FIELDS = ("title", "publisher", "author", "date", "kind", "url")


def sidecar_text(
    name: str, fields: dict[str, Guess], example_quote: str, source: dict[str, str] | None = None
) -> str:
    """The sidecar skeleton: the fields with where each comes from, where the article came from
    (``source``: provenance, written once by add), and commented examples of notes.

    Values are double-quoted YAML scalars; comments pass through :func:`printable`, so no
    character from an article (a line break YAML knows and Python does not, say) can end a
    comment early and become a key.
    """
    lines = [
        f"# Sidecar of {name}, started by `briefbook add`. Check every value: the comments say",
        "# where each comes from. The article's text file is never edited.",
    ]
    for key in SIDECAR_FIELDS:
        guess = fields[key]
        scalar = guess.value if key == "kind" else yaml_string(guess.value)
        lines.append(f"{key}: {scalar}  # {printable(guess.source)}")
    if source:
        lines.append("source:  # where the article came from, recorded by `briefbook add`")
        lines += [f"  {key}: {yaml_string(value)}" for key, value in source.items()]
    lines += [
        "# about: >-",
        "#   What the source is and how much weight it bears (MyST).",
        "#",
        "# Notes: remove the '# ' in front of the lines below and fill them in. A quote is copied",
        "# exactly from the text as the book shows it (briefbook check says where a quote is not found).",
        "# notes:",
        f"#   - quote: {yaml_string(example_quote)}",
        f"#     kind: context  # {' | '.join(NOTE_KINDS)}",
        '#     note: "What the reader should know about this passage. MyST: *emphasis*, links."',
        '#   - quote: "another passage"',
        "#     kind: fact-check",
        '#     note: "What the outside record says."',
        '#     basis: "Where that comes from."',
        "#     claim: a-claim-id  # an id from claims.yaml",
        f"#     stance: supports  # {' | '.join(STANCES)}",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- add


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


def _error(code: Code, label: object, message: str, hint: str | None = None) -> BriefbookError:
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
        raise _error(
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
        raise _error(Code.FILE_MISSING, label, "no such file (expected the article's text file)")
    if not source.is_file():
        raise _error(Code.FILE_MISSING, label, "not a file (expected the article's text file)")
    ceiling = webpage.MAX_PAGE_BYTES if source.suffix.lower() in PAGE_SUFFIXES else MAX_TEXT_BYTES
    size = source.stat().st_size
    if size > ceiling:
        raise _error(
            Code.FILE_TOO_LARGE,
            label,
            f"the file is {size / 1e6:.1f} MB; the limit is {ceiling / 1e6:.0f} MB for an article",
            "is it one article?",
        )
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise _error(Code.FILE_UNREADABLE, label, f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise _error(Code.ARTICLE_EMPTY, label, "the file is empty (expected the article's text)")
    return data


def _from_page(
    data: bytes, label: str, name_hint: str, source: dict[str, str], *, url=None, charset=None
) -> Incoming:
    page = webpage.extract_page(data, label, url=url, header_charset=charset)
    source = {**source, "received": _now(), "extractor": page.extractor, "encoding": page.encoding}
    if page.metadata.description:
        source["description"] = page.metadata.description
    return Incoming(
        text_bytes=page.text.encode("utf-8"),
        name_hint=name_hint,
        label=label,
        page_bytes=data,
        page=page,
        source=source,
        received=tuple(page.notices),
    )


def take_in_file(source: Path) -> Incoming:
    """Read a file given to add: a text, or a saved web page (by its bytes, whatever its name)."""
    label = printable(source)
    data = read_source(source, label)
    suffix = source.suffix.lower()
    kind = sniff(data)
    # a name that is not UTF-8 (lone surrogates) is kept readable, its bad bytes as U+FFFD
    base = {"file": os.fsencode(source.name).decode("utf-8", "replace")}
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
    got = f"fetched {len(fetched.data):,} bytes ({fetched.content_type or 'no Content-Type'})"
    if fetched.redirects:
        got += f" after {len(fetched.redirects)} redirect(s), from {printable(fetched.url)}"
    return replace(incoming, received=(got, *incoming.received))


def normalised_text_digest(data: bytes, path: Path) -> str | None:
    """SHA-256 of the text as read (LF line ends, NFC, no trailing spaces): a CRLF or re-encoded
    copy of an article has the same digest as the original.  None when the bytes are no text."""
    try:
        text, _, _ = ingest.decode(data, path)
    except BriefbookError:
        return None
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _find_duplicate(
    existing: list[Path], data: bytes, digest: str | None, same_bytes: str = "same bytes"
) -> tuple[Path, str] | None:
    raw = hashlib.sha256(data).digest()
    for path in existing:
        try:
            other = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(other).digest() == raw:
            return path, same_bytes
        if digest and normalised_text_digest(other, path) == digest:
            return path, "the same text"
    return None


def _given(value: str | None, option: str) -> Guess | None:
    return Guess(value, f"given with --{option}") if value else None


def _fields(
    incoming: Incoming,
    raw: RawArticle,
    article: Article,
    options: dict[str, str | None],
) -> dict[str, Guess]:
    """The sidecar's fields: an option, else the page's metadata, else a guess from the text."""
    meta = incoming.page.metadata if incoming.page else webpage.PageMetadata()

    def from_page(value: str | None, what: str) -> Guess | None:
        return Guess(value, f"from the page's {what}") if value else None

    url = options["url"] or meta.url or incoming.source.get("fetched_from") or incoming.source.get("url")
    return {
        "title": _given(options["title"], "title")
        or from_page(meta.title, "metadata (its title)")
        or guess_title(article),
        "publisher": _given(options["publisher"], "publisher")
        or from_page(meta.publisher, "metadata (its site name)")
        or guess_publisher(raw, article, url),
        "author": _given(options["author"], "author")
        or from_page(meta.author, "metadata (its author)")
        or guess_author(raw, article),
        "date": _given(options["date"], "date")
        or from_page(meta.date, "metadata (its publication date)")
        or guess_date(raw, article),
        "kind": _given(options["kind"], "kind")
        or Guess("news", "news | analysis | opinion | newsletter: check it"),
        "url": _given(options["url"], "url")
        or (
            Guess(url, "the page's own address (canonical)" if meta.url else "where it was fetched")
            if url
            else None
        )
        or Guess(None, "where the article was found, if known"),
    }


def _check_sidecar(sidecar: str, path: Path, fields: dict[str, Guess]) -> None:
    """The skeleton loads as a valid sidecar, with exactly the values meant."""
    data = load_yaml_text(sidecar, path)
    problems = validate(data, "sidecar", path)
    if problems:
        raise BriefbookError(problems)
    for key, guess in fields.items():
        if data.get(key) != guess.value:
            message = f"the {key} would not read back as written; nothing was added"
            raise BriefbookError(Problem(Code.EDIT_READ_BACK, message, str(path)))


@dataclass(frozen=True)
class Prepared:
    """An article read, cleaned and guessed at, ready to be written."""

    incoming: Incoming
    raw: RawArticle
    article: Article
    encoding: str
    repairs: tuple[str, ...]
    fields: dict[str, Guess]
    digest: str | None  # of the normalised text, to recognise a copy


def prepare(
    seeds: Path,
    source: Path | str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    author: str | None = None,
    url: str | None = None,
    kind: str | None = None,
) -> Prepared:
    """Take an article in (file, page or address), read and clean it, and fill in its fields.

    Writes nothing; every failure is a BriefbookError naming the source.
    """
    if date is not None and parse_date(date) is None:
        raise BriefbookError(
            Problem(Code.OPTION_VALUE, f"--date {date!r}: expected a date written {FORMAT_WORDS} that exists")
        )
    if kind is not None and kind not in ARTICLE_KINDS:
        raise BriefbookError(
            Problem(
                Code.OPTION_VALUE,
                f"--kind {kind!r}: expected one of: {', '.join(ARTICLE_KINDS)}",
                hint=did_you_mean(kind, ARTICLE_KINDS),
            )
        )
    is_address = isinstance(source, str) and fetch.is_url(source)
    incoming = take_in_url(source) if is_address else take_in_file(Path(source))
    data = incoming.text_bytes
    text, encoding, repairs = ingest.decode(data, Path(incoming.label))
    provisional = Path(seeds) / article_name(0, incoming.name_hint, data)
    raw = RawArticle(provisional, text, encoding, repairs)
    article = clean.clean_article(raw)
    if not article.paragraphs:
        reasons = ", ".join(sorted({r.rule for r in article.removed})) or "blank lines only"
        message = f"no text left after cleaning (every line was removed: {reasons})"
        raise _error(Code.ARTICLE_EMPTY, incoming.label, message)
    options = {
        "title": title,
        "publisher": publisher,
        "author": author,
        "date": date,
        "kind": kind,
        "url": url,
    }
    fields = _fields(incoming, raw, article, options)
    return Prepared(
        incoming, raw, article, encoding, repairs, fields, normalised_text_digest(data, provisional)
    )


def add_article(seeds: Path, source: Path | str, **options: str | None) -> Added:
    """Add a text file, a saved web page or a web address to the book; say what to do next.

    Options: title, publisher, date, author, url, kind.  Everything is read and
    checked before anything is written; a failure raises BriefbookError naming
    the source and leaves ``seeds`` as it was.
    """
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise _error(Code.FILE_MISSING, seeds, "no such folder (expected the book's seeds/ folder)")
    prepared = prepare(seeds, source, **options)
    incoming, article, fields, data = (
        prepared.incoming,
        prepared.article,
        prepared.fields,
        prepared.incoming.text_bytes,
    )
    example = " ".join(article.paragraphs[0].split()[:6])

    with BookLock(book_folder_of(seeds)):
        settled = seedwrite.recover(seeds)
        existing = article_paths(seeds)
        duplicate = _find_duplicate(
            existing, data, prepared.digest, "same bytes" if incoming.page is None else "the same text"
        )
        if duplicate:
            message = f"already in the book as {printable(duplicate[0])} ({duplicate[1]}); nothing was added"
            raise _error(Code.ARTICLE_DUPLICATE, incoming.label, message)
        name = article_name(next_number(seeds), incoming.name_hint, data, fields["title"].value)
        target = seeds / name
        stem = target.stem
        source_block = dict(incoming.source)
        files = {ARTICLE_SUFFIX: data}
        if incoming.page_bytes is not None:
            source_block = {"page": f"{stem}.html", **source_block}
            files[".html"] = incoming.page_bytes
        sidecar = sidecar_text(name, fields, example, source_block)
        _check_sidecar(sidecar, target.with_suffix(".yaml"), fields)
        files[".yaml"] = sidecar.encode("utf-8")
        seedwrite.commit_files(seeds, stem, files)

    dateline = find_dateline(article)
    added = Added(
        target,
        target.with_suffix(".yaml"),
        _restem(article, target),
        prepared.encoding if incoming.page is None else incoming.page.encoding,
        prepared.repairs,
        fields,
        page_path=target.with_suffix(".html") if incoming.page_bytes is not None else None,
        received=[*settled, *incoming.received],
        dateline=dateline.text if dateline else None,
    )
    return suggest(seeds, added, existing)


def _restem(article: Article, path: Path) -> Article:
    return replace(article, stem=path.stem, path=path)


def suggest(seeds: Path, added: Added, existing: list[Path]) -> Added:
    """Unglossed terms, passages shared with other articles, and likely claims of the new article."""
    notes: list[str] = []
    article = added.article
    glossary_path, claims_path = seeds / GLOSSARY_FILE, seeds / CLAIMS_FILE
    try:
        glossary = load_glossary(glossary_path) if glossary_path.exists() else ()
        unglossed = candidate_terms(article.paragraphs, TermMatcher(glossary))
    except BriefbookError as exc:
        notes.append(f"glossary not checked: {str(exc).splitlines()[0]}")
        unglossed = candidate_terms(article.paragraphs, TermMatcher(()))
    try:
        claims = likely_claims(article, load_claims(claims_path).claims)
    except BriefbookError as exc:
        notes.append(f"claims not checked: {str(exc).splitlines()[0]}")
        claims = []
    others = []
    for path in existing:
        try:
            others.append(clean.clean_article(ingest.read_article(path)))
        except BriefbookError as exc:
            notes.append(f"not compared: {str(exc).splitlines()[0]}")
    shared = [p for p in find_shared_passages([article, *others]) if article.stem in (p.a, p.b)]
    return replace(added, unglossed=unglossed, shared=shared, claims=claims, notes=notes)


def removed_report(removed: tuple[RemovedLine, ...]) -> list[str]:
    return [f"line {r.line} ({r.rule}): {r.text}" for r in removed]

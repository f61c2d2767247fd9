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

A text file is copied as received.  A web page's text is extracted once, when
it is taken in (:mod:`briefbook.intake.incoming`, :mod:`briefbook.intake.webpage`), and written
as UTF-8; the page itself is kept beside it, and the sidecar
(:mod:`briefbook.intake.sidecar_skeleton`) records where it came from, when, and how.

The text is read and cleaned once, to show what cleaning removes and to guess
the sidecar's fields (:mod:`briefbook.intake.metadata`).  The files appear together or
not at all, under the book's lock (:mod:`briefbook.intake.seedwrite`): concurrent adds
take distinct numbers, a kill leaves nothing the next run does not settle, and
an article already in the book (the same text, whatever its line ends or
encoding) is refused.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..analysis.candidates import candidate_terms
from ..analysis.reuse import STOPWORDS, SharedPassage, find_shared_passages
from ..analysis.termmatch import TermMatcher
from ..dates import FORMAT_WORDS, parse_date
from ..editorial.claims import Claim, load_claims
from ..editorial.glossary import load_glossary
from ..errors import BriefbookError, Code, Problem, did_you_mean
from ..kinds import ARTICLE_KINDS
from ..locking import BookLock, book_folder_of
from ..models import Article, RawArticle, RemovedLine
from ..names import ARTICLE_SUFFIX, CLAIMS_FILE, GLOSSARY_FILE, article_paths
from ..printable import printable
from ..text import clean, ingest
from . import fetch, seedwrite, webpage
from .incoming import Incoming, source_error, take_in_file, take_in_url
from .metadata import (
    Guess,
    example_quote,
    find_dateline,
    guess_author,
    guess_date,
    guess_publisher,
    guess_title,
)
from .sidecar_skeleton import check_skeleton, sidecar_text

SLUG_MAX = 40
_NUMBER = re.compile(r"^(\d+)_")

__all__ = ["Added", "ArticleToAdd", "Guess", "add_article", "article_to_add", "removed_report"]


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


# ---------------------------------------------------------------- add


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

    def from_text(guess: Guess, set_aside: str) -> Guess:
        """A guess from the text, saying why the page's own value was not taken."""
        return replace(guess, source=f"{guess.source} ({set_aside})") if set_aside else guess

    url = options["url"] or meta.url or incoming.source.get("fetched_from") or incoming.source.get("url")
    return {
        "title": _given(options["title"], "title")
        or (Guess(meta.title, f"from {meta.title_source}") if meta.title else None)
        or guess_title(article),
        "publisher": _given(options["publisher"], "publisher")
        or from_page(meta.publisher, "metadata (its site name)")
        or guess_publisher(raw, article, url),
        "author": _given(options["author"], "author")
        or (Guess(meta.author, meta.author_source) if meta.author else None)
        or from_text(guess_author(raw, article), meta.author_source),
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


@dataclass(frozen=True)
class ArticleToAdd:
    """An article read, cleaned and guessed at, ready to be written."""

    incoming: Incoming
    raw: RawArticle
    article: Article
    encoding: str
    repairs: tuple[str, ...]
    fields: dict[str, Guess]
    digest: str | None  # of the normalised text, to recognise a copy


def article_to_add(
    seeds: Path,
    source: Path | str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    author: str | None = None,
    url: str | None = None,
    kind: str | None = None,
) -> ArticleToAdd:
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
    article = clean.clean_article(raw, from_page=incoming.page is not None)
    if not article.paragraphs:
        reasons = ", ".join(sorted({r.rule for r in article.removed})) or "blank lines only"
        message = f"no text left after cleaning (every line was removed: {reasons})"
        raise source_error(Code.ARTICLE_EMPTY, incoming.label, message)
    options = {
        "title": title,
        "publisher": publisher,
        "author": author,
        "date": date,
        "kind": kind,
        "url": url,
    }
    fields = _fields(incoming, raw, article, options)
    return ArticleToAdd(
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
        raise source_error(Code.FILE_MISSING, seeds, "no such folder (expected the book's seeds/ folder)")
    to_add = article_to_add(seeds, source, **options)
    incoming, article, fields, data = (
        to_add.incoming,
        to_add.article,
        to_add.fields,
        to_add.incoming.text_bytes,
    )
    example = example_quote(article)

    with BookLock(book_folder_of(seeds)):
        settled = seedwrite.recover(seeds)
        existing = article_paths(seeds)
        duplicate = _find_duplicate(
            existing, data, to_add.digest, "same bytes" if incoming.page is None else "the same text"
        )
        if duplicate:
            message = f"already in the book as {printable(duplicate[0])} ({duplicate[1]}); nothing was added"
            raise source_error(Code.ARTICLE_DUPLICATE, incoming.label, message)
        name = article_name(next_number(seeds), incoming.name_hint, data, fields["title"].value)
        target = seeds / name
        stem = target.stem
        source_block = dict(incoming.source)
        files = {ARTICLE_SUFFIX: data}
        if incoming.page_bytes is not None:
            source_block = {"page": f"{stem}.html", **source_block}
            files[".html"] = incoming.page_bytes
        sidecar = sidecar_text(name, fields, example, source_block)
        check_skeleton(sidecar, target.with_suffix(".yaml"), fields)
        files[".yaml"] = sidecar.encode("utf-8")
        seedwrite.commit_files(seeds, stem, files)

    dateline = find_dateline(article)
    added = Added(
        target,
        target.with_suffix(".yaml"),
        _restem(article, target),
        to_add.encoding if incoming.page is None else incoming.page.encoding,
        to_add.repairs,
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

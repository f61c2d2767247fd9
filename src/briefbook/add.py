"""``briefbook add``: put a new article into the book, with a sidecar to fill in.

The article's bytes are copied into ``seeds/`` unchanged (the seeds are the
articles exactly as received) under a name made only of ``[a-z0-9_-]``:

    NNN_<slug>_<hash8>.txt

``NNN`` is one more than the highest number an article of the book starts
with, so the new article sorts after the others and its sources label ("005
Reuters") continues the numbering; ``slug`` is the file's own name reduced to
ASCII letters, digits and hyphens (at most 40 characters), so it stays
recognisable; ``hash8`` is the start of the SHA-256 of the bytes, so the same
file always gets the same tail and a second copy is recognised.  Nothing the
user's file name holds (spaces, accents, ``../``, markup) reaches the name.

The text is read and cleaned once, to show what cleaning removes and to guess
the sidecar's fields (headline, byline, date, publisher).  Both files are
created, never replaced; if anything fails, nothing is left behind.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlparse

import yaml

from . import clean, ingest
from .candidates import candidate_terms
from .claims import Claim, load_claims
from .crossref import STOPWORDS, SharedPassage, find_shared_passages
from .dates import FORMAT_WORDS, parse_date
from .errors import BriefbookError, Code, Problem
from .glossary import load_glossary
from .heading import looks_like_byline
from .kinds import ARTICLE_KINDS, NOTE_KINDS, STANCES
from .models import Article, RawArticle, RemovedLine
from .pipeline import ARTICLE_SUFFIX, CLAIMS_FILE, GLOSSARY_FILE, article_paths
from .termmatch import TermMatcher
from .validation import validate
from .yamlload import load_yaml_text

SLUG_MAX = 40
_NUMBER = re.compile(r"^(\d+)_")
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>[0-3]?\d),?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<d>[0-3]?\d)\s+(?P<mon>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b"),
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|Copyright)\s*(?:(?:19|20)\d\d\s*)?(?:by\s+)?(?P<name>[A-Z][\w&.'’ -]{1,60}?)[\s.,]*$"
)
_URL = re.compile(r"https?://[^\s)\"'>]+")


@dataclass(frozen=True)
class Guess:
    """A sidecar value and where it comes from (shown as a comment in the sidecar)."""

    value: str | None
    source: str  # e.g. "from the headline (line 4)", "given with --date", "not found in the text"


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


# ---------------------------------------------------------------- guesses


def _iso(match: re.Match) -> str | None:
    parts = match.groupdict()
    month = MONTHS[parts["mon"][:3].lower()] if parts.get("mon") else int(parts["m"])
    day, year = int(parts["d"]), int(parts["y"])
    return parse_date(f"{year:04d}-{month:02d}-{day:02d}")


def guess_date(raw: RawArticle, article: Article) -> Guess:
    """A full date in the lines cleaning removed (datelines, bylines) or near the top of the text."""
    lines = raw.text.split("\n")
    removed = [(r.line, r.text) for r in article.removed]
    top = [(number, text) for number, text in enumerate(lines[:12], 1)]
    for number, text in removed + top:
        for pattern in _DATE_PATTERNS:
            match = pattern.search(text)
            if match and (iso := _iso(match)):
                return Guess(iso, f"guessed from line {number}: {match.group()!r}; check it")
    return Guess(None, "no date found near the top of the text")


def guess_author(raw: RawArticle, article: Article) -> Guess:
    """The byline cleaning took out, or a "By ..." line near the top that it left in the text."""
    for removed in article.removed:
        if removed.rule == "byline":
            name = re.sub(r"^[Bb]y\s+", "", removed.text).strip()
            return Guess(name, f"from the byline (line {removed.line})")
    for number, text in enumerate(raw.text.split("\n")[:12], 1):
        text = text.strip()
        if text.startswith("By ") and looks_like_byline(text):
            return Guess(text[3:].strip(), f"guessed from line {number}: {text!r}; check it")
    return Guess(None, "no byline found")


def guess_publisher(raw: RawArticle, url: str | None) -> Guess:
    """A copyright line names the publisher; a web address only hints at it."""
    for number, text in enumerate(raw.text.split("\n"), 1):
        match = _COPYRIGHT.search(text.strip())
        if match:
            return Guess(match.group("name").strip(), f"from the copyright line (line {number})")
    hosts = [urlparse(u).hostname for u in ([url] if url else []) + _URL.findall(raw.text)]
    host = next((h.removeprefix("www.") for h in hosts if h), None)
    if host:
        return Guess(None, f"not stated; the text links to {host}: is that the publisher?")
    return Guess(None, "not stated in the text")


def guess_title(article: Article) -> Guess:
    if article.headline:
        line = next((r.line for r in article.removed if r.rule == "headline"), None)
        return Guess(article.headline, f"from the headline (line {line})" if line else "from the headline")
    words = article.paragraphs[0].split()[:8] if article.paragraphs else []
    title = "[" + " ".join(words).rstrip(".,;:") + "…]"
    return Guess(title, "no headline found: a working title in [brackets]; write a descriptive one")


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


def sidecar_text(name: str, fields: dict[str, Guess], example_quote: str) -> str:
    """The sidecar skeleton: the fields with where each comes from, and commented examples of notes."""
    lines = [
        f"# Sidecar of {name}, started by `briefbook add`. Check every value: the comments say",
        "# where each comes from. The article's text file is never edited.",
    ]
    for key in ("title", "publisher", "author", "date", "kind", "url"):
        guess = fields[key]
        value = guess.value if key != "kind" else None
        scalar = guess.value if key == "kind" else yaml_string(value)
        lines.append(f"{key}: {scalar}  # {guess.source}")
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


def _error(code: Code, path: Path, message: str) -> BriefbookError:
    return BriefbookError(Problem(code, message, str(path)))


def _create(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; an existing file is never replaced."""
    try:
        with open(path, "xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise _error(Code.FILE_EXISTS, path, "already exists; briefbook add never replaces a file") from None
    except OSError:
        path.unlink(missing_ok=True)
        raise


def read_source(source: Path) -> bytes:
    if not source.exists():
        raise _error(Code.FILE_MISSING, source, "no such file (expected the article's text file)")
    if not source.is_file():
        raise _error(Code.FILE_MISSING, source, "not a file (expected the article's text file)")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise _error(Code.FILE_UNREADABLE, source, f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise _error(Code.ARTICLE_EMPTY, source, "the file is empty (expected the article's text)")
    return data


def add_article(
    seeds: Path,
    source: Path,
    *,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    author: str | None = None,
    url: str | None = None,
    kind: str | None = None,
) -> Added:
    """Copy ``source`` into ``seeds`` with a sidecar skeleton; say what to do next.

    Everything is checked before anything is written; a failure raises
    BriefbookError naming the file and leaves ``seeds`` as it was.
    """
    seeds, source = Path(seeds), Path(source)
    if not seeds.is_dir():
        raise _error(Code.FILE_MISSING, seeds, "no such folder (expected the book's seeds/ folder)")
    if date is not None and parse_date(date) is None:
        raise BriefbookError(
            Problem(Code.OPTION_VALUE, f"--date {date!r}: expected a date written {FORMAT_WORDS} that exists")
        )
    if kind is not None and kind not in ARTICLE_KINDS:
        raise BriefbookError(
            Problem(Code.OPTION_VALUE, f"--kind {kind!r}: expected one of: {', '.join(ARTICLE_KINDS)}")
        )
    data = read_source(source)
    digest = hashlib.sha256(data).hexdigest()
    existing = article_paths(seeds)
    for path in existing:
        if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            message = f"already in the book as {path} (same bytes); nothing was added"
            raise _error(Code.ARTICLE_DUPLICATE, source, message)

    text, encoding, repairs = ingest.decode(data, source)
    number = next_number(seeds)
    provisional = seeds / article_name(number, source.name, data)
    article = clean.clean_article(RawArticle(provisional, text, encoding, repairs))
    if not article.paragraphs:
        reasons = ", ".join(sorted({r.rule for r in article.removed})) or "blank lines only"
        message = f"no text left after cleaning (every line was removed: {reasons})"
        raise _error(Code.ARTICLE_EMPTY, source, message)
    raw = RawArticle(provisional, text, encoding, repairs)
    guessed_title = guess_title(article)
    name = article_name(number, source.name, data, title or guessed_title.value)
    target = seeds / name
    sidecar_path = target.with_suffix(".yaml")
    fields = {
        "title": Guess(title, "given with --title") if title else guessed_title,
        "publisher": Guess(publisher, "given with --publisher") if publisher else guess_publisher(raw, url),
        "author": Guess(author, "given with --author") if author else guess_author(raw, article),
        "date": Guess(date, "given with --date") if date else guess_date(raw, article),
        "kind": Guess(kind, "given with --kind")
        if kind
        else Guess("news", f"{' | '.join(ARTICLE_KINDS)}: check it"),
        "url": Guess(url, "given with --url")
        if url
        else Guess(None, "where the article was found, if known"),
    }
    example = " ".join(article.paragraphs[0].split()[:6])
    sidecar = sidecar_text(name, fields, example)
    # the skeleton must load as a valid sidecar as it stands
    problems = validate(load_yaml_text(sidecar, sidecar_path), "sidecar", sidecar_path)
    if problems:
        raise BriefbookError(problems)

    _create(target, data)
    try:
        _create(sidecar_path, sidecar.encode("utf-8"))
    except BaseException:
        target.unlink(missing_ok=True)
        raise

    added = Added(target, sidecar_path, _restem(article, target), encoding, repairs, fields)
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

"""The phases of a build, each a plain function: read, check, then write.

Everything is read and checked before anything is written, so a bad sidecar
stops the run with every problem listed and leaves the previous pages as they
were.  Pages are rewritten only when their text changes, so Sphinx re-reads
only what changed.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..analysis import anchors
from ..analysis.reuse import SharedPassage, Words, article_words, find_shared_passages
from ..analysis.termmatch import TermMatch, TermMatcher
from ..dates import human_date
from ..editorial.claims import Claims, load_claims
from ..editorial.glossary import Glossary, load_glossary
from ..editorial.references import check_claim_tags, check_references
from ..editorial.sidecar import load_sidecar
from ..errors import BriefbookError, Code, Problem
from ..kinds import ARTICLE_KINDS, SHARED_KIND
from ..models import CAPTION, Article, Link, LinkLine, LocatedNote, Note, Sidecar, Span
from ..names import ARTICLE_SUFFIX, GENERATED_DIR, OVERVIEW_PAGES, article_paths, passage_id
from ..text import clean, ingest
from .readcache import ArticleCache, ReadArticle

CLAIMS_FILE = "claims.yaml"
GLOSSARY_FILE = "glossary.yaml"


@dataclass(frozen=True)
class BookArticle:
    article: Article
    sidecar: Sidecar
    notes: tuple[LocatedNote, ...]
    # glossary terms to link, per paragraph (first mention per article, or every one)
    terms: tuple[tuple[TermMatch, ...], ...] = ()
    # how often each glossary entry is mentioned in the article
    mentions: tuple[tuple[str, int], ...] = ()

    @property
    def stem(self) -> str:
        return self.article.stem

    @property
    def docname(self) -> str:
        return f"{GENERATED_DIR}/{self.stem}"

    @property
    def title(self) -> str:
        """The sidecar's title, else the headline cleaning found, else the file's name."""
        return self.sidecar.title or self.article.headline or self.stem


@dataclass(frozen=True)
class Book:
    seeds: Path
    articles: tuple[BookArticle, ...]
    claims: Claims
    glossary: Glossary
    shared: tuple[SharedPassage, ...] = ()
    warnings: tuple[Problem, ...] = ()  # problems that do not stop the build
    # indexes built once, so look-ups inside loops stay constant-time as the book grows
    _by_stem: dict[str, BookArticle] = field(init=False, repr=False, compare=False, hash=False)
    _position: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)
    _by_claim: dict[str, list[tuple[BookArticle, LocatedNote]]] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _shared_by_stem: dict[str, list[SharedPassage]] = field(init=False, repr=False, compare=False, hash=False)
    _mentions: dict[str, list[tuple[BookArticle, int, bool]]] | None = field(
        init=False, default=None, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        by_claim: dict[str, list[tuple[BookArticle, LocatedNote]]] = {}
        for entry in self.articles:
            for note in entry.notes:
                if note.note.claim:
                    by_claim.setdefault(note.note.claim, []).append((entry, note))
        object.__setattr__(self, "_by_stem", {e.stem: e for e in self.articles})
        object.__setattr__(self, "_position", {e.stem: i for i, e in enumerate(self.articles)})
        object.__setattr__(self, "_by_claim", by_claim)
        shared_by_stem: dict[str, list[SharedPassage]] = {}
        for passage in self.shared:
            for stem in dict.fromkeys((passage.a, passage.b)):
                shared_by_stem.setdefault(stem, []).append(passage)
        object.__setattr__(self, "_shared_by_stem", shared_by_stem)

    def article(self, stem: str) -> BookArticle:
        return self._by_stem[stem]

    def input_files(self, stem: str | None = None) -> list[Path]:
        """The files a page is made from (one article's, or all), so Sphinx can track them."""
        entries = [self.article(stem)] if stem else list(self.articles)
        files = [p for e in entries for p in (e.article.path, e.sidecar.path)]
        return files + [p for p in (self.claims.path, self.glossary.path) if p.exists()]

    def claim_passages(self, claim_id: str) -> list[tuple[BookArticle, LocatedNote]]:
        return list(self._by_claim.get(claim_id, ()))

    def mentions_of(self, entry_id: str) -> list[tuple[BookArticle, int, bool]]:
        """The articles that mention a glossary entry: (article, mentions, whether one is linked).

        In the book's order; the index is built on first use, in one pass over all mentions.
        """
        if self._mentions is None:
            index: dict[str, list[tuple[BookArticle, int, bool]]] = {}
            for entry in self.articles:
                linked = {m.entry_id for matches in entry.terms for m in matches}
                for mentioned, count in entry.mentions:
                    index.setdefault(mentioned, []).append((entry, count, mentioned in linked))
            object.__setattr__(self, "_mentions", index)
        return list(self._mentions.get(entry_id, ()))

    def related(self, stem: str) -> list[tuple[BookArticle, int, int]]:
        """Other articles that report a claim this one reports or share words with it.

        (article, claims in common, shared passages), in the book's order; found through
        the indexes, so the cost follows the relations, not the size of the book.
        """
        claims: dict[str, set[str]] = {}
        for claim in {n.note.claim for n in self.article(stem).notes if n.note.claim}:
            for other, _ in self._by_claim.get(claim, ()):
                if other.stem != stem:
                    claims.setdefault(other.stem, set()).add(claim)
        shared: dict[str, int] = {}
        for passage in self._shared_by_stem.get(stem, ()):
            other_stem = passage.b if passage.a == stem else passage.a
            shared[other_stem] = shared.get(other_stem, 0) + 1
        stems = sorted(claims.keys() | shared.keys(), key=self._position.__getitem__)
        return [(self._by_stem[s], len(claims.get(s, ())), shared.get(s, 0)) for s in stems]


# What an article's file name may hold: it names a page, a URL and a LaTeX label.
_PAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def check_names(seeds: Path, paths: list[Path]) -> list[Problem]:
    """Article names a page cannot carry, and sidecars with no article (their notes would vanish)."""
    problems = []
    for path in paths:
        if not _PAGE_NAME.fullmatch(path.stem):
            better = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "article"
            message = f"{path.name!r} cannot name a page: use letters, digits, '-', '_' and '.' only"
            hint = f"rename it and its sidecar, e.g. to {better}{ARTICLE_SUFFIX} and {better}.yaml"
            problems.append(Problem(Code.ARTICLE_NAME, message, str(path), hint=hint))
    stems = {p.stem for p in paths}
    for sidecar in sorted(seeds.glob("*.yaml")):
        if sidecar.name not in (CLAIMS_FILE, GLOSSARY_FILE) and sidecar.stem not in stems:
            message = (
                f"no article {sidecar.stem}{ARTICLE_SUFFIX} beside this sidecar, so its notes are in no page"
            )
            problems.append(Problem(Code.SIDECAR_ORPHAN, message, str(sidecar)))
    return problems


def duplicate_notes(sidecar: Sidecar, located: list[LocatedNote]) -> list[Problem]:
    """Notes that repeat an earlier note on the same passage word for word."""
    seen: dict[tuple, int] = {}
    problems = []
    for note in sorted(located, key=lambda n: n.note.line):
        key = (note.span, note.note.kind, " ".join(note.note.note.split()), note.note.claim)
        if key in seen:
            message = f"the same note as the one at line {seen[key]}, on the same passage"
            problems.append(Problem(Code.NOTE_DUPLICATE, message, str(sidecar.path), note.note.line))
        else:
            seen[key] = note.note.line
    return problems


def read_article(path: Path) -> tuple[Article | None, Sidecar | None, list[Problem]]:
    """Read, clean and anchor one article; problems are returned, not raised."""
    problems: list[Problem] = []
    sidecar_path = path.with_suffix(".yaml")
    sidecar = None
    if not sidecar_path.exists():
        message = f"missing sidecar for {path.name} (expected title and kind at least)"
        problems.append(Problem(Code.SIDECAR_MISSING, message, str(sidecar_path)))
    else:
        try:
            sidecar = load_sidecar(sidecar_path)
        except BriefbookError as exc:
            problems.extend(exc.problems)
    try:
        raw = ingest.read_article(path)
    except BriefbookError as exc:
        return None, sidecar, problems + exc.problems
    return clean.clean_article(raw, sidecar.clean_rules if sidecar else ()), sidecar, problems


def read_and_anchor(path: Path) -> ReadArticle:
    """Read, clean and anchor one article: everything about it that needs no other file."""
    article, sidecar, problems = read_article(path)
    if article is None or sidecar is None:
        return ReadArticle(article, sidecar, tuple(problems))
    if not article.paragraphs:
        message = f"no text left once cleaned ({len(article.removed)} lines removed as clutter)"
        return ReadArticle(article, sidecar, (*problems, Problem(Code.ARTICLE_EMPTY, message, str(path))))
    located, anchor_problems = anchors.anchor_notes(article, sidecar)
    found = (*problems, *anchor_problems, *duplicate_notes(sidecar, located))
    return ReadArticle(article, sidecar, found, tuple(located), article_words(article))


def load_book_file(path: Path, loader, empty, problems: list[Problem]):
    """Load a book-wide file (claims, glossary) if it exists; its problems join the others."""
    if not path.exists():
        return empty
    try:
        return loader(path)
    except BriefbookError as exc:
        problems.extend(exc.problems)
    return empty


def page_names(book_articles: Iterable[str], hand_written: Iterable[str]) -> set[str]:
    """Every page of the book: the hand-written ones, each article's, and the overviews."""
    return {*hand_written, *(f"{GENERATED_DIR}/{stem}" for stem in book_articles), *OVERVIEW_PAGES}


def load_book(
    seeds: Path,
    link_terms: str = "first",
    pages: Iterable[str] | None = None,
    cache: ArticleCache | None = None,
) -> Book:
    """Read and check every input; raise BriefbookError listing all problems if any is an error.

    ``link_terms`` is "first" (link each glossary term's first mention in an
    article) or "every" (link every mention).  ``pages`` are the book's
    hand-written pages (see :func:`hand_written_pages`), for checking the
    ``{doc}`` references in notes; None leaves those unchecked.  With a
    ``cache``, an article whose files are as an earlier run found them is taken
    from it instead of being read again (the caller saves the cache).
    """
    seeds = Path(seeds)
    problems: list[Problem] = []
    paths = article_paths(seeds)  # none in a new book (briefbook init): it builds, empty
    problems.extend(check_names(seeds, paths))
    claims = load_book_file(seeds / CLAIMS_FILE, load_claims, Claims(seeds / CLAIMS_FILE, ()), problems)
    # a file that did not load is reported once, not again as an unknown name in every sidecar
    claims_loaded = not any(p.path == str(seeds / CLAIMS_FILE) for p in problems)
    before = len(problems)
    glossary = load_book_file(
        seeds / GLOSSARY_FILE, load_glossary, Glossary(seeds / GLOSSARY_FILE, ()), problems
    )
    glossary_loaded = len(problems) == before
    anchored: list[tuple[Article, Sidecar, list[tuple[Span, Note]]]] = []
    words: list[Words] = []
    references = [*glossary.references, *claims.references]
    for path in paths:
        read = cache.read(path, read_and_anchor) if cache is not None else read_and_anchor(path)
        problems.extend(read.problems)
        article, sidecar = read.article, read.sidecar
        if sidecar is not None:
            references.extend(sidecar.references)
        if article is None or sidecar is None or not article.paragraphs:
            continue
        if claims_loaded:
            problems.extend(check_claim_tags(sidecar.notes, claims, sidecar.path))
        anchored.append((article, sidecar, [(n.span, n.note) for n in read.located]))
        words.append(read.words or article_words(article))
    if claims_loaded and glossary_loaded:
        all_pages = None if pages is None else page_names((p.stem for p in paths), pages)
        problems.extend(check_references(references, glossary, claims, all_pages))
    if any(problem.severity == "error" for problem in problems):
        raise BriefbookError(problems)
    texts = [article for article, _, _ in anchored]
    if cache is not None:  # they depend on the articles' words alone
        parts = (part for article in texts for part in words_key(article))
        shared = cache.remember(parts, lambda: find_shared_passages(texts, words=words))
    else:
        shared = find_shared_passages(texts, words=words)
    sides: dict[str, list[Span]] = {}
    for stem, span in shared_sides(shared):
        sides.setdefault(stem, []).append(span)
    for article, _, notes in anchored:
        for span in merge_spans(sides.get(article.stem, [])):
            words = article.paragraphs[span.paragraph][span.start : span.end]
            notes.append((span, Note(quote=words, kind=SHARED_KIND, note="", line=0)))
    matcher = TermMatcher(glossary)
    # what the matcher finds depends on each entry's id, spellings and case, not on its definition
    spellings = ("\1".join((e.id, e.case or "", *e.surfaces)) for e in glossary.entries)
    glossary_key = hashlib.sha256("\0".join(spellings).encode("utf-8", "surrogatepass")).hexdigest()
    entries = []
    for article, sidecar, spans_notes in anchored:
        # the glossary's mentions depend on its file and the article's words alone
        found = (
            None
            if cache is None
            else cache.remember(
                (glossary_key, *words_key(article)),
                lambda article=article: matcher.find_in_paragraphs(article.paragraphs),
            )
        )
        terms, mentions = link_terms_in(
            article, [span for span, _ in spans_notes], matcher, link_terms, found
        )
        entries.append(BookArticle(article, sidecar, tuple(number_notes(spans_notes)), terms, mentions))
    book = Book(
        seeds=seeds,
        articles=tuple(entries),
        claims=claims,
        glossary=glossary,
        shared=tuple(shared),
        warnings=tuple(problems),
    )
    return add_cross_references(book)


def words_key(article: Article) -> tuple[str, ...]:
    """An article's words as a cache key's parts: its name, how many paragraphs, the paragraphs."""
    return (article.stem, str(len(article.paragraphs)), *article.paragraphs)


def link_terms_in(
    article: Article,
    spans: list[Span],
    matcher: TermMatcher,
    link_terms: str,
    found: list | None = None,
) -> tuple[tuple[tuple[TermMatch, ...], ...], tuple[tuple[str, int], ...]]:
    """Which glossary mentions to link, and how often each entry is mentioned.

    A mention that is not wholly inside or wholly outside each quoted passage
    is not linked (a link cannot half-overlap a passage mark); the next mention
    is linked instead.  ``found``: the matcher's mentions per paragraph, where
    the caller has them already.
    """
    counts: dict[str, int] = {}
    linked: set[str] = set()
    per_paragraph = []
    edges_of: dict[int, list[tuple[int, int]]] = {}
    for s in spans:
        edges_of.setdefault(s.paragraph, []).append((s.start, s.end))
    if found is None:
        found = matcher.find_in_paragraphs(article.paragraphs)
    for index, matches in enumerate(found):
        edges = edges_of.get(index, [])
        keep = []
        for match in matches:
            counts[match.entry_id] = counts.get(match.entry_id, 0) + 1
            straddles = any(
                match.start < end and start < match.end and not (start <= match.start and match.end <= end)
                for start, end in edges
            )
            if straddles or (link_terms == "first" and match.entry_id in linked):
                continue
            linked.add(match.entry_id)
            keep.append(match)
        per_paragraph.append(tuple(keep))
    return tuple(per_paragraph), tuple(sorted(counts.items()))


def shared_sides(shared) -> list[tuple[str, Span]]:
    return [side for p in shared for side in ((p.a, p.a_span), (p.b, p.b_span))]


def merge_spans(spans: list[Span]) -> list[Span]:
    """Overlapping spans of one paragraph become one (so one passage gets one note)."""
    merged: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s.paragraph, s.start)):
        last = merged[-1] if merged else None
        if last and last.paragraph == span.paragraph and span.start <= last.end:
            merged[-1] = Span(last.paragraph, last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


class SharedNotes:
    """The shared-passage notes of the book, found by the passage they contain in constant time.

    Shared-passage notes of one paragraph never overlap (merge_spans sees to that), so the note
    containing a passage is the last one starting at or before it.
    """

    def __init__(self, book: Book):
        self._starts: dict[tuple[str, int], list[int]] = {}
        self._notes: dict[tuple[str, int], list[LocatedNote]] = {}
        for entry in book.articles:
            for note in sorted(
                (n for n in entry.notes if n.note.kind == SHARED_KIND), key=lambda n: n.span.start
            ):
                key = (entry.stem, note.span.paragraph)
                self._starts.setdefault(key, []).append(note.span.start)
                self._notes.setdefault(key, []).append(note)

    def containing(self, stem: str, span: Span) -> LocatedNote:
        key = (stem, span.paragraph)
        return self._notes[key][bisect.bisect_right(self._starts[key], span.start) - 1]


def number_notes(spans_notes: list[tuple[Span, Note]]) -> list[LocatedNote]:
    """Number an article's notes (the editor's and the book's own) in reading order."""
    # by where each passage ends: that is where its mark and note stand, so numbers rise down the margin
    ordered = sorted(
        spans_notes,
        key=lambda sn: (sn[0].paragraph, sn[0].end, sn[0].start, sn[1].kind == SHARED_KIND, sn[1].line),
    )
    return [LocatedNote(number, note, span) for number, (span, note) in enumerate(ordered, 1)]


def claims_of(entry: BookArticle) -> list[str]:
    """The ids of the claims an article's notes tag, sorted."""
    return sorted({n.note.claim for n in entry.notes if n.note.claim})


def source_facts(entry: BookArticle) -> list[str]:
    """Publisher, date, author, kind, words, notes, claims: as plain strings, for overviews."""
    sidecar = entry.sidecar
    words = sum(len(p.split()) for p in entry.article.paragraphs)
    editor_notes = sum(1 for n in entry.notes if n.note.kind != SHARED_KIND)
    return [
        sidecar.publisher or "not stated",
        human_date(sidecar.date) or "not stated",
        sidecar.author or "not stated",
        ARTICLE_KINDS.get(sidecar.kind, sidecar.kind),
        str(words),
        str(editor_notes),
        str(len(claims_of(entry))),
    ]


def passage_words(entry: BookArticle, note: LocatedNote) -> str:
    text = (
        entry.article.caption
        if note.span.paragraph == CAPTION
        else entry.article.paragraphs[note.span.paragraph]
    )
    return (text or "")[note.span.start : note.span.end]


def source_label(book: Book, entry: BookArticle) -> str:
    """A short name for a source in notes and tables: its number and its publisher (or kind).

    The number is the one its file name starts with ("003_..."), which editors
    also use in notes; a file without one is numbered by its place in the book.
    """
    name = entry.sidecar.publisher or ARTICLE_KINDS.get(entry.sidecar.kind, entry.sidecar.kind)
    return f"{source_number(book, entry)} {name}"


def source_number(book: Book, entry: BookArticle) -> str:
    """The number a source goes by: the digits its file name starts with, else its place in the book."""
    digits = re.match(r"\d+", entry.stem)
    return digits.group() if digits else str(book._position[entry.stem] + 1)


def _link(book: Book, entry: BookArticle, note: LocatedNote) -> Link:
    return Link(
        source_label(book, entry),
        entry.docname,
        passage_id(entry.stem, note.number),
        f"{entry.title}: “{passage_words(entry, note)}”",
    )


def add_cross_references(book: Book) -> Book:
    """Give each note the links the book adds: same claim elsewhere, shared words elsewhere."""
    # each shared-passage note's links, found once: passages -> (stem, note number) -> other articles
    shared_links: dict[tuple[str, int], dict[str, Link]] = {}
    shared_notes = SharedNotes(book)
    for passage in book.shared:
        for (stem, span), (other_stem, other_span) in (
            ((passage.a, passage.a_span), (passage.b, passage.b_span)),
            ((passage.b, passage.b_span), (passage.a, passage.a_span)),
        ):
            mine = shared_notes.containing(stem, span)
            other = book.article(other_stem)
            links = shared_links.setdefault((stem, mine.number), {})
            links.setdefault(other_stem, _link(book, other, shared_notes.containing(other_stem, other_span)))
    new_entries = []
    for entry in book.articles:
        notes = []
        for located in entry.notes:
            lines: list[LinkLine] = []
            if located.note.claim:
                same, differ = [], []
                linked: set[tuple[str, str | None]] = set()
                for other, other_note in book.claim_passages(located.note.claim):
                    # one link per other source and stance, to its first passage
                    if other.stem == entry.stem or (other.stem, other_note.note.stance) in linked:
                        continue
                    linked.add((other.stem, other_note.note.stance))
                    link = _link(book, other, other_note)
                    if other_note.note.stance == located.note.stance:
                        same.append(link)
                    else:
                        differ.append(replace(link, text=f"{link.text} ({other_note.note.stance})"))
                claim = book.claims.get(located.note.claim)
                lines.append(LinkLine("Claim:", (Link(claim.statement, "claims", f"bb-claim-{claim.id}"),)))
                if same:
                    lines.append(LinkLine(f"Same stance ({located.note.stance}) in:", tuple(same)))
                if differ:
                    lines.append(LinkLine("Differs in:", tuple(differ)))
                if not same and not differ:
                    lines.append(LinkLine("No other source in the book reports this claim.", ()))
            if located.note.kind == SHARED_KIND:
                links = shared_links.get((entry.stem, located.number), {})
                lines.append(LinkLine("The same words stand in:", tuple(links[k] for k in sorted(links))))
            notes.append(replace(located, lines=tuple(lines)))
        new_entries.append(replace(entry, notes=tuple(notes)))
    return replace(book, articles=tuple(new_entries))

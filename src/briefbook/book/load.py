"""Reading and checking the book: every file read, every problem found, then the Book assembled.

Everything is read and checked before anything is written, so a bad sidecar
stops the run with every problem listed and leaves the previous pages as they
were.  Each article is read, cleaned and anchored on its own (and taken from the
read cache when its files have not changed); then the book-wide checks (claims,
glossary, origins, references), the shared passages, the copies, the term links, each claim's
standing and the cross-links.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..analysis import anchors
from ..analysis.copies import Copy, article_containments, find_copies
from ..analysis.reuse import Words, article_words, find_shared_passages
from ..analysis.termlinks import link_terms_in
from ..analysis.termmatch import TermMatcher
from ..editorial.claims import Claims, load_claims
from ..editorial.glossary import Glossary, load_glossary
from ..editorial.judgments import Judgments, load_judgments
from ..editorial.origins import Origins, load_origins
from ..editorial.references import (
    check_claim_origins,
    check_claim_subjects,
    check_claim_tags,
    check_judgment_claims,
    check_origin_tags,
    check_references,
)
from ..editorial.sidecar import load_sidecar
from ..errors import BriefbookError, Code, Problem
from ..limits import MAX_NOTES_PER_PARAGRAPH
from ..models import Article, LocatedNote, Note, Sidecar, Span
from ..names import (
    ARTICLE_SUFFIX,
    BOOK_FILES,
    CLAIMS_FILE,
    GENERATED_DIR,
    GLOSSARY_FILE,
    JUDGMENTS_FILE,
    ORIGINS_FILE,
    OVERVIEW_PAGES,
    article_paths,
)
from ..text import clean, ingest
from .crosslinks import add_cross_references
from .identity import note_keys, shared_key, unique_keys
from .labels import span_words
from .model import Book, BookArticle, SharedMark
from .readcache import ArticleCache, ReadArticle
from .review import review_problems
from .standing import claim_standings

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
        if sidecar.name not in BOOK_FILES and sidecar.stem not in stems:
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


def basis_pending(sidecar: Sidecar, located: list[LocatedNote]) -> list[Problem]:
    """Fact-checks whose basis is still to be given (``basis: null``): an annotation imported from
    Hypothesis or the W3C model comes in so, as neither format has a field for it."""
    return [
        Problem(
            Code.NOTE_BASIS_PENDING,
            "a fact-check whose basis is not given yet (basis: null), so the reader cannot see what it "
            "was checked against",
            str(sidecar.path),
            note.note.line,
            hint="write where the fact comes from in basis:",
        )
        for note in located
        if note.note.kind == "fact-check" and not note.note.basis
    ]


def crowded(sidecar: Sidecar, located: list[LocatedNote]) -> list[Problem]:
    """Paragraphs with more notes than the PDF can hold: LaTeX keeps each note of a paragraph in two
    boxes until its page is made, and has :data:`~briefbook.limits.MAX_NOTES_PER_PARAGRAPH` for them."""
    counts: dict[int, list[LocatedNote]] = {}
    for note in located:
        counts.setdefault(note.span.paragraph, []).append(note)
    return [
        Problem(
            Code.NOTE_CROWDED,
            f"{len(notes):,} notes on one paragraph; the PDF sets at most {MAX_NOTES_PER_PARAGRAPH:,}",
            str(sidecar.path),
            max(n.note.line for n in notes),
            hint="merge notes that say the same, or split the notes among the paragraph's passages",
        )
        for notes in counts.values()
        if len(notes) > MAX_NOTES_PER_PARAGRAPH
    ]


def read_article(
    path: Path, sidecar_path: Path | None = None
) -> tuple[Article | None, Sidecar | None, list[Problem]]:
    """Read and clean one article (with ``sidecar_path`` in place of its sidecar, when given: a
    new sidecar checked before it is written); problems are returned, not raised."""
    problems: list[Problem] = []
    sidecar_path = sidecar_path or path.with_suffix(".yaml")
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


def read_and_anchor(path: Path, sidecar_path: Path | None = None) -> ReadArticle:
    """Read, clean and anchor one article: everything about it that needs no other file."""
    article, sidecar, problems = read_article(path, sidecar_path)
    if article is None or sidecar is None:
        return ReadArticle(article, sidecar, tuple(problems))
    if not article.paragraphs:
        message = f"no text left once cleaned ({len(article.removed)} lines removed as clutter)"
        return ReadArticle(article, sidecar, (*problems, Problem(Code.ARTICLE_EMPTY, message, str(path))))
    located, anchor_problems = anchors.anchor_notes(article, sidecar)
    found = (
        *problems,
        *anchor_problems,
        *duplicate_notes(sidecar, located),
        *basis_pending(sidecar, located),
        *crowded(sidecar, located),
    )
    return ReadArticle(article, sidecar, found, tuple(located), article_words(article))


def load_book_file(path: Path, loader, empty, problems: list[Problem], cache: ArticleCache | None = None):
    """Load a book-wide file (claims, glossary) if it exists; its problems join the others.  With a
    ``cache``, a file as an earlier run loaded it is taken back while its bytes are the same."""
    if not path.exists():
        return empty
    try:
        return loader(path) if cache is None else cache.load(path, loader)
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
    front_page: Path | None = None,
    judgments: Path | None = None,
) -> Book:
    """Read and check every input; raise BriefbookError listing all problems if any is an error.

    ``link_terms`` is "first" (link each glossary term's first mention in an
    article) or "every" (link every mention).  ``pages`` are the book's
    hand-written pages (see :func:`hand_written_pages`), for checking the
    ``{doc}`` references in notes; None leaves those unchecked.  With a
    ``cache``, an article whose files are as an earlier run found them is taken
    from it instead of being read again (the caller saves the cache).  ``front_page`` (the
    book's ``index.md``) is reviewed with the key judgments (:mod:`.review`), when given.
    ``judgments`` is read in place of the book's own judgments file (a new text about to be written).
    """
    seeds = Path(seeds)
    problems: list[Problem] = []
    paths = article_paths(seeds)  # none in a new book (briefbook init): it builds, empty
    problems.extend(check_names(seeds, paths))
    claims = load_book_file(
        seeds / CLAIMS_FILE, load_claims, Claims(seeds / CLAIMS_FILE, ()), problems, cache
    )
    # a file that did not load is reported once, not again as an unknown name in every sidecar
    claims_loaded = not any(p.path == str(seeds / CLAIMS_FILE) for p in problems)
    before = len(problems)
    glossary = load_book_file(
        seeds / GLOSSARY_FILE, load_glossary, Glossary(seeds / GLOSSARY_FILE, ()), problems, cache
    )
    glossary_loaded = len(problems) == before
    before = len(problems)
    origins = load_book_file(
        seeds / ORIGINS_FILE, load_origins, Origins(seeds / ORIGINS_FILE, ()), problems, cache
    )
    origins_loaded = len(problems) == before
    if claims_loaded and origins_loaded:
        problems.extend(check_claim_origins(claims, origins))
    before = len(problems)
    judgments_path = judgments or seeds / JUDGMENTS_FILE
    judgments = load_book_file(judgments_path, load_judgments, Judgments(judgments_path, ()), problems)
    if claims_loaded and len(problems) == before:
        problems.extend(check_judgment_claims(judgments, claims))
    if claims_loaded and glossary_loaded:
        problems.extend(check_claim_subjects(claims, glossary))
    anchored: list[tuple[Article, Sidecar, list[tuple[Span, Note]]]] = []
    words: list[Words] = []
    references = [*glossary.references, *claims.references, *origins.references, *judgments.references]
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
        if origins_loaded:
            problems.extend(check_origin_tags(sidecar.notes, origins, sidecar.path))
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
    copies = book_copies(texts, words, [sidecar.date for _, sidecar, _ in anchored], cache)
    sides: dict[str, list[Span]] = {}
    for stem, span in shared_sides(shared):
        sides.setdefault(stem, []).append(span)
    matcher = TermMatcher(glossary)
    # what the matcher finds depends on each entry's id, spellings and case, not on its definition
    spellings = ("\1".join((e.id, e.case or "", *e.surfaces)) for e in glossary.entries)
    glossary_key = hashlib.sha256("\0".join(spellings).encode("utf-8", "surrogatepass")).hexdigest()
    entries = []
    for article, sidecar, spans_notes in anchored:
        shared_spans = merge_spans(sides.get(article.stem, []))
        # the glossary's mentions depend on its file and the article's words alone
        found = (
            None
            if cache is None
            else cache.remember(
                (glossary_key, *words_key(article)),
                lambda article=article: matcher.find_in_paragraphs(article.paragraphs),
            )
        )
        marked = [span for span, _ in spans_notes] + shared_spans
        terms, mentions = link_terms_in(article, marked, matcher, link_terms, found)
        notes, shared_marks = number_marks(spans_notes, shared_spans, article)
        entries.append(BookArticle(article, sidecar, notes, terms, mentions, shared_marks))
    book = Book(
        seeds=seeds,
        articles=tuple(entries),
        claims=claims,
        glossary=glossary,
        shared=tuple(shared),
        warnings=tuple(problems),
        origins=origins if (seeds / ORIGINS_FILE).exists() else None,
        copies=tuple(copies),
        judgments=judgments if judgments_path.exists() else None,
    )
    book = add_cross_references(replace(book, standings=claim_standings(book)))
    return replace(book, warnings=(*book.warnings, *review_problems(book, front_page)))


def book_copies(
    texts: list[Article], words: list[Words], dates: list[str | None], cache: ArticleCache | None
) -> list[Copy]:
    """The articles that are copies of another (:mod:`briefbook.analysis.copies`).  How much of each
    article stands in another depends on their words alone, so a cache keeps it while they stay."""
    stems = [article.stem for article in texts]
    if cache is not None:
        parts = ("copies", *(part for article in texts for part in words_key(article)))
        pairs = cache.remember(parts, lambda: article_containments(stems, words))
    else:
        pairs = article_containments(stems, words)
    return find_copies([(article.stem, date) for article, date in zip(texts, dates, strict=True)], pairs)


def words_key(article: Article) -> tuple[str, ...]:
    """An article's words as a cache key's parts: its name, how many paragraphs, the paragraphs."""
    return (article.stem, str(len(article.paragraphs)), *article.paragraphs)


def shared_sides(shared) -> list[tuple[str, Span]]:
    return [side for p in shared for side in ((p.a, p.a_span), (p.b, p.b_span))]


def merge_spans(spans: list[Span]) -> list[Span]:
    """Overlapping spans of one paragraph become one (so one passage gets one mark)."""
    merged: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s.paragraph, s.start)):
        last = merged[-1] if merged else None
        if last and last.paragraph == span.paragraph and span.start <= last.end:
            merged[-1] = Span(last.paragraph, last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def number_marks(
    notes: list[tuple[Span, Note]], shared: list[Span], article: Article
) -> tuple[tuple[LocatedNote, ...], tuple[SharedMark, ...]]:
    """Number an article's marks, the editor's notes and the book's shared passages, in one sequence,
    and give each its stable key (:mod:`.identity`).

    By where each passage ends: that is where its mark and note stand, so numbers rise down the
    margin; on one passage, the editor's notes (in the sidecar's order) come before the book's mark.
    """
    keys = note_keys(article.stem, [note for _, note in notes])
    shared_keys = unique_keys(shared_key(article.stem, span_words(article, span)) for span in shared)
    marks: list[tuple[Span, bool, int, Note | None, str]] = [
        (span, False, note.line, note, key) for (span, note), key in zip(notes, keys, strict=True)
    ]
    marks += [(span, True, 0, None, key) for span, key in zip(shared, shared_keys, strict=True)]
    ordered = sorted(
        marks, key=lambda mark: (mark[0].paragraph, mark[0].end, mark[0].start, mark[1], mark[2])
    )
    located: list[LocatedNote] = []
    shared_marks: list[SharedMark] = []
    for number, (span, _, _, note, key) in enumerate(ordered, 1):
        if note is None:
            shared_marks.append(SharedMark(number, span, key=key))
        else:
            located.append(LocatedNote(number, note, span, key=key))
    return tuple(located), tuple(shared_marks)

"""The phases of a build, each a plain function: read, check, then write.

Everything is read and checked before anything is written, so a bad sidecar
stops the run with every problem listed and leaves the previous pages as they
were.  Pages are rewritten only when their text changes, so Sphinx re-reads
only what changed.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import anchors, clean, ingest, render
from .crossref import Claims, SharedPassage, check_claim_refs, find_shared_passages, load_claims
from .errors import BriefbookError, Problem, ProblemsFound
from .glossary import Glossary, TermMatch, TermMatcher, load_glossary
from .models import CAPTION, Article, Link, LinkLine, LocatedNote, Note, Sidecar, Span
from .sidecar import load_sidecar

ARTICLE_SUFFIX = ".txt"
GENERATED_DIR = "articles"


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
        return render.page_title(self.article, self.sidecar)


@dataclass(frozen=True)
class Book:
    seeds: Path
    articles: tuple[BookArticle, ...]
    claims: Claims
    glossary: Glossary
    shared: tuple[SharedPassage, ...] = ()
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


def passage_id(stem: str, number: int) -> str:
    """The HTML id / LaTeX label of the passage a note speaks about."""
    return f"bb-passage-{stem.lower()}-{number}"


def mention_id(stem: str, entry_id: str) -> str:
    """The id of the first linked mention of a glossary entry in an article."""
    return f"bb-term-{stem.lower()}-{entry_id}"


def article_paths(seeds: Path) -> list[Path]:
    """The articles of a book: every ``*.txt`` in ``seeds``, in file-name order."""
    if not seeds.is_dir():
        raise BriefbookError(f"{seeds}: no such folder (expected the book's seeds/ folder of articles)")
    return sorted(p for p in seeds.iterdir() if p.suffix == ARTICLE_SUFFIX and p.is_file())


def read_article(path: Path) -> tuple[Article | None, Sidecar | None, list[Problem]]:
    """Read, clean and anchor one article; problems are returned, not raised."""
    problems: list[Problem] = []
    sidecar_path = path.with_suffix(".yaml")
    sidecar = None
    if not sidecar_path.exists():
        problems.append(
            Problem(
                str(sidecar_path),
                None,
                f"missing sidecar for {path.name} (expected title and kind at least)",
                "sidecar.missing",
            )
        )
    else:
        try:
            sidecar = load_sidecar(sidecar_path)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
        except BriefbookError as exc:
            problems.append(Problem("", None, str(exc), "sidecar.yaml"))
    try:
        raw = ingest.read_article(path)
        article = clean.clean_article(raw, sidecar.clean_rules if sidecar else ())
    except BriefbookError as exc:
        # the message already names the file at fault (the article, or its sidecar's rule)
        problems.append(Problem("", None, str(exc), "article.read"))
        return None, sidecar, problems
    return article, sidecar, problems


def load_book_file(path: Path, loader, empty, problems: list[Problem]):
    """Load a book-wide file (claims, glossary) if it exists; its problems join the others."""
    if not path.exists():
        return empty
    try:
        return loader(path)
    except ProblemsFound as exc:
        problems.extend(exc.problems)
    except BriefbookError as exc:
        problems.append(Problem("", None, str(exc), path.name))  # the message names the file
    return empty


def load_book(seeds: Path, link_terms: str = "first") -> Book:
    """Read and check every input; raise ProblemsFound listing all problems.

    ``link_terms`` is "first" (link each glossary term's first mention in an
    article) or "every" (link every mention).
    """
    seeds = Path(seeds)
    problems: list[Problem] = []
    paths = article_paths(seeds)
    if not paths:
        raise BriefbookError(f"{seeds}: no articles (expected *{ARTICLE_SUFFIX} files)")
    claims = load_book_file(seeds / CLAIMS_FILE, load_claims, Claims(seeds / CLAIMS_FILE, ()), problems)
    # a claims.yaml that did not load is reported once, not again as "unknown claim" in every sidecar
    claims_loaded = not problems
    glossary = load_book_file(
        seeds / GLOSSARY_FILE, load_glossary, Glossary(seeds / GLOSSARY_FILE, ()), problems
    )
    anchored: list[tuple[Article, Sidecar, list[tuple[Span, Note]]]] = []
    for path in paths:
        article, sidecar, found = read_article(path)
        problems.extend(found)
        if article is None or sidecar is None:
            continue
        located, anchor_problems = anchors.anchor_notes(article, sidecar)
        problems.extend(anchor_problems)
        if claims_loaded:
            problems.extend(check_claim_refs(sidecar.notes, claims, sidecar.path))
        anchored.append((article, sidecar, [(n.span, n.note) for n in located]))
    if problems:
        raise ProblemsFound(problems)
    shared = find_shared_passages([article for article, _, _ in anchored])
    sides: dict[str, list[Span]] = {}
    for stem, span in shared_sides(shared):
        sides.setdefault(stem, []).append(span)
    for article, _, notes in anchored:
        for span in merge_spans(sides.get(article.stem, [])):
            words = article.paragraphs[span.paragraph][span.start : span.end]
            notes.append((span, Note(quote=words, kind=SHARED_KIND, note="", line=0)))
    matcher = TermMatcher(glossary)
    entries = []
    for article, sidecar, spans_notes in anchored:
        terms, mentions = link_terms_in(article, [span for span, _ in spans_notes], matcher, link_terms)
        entries.append(BookArticle(article, sidecar, tuple(number_notes(spans_notes)), terms, mentions))
    book = Book(seeds=seeds, articles=tuple(entries), claims=claims, glossary=glossary, shared=tuple(shared))
    return add_cross_references(book)


SHARED_KIND = "shared"
CLAIMS_FILE = "claims.yaml"
GLOSSARY_FILE = "glossary.yaml"


def link_terms_in(
    article: Article, spans: list[Span], matcher: TermMatcher, link_terms: str
) -> tuple[tuple[tuple[TermMatch, ...], ...], tuple[tuple[str, int], ...]]:
    """Which glossary mentions to link, and how often each entry is mentioned.

    A mention that is not wholly inside or wholly outside each quoted passage
    is not linked (a link cannot half-overlap a passage mark); the next mention
    is linked instead.
    """
    if link_terms not in ("first", "every"):
        raise BriefbookError(f"briefbook_link_terms = {link_terms!r}; expected 'first' or 'every'")
    counts: dict[str, int] = {}
    linked: set[str] = set()
    per_paragraph = []
    edges_of: dict[int, list[tuple[int, int]]] = {}
    for s in spans:
        edges_of.setdefault(s.paragraph, []).append((s.start, s.end))
    for index, matches in enumerate(matcher.find_in_paragraphs(article.paragraphs)):
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


STANCE_WORDS = {"supports": "supports", "contradicts": "contradicts", "qualifies": "qualifies"}


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


def _containing(entry: BookArticle, span: Span) -> LocatedNote:
    return next(
        n
        for n in entry.notes
        if n.note.kind == SHARED_KIND
        and n.span.paragraph == span.paragraph
        and n.span.start <= span.start
        and span.end <= n.span.end
    )


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
        render.human_date(sidecar.date) or "not stated",
        sidecar.author or "not stated",
        render.KIND_LABELS.get(sidecar.kind, sidecar.kind),
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
    name = entry.sidecar.publisher or render.KIND_LABELS.get(entry.sidecar.kind, entry.sidecar.kind)
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
    for passage in book.shared:
        for (stem, span), (other_stem, other_span) in (
            ((passage.a, passage.a_span), (passage.b, passage.b_span)),
            ((passage.b, passage.b_span), (passage.a, passage.a_span)),
        ):
            mine = _containing(book.article(stem), span)
            other = book.article(other_stem)
            links = shared_links.setdefault((stem, mine.number), {})
            links.setdefault(other_stem, _link(book, other, _containing(other, other_span)))
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


def render_pages(book: Book) -> dict[str, str]:
    """Every generated page, keyed by its path relative to the docs folder."""
    pages = {
        f"{GENERATED_DIR}/{e.stem}.md": render.render_article_page(e.article, e.sidecar)
        for e in book.articles
    }
    pages["_generated/summary.md"] = render.render_summary([(e.article, e.sidecar) for e in book.articles])
    pages["glossary.md"] = render.render_glossary_page(book.glossary)
    pages["claims.md"] = render.render_claims_page()
    pages["timeline.md"] = render.render_timeline_page()
    pages["sources.md"] = render.render_sources_page(
        [
            (e.title, e.docname, source_facts(e), [book.claims.get(c).statement for c in claims_of(e)])
            for e in book.articles
        ]
    )
    return pages


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically, and only if the content differs; return whether it was written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bb-", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return True


def write_pages(pages: dict[str, str], docs: Path) -> list[str]:
    """Write changed pages, remove generated pages that are no longer generated."""
    changed = [rel for rel, text in sorted(pages.items()) if write_if_changed(docs / rel, text)]
    generated_dir = docs / GENERATED_DIR
    for stale in sorted(generated_dir.glob("*.md")):
        rel = f"{GENERATED_DIR}/{stale.name}"
        if rel not in pages and stale.read_text("utf-8", errors="replace").startswith(render.GENERATED_MARK):
            stale.unlink()
            changed.append(rel)
    return changed


def generate(seeds: Path, docs: Path, link_terms: str = "first") -> tuple[Book, list[str]]:
    """Read and check everything, then write the pages that changed."""
    book = load_book(seeds, link_terms)
    return book, write_pages(render_pages(book), docs)

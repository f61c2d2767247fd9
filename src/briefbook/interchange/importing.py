"""Import: each annotation routed to its article, placed by the rules sidecar notes follow, the
new sidecars checked as the build checks them and written all or none; then the report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit, urlunsplit

from ..analysis.anchors import AnchorError, anchor_notes
from ..book import read_article
from ..editorial.notefields import ANCHOR_KEYS
from ..editorial.sidecar import load_sidecar
from ..errors import BriefbookError, Code, Problem
from ..kinds import NOTE_KINDS
from ..locking import BookLock, book_folder_of
from ..models import Article, Span
from ..names import article_paths
from ..normalise import quote_key
from ..printable import counted, printable
from ..sidecar_edit.edits import NoteBody
from ..sidecar_edit.placing import Anchor, Selection, anchor_of_fields, resolve_selection
from ..sidecar_edit.writing import ArticleFiles, CheckedSidecar, discard, prepare, publish
from ..sidecar_edit.yamltext import text_with_notes_added
from .reading import Incoming
from .terms import ARTICLE_URN

# ---------------------------------------------------------------- routing


def normalise_url(url: str) -> str:
    """An address in the form two addresses of the same page share.

    http and https alike, host in lower case, default port, fragment and
    trailing slash dropped; the query is kept (it can name the article).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # an unclosed [, a port that is no number: it names no page; kept as it is
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        scheme = "https"
    host = (parts.hostname or "").lower()
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path.rstrip("/"), parts.query, ""))


def kind_of(tags: Iterable[str]) -> str:
    """The note kind the first tag names ("Fact check", "fact_check" -> fact-check); else context."""
    for tag in tags:
        wanted = re.sub(r"[\s_]+", "-", tag.strip().lower())
        if wanted in NOTE_KINDS:
            return wanted
    return "context"


# ---------------------------------------------------------------- import


@dataclass(frozen=True)
class Outcome:
    """What became of one annotation."""

    incoming: Incoming
    status: str  # "added", "present" (already in the sidecar), "orphan", "refused", "skipped"
    stem: str | None = None
    message: str = ""


@dataclass(frozen=True)
class ImportReport:
    kind: str  # what the file was
    outcomes: tuple[Outcome, ...]
    written: tuple[Path, ...]  # the sidecars written

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def blocking(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in ("orphan", "refused")]


@dataclass
class _Article:
    """One article while an import is planned: its files, text, and the notes it will have."""

    files: ArticleFiles
    article: Article
    text: str
    taken: set[tuple[Span, str]]  # (passage, note's words) of every note it has or will have
    pending: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (outcome, note's fields)


def _words(text: str) -> str:
    return " ".join(text.split())


def _snapshot(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What the book's files are now (name, size, modification time), to see later whether any changed."""
    found = []
    for path in paths:
        for one in (path, path.with_suffix(".yaml")):
            try:
                info = one.stat()
            except OSError:
                continue
            found.append((str(one), info.st_size, info.st_mtime_ns))
    return tuple(found)


class _Book:
    """The articles an import can reach, read when first needed."""

    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self.paths = {p.stem: p for p in article_paths(seeds)}
        self.snapshot = _snapshot(self.paths.values())
        self.open: dict[str, _Article] = {}
        self.by_url: dict[str, list[str]] = {}
        for stem, path in self.paths.items():
            sidecar_path = path.with_suffix(".yaml")
            url = load_sidecar(sidecar_path).url if sidecar_path.is_file() else None
            if url:
                self.by_url.setdefault(normalise_url(url), []).append(stem)

    def changed(self) -> bool:
        """Whether the book's articles or sidecars changed since it was read."""
        return _snapshot(article_paths(self.seeds)) != self.snapshot

    def route(self, source: str | None, fallback: str | None) -> tuple[str | None, str]:
        """The article an annotation's source names (or the fallback); else why none."""
        if source and source.startswith(ARTICLE_URN) and source[len(ARTICLE_URN) :] in self.paths:
            return source[len(ARTICLE_URN) :], ""
        stems = self.by_url.get(normalise_url(source), []) if source else []
        if len(stems) == 1:
            return stems[0], ""
        if len(stems) > 1:
            return None, f"several articles have the address {printable(source)}: {', '.join(stems)}"
        if fallback:
            return fallback, ""
        where = f"the address {printable(source)}" if source else "no address"
        return None, f"no article of the book has {where}; name the article with --article STEM"

    def article(self, stem: str) -> _Article:
        if stem not in self.open:
            path = self.paths[stem]
            files = ArticleFiles(stem, path, path.with_suffix(".yaml"))
            article, sidecar, problems = read_article(path)
            if article is None or sidecar is None:
                raise BriefbookError(problems)
            located, problems = anchor_notes(article, sidecar)
            if problems:
                raise BriefbookError(problems)
            taken = {(n.span, _words(n.note.note)) for n in located}
            self.open[stem] = _Article(files, article, files.sidecar.read_text("utf-8"), taken)
        return self.open[stem]


def _selection(incoming: Incoming) -> Selection:
    return Selection(
        incoming.quote or "",
        prefix=incoming.prefix,
        suffix=incoming.suffix,
        start=incoming.start,
        end=incoming.end,
        where="caption" if incoming.own.get("in") == "caption" else "text",
    )


def _anchor(entry: _Article, incoming: Incoming) -> Anchor:
    """Where the annotation goes; the sidecar's own words for it when it came from briefbook."""
    anchor = resolve_selection(entry.article, _selection(incoming), entry.files.sidecar)
    own = {k: incoming.own[k] for k in ANCHOR_KEYS if k in incoming.own}
    if not own:
        return anchor
    mine = {"quote": anchor.quote} | own
    if quote_key(str(mine["quote"])) != quote_key(anchor.quote):
        return anchor
    try:
        if anchor_of_fields(entry.article, mine, entry.files.sidecar) != anchor.span:
            return anchor
    except AnchorError:
        return anchor
    return replace(
        anchor,
        quote=mine["quote"],
        prefix=mine.get("prefix"),
        suffix=mine.get("suffix"),
        occurrence=mine.get("occurrence"),
    )


def _body(incoming: Incoming) -> NoteBody:
    own = incoming.own
    return NoteBody(
        kind=own["kind"] if isinstance(own.get("kind"), str) else kind_of(incoming.tags),
        note=incoming.text,
        basis=own.get("basis"),
        claim=own.get("claim"),
        stance=own.get("stance"),
        origin=own.get("origin"),
    )


def _place(book: _Book, incoming: Incoming, number: int, fallback: str | None) -> Outcome:
    """Plan one annotation into its article's notes (nothing is checked or written yet)."""
    if incoming.problem:
        return Outcome(incoming, "refused", message=incoming.problem)
    if incoming.reply:
        return Outcome(incoming, "skipped", message="a reply to another annotation")
    if not incoming.quote or not incoming.quote.strip():
        return Outcome(incoming, "skipped", message="quotes no passage (a note on the whole page)")
    if not incoming.text:
        return Outcome(incoming, "skipped", message="has no note text (a highlight)")
    stem, why = book.route(incoming.source, fallback)
    if stem is None:
        return Outcome(incoming, "orphan", message=why)
    entry = book.article(stem)
    try:
        anchor = _anchor(entry, incoming)
    except AnchorError as exc:
        return Outcome(incoming, "orphan", stem, exc.problem.text)
    if (anchor.span, _words(incoming.text)) in entry.taken:
        return Outcome(incoming, "present", stem, "this note is already in the sidecar")
    body = _body(incoming)
    fields = anchor.fields() | body.fields()
    if body.kind == "fact-check" and not body.basis:
        # neither Hypothesis nor the W3C model has a field for it: it comes in to be given, and
        # `check` says so, rather than the annotation being refused for what it could not carry
        fields["basis"] = None
    entry.pending.append((number, fields))
    entry.taken.add((anchor.span, _words(incoming.text)))
    shown = anchor.quote if len(anchor.quote) <= 60 else anchor.quote[:57] + "…"
    return Outcome(incoming, "added", stem, f"a {body.kind} note on {printable(shown)!r}")


def _plan(seeds: Path, annotations: list[Incoming], fallback: str | None) -> tuple[_Book, list[Outcome]]:
    """Where each annotation goes, and the book as it was read to place them."""
    book = _Book(seeds)
    if fallback is not None and fallback not in book.paths:
        raise BriefbookError(Problem(Code.OPTION_VALUE, f"--article {fallback}: no such article in {seeds}"))
    return book, [_place(book, incoming, n, fallback) for n, incoming in enumerate(annotations)]


CHECK_PASSES = 4  # one more than the stages of the build's check


def _owner(problem: Problem, placed: list[tuple[int, int, int]]) -> int | None:
    """Which of the new notes a problem is in (by the lines each stands on), if any."""
    if problem.line is None:
        return None
    return next((k for k, (_, first, last) in enumerate(placed) if first <= problem.line <= last), None)


def _check(seeds: Path, entry: _Article, outcomes: list[Outcome]) -> CheckedSidecar | None:
    """The article's new sidecar, checked as the build would check it, ready to put in place.

    One check of the sidecar with every new note; a problem found is laid at the note whose lines
    hold it, that note is refused (its annotation named), and the others are checked again without
    it.  A check reports every problem of a stage at once (the characters, then the schema and the
    markup, then anchors, claims and references), so a few checks do, however many the notes.  The
    new sidecar holds the notes that pass.
    """
    pending = list(entry.pending)
    for _ in range(CHECK_PASSES):
        if not pending:
            return None
        text, placed = text_with_notes_added(
            entry.text, [fields for _, fields in pending], entry.files.sidecar
        )
        expected = {index: fields for (index, _, _), (_, fields) in zip(placed, pending, strict=True)}
        ready = prepare(seeds, entry.files, text, expected)
        if ready.ok:
            return ready
        blamed: dict[int, list[str]] = {}
        for problem in ready.problems:
            owner = _owner(problem, placed)
            for k in [owner] if owner is not None else range(len(pending)):  # the sidecar's own: all
                blamed.setdefault(k, []).append(problem.message)
        for k, messages in blamed.items():
            number = pending[k][0]
            outcomes[number] = replace(
                outcomes[number], status="refused", message=f"the checks refuse it: {'; '.join(messages)}"
            )
        pending = [item for k, item in enumerate(pending) if k not in blamed]
    for number, _ in pending:  # still refused, by nothing one note holds: say so rather than loop
        outcomes[number] = replace(
            outcomes[number], status="refused", message="the checks refuse the sidecar"
        )
    return None


def import_annotations(
    seeds: Path,
    kind: str,
    annotations: list[Incoming],
    *,
    article: str | None = None,
    keep_going: bool = False,
    lock_timeout: float | None = None,
) -> ImportReport:
    """Add the annotations to the sidecars; nothing is written if any is an orphan or refused,
    unless ``keep_going`` (then the others are written).

    The annotations are placed before the book's lock is taken (the work that grows with the
    file); under the lock, they are placed again only if an article or sidecar changed meanwhile,
    then checked and written.
    """
    seeds = Path(seeds)
    book, outcomes = _plan(seeds, annotations, article)
    with BookLock(book_folder_of(seeds), timeout=lock_timeout):
        if book.changed():
            book, outcomes = _plan(seeds, annotations, article)
        prepared: list[CheckedSidecar] = []
        try:
            for entry in book.open.values():
                if entry.pending and (ready := _check(seeds, entry, outcomes)) is not None:
                    prepared.append(ready)
            if any(o.status in ("orphan", "refused") for o in outcomes) and not keep_going:
                return ImportReport(kind, tuple(outcomes), ())
            for ready in prepared:
                publish(ready)
        finally:
            for ready in prepared:
                discard(ready)
        return ImportReport(kind, tuple(outcomes), tuple(p.files.sidecar for p in prepared))


# ---------------------------------------------------------------- the report


STATUS_WORDS = {
    "added": "added",
    "present": "already in the book",
    "skipped": "skipped",
    "orphan": "orphan",
    "refused": "refused",
}


def print_import_report(report: ImportReport, source: str, out: TextIO, keep_going: bool) -> None:
    """What became of each annotation, in the file's order, then what was written."""
    say = lambda text="": print(text, file=out)  # noqa: E731
    say(f"{source}: {counted(len(report.outcomes), 'annotation')} ({report.kind})")
    for outcome in report.outcomes:
        where = f" [{outcome.stem}]" if outcome.stem else ""
        say(f"  {STATUS_WORDS[outcome.status]}: {outcome.incoming.label}{where}: {outcome.message}")
    added = report.of("added")
    if report.written:
        say(f"added {counted(len(added), 'note')} to {counted(len(report.written), 'sidecar')}:")
        for path in report.written:
            say(f"  wrote {path}")
    elif report.blocking and not keep_going:
        blocking = len(report.blocking)
        say(
            f"nothing was written: {counted(blocking, 'annotation')} could not be placed or "
            f"{'was' if blocking == 1 else 'were'} refused; fix {'it' if blocking == 1 else 'them'}, "
            f"or use --keep-going to add the {len(added)} that can be"
        )
    else:
        say("nothing new to add")
    if report.blocking and keep_going:
        say(f"not added: {counted(len(report.blocking), 'annotation')}, listed above as orphan or refused")

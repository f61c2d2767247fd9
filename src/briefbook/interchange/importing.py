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
from ..printable import counted
from ..sidecar_edit.edits import NoteBody
from ..sidecar_edit.placing import Anchor, Selection, anchor_of_fields, resolve_selection
from ..sidecar_edit.writing import ArticleFiles, CheckedSidecar, discard, prepare, publish
from ..sidecar_edit.yamltext import text_with_note_added
from .reading import Incoming
from .terms import ARTICLE_URN

# ---------------------------------------------------------------- routing


def normalise_url(url: str) -> str:
    """An address in the form two addresses of the same page share.

    http and https alike, host in lower case, default port, fragment and
    trailing slash dropped; the query is kept (it can name the article).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        scheme = "https"
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
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


class _Book:
    """The articles an import can reach, read when first needed."""

    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self.paths = {p.stem: p for p in article_paths(seeds)}
        self.open: dict[str, _Article] = {}
        self.by_url: dict[str, list[str]] = {}
        for stem, path in self.paths.items():
            sidecar_path = path.with_suffix(".yaml")
            url = load_sidecar(sidecar_path).url if sidecar_path.is_file() else None
            if url:
                self.by_url.setdefault(normalise_url(url), []).append(stem)

    def route(self, source: str | None, fallback: str | None) -> tuple[str | None, str]:
        """The article an annotation's source names (or the fallback); else why none."""
        if source and source.startswith(ARTICLE_URN) and source[len(ARTICLE_URN) :] in self.paths:
            return source[len(ARTICLE_URN) :], ""
        stems = self.by_url.get(normalise_url(source), []) if source else []
        if len(stems) == 1:
            return stems[0], ""
        if len(stems) > 1:
            return None, f"several articles have the address {source}: {', '.join(stems)}"
        if fallback:
            return fallback, ""
        where = f"the address {source}" if source else "no address"
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
    entry.pending.append((number, anchor.fields() | body.fields()))
    entry.taken.add((anchor.span, _words(incoming.text)))
    shown = anchor.quote if len(anchor.quote) <= 60 else anchor.quote[:57] + "…"
    return Outcome(incoming, "added", stem, f"a {body.kind} note on {shown!r}")


def _with_notes(entry: _Article, pending: list[tuple[int, dict[str, Any]]]) -> tuple[str, dict[int, Any]]:
    """The sidecar's text with these notes added, and where each will stand."""
    text, expected = entry.text, {}
    for _, fields in pending:
        text, index = text_with_note_added(text, fields, entry.files.sidecar)
        expected[index] = fields
    return text, expected


def _check(seeds: Path, entry: _Article, outcomes: list[Outcome]) -> CheckedSidecar | None:
    """The article's new sidecar, checked as the build would check it, ready to put in place.

    When the checks refuse it, each note is tried alone, so each refusal names
    its annotation; the new sidecar then holds the notes that pass.
    """
    text, expected = _with_notes(entry, entry.pending)
    ready = prepare(seeds, entry.files, text, expected)
    if ready.ok:
        return ready
    accepted: list[tuple[int, dict[str, Any]]] = []
    for number, fields in entry.pending:
        trial = prepare(seeds, entry.files, *_with_notes(entry, [*accepted, (number, fields)]))
        discard(trial)
        if trial.ok:
            accepted.append((number, fields))
        else:
            why = "; ".join(p.text for p in trial.problems)
            outcomes[number] = replace(
                outcomes[number], status="refused", message=f"the checks refuse it: {why}"
            )
    return prepare(seeds, entry.files, *_with_notes(entry, accepted)) if accepted else None


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
    unless ``keep_going`` (then the others are written)."""
    seeds = Path(seeds)
    with BookLock(book_folder_of(seeds), timeout=lock_timeout):
        book = _Book(seeds)
        if article is not None and article not in book.paths:
            raise BriefbookError(
                Problem(Code.OPTION_VALUE, f"--article {article}: no such article in {seeds}")
            )
        outcomes = [_place(book, incoming, n, article) for n, incoming in enumerate(annotations)]
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

"""Notes in and out as W3C Web Annotations; Hypothesis exports in.

Export: every editor's note of the book becomes a W3C Web Annotation (JSON-LD,
``http://www.w3.org/ns/anno.jsonld``), all of them in one AnnotationCollection.
Its target names the article (its ``url``, or ``urn:briefbook:article:<stem>``
when the sidecar has none) and the passage, with a TextQuoteSelector (the quote
as the cleaned text has it, and 32 characters of the cleaned text on either
side) and a TextPositionSelector (offsets in the cleaned text).  Its bodies are
the note (``text/markdown``, purpose ``commenting``) and its kind (a tag,
purpose ``tagging``).  What the W3C model has no word for stays in briefbook's
own terms (``bb:``): ``bb:basis``, ``bb:claim``, ``bb:stance``, ``bb:in``, and
the sidecar's own ``bb:quote``/``bb:prefix``/``bb:suffix``/``bb:occurrence``
where they differ from the selector, and ``bb:kind`` for a kind the book added
itself, so that export then import gives back the same notes.

Import: W3C annotations (a collection, a page, a list or one annotation) or a
Hypothesis export (its ``rows``).  An annotation goes to the article whose
``url`` is its source (compared without fragment or trailing slash, http and
https alike), else to the article named with ``--article``.  It is placed by the
rules sidecar notes follow (:func:`briefbook.sidecar_edit.resolve_selection`):
a position is used only where the text there is the quote, the context chooses
among several matches, and a quote that is missing or still ambiguous is an
orphan, reported with the nearest passage and never moved.  A tag that names a
note kind sets the kind (default: context).  An annotation already in the
sidecar (same passage, same text) is not added again.  Any orphan, or a note
the checks refuse, means nothing is written unless ``keep_going``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit, urlunsplit

from .anchors import AnchorError, anchor_notes, normalise_quote
from .errors import BriefbookError, Code, Problem
from .kinds import NOTE_KINDS
from .locking import BookLock, book_folder_of
from .models import CAPTION, Article, Note, Sidecar, Span
from .pipeline import article_paths, read_article
from .sidecar import load_sidecar
from .sidecar_edit.edits import NoteBody
from .sidecar_edit.placing import (
    ANCHOR_KEYS,
    Anchor,
    Selection,
    anchor_of_fields,
    passage_text,
    resolve_selection,
    surroundings,
    text_offsets,
)
from .sidecar_edit.writing import ArticleFiles, Prepared, discard, prepare, publish
from .sidecar_edit.yamltext import text_with_note_added

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
BB_NAMESPACE = "https://briefbook.invalid/ns/annotation#"
CONTEXT = [ANNO_CONTEXT, {"bb": BB_NAMESPACE}]
ARTICLE_URN = "urn:briefbook:article:"
NOTE_URN = "urn:briefbook:note:"
CONTEXT_CHARS = 32  # characters of context on either side of a quote, as Hypothesis keeps
BB_FIELDS = ("quote", "prefix", "suffix", "occurrence", "in", "kind", "basis", "claim", "stance")


# ---------------------------------------------------------------- export


def article_source(stem: str, sidecar: Sidecar) -> str:
    """What an article is called in annotations: its url, or a stable urn."""
    return sidecar.url or f"{ARTICLE_URN}{stem}"


def note_id(stem: str, note: Note) -> str:
    """A stable id: the same note (same place, same words) always gets the same one."""
    parts = (stem, note.quote, note.prefix, note.suffix, note.occurrence, note.where, note.kind, note.note)
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    return f"{NOTE_URN}{stem}:{digest}"


def note_annotation(article: Article, sidecar: Sidecar, note: Note, span: Span) -> dict[str, Any]:
    """One note as a W3C Web Annotation."""
    exact = passage_text(article, span)
    before, after = surroundings(article, span)
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if before:
        quote_selector["prefix"] = before[-CONTEXT_CHARS:]
    if after:
        quote_selector["suffix"] = after[:CONTEXT_CHARS]
    selectors = [quote_selector]
    if span.paragraph != CAPTION:
        start, end = text_offsets(article, span)
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    annotation: dict[str, Any] = {
        "id": note_id(article.stem, note),
        "type": "Annotation",
        "motivation": "commenting",
        "body": [
            {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": note.note},
            {"type": "TextualBody", "purpose": "tagging", "value": note.kind},
        ],
        "target": {"source": article_source(article.stem, sidecar), "selector": selectors},
    }
    own = {
        "quote": note.quote if note.quote != exact else None,
        "prefix": note.prefix,
        "suffix": note.suffix,
        "occurrence": note.occurrence,
        "in": "caption" if note.where == "caption" else None,
        "kind": note.kind if note.kind not in NOTE_KINDS else None,  # a kind the book added itself
        "basis": note.basis,
        "claim": note.claim,
        "stance": note.stance,
    }
    annotation |= {f"bb:{key}": value for key, value in own.items() if value is not None}
    return annotation


def book_annotations(seeds: Path) -> list[dict[str, Any]]:
    """Every editor's note of the book, in the book's order and each sidecar's; BriefbookError if any
    note does not anchor (``briefbook check`` says the same)."""
    annotations: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for path in article_paths(Path(seeds)):
        article, sidecar, found = read_article(path)
        problems.extend(found)
        if article is None or sidecar is None:
            continue
        located, found = anchor_notes(article, sidecar)
        problems.extend(found)
        span_of = {id(n.note): n.span for n in located}
        annotations += [
            note_annotation(article, sidecar, note, span_of[id(note)])
            for note in sidecar.notes
            if id(note) in span_of
        ]
    if problems:
        raise BriefbookError(problems)
    return annotations


def export_collection(seeds: Path, label: str | None = None) -> dict[str, Any]:
    """The book's notes as one W3C AnnotationCollection (its items in one embedded page)."""
    items = book_annotations(seeds)
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label or f"Editor's notes of {Path(seeds).resolve().parent.name}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


# ---------------------------------------------------------------- reading annotations


@dataclass(frozen=True)
class Incoming:
    """One annotation read from a file, in the terms briefbook needs."""

    label: str  # how the report names it: "annotation 3 (id)"
    source: str | None
    quote: str | None
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None
    text: str = ""
    tags: tuple[str, ...] = ()
    own: dict[str, Any] = field(default_factory=dict)  # briefbook's bb: fields
    reply: bool = False


def _type_is(thing: Any, name: str) -> bool:
    types = thing.get("type", thing.get("@type")) if isinstance(thing, Mapping) else None
    names = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and re.split(r"[#:/]", t)[-1] == name for t in names)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _selectors(target: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    found = []
    for selector in _as_list(target.get("selector")):
        if isinstance(selector, Mapping):
            found.append(selector)
            found += [s for s in _as_list(selector.get("refinedBy")) if isinstance(s, Mapping)]
    return found


def _from_target(targets: list[Any]) -> dict[str, Any]:
    """Source, quote, context and position from the first target that quotes a passage."""
    chosen: dict[str, Any] = {}
    for target in targets:
        if isinstance(target, str):
            chosen.setdefault("source", target)
            continue
        if not isinstance(target, Mapping):
            continue
        source = target.get("source", target.get("id"))
        selectors = _selectors(target)
        quote = next((s for s in selectors if _type_is(s, "TextQuoteSelector")), None)
        if quote is None:
            chosen.setdefault("source", source)
            continue
        position = next((s for s in selectors if _type_is(s, "TextPositionSelector")), None)
        chosen = {
            "source": source,
            "quote": quote.get("exact"),
            "prefix": quote.get("prefix") or None,
            "suffix": quote.get("suffix") or None,
        }
        if position and isinstance(position.get("start"), int) and isinstance(position.get("end"), int):
            chosen |= {"start": position["start"], "end": position["end"]}
        break
    return chosen


def _bodies(annotation: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The note's text and its tags, from W3C bodies."""
    texts, tags = [], []
    if isinstance(annotation.get("bodyValue"), str):
        texts.append(annotation["bodyValue"])
    for body in _as_list(annotation.get("body")):
        if not isinstance(body, Mapping) or not isinstance(body.get("value"), str):
            continue  # a body that is only a link has no words to import
        purposes = _as_list(body.get("purpose"))
        if "tagging" in purposes or "oa:tagging" in purposes:
            tags.append(body["value"])
        else:
            texts.append(body["value"])
    return "\n\n".join(t.strip() for t in texts if t.strip()), tuple(tags)


def _own_fields(annotation: Mapping[str, Any]) -> dict[str, Any]:
    """briefbook's own fields (``bb:basis`` ...), those of the type a sidecar holds."""
    own = {}
    for key in BB_FIELDS:
        for name in (f"bb:{key}", f"{BB_NAMESPACE}{key}"):
            value = annotation.get(name)
            wanted = int if key == "occurrence" else str
            if isinstance(value, wanted) and not isinstance(value, bool):
                own[key] = value
    return own


def from_w3c(annotation: Mapping[str, Any], number: int) -> Incoming:
    ident = annotation.get("id", annotation.get("@id"))
    chosen = _from_target(_as_list(annotation.get("target")))
    text, tags = _bodies(annotation)
    return Incoming(
        label=f"annotation {number}" + (f" ({ident})" if ident else ""),
        text=text,
        tags=tags,
        own=_own_fields(annotation),
        **{"source": None, "quote": None} | chosen,
    )


def from_hypothesis(row: Mapping[str, Any], number: int) -> Incoming:
    targets = _as_list(row.get("target"))
    chosen = _from_target(targets)
    if not chosen.get("source"):
        chosen["source"] = row.get("uri")
    tags = tuple(t for t in _as_list(row.get("tags")) if isinstance(t, str))
    ident = row.get("id")
    return Incoming(
        label=f"row {number}" + (f" ({ident})" if ident else ""),
        text=(row.get("text") or "").strip(),
        tags=tags,
        reply=bool(row.get("references")),
        **{"source": row.get("uri"), "quote": None} | chosen,
    )


def read_annotations(data: Any, name: str = "the file") -> tuple[str, list[Incoming]]:
    """The annotations in parsed JSON, and what the file is ("Hypothesis export", "W3C ...")."""
    if isinstance(data, Mapping) and isinstance(data.get("rows"), list):
        rows = [r for r in data["rows"] if isinstance(r, Mapping)]
        return "Hypothesis export", [from_hypothesis(r, i) for i, r in enumerate(rows, 1)]
    if isinstance(data, Mapping) and _type_is(data, "AnnotationCollection"):
        items, page = [], data.get("first")
        while isinstance(page, Mapping):  # embedded pages, followed while they are embedded
            items += _as_list(page.get("items"))
            page = page.get("next")
        kind = "W3C AnnotationCollection"
    elif isinstance(data, Mapping) and _type_is(data, "AnnotationPage"):
        items, kind = _as_list(data.get("items")), "W3C AnnotationPage"
    elif isinstance(data, list):
        items, kind = data, "list of W3C annotations"
    elif isinstance(data, Mapping) and _type_is(data, "Annotation"):
        items, kind = [data], "W3C annotation"
    else:
        raise BriefbookError(
            Problem(
                Code.ANNOTATIONS_INVALID,
                "neither W3C Web Annotations (an Annotation, AnnotationPage, AnnotationCollection "
                "or a list of annotations) nor a Hypothesis export (an object with 'rows')",
                name,
            )
        )
    annotations = [a for a in items if isinstance(a, Mapping)]
    return kind, [from_w3c(a, i) for i, a in enumerate(annotations, 1)]


def load_annotations_file(path: Path) -> tuple[str, list[Incoming]]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise BriefbookError(
            Problem(Code.FILE_UNREADABLE, f"cannot read: {exc.strerror or exc}", str(path))
        ) from exc
    except UnicodeDecodeError as exc:
        message = f"not valid UTF-8 at byte offset {exc.start}"
        raise BriefbookError(Problem(Code.ANNOTATIONS_INVALID, message, str(path))) from exc
    except json.JSONDecodeError as exc:
        problem = Problem(Code.ANNOTATIONS_INVALID, f"not JSON: {exc.msg}", str(path), exc.lineno, exc.colno)
        raise BriefbookError(problem) from exc
    return read_annotations(data, str(path))


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
    if normalise_quote(str(mine["quote"])) != normalise_quote(anchor.quote):
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


def _check(seeds: Path, entry: _Article, outcomes: list[Outcome]) -> Prepared | None:
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
        prepared: list[Prepared] = []
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
    say(f"{source}: {len(report.outcomes)} annotation(s) ({report.kind})")
    for outcome in report.outcomes:
        where = f" [{outcome.stem}]" if outcome.stem else ""
        say(f"  {STATUS_WORDS[outcome.status]}: {outcome.incoming.label}{where}: {outcome.message}")
    added = report.of("added")
    if report.written:
        say(f"added {len(added)} note(s) to {len(report.written)} sidecar(s):")
        for path in report.written:
            say(f"  wrote {path}")
    elif report.blocking and not keep_going:
        say(
            f"nothing was written: {len(report.blocking)} annotation(s) could not be placed or were "
            f"refused; fix them, or use --keep-going to add the {len(added)} that can be"
        )
    else:
        say("nothing new to add")
    if report.blocking and keep_going:
        say(f"not added: {len(report.blocking)} annotation(s), listed above as orphan or refused")

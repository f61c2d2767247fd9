"""Adding, changing and deleting a note in an article's sidecar, keeping the editor's file.

A sidecar is the editor's own file: its comments, key order, quoting, blank
lines and folded text stay as they were.  An edit replaces only the lines of
the one note it changes, found from the positions the YAML parser reports
(libyaml's, through PyYAML: fast), so every byte outside that note is kept.
The note itself goes through ruamel.yaml's round trip: an edited note keeps
its comments and the form of the fields that did not change, and a new note
is written in the sidecars' own style (quoted passages, note text folded).

A note is placed from a :class:`Selection` (the quote as the reader selected
it, optionally the text around it and its offset in the cleaned text).  The
quote is stored as the cleaned text has it; ``prefix``, ``suffix`` or
``occurrence`` are added only when the quote occurs more than once, the
shortest that picks the passage under the same rules the build anchors by
(:func:`briefbook.anchors.locate`).  A selection that matches no passage, or
several with nothing to choose between them, is refused: a note is never moved
to a look-alike.

Nothing is written unless the whole new sidecar passes the checks the build
makes: it is written to a temporary file beside the sidecar, loaded with
:func:`briefbook.sidecar.load_sidecar`, anchored against the article and its
claims checked; only then is it renamed over the sidecar (atomically, after
fsync).  Every edit runs under the book's lock (:mod:`briefbook.locking`) and
re-reads the sidecar under it, so two writers at once lose nothing.  Only the
sidecar of an article of the book is ever written; the caller names the
article by its stem, which must be one the book has, never by a path.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import clean, ingest
from .anchors import AnchorError, Normalised, anchor_notes, locate, normalise, normalise_quote
from .claims import Claims, load_claims
from .errors import BriefbookError, Code, Problem
from .locking import BookLock, book_folder_of
from .models import CAPTION, Article, Note, Sidecar, Span
from .pipeline import CLAIMS_FILE, article_paths, load_book_file, read_article
from .references import check_claim_tags
from .sidecar import load_sidecar
from .yamlload import load_yaml

# The order keys of a new note are written in (that of the book's own sidecars).
NOTE_KEYS = ("quote", "prefix", "suffix", "occurrence", "in", "kind", "claim", "stance", "note", "basis")
ANCHOR_KEYS = ("quote", "prefix", "suffix", "occurrence", "in")
BODY_KEYS = ("kind", "claim", "stance", "note", "basis")
LINE_WIDTH = 100  # folded note text is wrapped to this width, like the book's sidecars
MAX_CONTEXT_WORDS = 12  # a longer prefix or suffix helps nobody: use occurrence instead
MIN_CONTEXT_CHARS = 8  # "of" picks a passage as well as "knowledge of", but says less to a reader
NEW_DASH_COLUMN = 2  # "  - quote: ..." under "notes:", when a sidecar has no notes yet


# ---------------------------------------------------------------- what the caller gives


@dataclass(frozen=True)
class Selection:
    """A passage as a reader selected it.

    ``quote`` is the selected text; ``prefix`` and ``suffix`` the text just
    before and after it on the page (any length; they only choose among
    several matches); ``start``/``end`` its offsets in the article's cleaned
    text (:attr:`Article.text`, paragraphs joined by a blank line), used only
    if the text there is the quote.  ``where`` is "text" or "caption".
    """

    quote: str
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None
    where: str = "text"


@dataclass(frozen=True)
class NoteBody:
    """What a note says, apart from where it stands."""

    kind: str
    note: str
    basis: str | None = None
    claim: str | None = None
    stance: str | None = None

    def fields(self) -> dict[str, str]:
        return {k: v for k in BODY_KEYS if (v := getattr(self, k)) is not None}


@dataclass(frozen=True)
class Anchor:
    """Where a note stands, as the sidecar will say it, and the passage that is."""

    quote: str
    span: Span
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    where: str = "text"

    def fields(self) -> dict[str, Any]:
        values = {"quote": self.quote, "prefix": self.prefix, "suffix": self.suffix}
        values |= {"occurrence": self.occurrence, "in": "caption" if self.where == "caption" else None}
        return {k: v for k, v in values.items() if v is not None}


@dataclass(frozen=True)
class EditResult:
    """What an edit did: written, or refused with the problems that stopped it."""

    sidecar: Path
    written: bool
    problems: tuple[Problem, ...] = ()
    index: int | None = None  # the note's place in the sidecar's notes (0-based), after the edit
    note: dict[str, Any] = field(default_factory=dict)  # the note as written (or as it would have been)


class EditError(BriefbookError):
    """The sidecar cannot be edited this way (its layout, or a note that changed meanwhile)."""


# ---------------------------------------------------------------- the article's files


@dataclass(frozen=True)
class ArticleFiles:
    stem: str
    article: Path
    sidecar: Path


def article_files(seeds: Path, stem: str) -> ArticleFiles:
    """The files of the article ``stem``: only an article the book has, found by listing seeds/.

    The paths come from the listing, never from ``stem``, so no name (``../x``,
    an absolute path, a glossary) can make an edit write anywhere else.
    """
    for path in article_paths(Path(seeds)):
        if path.stem == stem:
            sidecar = path.with_suffix(".yaml")
            if not sidecar.is_file():
                raise EditError(f"{sidecar}: missing sidecar for {path.name}; add it first (briefbook add)")
            return ArticleFiles(stem, path, sidecar)
    raise EditError(f"{seeds}: no article {stem!r} in this book")


# ---------------------------------------------------------------- placing a selection


def _paragraphs(article: Article, where: str) -> list[str]:
    if where == "caption":
        return [article.caption] if article.caption else []
    return list(article.paragraphs)


def _probe(quote: str, where: str, **anchor: Any) -> Note:
    return Note(quote=quote, kind="context", note="", line=0, where=where, **anchor)


def _all_matches(
    article: Article, quote: str, where: str, normalised: list[Normalised], path: str, **context: Any
) -> list[Span]:
    """Every passage the build would accept for ``quote`` (with this prefix/suffix), in order.

    Asks :func:`locate` for the 1st, 2nd, ... occurrence, so the rules are the
    build's own; raises AnchorError (with the closest passage) when there is none.
    """
    spans: list[Span] = []
    while True:
        try:
            spans.append(
                locate(
                    article,
                    _probe(quote, where, occurrence=len(spans) + 1, **context),
                    path,
                    normalised,
                )
            )
        except AnchorError as exc:
            if exc.problem.code == Code.ANCHOR_OCCURRENCE:
                return spans
            raise


def text_offsets(article: Article, span: Span) -> tuple[int, int]:
    """A span's offsets in the cleaned text (:attr:`Article.text`); in the caption for caption spans."""
    if span.paragraph == CAPTION:
        return span.start, span.end
    before = sum(len(p) + 2 for p in article.paragraphs[: span.paragraph])
    return before + span.start, before + span.end


def passage_text(article: Article, span: Span) -> str:
    text = article.caption if span.paragraph == CAPTION else article.paragraphs[span.paragraph]
    return (text or "")[span.start : span.end]


def surroundings(article: Article, span: Span) -> tuple[str, str]:
    """The cleaned text before and after a passage (the caption's, for a caption passage)."""
    whole = (article.caption or "") if span.paragraph == CAPTION else article.text
    start, end = text_offsets(article, span)
    return whole[:start], whole[end:]


def _agreement(article: Article, span: Span, prefix: str | None, suffix: str | None) -> tuple[bool, int]:
    """Whether the given context fits the text around a passage, and by how many characters.

    A side fits when at least half of it agrees, or all the text there is (a
    passage at the start of the article has little before it).  One side
    fitting is enough: the page may show something the cleaned text does not
    have (a photo, a heading) on one side of a paragraph.  A few characters in
    common ("day in" at the end of "today in" and "Wednesday in") fit nothing.
    """
    before, after = surroundings(article, span)
    fits, score = False, 0
    for given, text, backwards in ((prefix, before, True), (suffix, after, False)):
        wanted = normalise_quote(given) if given else ""
        if not wanted:
            continue
        near = text[-(len(given or "") * 2 + 8) :] if backwards else text[: len(given or "") * 2 + 8]
        have = normalise_quote(near)
        common = _common_length(have[::-1], wanted[::-1]) if backwards else _common_length(have, wanted)
        fits = fits or common >= (len(wanted) + 1) // 2 or (common == len(have) and len(near) == len(text))
        score += common
    return fits, score


def _common_length(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _at_position(article: Article, selection: Selection, spans: list[Span]) -> Span | None:
    """The match at the selection's offsets, if the text there is the quote; else None."""
    if selection.start is None or selection.where == "caption":
        return None
    text = article.text
    start = selection.start
    end = selection.end if selection.end is not None else start + len(selection.quote)
    if not (0 <= start < end <= len(text)):
        return None
    if normalise_quote(text[start:end]) != normalise_quote(selection.quote):
        return None
    while start < end and text[start].isspace():
        start += 1
    return next((s for s in spans if text_offsets(article, s)[0] == start), None)


def resolve_selection(article: Article, selection: Selection, sidecar_path: str | Path) -> Anchor:
    """The one passage a selection means, as the sidecar should name it; AnchorError if none or unclear.

    The passage: the only match of the quote; else the match at the selection's
    offsets, if the text there is the quote; else the match whose surroundings
    the selection's prefix or suffix fit, and fit best (strictly better than any
    other that fits).  Then the shortest disambiguator the build accepts.
    """
    path = str(sidecar_path)
    where = "caption" if selection.where == "caption" else "text"
    quote = selection.quote
    if where == "caption" and not article.caption:
        raise AnchorError(
            Problem(Code.ANCHOR_CAPTION, f"{article.path.name} has no photo caption to select in", path)
        )
    normalised = [normalise(p) for p in _paragraphs(article, where)]
    spans = _all_matches(article, quote, where, normalised, path)
    target = spans[0] if len(spans) == 1 else _at_position(article, selection, spans)
    if target is None:
        fitting = sorted(
            (score, i)
            for i, s in enumerate(spans)
            for fits, score in [_agreement(article, s, selection.prefix, selection.suffix)]
            if fits
        )
        if len(fitting) == 1 or (len(fitting) > 1 and fitting[-1][0] > fitting[-2][0]):
            target = spans[fitting[-1][1]]
    if target is None:
        # the build's own message, listing where the quote occurs
        try:
            locate(article, _probe(quote, where), path, normalised)
        except AnchorError as exc:
            given = selection.prefix or selection.suffix or selection.start is not None
            context = (
                " (the text around the quote fits none of them, or several equally)"
                if given
                else " (the selection gives no text around it, or position, to choose by)"
            )
            raise AnchorError(
                replace(exc.problem, message=exc.problem.message + context, path=path)
            ) from None
    return _named(article, target, spans, where, normalised, path)


def _named(
    article: Article, target: Span, spans: list[Span], where: str, normalised: list[Normalised], path: str
) -> Anchor:
    """The quote as the cleaned text has it, with the least context that picks ``target``."""
    quote = passage_text(article, target)
    if len(spans) == 1:
        return Anchor(quote, target, where=where)
    text = _paragraphs(article, where)[0 if where == "caption" else target.paragraph]
    before, after = text[: target.start], text[target.end :]
    before_words = list(re.finditer(r"\S+", before))
    after_words = list(re.finditer(r"\S+", after))
    for count in range(1, MAX_CONTEXT_WORDS + 1):
        options = []
        if count <= len(before_words):
            prefix = before[before_words[-count].start() :].rstrip()
            if len(prefix) >= MIN_CONTEXT_CHARS or count == len(before_words):
                options.append({"prefix": prefix})
        if count <= len(after_words):
            suffix = after[: after_words[count - 1].end()].lstrip()
            if len(suffix) >= MIN_CONTEXT_CHARS or count == len(after_words):
                options.append({"suffix": suffix})
        for context in options:
            if _picks(article, quote, where, normalised, path, target, **context):
                return Anchor(quote, target, where=where, **context)
    occurrence = spans.index(target) + 1
    if not _picks(article, quote, where, normalised, path, target, occurrence=occurrence):
        raise AnchorError(
            Problem(Code.ANCHOR_NAME, f"cannot name the passage {quote!r} so the build finds it", path)
        )
    return Anchor(quote, target, where=where, occurrence=occurrence)


def _picks(
    article: Article,
    quote: str,
    where: str,
    normalised: list[Normalised],
    path: str,
    target: Span,
    **anchor: Any,
) -> bool:
    """Whether the build, given this quote and context, finds exactly ``target``."""
    try:
        return locate(article, _probe(quote, where, **anchor), path, normalised) == target
    except AnchorError:
        return False


def anchor_of_fields(article: Article, fields: Mapping[str, Any], path: str | Path) -> Span:
    """Where the build places a note with these anchor fields (AnchorError if nowhere, or unclear)."""
    where = "caption" if fields.get("in") == "caption" else "text"
    note = _probe(
        fields["quote"],
        where,
        prefix=fields.get("prefix"),
        suffix=fields.get("suffix"),
        occurrence=fields.get("occurrence"),
    )
    return locate(article, note, str(path), [normalise(p) for p in _paragraphs(article, where)])


# ---------------------------------------------------------------- the sidecar's text


def _yaml() -> YAML:
    round_trip = YAML()  # comments, order and scalar styles kept
    round_trip.preserve_quotes = True
    round_trip.width = 4096  # never re-wrap a line the editor wrote
    return round_trip


# composing only (no objects built) gives every node's position; libyaml's parser when PyYAML has it
_POSITIONS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class _Notes:
    """Where a sidecar's notes stand in its text (0-based line numbers, inclusive ranges)."""

    lines: list[str]
    style: str  # "block", "empty" (notes: [] or notes: / null) or "absent"
    items: tuple[tuple[int, int], ...] = ()  # first and last line of each note
    dash_column: int = NEW_DASH_COLUMN
    key_line: int | None = None  # the line of "notes:" (style "empty")
    value: tuple[int, int] | None = None  # character offsets of an empty value ("[]", "null")


def _lines_of(node: Node) -> tuple[int, int]:
    """First and last line of a node's own text (a block scalar's trailing blank lines excluded)."""
    first = node.start_mark.line
    last = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
    if isinstance(node, MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, SequenceNode):
        children = list(node.value)
    else:
        children = []
    if children:
        last = max(_lines_of(child)[1] for child in children)
    return first, max(first, last)


def _layout(text: str, path: Path) -> _Notes:
    lines = text.splitlines(keepends=True)
    try:
        root = yaml.compose(text, Loader=_POSITIONS)
    except yaml.YAMLError as exc:
        raise EditError(f"{path}: cannot edit: the file is not valid YAML ({exc})") from exc
    if root is None:
        return _Notes(lines, "absent")
    if not isinstance(root, MappingNode):
        raise EditError(f"{path}: cannot edit: the sidecar is not a mapping of keys")
    value = next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == "notes"), None)
    key = next((k for k, v in root.value if v is value), None)
    if value is None or key is None:
        return _Notes(lines, "absent")
    empty_scalar = isinstance(value, ScalarNode) and value.tag.endswith(":null")
    empty_flow = isinstance(value, SequenceNode) and not value.value and value.flow_style
    if empty_scalar or empty_flow:
        span = (value.start_mark.index, value.end_mark.index)
        if span[0] == span[1]:
            span = None  # "notes:" with nothing after it
        elif value.start_mark.line != key.start_mark.line or value.end_mark.line != key.start_mark.line:
            raise EditError(f"{path}:{key.start_mark.line + 1}: cannot edit: write 'notes: []' on one line")
        return _Notes(lines, "empty", key_line=key.start_mark.line, value=span)
    if not isinstance(value, SequenceNode) or value.flow_style:
        raise EditError(f"{path}:{key.start_mark.line + 1}: cannot edit notes that are not a block list")
    dash = value.start_mark.column
    items = []
    previous_last = key.start_mark.line
    for item in value.value:
        first, last = _lines_of(item)
        # the item may start below its dash ("-" alone on a line): find the dash
        while first > previous_last + 1 and not _is_dash_line(lines[first], dash):
            first -= 1
        while last > first and not lines[last].strip():
            last -= 1
        items.append((first, last))
        previous_last = last
    return _Notes(lines, "block", tuple(items), dash)


def _is_dash_line(line: str, column: int) -> bool:
    return line[:column].strip() == "" and line[column : column + 1] == "-"


def _wrapped(text: str, width: int) -> FoldedScalarString | None:
    """Text as a folded block (``>-``) wrapped at ``width``, if folding can say it exactly."""
    if text != text.strip() or re.search(r"\s\s|[\t\n\r]", text) or not text:
        return None
    folded = FoldedScalarString(text)
    folds, line_start, last_space = [], 0, None
    for match in re.finditer(" ", text):
        if match.start() - line_start > width and last_space is not None:
            folds.append(last_space)
            line_start = last_space + 1
        last_space = match.start()
    if len(text) - line_start > width and last_space is not None and last_space >= line_start:
        folds.append(last_space)
    folded.fold_pos = folds
    return folded


def _styled(key: str, value: Any, indent: int) -> Any:
    """A value in the style of the book's sidecars: quoted passages, folded note text."""
    if not isinstance(value, str):
        return value
    if key in ("quote", "prefix", "suffix"):
        return DoubleQuotedScalarString(value)
    if key in ("note", "basis"):
        one_line = indent + len(key) + 4 + len(value)
        if "\n" not in value and one_line <= LINE_WIDTH:
            return DoubleQuotedScalarString(value)
        if "\n" in value and not re.search(r"[ \t]\n|^\s", value):
            return LiteralScalarString(value)
        return _wrapped(value, LINE_WIDTH - indent - 2) or DoubleQuotedScalarString(value)
    return value


def _dump_item(item: CommentedMap, key_offset: int) -> str:
    round_trip = _yaml()
    round_trip.indent(mapping=2, sequence=key_offset, offset=0)
    out = io.StringIO()
    round_trip.dump(CommentedSeq([item]), out)
    return out.getvalue()


def _indented(text: str, column: int) -> list[str]:
    pad = " " * column
    return [(pad + line if line.strip() else line) for line in text.splitlines(keepends=True)]


def _new_item(fields: Mapping[str, Any], dash: int) -> list[str]:
    item = CommentedMap()
    for key in NOTE_KEYS:
        if key in fields:
            item[key] = _styled(key, fields[key], dash + 2)
    return _indented(_dump_item(item, 2), dash)


def _ensure_newline(lines: list[str]) -> list[str]:
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def text_with_note_added(text: str, fields: Mapping[str, Any], path: Path) -> tuple[str, int]:
    """The sidecar's text with one note added after the others; and its index among the notes."""
    layout = _layout(text, path)
    lines = _ensure_newline(layout.lines)
    if layout.style == "absent":
        return "".join([*lines, "notes:\n", *_new_item(fields, NEW_DASH_COLUMN)]), 0
    if layout.style == "empty":
        assert layout.key_line is not None
        key_line = lines[layout.key_line]
        if layout.value is not None:  # cut "[]" or "null" out of the key's line
            line_start = sum(len(line) for line in lines[: layout.key_line])
            start, end = (offset - line_start for offset in layout.value)
            key_line = key_line[:start] + key_line[end:]
        key_line = key_line.rstrip() + "\n"
        key_line = re.sub(r":\s+#", ":  #", key_line)  # "notes: []  # none" -> "notes:  # none"
        new = _new_item(fields, NEW_DASH_COLUMN)
        return "".join([*lines[: layout.key_line], key_line, *new, *lines[layout.key_line + 1 :]]), 0
    last_first, last_end = layout.items[-1]
    separator: list[str] = []
    if len(layout.items) > 1:
        gap = lines[layout.items[-2][1] + 1 : last_first]
        if gap and all(not line.strip() for line in gap):
            separator = gap  # the blank lines the editor puts between notes
    new = _new_item(fields, layout.dash_column)
    result = [*lines[: last_end + 1], *separator, *new, *lines[last_end + 1 :]]
    return "".join(result), len(layout.items)


def text_with_note_changed(text: str, index: int, fields: Mapping[str, Any], path: Path) -> str:
    """The sidecar's text with note ``index`` holding ``fields`` (keys absent from it are removed).

    The note is read back with ruamel.yaml's round trip and only its changed
    keys are set, so its comments and unchanged values keep their form.
    """
    layout = _layout(text, path)
    if layout.style != "block" or not 0 <= index < len(layout.items):
        raise EditError(f"{path}: there is no note {index + 1}")
    first, last = layout.items[index]
    dash = layout.dash_column
    own = layout.lines[first : last + 1]
    dedented = "".join(_dedented(line, dash) for line in own)
    try:
        item = _yaml().load(dedented)[0]
    except (YAMLError, IndexError, KeyError, TypeError) as exc:
        raise EditError(f"{path}:{first + 1}: cannot read note {index + 1} on its own ({exc})") from exc
    if not isinstance(item, CommentedMap):
        raise EditError(f"{path}:{first + 1}: note {index + 1} is not a mapping")
    key_offset = _key_offset(own[0], dash)
    for key in list(item):
        if key not in fields:
            del item[key]
    for key in NOTE_KEYS:
        if key not in fields:
            continue
        value = fields[key]
        if key in item and _plain(item[key]) == value:
            continue  # unchanged: keep it as the editor wrote it
        styled = _styled(key, value, dash + key_offset)
        if key in item:
            item[key] = styled
        else:
            before = [k for k in NOTE_KEYS[: NOTE_KEYS.index(key)] if k in item]
            position = list(item).index(before[-1]) + 1 if before else 0
            item.insert(position, key, styled)
    new = _indented(_dump_item(item, key_offset), dash)
    lines = _ensure_newline(layout.lines)
    return "".join([*lines[:first], *new, *lines[last + 1 :]])


def _dedented(line: str, column: int) -> str:
    if not line.strip():
        return "\n"
    return line[column:] if line[:column].strip() == "" else line.lstrip()


def _key_offset(dash_line: str, dash: int) -> int:
    """How far a note's keys stand right of its dash ("- quote": 2)."""
    rest = dash_line[dash + 1 :]
    return 1 + len(rest) - len(rest.lstrip(" ")) if rest.strip() else 2


def text_without_note(text: str, index: int, path: Path) -> str:
    """The sidecar's text without note ``index`` (and the blank lines that set it apart)."""
    layout = _layout(text, path)
    if layout.style != "block" or not 0 <= index < len(layout.items):
        raise EditError(f"{path}: there is no note {index + 1}")
    lines = _ensure_newline(layout.lines)
    first, last = layout.items[index]
    if len(layout.items) == 1:  # the list stays, empty: "notes: []", its comments kept
        key = next(i for i in range(first, -1, -1) if re.match(r"notes\s*:", lines[i]))
        key_line = re.sub(r"^notes\s*:", "notes: []", lines[key], count=1)
        return "".join([*lines[:key], key_line, *lines[key + 1 : first], *lines[last + 1 :]])
    if index + 1 < len(layout.items):
        last = layout.items[index + 1][0] - 1  # with the blank lines after it, so the gaps stay even
        while last > first and lines[last].strip().startswith("#"):
            last -= 1  # but a comment above the next note stays with it
    else:
        first = layout.items[index - 1][1] + 1  # the last note: with the blank lines before it
        while first < layout.items[index][0] and lines[first].strip().startswith("#"):
            first += 1
    return "".join([*lines[:first], *lines[last + 1 :]])


def _plain(value: Any) -> Any:
    """A ruamel.yaml value as plain Python (styled strings are str subclasses)."""
    if isinstance(value, str):
        return str(value)
    return value


# ---------------------------------------------------------------- checking and writing


@dataclass
class Prepared:
    """A new sidecar text, checked, in a temporary file beside the sidecar, not yet in place."""

    files: ArticleFiles
    text: str
    temp: Path | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _claims(seeds: Path, problems: list[Problem]) -> Claims | None:
    found: list[Problem] = []
    claims = load_book_file(seeds / CLAIMS_FILE, load_claims, Claims(seeds / CLAIMS_FILE, ()), found)
    problems.extend(found)
    return None if found else claims


def _retarget(problem: Problem, temp: Path, shown: Path) -> Problem:
    """A problem found in the temporary file, told of the sidecar it will replace."""
    path = str(shown) if problem.path == str(temp) else problem.path
    return replace(problem, path=path, message=problem.message.replace(str(temp), str(shown)))


def check_sidecar_file(temp: Path, files: ArticleFiles, seeds: Path) -> tuple[Sidecar | None, list[Problem]]:
    """The sidecar in ``temp`` as the build reads it, and every problem the build would find in it:
    loading (schema, note text), anchoring against the article, claims."""
    problems: list[Problem] = []
    try:
        sidecar = load_sidecar(temp)
        article = clean.clean_article(ingest.read_article(files.article), sidecar.clean_rules)
    except BriefbookError as exc:
        return None, [_retarget(p, temp, files.sidecar) for p in exc.problems]
    _, found = anchor_notes(article, sidecar)
    problems.extend(found)
    claims = _claims(seeds, problems)
    if claims is not None:
        problems.extend(check_claim_tags(sidecar.notes, claims, temp))
    return sidecar, [_retarget(p, temp, files.sidecar) for p in problems]


def _unfaithful(temp: Path, expected: Mapping[int, Mapping[str, Any]], path: Path) -> list[Problem]:
    """Notes that would not read back as they were meant (a safeguard: it should never happen)."""
    notes = (load_yaml(temp) or {}).get("notes") or []
    return [
        Problem(
            Code.EDIT_READ_BACK,
            f"note {index + 1} would not read back as written; nothing written",
            str(path),
        )
        for index, fields in expected.items()
        if index >= len(notes) or dict(notes[index]) != dict(fields)
    ]


def prepare(
    seeds: Path, files: ArticleFiles, text: str, expected: Mapping[int, Mapping[str, Any]] | None = None
) -> Prepared:
    """Write ``text`` to a temporary file beside the sidecar and check it as the build would.

    ``expected``: notes (by index) the text must hold exactly, as loaded.
    """
    folder = files.sidecar.parent
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{files.sidecar.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        sidecar, problems = check_sidecar_file(temp, files, Path(seeds))
        if sidecar is not None and not problems and expected:
            problems = _unfaithful(temp, expected, files.sidecar)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if problems:
        temp.unlink(missing_ok=True)
        return Prepared(files, text, None, problems)
    return Prepared(files, text, temp, [])


def publish(prepared: Prepared) -> None:
    """Put a checked text in place: rename over the sidecar (keeping its mode), then sync the folder."""
    if prepared.temp is None:
        raise EditError(f"{prepared.files.sidecar}: not written: it has problems")
    target = prepared.files.sidecar
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    os.chmod(prepared.temp, mode)
    os.replace(prepared.temp, target)
    prepared.temp = None
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def discard(prepared: Prepared) -> None:
    if prepared.temp is not None:
        prepared.temp.unlink(missing_ok=True)
        prepared.temp = None


@contextmanager
def book_locked(seeds: Path, timeout: float | None = None) -> Iterator[None]:
    with BookLock(book_folder_of(seeds), timeout=timeout):
        yield


# ---------------------------------------------------------------- the edits


def note_fingerprint(fields: Mapping[str, Any]) -> str:
    """A short digest of a note's fields: an edit can insist the note is still what its caller saw."""
    canonical = json.dumps({k: fields[k] for k in sorted(fields)}, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def current_notes(files: ArticleFiles) -> list[dict[str, Any]]:
    """The sidecar's notes as they stand in the file (plain mappings, in order)."""
    load_sidecar(files.sidecar)  # a sidecar the build could not read is reported, not edited
    return [dict(entry) for entry in (load_yaml(files.sidecar) or {}).get("notes") or ()]


def _article(files: ArticleFiles) -> Article:
    article, _, problems = read_article(files.article)
    if article is None:
        raise BriefbookError(problems)
    return article


def _refused(files: ArticleFiles, problems: Iterable[Problem], note: Mapping[str, Any]) -> EditResult:
    return EditResult(files.sidecar, False, tuple(problems), None, dict(note))


def _commit(seeds: Path, files: ArticleFiles, text: str, index: int, note: dict[str, Any]) -> EditResult:
    prepared = prepare(seeds, files, text, {index: note} if note else None)
    if not prepared.ok:
        return _refused(files, prepared.problems, note)
    publish(prepared)
    return EditResult(files.sidecar, True, (), index, note)


def add_note(
    seeds: Path, stem: str, selection: Selection, body: NoteBody, *, lock_timeout: float | None = None
) -> EditResult:
    """Add a note to the article ``stem`` at the passage ``selection`` names."""
    seeds = Path(seeds)
    files = article_files(seeds, stem)
    with book_locked(seeds, lock_timeout):
        article = _article(files)
        try:
            anchor = resolve_selection(article, selection, files.sidecar)
        except AnchorError as exc:
            return _refused(files, [exc.problem], body.fields())
        note = anchor.fields() | body.fields()
        text = files.sidecar.read_text("utf-8")
        new_text, index = text_with_note_added(text, note, files.sidecar)
        return _commit(seeds, files, new_text, index, note)


def _checked_index(files: ArticleFiles, index: int, fingerprint: str | None) -> dict[str, Any]:
    notes = current_notes(files)
    if not 0 <= index < len(notes):
        raise EditError(f"{files.sidecar}: there is no note {index + 1} (it has {len(notes)})")
    if fingerprint is not None and note_fingerprint(notes[index]) != fingerprint:
        raise EditError(
            f"{files.sidecar}: note {index + 1} has changed since it was read; read it again and retry"
        )
    return notes[index]


def edit_note(
    seeds: Path,
    stem: str,
    index: int,
    body: NoteBody,
    selection: Selection | None = None,
    *,
    fingerprint: str | None = None,
    lock_timeout: float | None = None,
) -> EditResult:
    """Change note ``index`` (0-based) of the article ``stem``: what it says, and where if ``selection``."""
    seeds = Path(seeds)
    files = article_files(seeds, stem)
    with book_locked(seeds, lock_timeout):
        old = _checked_index(files, index, fingerprint)
        anchor_fields = {k: old[k] for k in ANCHOR_KEYS if k in old}
        if selection is not None:
            try:
                anchor_fields = resolve_selection(_article(files), selection, files.sidecar).fields()
            except AnchorError as exc:
                return _refused(files, [exc.problem], body.fields())
        note = anchor_fields | body.fields()
        text = files.sidecar.read_text("utf-8")
        return _commit(seeds, files, text_with_note_changed(text, index, note, files.sidecar), index, note)


def delete_note(
    seeds: Path,
    stem: str,
    index: int,
    *,
    fingerprint: str | None = None,
    lock_timeout: float | None = None,
) -> EditResult:
    """Delete note ``index`` (0-based) of the article ``stem``."""
    seeds = Path(seeds)
    files = article_files(seeds, stem)
    with book_locked(seeds, lock_timeout):
        old = _checked_index(files, index, fingerprint)
        text = files.sidecar.read_text("utf-8")
        result = _commit(seeds, files, text_without_note(text, index, files.sidecar), index, {})
        return EditResult(result.sidecar, result.written, result.problems, None, old)

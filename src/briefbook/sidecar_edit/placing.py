"""Placing a selection in the cleaned text: the one passage a reader's selection means, and the
words (quote, and prefix, suffix or occurrence where the quote occurs more than once) that name
it so the build finds it again (:func:`briefbook.analysis.anchors.locate`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..analysis.anchors import AnchorError, find_all, locate
from ..editorial.notefields import ANCHOR_FIELDS, sidecar_values
from ..errors import Code, Problem
from ..limits import MAX_CONTEXT_CHARS, MAX_MATCHES
from ..models import CAPTION, Article, Note, Span
from ..normalise import Squeezed, quote_key, quote_text

MAX_CONTEXT_WORDS = 12  # a longer prefix or suffix helps nobody: use occurrence instead
MIN_CONTEXT_CHARS = 8  # "of" picks a passage as well as "knowledge of", but says less to a reader


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
class Anchor:
    """Where a note stands, as the sidecar will say it, and the passage that is."""

    quote: str
    span: Span
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    where: str = "text"

    def fields(self) -> dict[str, Any]:
        """The anchor's fields as the sidecar will hold them."""
        return sidecar_values(self, ANCHOR_FIELDS)


def _paragraphs(article: Article, where: str) -> list[str]:
    if where == "caption":
        return [article.caption] if article.caption else []
    return list(article.paragraphs)


def _probe(quote: str, where: str, **anchor: Any) -> Note:
    return Note(quote=quote, kind="context", note="", line=0, where=where, **anchor)


def _all_matches(
    article: Article, quote: str, where: str, normalised: list[Squeezed], path: str, **context: Any
) -> list[Span]:
    """Every passage the build would accept for ``quote`` (with this prefix/suffix), in order, by the
    build's own rules (:func:`find_all`), in one pass; AnchorError (with the closest passage) when
    there is none, or when there are more than a selection can choose among."""
    spans = find_all(article, _probe(quote, where, **context), path, normalised)
    if len(spans) > MAX_MATCHES:
        shown = quote if len(quote) <= 60 else quote[:57] + "…"
        raise AnchorError(
            Problem(
                Code.ANCHOR_AMBIGUOUS,
                f"the selection {shown!r} occurs {len(spans):,} times in {article.path.name}; a selection "
                f"is placed among at most {MAX_MATCHES:,}",
                path,
                hint="select a longer passage",
            )
        )
    return spans


@dataclass(frozen=True)
class _TextIndex:
    """An article's cleaned text, where each paragraph starts in it, and its paragraphs (and caption)
    in the form quotes are compared in, with their way back to offsets: worked out once per article,
    however many selections are placed in it (an import places thousands)."""

    text: str
    starts: tuple[int, ...]
    normalised: dict[str, list[Squeezed]]  # "text" and "caption"


_INDEXES: dict[int, tuple[Article, _TextIndex]] = {}  # by id, holding the article so no id is reused
_INDEXES_KEPT = 8


def _index(article: Article) -> _TextIndex:
    """The text index of an article, made once however many passages are asked after (an article of
    ten thousand matches would otherwise join its paragraphs ten thousand times)."""
    kept = _INDEXES.get(id(article))
    if kept is not None and kept[0] is article:
        return kept[1]
    starts, at = [], 0
    for paragraph in article.paragraphs:
        starts.append(at)
        at += len(paragraph) + 2
    normalised = {
        where: [quote_text(p) for p in _paragraphs(article, where)] for where in ("text", "caption")
    }
    index = _TextIndex(article.text, tuple(starts), normalised)
    if len(_INDEXES) >= _INDEXES_KEPT:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[id(article)] = (article, index)
    return index


def text_offsets(article: Article, span: Span) -> tuple[int, int]:
    """A span's offsets in the cleaned text (:attr:`Article.text`); in the caption for caption spans."""
    if span.paragraph == CAPTION:
        return span.start, span.end
    before = _index(article).starts[span.paragraph]
    return before + span.start, before + span.end


def passage_text(article: Article, span: Span) -> str:
    text = article.caption if span.paragraph == CAPTION else article.paragraphs[span.paragraph]
    return (text or "")[span.start : span.end]


def surroundings(article: Article, span: Span, reach: int | None = None) -> tuple[str, str]:
    """The cleaned text before and after a passage (the caption's, for a caption passage); with
    ``reach``, only that many characters on either side (and the whole side where it is shorter)."""
    whole = (article.caption or "") if span.paragraph == CAPTION else _index(article).text
    start, end = text_offsets(article, span)
    if reach is None:
        return whole[:start], whole[end:]
    return whole[max(0, start - reach) : start], whole[end : end + reach]


def _agreement(article: Article, span: Span, prefix: str | None, suffix: str | None) -> tuple[bool, int]:
    """Whether the given context fits the text around a passage, and by how many characters.

    A side fits when at least half of it agrees, or all the text there is (a
    passage at the start of the article has little before it).  One side
    fitting is enough: the page may show something the cleaned text does not
    have (a photo, a heading) on one side of a paragraph.  A few characters in
    common ("day in" at the end of "today in" and "Wednesday in") fit nothing.
    """
    # one character more than any side is compared over, so "all the text there is" stays true
    before, after = surroundings(article, span, MAX_CONTEXT_CHARS * 2 + 9)
    fits, score = False, 0
    for given, text, backwards in ((prefix, before, True), (suffix, after, False)):
        wanted = quote_key(given) if given else ""
        if not wanted:
            continue
        near = text[-(len(given or "") * 2 + 8) :] if backwards else text[: len(given or "") * 2 + 8]
        have = quote_key(near)
        common = _common_length(have[::-1], wanted[::-1]) if backwards else _common_length(have, wanted)
        fits = fits or common >= (len(wanted) + 1) // 2 or (common == len(have) and len(near) == len(text))
        score += common
    return fits, score


def _common_length(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share from their start (by halving: C-speed comparisons)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _at_position(article: Article, selection: Selection, spans: list[Span]) -> Span | None:
    """The match at the selection's offsets, if the text there is the quote; else None."""
    if selection.start is None or selection.where == "caption":
        return None
    text = _index(article).text
    start = selection.start
    end = selection.end if selection.end is not None else start + len(selection.quote)
    if not (0 <= start < end <= len(text)):
        return None
    if quote_key(text[start:end]) != quote_key(selection.quote):
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
    # only the context nearest the quote is weighed: more says nothing, and costs per match
    selection = replace(
        selection,
        prefix=selection.prefix[-MAX_CONTEXT_CHARS:] if selection.prefix else None,
        suffix=selection.suffix[:MAX_CONTEXT_CHARS] if selection.suffix else None,
    )
    if where == "caption" and not article.caption:
        raise AnchorError(
            Problem(Code.ANCHOR_CAPTION, f"{article.path.name} has no photo caption to select in", path)
        )
    normalised = _index(article).normalised[where]
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
    article: Article, target: Span, spans: list[Span], where: str, normalised: list[Squeezed], path: str
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
    normalised: list[Squeezed],
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
    return locate(article, note, str(path), _index(article).normalised[where])

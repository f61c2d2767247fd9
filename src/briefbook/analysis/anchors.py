"""Anchoring notes to the cleaned text by quote, as the W3C TextQuoteSelector does.

A quote is matched exactly after normalising whitespace and typographic quotes
on both sides (:func:`briefbook.normalise.quote_text`).  Several matches without
a disambiguator (prefix, suffix or occurrence) is an error listing the places;
no match is an error showing the closest passage and its similarity.  A note is
never moved to a look-alike.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ..errors import Code, Problem
from ..models import CAPTION, Article, LocatedNote, Note, Sidecar, Span
from ..normalise import Squeezed, quote_key, quote_text


def _find_all(haystack: str, needle: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _excerpt(text: str, start: int, end: int, width: int = 30) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


class AnchorError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _matches(
    paras: list[Squeezed], quote: str, prefix: str | None, suffix: str | None
) -> list[tuple[int, int]]:
    """Every (paragraph, start in normalised text) where ``quote`` stands with this prefix and suffix.

    One pass over each paragraph, and per match a comparison as long as the prefix or suffix,
    never a copy of the text around it: linear, however often the quote occurs.  The normalised
    text has no run of white space, so the text before a match ends in at most one space.
    """
    matches: list[tuple[int, int]] = []
    for index, para in enumerate(paras):
        text = para.text
        for start in _find_all(text, quote):
            if prefix:
                end = start - 1 if start and text[start - 1].isspace() else start
                if not text.endswith(prefix, 0, end):
                    continue
            if suffix:
                after = start + len(quote)
                if after < len(text) and text[after].isspace():
                    after += 1
                if not text.startswith(suffix, after):
                    continue
            matches.append((index, start))
    return matches


def _shown(quote: str) -> str:
    return quote if len(quote) <= 80 else quote[:77] + "…"


def find_all(
    article: Article, note: Note, sidecar_path: str, normalised: list[Squeezed] | None = None
) -> list[Span]:
    """Every passage ``note``'s quote (with its prefix and suffix) names, in order, its occurrence
    aside; AnchorError when it names none, or its quote has no words."""
    paras = normalised if normalised is not None else [quote_text(p) for p in article.paragraphs]
    quote = quote_key(note.quote)
    if not quote:
        raise AnchorError(
            Problem(
                Code.ANCHOR_EMPTY,
                "the quote has no words (it is empty, or only white space)",
                sidecar_path,
                note.line,
                hint="quote the passage the note is about",
            )
        )
    prefix = quote_key(note.prefix) if note.prefix else None
    suffix = quote_key(note.suffix) if note.suffix else None
    matches = _matches(paras, quote, prefix, suffix)
    if not matches:
        raise AnchorError(_near_miss(article, paras, quote, _shown(note.quote), note, sidecar_path))
    return [_span(paras, note, paragraph, start, len(quote)) for paragraph, start in matches]


def _span(paras: list[Squeezed], note: Note, paragraph: int, start: int, length: int) -> Span:
    begin, end = paras[paragraph].original_span(start, start + length)
    return Span(CAPTION if note.where == "caption" else paragraph, begin, end)


SHOWN_PLACES = 10  # an ambiguous quote's message lists this many places, then how many more


def locate(article: Article, note: Note, sidecar_path: str, normalised: list[Squeezed] | None = None) -> Span:
    """Find the one passage ``note`` quotes, or raise AnchorError saying why not."""
    paras = normalised if normalised is not None else [quote_text(p) for p in article.paragraphs]
    spans = find_all(article, note, sidecar_path, paras)
    shown = _shown(note.quote)
    if note.occurrence is not None:
        if not 1 <= note.occurrence <= len(spans):
            raise AnchorError(
                Problem(
                    Code.ANCHOR_OCCURRENCE,
                    f"quote {shown!r} has occurrence: {note.occurrence}, but it occurs only "
                    f"{len(spans)} time(s) in {article.path.name}",
                    sidecar_path,
                    note.line,
                )
            )
        return spans[note.occurrence - 1]
    if len(spans) > 1:
        raise AnchorError(_ambiguous(article, paras, note, shown, sidecar_path))
    return spans[0]


def _ambiguous(article: Article, paras: list[Squeezed], note: Note, shown: str, sidecar_path: str) -> Problem:
    quote = quote_key(note.quote)
    prefix = quote_key(note.prefix) if note.prefix else None
    suffix = quote_key(note.suffix) if note.suffix else None
    matches = _matches(paras, quote, prefix, suffix)
    places = "; ".join(
        f"paragraph {p + 1} (line {_line(article, p)}): {_excerpt(paras[p].text, s, s + len(quote))!r}"
        for p, s in matches[:SHOWN_PLACES]
    )
    if len(matches) > SHOWN_PLACES:
        places += f"; and {len(matches) - SHOWN_PLACES:,} more"
    return Problem(
        Code.ANCHOR_AMBIGUOUS,
        f"quote {shown!r} occurs {len(matches)} times in {article.path.name}: {places}",
        sidecar_path,
        note.line,
        hint="add prefix, suffix or occurrence to choose one",
    )


def _line(article: Article, paragraph: int) -> int:
    lines = article.paragraph_lines
    return lines[paragraph] if paragraph < len(lines) else 0


def _near_miss(
    article: Article, paras: list[Squeezed], quote: str, shown: str, note: Note, path: str
) -> Problem:
    """The closest passage to a quote that was not found, with its similarity."""
    best = (0.0, -1, 0, 0)
    for index, para in enumerate(paras):
        alignment = fuzz.partial_ratio_alignment(quote, para.text, score_cutoff=best[0])
        if alignment and alignment.score > best[0]:
            best = (alignment.score, index, alignment.dest_start, alignment.dest_end)
    score, index, start, end = best
    if index >= 0:  # widen the match to whole words, so the editor can copy it
        text = paras[index].text
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
    if index < 0:
        nearest = "no passage is similar"
    else:
        nearest = (
            f"closest passage ({score:.0f}% similar) in paragraph {index + 1} (line "
            f"{_line(article, index)}): {paras[index].text[start:end]!r}"
        )
    return Problem(
        Code.ANCHOR_ORPHAN, f"quote {shown!r} not found in {article.path.name}", path, note.line, hint=nearest
    )


def anchor_notes(article: Article, sidecar: Sidecar) -> tuple[list[LocatedNote], list[Problem]]:
    """Locate every note of a sidecar; number them in reading order."""
    if not sidecar.notes:
        return [], []
    paras = [quote_text(p) for p in article.paragraphs]
    caption = [quote_text(article.caption)] if article.caption else []
    located: list[tuple[Span, Note]] = []
    problems: list[Problem] = []
    for note in sidecar.notes:
        if note.where == "caption" and not caption:
            problems.append(
                Problem(
                    Code.ANCHOR_CAPTION,
                    f"note is 'in: caption', but {article.path.name} has no photo caption",
                    str(sidecar.path),
                    note.line,
                )
            )
            continue
        try:
            located.append(
                (
                    locate(article, note, str(sidecar.path), caption if note.where == "caption" else paras),
                    note,
                )
            )
        except AnchorError as exc:
            problems.append(exc.problem)
    located.sort(key=lambda item: (item[0].paragraph, item[0].start, -item[0].end, item[1].line))
    return [LocatedNote(number, note, span) for number, (span, note) in enumerate(located, 1)], problems

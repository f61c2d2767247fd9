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


def locate(article: Article, note: Note, sidecar_path: str, normalised: list[Squeezed] | None = None) -> Span:
    """Find the one passage ``note`` quotes, or raise AnchorError saying why not."""
    paras = normalised if normalised is not None else [quote_text(p) for p in article.paragraphs]
    quote = quote_key(note.quote)
    prefix = quote_key(note.prefix) if note.prefix else None
    suffix = quote_key(note.suffix) if note.suffix else None
    matches: list[tuple[int, int]] = []  # (paragraph, start in normalised text)
    for index, para in enumerate(paras):
        for start in _find_all(para.text, quote):
            before = para.text[:start].rstrip()
            after = para.text[start + len(quote) :].lstrip()
            if prefix and not before.endswith(prefix.rstrip()):
                continue
            if suffix and not after.startswith(suffix.lstrip()):
                continue
            matches.append((index, start))
    shown = note.quote if len(note.quote) <= 80 else note.quote[:77] + "…"
    if not matches:
        raise AnchorError(_near_miss(article, paras, quote, shown, note, sidecar_path))
    if note.occurrence is not None:
        if note.occurrence > len(matches):
            raise AnchorError(
                Problem(
                    Code.ANCHOR_OCCURRENCE,
                    f"quote {shown!r} has occurrence: {note.occurrence}, but it occurs only "
                    f"{len(matches)} time(s) in {article.path.name}",
                    sidecar_path,
                    note.line,
                )
            )
        matches = [matches[note.occurrence - 1]]
    if len(matches) > 1:
        places = "; ".join(
            f"paragraph {p + 1} (line {_line(article, p)}): {_excerpt(paras[p].text, s, s + len(quote))!r}"
            for p, s in matches
        )
        raise AnchorError(
            Problem(
                Code.ANCHOR_AMBIGUOUS,
                f"quote {shown!r} occurs {len(matches)} times in {article.path.name}: {places}",
                sidecar_path,
                note.line,
                hint="add prefix, suffix or occurrence to choose one",
            )
        )
    paragraph, start = matches[0]
    begin, end = paras[paragraph].original_span(start, start + len(quote))
    return Span(CAPTION if note.where == "caption" else paragraph, begin, end)


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

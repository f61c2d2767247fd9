"""Passages one source shares with another, found automatically by text reuse.

Word shingles over normalised words, grown into maximal runs, kept only when
long enough and not made of common words alone, so ordinary phrases do not
count.  (Claims, the other cross-reference between sources, are loaded by
:mod:`briefbook.claims`.)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .models import Article, Span

# --- shared passages ---------------------------------------------------------

SHINGLE = 6  # words per shingle
MIN_RUN = 8  # words a shared run needs to count
MIN_CONTENT = 5  # ... of which at least this many are not common words
STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his in is it its of on or said "
    "say says she that the their them there they this to was were which who will with would".split()
)
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
_DROP_IN_WORDS = str.maketrans("", "", "-’'")  # one C-level pass per word, not a regex


@dataclass(frozen=True)
class Token:
    word: str  # normalised: lower case, no hyphens or apostrophes
    paragraph: int
    start: int
    end: int


def tokens(article: Article) -> list[Token]:
    """Words with their places; 're-establish' and 'reestablish' normalise alike."""
    out = []
    for index, para in enumerate(article.paragraphs):
        for match in _WORD.finditer(para):
            word = match.group().lower().translate(_DROP_IN_WORDS)
            if word:
                out.append(Token(word, index, match.start(), match.end()))
    return out


@dataclass(frozen=True)
class SharedPassage:
    """The same words in two articles: (stem, span) on each side, and how many words."""

    a: str
    a_span: Span
    b: str
    b_span: Span
    words: int
    text: str  # the words as they stand in article a


def _span(toks: list[Token], first: int, last: int) -> Span | None:
    if toks[first].paragraph != toks[last].paragraph:
        return None
    return Span(toks[first].paragraph, toks[first].start, toks[last].end)


def find_shared_passages(
    articles: list[Article], shingle: int = SHINGLE, min_run: int = MIN_RUN
) -> list[SharedPassage]:
    """Maximal runs of at least ``min_run`` words that stand in two articles.

    Linear in the total number of words (one hash index of shingles), plus the
    number of matching shingles.  Runs of mostly common words are dropped.
    """
    toks = {a.stem: tokens(a) for a in articles}
    by_stem = {a.stem: a for a in articles}
    index: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for stem, words in toks.items():
        for i in range(len(words) - shingle + 1):
            index[tuple(t.word for t in words[i : i + shingle])].append((stem, i))
    # matching shingle starts, grouped by article pair and diagonal (offset between positions)
    diagonals: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for places in index.values():
        if len(places) < 2:
            continue
        for x in range(len(places)):
            for y in range(x + 1, len(places)):
                (sa, ia), (sb, ib) = places[x], places[y]
                if sa == sb:
                    continue
                if sa > sb:
                    (sa, ia), (sb, ib) = (sb, ib), (sa, ia)
                diagonals[(sa, sb, ib - ia)].append(ia)
    found = []
    for (sa, sb, offset), starts in sorted(diagonals.items()):
        starts.sort()
        run_start = previous = starts[0]
        for position in [*starts[1:], None]:
            if position is not None and position == previous + 1:
                previous = position
                continue
            first, last = run_start, previous + shingle - 1
            words = [t.word for t in toks[sa][first : last + 1]]
            content = [w for w in words if w not in STOPWORDS]
            if len(words) >= min_run and len(content) >= max(MIN_CONTENT, len(words) / 2):
                a_span = _span(toks[sa], first, last)
                b_span = _span(toks[sb], first + offset, last + offset)
                if a_span and b_span:
                    text = by_stem[sa].paragraphs[a_span.paragraph][a_span.start : a_span.end]
                    found.append(SharedPassage(sa, a_span, sb, b_span, len(words), text))
            if position is not None:
                run_start = previous = position
    return found

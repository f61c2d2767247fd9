"""Passages one source shares with another, found automatically by text reuse.

Word shingles over normalised words, grown into maximal runs, kept only when
long enough and not made of common words alone, so ordinary phrases do not
count.  (Claims, the other cross-reference between sources, are loaded by
:mod:`briefbook.editorial.claims`.)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Article, Span

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


MAX_SHARERS = 12  # a passage more articles share than this is boilerplate: it is not linked pair by pair


@dataclass(frozen=True)
class Words:
    """An article's words, normalised ('re-establish' and 'reestablish' alike), with their places."""

    words: list[str]  # lower case, no hyphens or apostrophes
    paragraph: list[int]
    start: list[int]
    end: list[int]

    def span(self, first: int, last: int) -> Span | None:
        if self.paragraph[first] != self.paragraph[last]:
            return None
        return Span(self.paragraph[first], self.start[first], self.end[last])


def article_words(article: Article) -> Words:
    return paragraph_words(article.paragraphs)


def paragraph_words(paragraphs: Iterable[str]) -> Words:
    """The words of a run of paragraphs, normalised, with their places (see :class:`Words`)."""
    words: list[str] = []
    paragraph: list[int] = []
    start: list[int] = []
    end: list[int] = []
    for index, para in enumerate(paragraphs):
        for match in _WORD.finditer(para):
            word = match.group().lower().translate(_DROP_IN_WORDS)
            if word:
                words.append(word)
                paragraph.append(index)
                start.append(match.start())
                end.append(match.end())
    return Words(words, paragraph, start, end)


@dataclass(frozen=True)
class SharedPassage:
    """The same words in two articles: (stem, span) on each side, and how many words."""

    a: str
    a_span: Span
    b: str
    b_span: Span
    words: int
    text: str  # the words as they stand in article a


def shingle_index(texts: list[Words], shingle: int) -> dict[int, list[tuple[int, int]]]:
    """Each shingle (by hash) -> (article, first position) in every article that has it.

    Only an article's first occurrence counts, so text repeated within an article costs no more
    than text said once; memory is one entry per distinct shingle.  A shingle never spans two
    paragraphs, so runs end where paragraphs do (a passage is marked within one paragraph).
    """
    index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for number, text in enumerate(texts):
        seen: set[int] = set()
        words, paragraph = text.words, text.paragraph
        for position in range(len(words) - shingle + 1):
            if paragraph[position] != paragraph[position + shingle - 1]:
                continue
            key = hash(tuple(words[position : position + shingle]))
            if key not in seen:
                seen.add(key)
                index[key].append((number, position))
    return index


def find_shared_passages(
    articles: list[Article],
    shingle: int = SHINGLE,
    min_run: int = MIN_RUN,
    words: list[Words] | None = None,
) -> list[SharedPassage]:
    """Maximal runs of at least ``min_run`` words that stand in two articles.

    Linear in the total number of words: one index of shingles (first occurrence per article),
    then, for each shingle two to ``MAX_SHARERS`` articles have, the pairs of places, grouped by
    article pair and diagonal (offset between positions) and grown into runs.  Runs of mostly
    common words are dropped; a run is kept only if its words are the same on both sides.
    ``words`` are the articles' :func:`article_words`, where the caller has them already.
    """
    if len(articles) < 2:
        return []
    texts = words if words is not None else [article_words(a) for a in articles]
    stems = [a.stem for a in articles]
    diagonals: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for places in shingle_index(texts, shingle).values():
        if len(places) < 2 or len(places) > MAX_SHARERS:
            continue
        for x in range(len(places)):
            for y in range(x + 1, len(places)):
                (a, ia), (b, ib) = places[x], places[y]
                if stems[a] > stems[b]:
                    (a, ia), (b, ib) = (b, ib), (a, ia)
                diagonals[(a, b, ib - ia)].append(ia)
    found = []
    for (a, b, offset), starts in sorted(
        diagonals.items(), key=lambda item: (stems[item[0][0]], stems[item[0][1]], item[0][2])
    ):
        starts.sort()
        run_start = previous = starts[0]
        for position in [*starts[1:], None]:
            if position is not None and position == previous + 1:
                previous = position
                continue
            first, last = run_start, previous + shingle - 1
            words = texts[a].words[first : last + 1]
            content = [w for w in words if w not in STOPWORDS]
            if (
                len(words) >= min_run
                and len(content) >= max(MIN_CONTENT, len(words) / 2)
                and words == texts[b].words[first + offset : last + offset + 1]
            ):
                a_span = texts[a].span(first, last)
                b_span = texts[b].span(first + offset, last + offset)
                if a_span and b_span:
                    text = articles[a].paragraphs[a_span.paragraph][a_span.start : a_span.end]
                    found.append(SharedPassage(stems[a], a_span, stems[b], b_span, len(words), text))
            if position is not None:
                run_start = previous = position
    return found

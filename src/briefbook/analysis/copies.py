"""Copies: an article most of whose text stands in another (a republished wire story, a lightly
edited rewrite), found so that it never counts as another source.

Each article's words are the ones :mod:`.reuse` reads (lower case, hyphens and apostrophes
dropped inside a word), with dotted acronyms joined ("U.S." is "us") and British and
American spellings folded into one form ("normalising" and "normalizing", "defence" and
"defense", "centre" and "center", "travelled" and "traveled"), then cut into shingles of
:data:`SHINGLE` words that run across paragraphs (so re-paragraphing changes nothing).  The
*containment* of one article in another is the share of its shingles that stand in the other
(Broder's measure): a copy trimmed of its last paragraphs is still almost wholly contained in its
original, while the original is only partly contained in the copy.

A pair is a copy when either article's containment in the other reaches :data:`COPY_THRESHOLD`.
The threshold was chosen from measurements (README, "Copies"): republished copies reach 0.9 and
more, a rewrite keeping a third of the text about 0.3, two reports quoting the same statement
under 0.1, independent reports under 0.02.  Copies are grouped (a copy of a copy belongs to the
same original); the original of a group is its earliest-dated article, and where dates do not
tell, the first in the book's order.

Linear in the book's size: one inverted index of shingles, and the pairs counted only for
shingles that at most :data:`MAX_HOLDERS` articles hold (a phrase more articles use is
boilerplate, not a sign of copying).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .reuse import Words, article_words, paragraph_words

SHINGLE = 5  # words per shingle
COPY_THRESHOLD = 0.5  # containment from which an article counts as a copy of another
MAX_HOLDERS = 64  # a shingle more articles hold than this is boilerplate: not counted


# Words whose British and American forms no suffix rule below folds.
_WORDS = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "ageing": "aging",
    "grey": "gray",
    "whilst": "while",
    "amongst": "among",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "aluminium": "aluminum",
    "mould": "mold",
    "plough": "plow",
    "draught": "draft",
    "cheque": "check",
    "tyre": "tire",
    "jewellery": "jewelry",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "practise": "practice",
    "practised": "practiced",
}
# Suffix rules, applied in order to words of at least five letters: (ending, replacement).
_SUFFIXES = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("ise", "ize"),
    ("ysing", "yzing"),
    ("ysed", "yzed"),
    ("yse", "yze"),
    ("elling", "eling"),
    ("elled", "eled"),
    ("ellers", "elers"),
    ("eller", "eler"),
    ("ogues", "ogs"),
    ("ogue", "og"),
    ("ourable", "orable"),
    ("ourite", "orite"),
    ("ouring", "oring"),
    ("oured", "ored"),
    ("ours", "ors"),
    ("our", "or"),
)
_RE_ENDING = re.compile(r"([^aeiouy])re(s?)$")  # centre, theatre, fibres (not "there", "more")


@lru_cache(maxsize=1 << 16)  # a book's words are far fewer than its tokens
def fold_spelling(word: str) -> str:
    """One form for a word's British and American spellings (a lower-case word, no hyphens).

    Applied to both texts alike, so a fold that also joins two different words ("smelled" and
    "smeled") costs nothing: no text holds the second.
    """
    if word in _WORDS:
        return _WORDS[word]
    if len(word) < 5:
        return word
    for ending, replacement in _SUFFIXES:
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    return _RE_ENDING.sub(r"\1er\2", word)


def copy_words(paragraphs: Iterable[str]) -> list[str]:
    """An article's words as copies are compared: normalised and folded, all paragraphs in one run."""
    return words_for_copies(paragraph_words(paragraphs))


def words_for_copies(words: Words) -> list[str]:
    """The words :mod:`.reuse` reads (the book keeps them), as copies are compared: spellings
    folded, and a dotted acronym, there a run of single letters ("u", "s"), joined ("us"), as it is
    written without its dots ("US"); "a" and "i", words of their own, are never joined."""
    found: list[str] = []
    letters: list[str] = []
    for word in words.words:
        if len(word) == 1 and word not in ("a", "i") and word.isalpha():
            letters.append(word)
            continue
        if letters:
            found.append("".join(letters) if len(letters) > 1 else letters[0])
            letters = []
        found.append(fold_spelling(word))
    if letters:
        found.append("".join(letters) if len(letters) > 1 else letters[0])
    return found


def shingles(words: Sequence[str], size: int = SHINGLE) -> set[int]:
    """The distinct shingles of a run of words, by hash (a text shorter than one shingle has one)."""
    if len(words) < size:
        return {hash(tuple(words))} if words else set()
    return {hash(tuple(words[i : i + size])) for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Containment:
    """Two articles' shingles in common, and how much of each stands in the other."""

    a: str
    b: str
    shared: int  # shingles both hold
    a_shingles: int
    b_shingles: int

    @property
    def a_in_b(self) -> float:
        return self.shared / self.a_shingles if self.a_shingles else 0.0

    @property
    def b_in_a(self) -> float:
        return self.shared / self.b_shingles if self.b_shingles else 0.0

    @property
    def most(self) -> float:
        """The larger containment: how much of the more contained article stands in the other."""
        return max(self.a_in_b, self.b_in_a)

    def of(self, stem: str) -> float:
        """How much of ``stem``'s text (one of the two) stands in the other."""
        return self.a_in_b if stem == self.a else self.b_in_a


def containments(texts: Sequence[tuple[str, Sequence[str]]], size: int = SHINGLE) -> list[Containment]:
    """Every pair of articles that share a shingle, with their containments; in the given order.

    ``texts`` are (stem, :func:`copy_words`) in the book's order.  One inverted index of
    shingles; pairs are counted only for shingles 2 to :data:`MAX_HOLDERS` articles hold.
    """
    sets = [shingles(words, size) for _, words in texts]
    # the first article that holds each shingle, and the others only for the few shingles that
    # more than one holds: most of a book's shingles stand in one article alone
    first: dict[int, int] = {}
    holders: dict[int, list[int]] = {}
    for number, found in enumerate(sets):
        for shingle in found:
            holder = first.setdefault(shingle, number)
            if holder != number:
                holders.setdefault(shingle, [holder]).append(number)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for numbers in holders.values():
        if len(numbers) <= MAX_HOLDERS:
            for x in range(len(numbers)):
                for y in range(x + 1, len(numbers)):
                    shared[(numbers[x], numbers[y])] += 1
    return [
        Containment(texts[a][0], texts[b][0], count, len(sets[a]), len(sets[b]))
        for (a, b), count in sorted(shared.items())
    ]


@dataclass(frozen=True)
class Copy:
    """An article found to be a copy of another: how much of its text stands in the original,
    and how much of the original's stands in it."""

    copy: str
    original: str
    share: float  # of the copy's text, in the original
    original_share: float  # of the original's text, in the copy


def _earlier(first: tuple[str | None, int], second: tuple[str | None, int]) -> bool:
    """Whether an article (date, place in the book) comes before another: by date where both
    dates tell (compared to the precision both have), else by place."""
    (date_a, place_a), (date_b, place_b) = first, second
    if date_a and date_b:
        common = min(len(date_a), len(date_b))
        if date_a[:common] != date_b[:common]:
            return date_a[:common] < date_b[:common]
    return place_a < place_b


def find_copies(
    articles: Sequence[tuple[str, str | None]],
    pairs: Iterable[Containment],
    threshold: float = COPY_THRESHOLD,
) -> list[Copy]:
    """The copies among ``articles`` ((stem, date) in the book's order), from their
    :func:`containments`.

    Pairs whose containment reaches ``threshold`` join a group; each group's original is its
    earliest article, and every other member is a copy of it.  Sorted by the copy's place.
    """
    stems = [stem for stem, _ in articles]
    place = {stem: i for i, stem in enumerate(stems)}
    by_pair = {(pair.a, pair.b): pair for pair in pairs}
    parent = list(range(len(stems)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for pair in by_pair.values():
        if pair.most >= threshold and pair.a in place and pair.b in place:
            a, b = root(place[pair.a]), root(place[pair.b])
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(stems)):
        groups[root(i)].append(i)
    copies = []
    for members in groups.values():
        if len(members) < 2:
            continue
        original = members[0]
        for i in members[1:]:
            if _earlier((articles[i][1], i), (articles[original][1], original)):
                original = i
        for i in members:
            if i == original:
                continue
            pair = by_pair.get((stems[min(i, original)], stems[max(i, original)]))
            share = pair.of(stems[i]) if pair else 0.0
            back = pair.of(stems[original]) if pair else 0.0
            copies.append(Copy(stems[i], stems[original], share, back))
    return sorted(copies, key=lambda c: place[c.copy])


def article_containments(stems: Sequence[str], words: Sequence[Words]) -> list[Containment]:
    """:func:`containments` of articles' cleaned texts, from their :func:`.reuse.article_words`
    (their captions left out: a copy may drop a photo and its caption), in the given order."""
    return containments([(stem, words_for_copies(found)) for stem, found in zip(stems, words, strict=True)])


def text_containments(articles: Sequence) -> list[Containment]:
    """:func:`article_containments` of cleaned articles, their words read here."""
    return article_containments([a.stem for a in articles], [article_words(a) for a in articles])

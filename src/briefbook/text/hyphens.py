"""Words split at a line end: whether the hyphen is the word's own or only the layout's.

A hard-wrapped text breaks words at line ends ("informa-" / "tion") and also
breaks lines after real hyphens ("military-to-" / "military").
:func:`keeps_hyphen` decides which is which from the article's own words (its
:class:`Vocabulary`) and a few lists of English word parts;
:func:`join_wrapped_lines` joins a paragraph's lines accordingly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def ends_in_split(text: str) -> bool:
    """The line ends in a hyphen right after a letter ("informa-", "military-to-")."""
    return len(text) >= 2 and text[-1] == "-" and text[-2].isalpha()


_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_LEADING_WORD_RE = re.compile(r"[^\W\d_]+")
# Left halves that keep their hyphen before any ordinary word ("self-defence",
# "well-known", "mid-level", "non-state", "two-year"): compounds, not splits.
COMPOUND_HEADS = frozenset(
    """self well ex half all cross full high low long short mid non much ill far best worst vice
    one two three four five six seven eight nine ten twenty thirty forty fifty hundred
    first second third""".split()
)
# Left halves that close up with what follows ("some-thing", "with-out",
# "in-formation", "be-cause"): a hyphen after them at a line end is a split.
CLOSED_COMPOUND_HEADS = frozenset(
    """some any every no with there where here what when how who for to in out under over up
    down back through be fore after al""".split()
)
# Second halves that mostly come after a hyphen ("Russian-speaking",
# "Kremlin-backed", "state-run", "Soviet-era"): compounds, not splits.
COMPOUND_TAILS = frozenset(
    """speaking based led backed owned run made born era style held controlled occupied aligned
    leaning friendly funded sponsored oriented centred centered level scale term wide free like
    related linked bound type class ready designed built language""".split()
)
# Second halves that are endings, never words of a compound ("short-age",
# "high-ly", "self-ish", "informa-tion"): the hyphen was a split.
SUFFIXES = frozenset(
    """ly er ers est ed ing ings ish ness ment ments ful less ship age ages al ally ance ence ity
    ities ous tion tions sion sions ive ism ist ists ize ise able ible""".split()
)


@dataclass(frozen=True)
class Vocabulary:
    """Words and hyphenated compounds of one article, not counting the halves split at line ends."""

    words: frozenset[str]  # lower case
    cased: frozenset[str]  # as written (for names)
    compounds: frozenset[str]  # lower case, e.g. "military-to-military"


def _without_split_halves(texts: Sequence[str]) -> Iterable[str]:
    """The lines of a block with the two halves of each word split at a line end cut out."""
    split_before = False
    for index, text in enumerate(texts):
        split_after = index + 1 < len(texts) and ends_in_split(text)
        if split_before:
            text = text.split(None, 1)[1] if " " in text else ""
        if split_after:
            text = text.rsplit(None, 1)[0] if " " in text else ""
        yield text
        split_before = split_after


def build_vocabulary(blocks: Iterable[Sequence[str]]) -> Vocabulary:
    """Collect the article's words, skipping the fragments around a hyphen at a line end.

    The halves of a split word are not words ("informa", "tion"), so they are
    cut out before the text is tokenised; each distinct token is then looked
    at once, so the cost is about one regex scan of the text.
    """
    text = "\n".join(piece for texts in blocks for piece in _without_split_halves(texts))
    words: set[str] = set()
    cased: set[str] = set()
    compounds: set[str] = set()
    for token in set(_TOKEN_RE.findall(text)):
        parts = token.split("-")
        if len(parts) > 1:
            compounds.add(token.lower())
        cased.update(parts)
    words = {part.lower() for part in cased}
    return Vocabulary(frozenset(words), frozenset(cased), frozenset(compounds))


def keeps_hyphen(left_token: str, right_word: str, vocabulary: Vocabulary) -> bool:
    """Whether "left-" at a line end + "right" on the next line is a real hyphen.

    ``left_token`` is the whole token before the break without its final
    hyphen ("military-to", "Russian", "informa"); ``right_word`` the letters
    the next line starts with (may be empty).  The first rule that applies decides:

    1. the next line does not start with a lowercase letter ("mid-" "2021",
       "anti-" "NATO"): the second half of a split word is never capitalised: keep;
    2. the token is already a compound ("military-to-" "military"): keep;
    3. the article writes the hyphenated form elsewhere: keep; the closed-up
       form elsewhere: remove (the article is its own best dictionary);
    4. the second half is an ending ("short-" "age", "informa-" "tion"): remove;
    5. the first half is a capitalised name the article uses on its own
       ("Russian-" "speaking"): keep ("Wash-" "ington": "Wash" is not: remove);
    6. the first half usually closes up ("some-" "thing", "in-" "formation"): remove;
    7. the first half usually makes compounds ("well-" "known", "self-" "defence"),
       or the second half usually follows a hyphen ("-speaking", "-backed", "-era"): keep;
    8. both halves are words the article uses, of 3+ letters each ("post-" "war"): keep;
    9. otherwise it is an ordinary word split by the layout: remove the hyphen.

    Without a dictionary some cases stay wrong either way; rules 1-3 settle
    most real ones, and a wrong guess only ever adds or drops one hyphen.
    """
    if not right_word or not right_word[0].islower():
        return True
    if "-" in left_token:
        return True
    left, lower_left, lower_right = left_token, left_token.lower(), right_word.lower()
    if f"{lower_left}-{lower_right}" in vocabulary.compounds:
        return True
    if f"{lower_left}{lower_right}" in vocabulary.words:
        return False
    if lower_right in SUFFIXES:
        return False
    if left[:1].isupper() and left in vocabulary.cased:
        return True
    if lower_left in CLOSED_COMPOUND_HEADS:
        return False
    if lower_left in COMPOUND_HEADS or lower_right in COMPOUND_TAILS:
        return True
    return (
        len(lower_left) >= 3
        and len(lower_right) >= 3
        and lower_left in vocabulary.words
        and lower_right in vocabulary.words
    )


def join_wrapped_lines(texts: Sequence[str], vocabulary: Vocabulary) -> str:
    """Join hard-wrapped lines of one paragraph.

    Lines are joined with one space, except after a hyphen that ends a line
    right after a letter: then the lines close up, keeping the hyphen or
    dropping it as :func:`keeps_hyphen` decides.  Built with one ``join``, so
    the cost is linear in the paragraph's length.
    """
    parts: list[str] = []
    for index, text in enumerate(texts):
        if index and parts:
            previous = parts[-1]
            if ends_in_split(previous):
                token = previous.rsplit(None, 1)[-1][:-1]
                token = token.lstrip("\"'“‘(«[")
                right = _LEADING_WORD_RE.match(text)
                if not keeps_hyphen(token, right.group() if right else "", vocabulary):
                    parts[-1] = previous[:-1]
            else:
                parts.append(" ")
        parts.append(text)
    return "".join(parts)

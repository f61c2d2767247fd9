"""Candidate glossary terms: names and acronyms an article uses that the glossary lacks.

For ``briefbook check`` and ``briefbook add``: acronyms count from their first
occurrence, multi-word capitalised names once they recur; what the glossary
already matches, URLs and lines in capitals are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .termmatch import TermMatcher, url_spans

# ---------------------------------------------------------------- candidate terms

_TOKEN = re.compile(r"\S+")
_LEAD_PUNCT = "\"'“‘«([{—–-*•"
_TAIL_PUNCT = "\"'”’»)]}:;,!?—–-*•"
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&]*[A-Z0-9]|(?:[A-Z]\.){2,})$")
_ROMAN = re.compile(r"^(?=[IVXLCDM]{2,}$)M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_CONNECTORS = {"of", "the", "for", "de", "del", "der", "von", "van", "al", "bin", "la", "le", "du"}
_ABBREVIATIONS = {
    "Gen.",
    "Lt.",
    "Col.",
    "Maj.",
    "Capt.",
    "Sgt.",
    "Adm.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "St.",
    "Feb.",
    "Jan.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Gov.",
    "Sen.",
    "Rep.",
    "Prof.",
    "No.",
    "Jr.",
    "Sr.",
    "vs.",
}
# Words that make up titles and nationalities, not names, when they stand alone.
_GENERIC = {
    "president",
    "prime",
    "minister",
    "general",
    "gen.",
    "lieutenant",
    "colonel",
    "commander",
    "chief",
    "secretary",
    "staff",
    "sgt.",
    "sergeant",
    "major",
    "captain",
    "admiral",
    "deputy",
    "russian",
    "ukrainian",
    "american",
    "soviet",
    "polish",
    "european",
    "german",
    "british",
    "french",
    "chinese",
    "senior",
    "former",
    "related",
    "article",
    "photo",
    "defense",
    "defence",
    "foreign",
    "official",
    "officials",
    "u.s.",
    "us",
    "mr.",
    "ms.",
    "dr.",
}
# Common sentence openers, so "The" or "Despite" at the start of a sentence is no name.
_SENTENCE_STARTERS = {
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "although",
    "despite",
    "after",
    "before",
    "during",
    "as",
    "for",
    "with",
    "without",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "our",
    "his",
    "her",
    "their",
    "meanwhile",
    "however",
    "of",
    "whether",
    "so",
    "yet",
    "then",
    "since",
    "under",
    "one",
    "two",
    "both",
    "even",
    "also",
    "still",
    "what",
    "who",
    "why",
    "how",
    "there",
    "here",
    "some",
    "many",
    "most",
    "all",
    "any",
    "each",
    "every",
    "according",
    "from",
    "to",
    "by",
    "not",
    "no",
    "nor",
    "only",
    "just",
    "than",
    "be",
    "is",
    "are",
    "was",
    "were",
}


@dataclass(frozen=True)
class _Token:
    text: str  # stripped of surrounding punctuation and possessive 's
    start: int
    end: int
    sentence_start: bool
    breaks_after: bool  # punctuation after it ends a name (comma, colon, quote, full stop)


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'S", "’S"):
        if word.endswith(suffix) and len(word) > 2:
            return word[: -len(suffix)]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word


def _tokens(paragraph: str) -> list[_Token]:
    """Words with surrounding punctuation and possessives removed, and where sentences start."""
    tokens: list[_Token] = []
    sentence_start = True
    for raw in _TOKEN.finditer(paragraph):
        word = raw.group()
        lead = len(word) - len(word.lstrip(_LEAD_PUNCT))
        core = word[lead:].rstrip(_TAIL_PUNCT)
        tail_punct = word[lead + len(core) :]
        ends_sentence = any(c in ".!?" for c in tail_punct)
        if core.endswith(".") and core not in _ABBREVIATIONS and not _ACRONYM.match(core):
            if not re.fullmatch(r"[A-Z]\.", core):  # keep an initial such as "G."
                core = core.rstrip(".")
                ends_sentence = True
        bare = _strip_possessive(core)
        start = raw.start() + lead
        if bare:
            tokens.append(
                _Token(
                    bare,
                    start,
                    start + len(bare),
                    sentence_start,
                    breaks_after=bool(tail_punct) or ends_sentence or bare != core,
                )
            )
        sentence_start = ends_sentence or word.endswith(":")
    return tokens


def _is_shouting(paragraph: str) -> bool:
    """A line in capitals ("JOIN THE MOVEMENT") is layout, not acronyms."""
    letters = [c for c in paragraph if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _covered(token: _Token, spans: list[tuple[int, int]]) -> bool:
    return any(s < token.end and token.start < e for s, e in spans)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not _ACRONYM.match(word)


def _names_in(tokens: list[_Token], lowercase_words: set[str]) -> Iterable[str]:
    """Runs of capitalised words (with "of", "the" ... inside), minus sentence openers."""
    run: list[_Token] = []

    def flush() -> Iterable[str]:
        while run and run[-1].text in _CONNECTORS:
            run.pop()
        words = [t.text for t in run]
        run.clear()
        if len([w for w in words if w not in _CONNECTORS]) >= 2 and not all(
            w.lower() in _GENERIC or w in _CONNECTORS for w in words
        ):
            yield " ".join(words)

    for token in tokens:
        word = token.text
        if _capitalised(word):
            if (
                not run
                and token.sentence_start
                and (word.lower() in _SENTENCE_STARTERS or word.lower() in lowercase_words)
            ):
                pass  # an ordinary word that opens a sentence
            else:
                run.append(token)
        elif word in _CONNECTORS and run:
            run.append(token)
        else:
            yield from flush()
            continue
        if token.breaks_after:
            yield from flush()
    yield from flush()


class Interrupted(Exception):
    """The search for candidates was given up: its caller had more urgent work."""


def candidate_terms(
    paragraphs: Sequence[str], matcher: TermMatcher, give_up: Callable[[], bool] | None = None
) -> list[tuple[str, int]]:
    """Acronyms and recurring capitalised names not yet in the glossary, with counts.

    Acronyms (two or more capitals, "U.S."-style included) count from their
    first occurrence; multi-word names only when they occur at least twice.
    Text already matched by the glossary, URLs and all-capitals layout lines
    are ignored.  Sorted by count (most first), then alphabetically.
    ``give_up``, if given, is asked every few paragraphs; when it says so,
    :class:`Interrupted` is raised (the live preview's next build is waiting).
    """
    lowercase_words = {w for p in paragraphs for w in re.findall(r"\b[^\W\d_]+\b", p) if w.islower()}
    acronyms: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for number, paragraph in enumerate(paragraphs):
        if give_up is not None and number % 64 == 0 and give_up():
            raise Interrupted
        if _is_shouting(paragraph):
            continue
        covered = [(m.start, m.end) for m in matcher.find(paragraph)] + url_spans(paragraph)
        kept = []
        for token in _tokens(paragraph):
            if _covered(token, covered):
                # a glossary term breaks a name run: "Trump" in "President Donald Trump"
                kept.append(_Token("", token.start, token.end, False, True))
                continue
            if _ACRONYM.match(token.text) and not _ROMAN.match(token.text):
                acronyms[token.text] += 1
            kept.append(token)
        names.update(_names_in(kept, lowercase_words))
    result = list(acronyms.items()) + [(n, c) for n, c in names.items() if c >= 2]
    return sorted(result, key=lambda item: (-item[1], item[0]))

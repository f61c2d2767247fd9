"""Estimative language, as ICD 203 asks analysts to write it: likelihood in its seven terms.

Intelligence Community Directive 203 ("Analytic Standards") gives two rows of terms for the
likelihood of an event or development, each term standing for a band of probability:

    almost no chance   very unlikely       unlikely              roughly even chance  likely                very likely       almost certain(ly)
    remote             highly improbable   improbable (-bly)     roughly even odds    probable (probably)   highly probable   nearly certain
    01-05 %            05-20 %             20-45 %               45-55 %              55-80 %               80-95 %           95-99 %

The book keeps to the first row, the seven terms its reading guide explains (so a reader meets
one word for each band), and ICD 203 forbids putting a confidence level ("high confidence") and a
degree of likelihood in the same sentence, since the one judges the evidence and the other the
event.  :func:`estimative_findings` reads a judgment's text for what departs from that: a
likelihood word outside the table ("might well", "perhaps", "in all likelihood"), a term of the
second row ("probably", "highly improbable"; the finding names the first row's term for its band),
and a likelihood beside a confidence level.  "Remote" is read as a likelihood only before
"chance", "possibility" or "prospect", as "a remote chance": "a remote outpost" says nothing of
likelihood.  It says where each stands, and the caller decides how to report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Likelihood:
    """One band of ICD 203's scale: its terms in the first and the second row, and its range."""

    first: tuple[str, ...]
    second: tuple[str, ...]
    low: int  # per cent
    high: int


SCALE: tuple[Likelihood, ...] = (
    Likelihood(("almost no chance",), ("remote",), 1, 5),
    Likelihood(("very unlikely",), ("highly improbable",), 5, 20),
    Likelihood(("unlikely",), ("improbable", "improbably"), 20, 45),
    Likelihood(("roughly even chance",), ("roughly even odds",), 45, 55),
    Likelihood(("likely",), ("probable", "probably"), 55, 80),
    Likelihood(("very likely",), ("highly probable",), 80, 95),
    Likelihood(("almost certain", "almost certainly"), ("nearly certain",), 95, 99),
)

# Words that state a likelihood without saying which band: each asks the reader to guess.
# A curated list, kept short so that it flags hedges, not ordinary modal verbs ("may", "could").
UNSTANDARD: tuple[str, ...] = (
    "in all likelihood",
    "more likely than not",
    "most likely",
    "highly likely",
    "quite likely",
    "fairly likely",
    "might well",
    "may well",
    "could well",
    "a real possibility",
    "a good chance",
    "a fair chance",
    "a real chance",
    "chances are",
    "odds are",
    "possibly",
    "perhaps",
    "maybe",
    "conceivably",
    "presumably",
    "plausibly",
    "doubtless",
    "certainly",
    "surely",
    "doubtful",
)

CONFIDENCE = re.compile(r"\b(?:high|moderate|medium|low)(?:-|\s+)confidence\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """Something in a judgment's text that departs from ICD 203's estimative language."""

    kind: str  # "unstandard", "second-row" or "confidence"
    words: str  # as written in the text
    offset: int  # where the words start in the text
    message: str


# Row terms that are ordinary words too: a likelihood only before the noun it qualifies.
_ONLY_BEFORE = {"remote": r"(?=\s+(?:chance|possibility|prospect)s?\b)"}


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    # longest first, so "very likely" is one term and not "likely" inside it
    ordered = sorted(phrases, key=len, reverse=True)
    spelled = "|".join(
        r"\s+".join(map(re.escape, phrase.split())) + _ONLY_BEFORE.get(phrase, "") for phrase in ordered
    )
    return re.compile(rf"(?<![\w-])(?:{spelled})(?![\w-])", re.IGNORECASE)


_ROW_OF = {
    term: (row, band)
    for band in SCALE
    for row, terms in ((1, band.first), (2, band.second))
    for term in terms
}
_TERMS = _pattern(list(_ROW_OF))
_UNSTANDARD = _pattern(list(UNSTANDARD))
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+")
# A claim's credibility named in words ("credibility 4, doubtful", "credibility 5 (improbable)")
# grades the information, as the reading guide's second scale does: not a likelihood of the judgment's.
_GRADE_BEFORE = re.compile(r"credibility\s+[1-6]\s*[,:(]?\s*$", re.IGNORECASE)


def _names_a_grade(text: str, start: int) -> bool:
    return _GRADE_BEFORE.search(text, max(0, start - 24), start) is not None


def band_of(term: str) -> Likelihood | None:
    """The band an ICD 203 term stands for (any case, any spacing), or None."""
    found = _ROW_OF.get(" ".join(term.lower().split()))
    return found[1] if found else None


def _sentences(text: str) -> list[tuple[int, str]]:
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    ends = [*starts[1:], len(text)]
    return [(start, text[start:end]) for start, end in zip(starts, ends, strict=True)]


def _within(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies inside one of ``others`` (and is not that one)."""
    return any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in others)


def estimative_findings(text: str) -> list[Finding]:
    """What in ``text`` departs from ICD 203's estimative language, in the order it stands."""
    findings: list[Finding] = []
    found = [(m.start(), m.end()) for m in _TERMS.finditer(text)]
    # "certainly" inside "almost certainly" is the term; "likely" inside "most likely" is the hedge
    hedges = [
        m
        for m in _UNSTANDARD.finditer(text)
        if not _within((m.start(), m.end()), found) and not _names_a_grade(text, m.start())
    ]
    spans = [(m.start(), m.end()) for m in hedges]
    terms = [
        (start, text[start:end])
        for start, end in found
        if not _within((start, end), spans) and not _names_a_grade(text, start)
    ]
    for match in hedges:
        words = " ".join(match.group().split())
        message = (
            f"“{words}” states a likelihood outside ICD 203's terms; say which band "
            "(almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, "
            "almost certain), or state the fact without a likelihood"
        )
        findings.append(Finding("unstandard", words, match.start(), message))
    for start, words in terms:
        row, band = _ROW_OF[" ".join(words.lower().split())]
        if row == 2:
            message = (
                f"“{words}” is ICD 203's second-row word for “{band.first[0]}” ({band.low}–{band.high} %); "
                f"the book keeps to the first row, which its reading guide explains: write “{band.first[0]}”"
            )
            findings.append(Finding("second-row", words, start, message))
    for start, sentence in _sentences(text):
        confidence = CONFIDENCE.search(sentence)
        if not confidence:
            continue
        likely = _TERMS.search(sentence) or _UNSTANDARD.search(sentence)
        if likely:
            message = (
                f"“{' '.join(confidence.group().split())}” and “{' '.join(likely.group().split())}” "
                "in one sentence: ICD 203 keeps a confidence level (about the evidence) and a likelihood "
                "(about the event) in separate sentences"
            )
            findings.append(Finding("confidence", likely.group(), start + likely.start(), message))
    return sorted(findings, key=lambda f: f.offset)

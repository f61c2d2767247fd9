"""The front page and the key judgments held to what the book holds: the counts they give beside
a claim, and the words they quote.

An editorial review of the seeds book (issue 29) found the class of error a reader trusts least:
the book contradicting itself.  Two kinds of it a machine can catch in the editor's prose:

- **counts** ("all five sources", "four sources", "three sources agree", "only the newsletter")
  beside the claims the same paragraph or judgment cites, checked against those claims' standing:
  how many independent sources support, qualify or contradict each (or all of them together), how
  many independent origins ("agree", "confirm", "independent" count origins, not reports), and
  which source stands alone;
- **quotations**: words in quotation marks must stand in an article of the book (its text, its
  caption or the lines cleaning removed), unless the sentence links to where they come from.

Each finding is a warning at its ``file:line``; :mod:`.samedate` checks dates the same way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..editorial.prose import Prose, page_paragraphs, read_prose
from ..errors import Code, Problem
from ..normalise import fold_case, term_chars
from .judgmentcheck import cited_claims
from .labels import source_label
from .model import Book
from .standing import in_words

# How prose names a source by its kind ("the newsletter"): it names one where one source alone is of it.
KIND_WORDS = {
    "newsletter": "newsletter",
    "opinion": "opinion piece",
    "analysis": "analysis",
    "news": "news report",
}
_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
NUMBER = r"(?:" + "|".join(_WORDS) + r"|[1-9][0-9]?)"
_NOUN = r"(?:news\s+)?(?:sources|reports|articles|outlets)"
_ONE_NOUN = r"(?:news\s+)?(?:source|report|article|outlet)"
_VERB = r"(?:report|say|trace|quote|agree|name|give|date|carry|cite|mention|describe)s?"
_ALL = re.compile(
    rf"\b(?:all\s+(?:of\s+)?(?:the\s+)?(?P<n>{NUMBER})\s+(?:(?:of\s+the\s+)?(?:independent\s+)?{_NOUN}\b|(?={_VERB}\b|[,.;:)]))"
    rf"|all\s+(?:of\s+)?the\s+{_NOUN}\b|every\s+{_ONE_NOUN}\b)",
    re.IGNORECASE,
)
_COUNT = re.compile(
    rf"(?<!all )(?<!all of )(?<!all the )\b(?P<n>{NUMBER})\s+(?:of\s+the\s+(?:{NUMBER}\s+)?)?"
    rf"(?P<independent>independent\s+)?(?:{_NOUN}|{_ONE_NOUN})\b"
    rf"(?P<agree>(?:\s+\w+){{0,2}}?\s+(?:agree|confirm|corroborate|concur)\w*)?",
    re.IGNORECASE,
)
_CONFIRMED_BY = re.compile(
    rf"\b(?:confirmed|corroborated)\s+by\s+(?P<n>{NUMBER})\s+(?:independent\s+)?{_NOUN}\b", re.IGNORECASE
)
# "the book's five sources", "the five sources in the book": a count of the book's sources
_BOOK_WIDE = re.compile(r"(?:the\s+book['’]s\s+$)|(?:^\s+(?:in|of)\s+the\s+book\b)", re.IGNORECASE)
_ONLY = re.compile(r"\bonly\b", re.IGNORECASE)
_ALONE = re.compile(r"\balone\b", re.IGNORECASE)
_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_PIECE_BREAK = re.compile(r"\s*(?:…|\.\.\.|\[[^\]]*\])\s*")


def number(words: str) -> int:
    words = words.lower()
    return _WORDS.index(words) + 1 if words in _WORDS else int(words)


@dataclass(frozen=True)
class Scope:
    """A piece of the editor's prose and the claims it cites: a judgment, or a paragraph of the
    front page; ``line`` gives the file line of an offset of ``prose.text``."""

    path: str
    prose: Prose
    claims: tuple[str, ...]
    line: Callable[[int], int]


# --------------------------------------------------------------------- where the prose is


def front_page_scopes(book: Book, front_page: Path) -> list[Scope]:
    """Each paragraph and list item of the front page, with the claims it cites."""
    if not front_page.is_file():
        return []
    page = front_page.read_text("utf-8", errors="replace")
    starts = [0, *(m.end() for m in re.finditer("\n", page))]
    scopes = []
    for start, text in page_paragraphs(page):
        prose = read_prose(text)
        claims = tuple(dict.fromkeys(c.target for c in prose.citing("claim") if book.claims.get(c.target)))

        def line(offset: int, prose: Prose = prose, start: int = start) -> int:
            return bisect.bisect_right(starts, start + prose.source_offset(offset))

        scopes.append(Scope(str(front_page), prose, claims, line))
    return scopes


def judgment_scopes(book: Book) -> list[Scope]:
    """Each judgment's title, text and caveat, with every claim the judgment cites."""
    if book.judgments is None:
        return []
    scopes = []
    for judgment in book.judgments.judgments:
        claims = tuple(c for c in cited_claims(judgment) if book.claims.get(c))
        for placed in (judgment.title, judgment.text, judgment.caveat):
            if placed is not None:
                prose = read_prose(placed.text)

                def line(offset: int, prose: Prose = prose, placed=placed) -> int:
                    return placed.line_at(prose.source_offset(offset))

                scopes.append(Scope(str(book.judgments.path), prose, claims, line))
    return scopes


# --------------------------------------------------------------------- counts


def _sets(book: Book, claim: str) -> dict[str, set[str]]:
    """A claim's sources by what they do: support, report (support or qualify), contradict, ..."""
    standing = book.standing(claim)
    supports, qualifies, contradicts = (
        set(standing.supports),
        set(standing.qualifies),
        set(standing.contradicts),
    )
    return {
        "support it": supports,
        "report it": supports | qualifies,
        "contradict it": contradicts,
        "qualify it": qualifies,
        "take a stance on it": supports | qualifies | contradicts,
    }


def _origins(book: Book, claim: str) -> set[str]:
    return set(book.standing(claim).origins_supporting)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _outside(spans: list[tuple[int, int]], start: int) -> bool:
    return not any(s <= start < e for s, e in spans)


def _standing_words(book: Book, claims: Iterable[str]) -> str:
    return "; ".join(f"{claim}: {book.standing(claim).counts()}" for claim in claims)


def _labels(book: Book, stems: Iterable[str]) -> str:
    return ", ".join(source_label(book, book.article(s)).split(" ", 1)[0] for s in sorted(stems)) or "none"


def named_source(book: Book, prose: Prose, start: int, end: int) -> str | None:
    """The one source the words between two offsets name: a page of an article, its number
    ("001"), its kind ("the newsletter") where one source alone is of that kind, or its publisher."""
    for cited in prose.citing("doc", start, end):
        stem = cited.target.rstrip("/").rsplit("/", 1)[-1]
        if any(entry.stem == stem for entry in book.articles):
            return book.independent(stem)
    window = fold_case(term_chars(prose.text[start:end]))
    for entry in book.articles:
        digits = re.match(r"\d+", entry.stem)  # the number its file name starts with ("001")
        if digits and re.search(rf"(?<![\w.,]){digits.group()}(?![\w.,])", window):
            return book.independent(entry.stem)
    for kind, words in KIND_WORDS.items():
        if re.search(rf"\b{words}\b", window):
            of_kind = {book.independent(e.stem) for e in book.articles if e.sidecar.kind == kind}
            if len(of_kind) == 1:
                return of_kind.pop()
    for entry in book.articles:
        publisher = entry.sidecar.publisher
        if publisher and fold_case(term_chars(publisher)) in window:
            return book.independent(entry.stem)
    return None


def _count_findings(book: Book, scope: Scope) -> Iterator[tuple[int, str, str]]:
    """(offset, words, what is wrong) for each count that the cited claims do not bear out."""
    text, claims = scope.prose.text, scope.claims
    quoted = _quoted_spans(text)
    sets = {claim: _sets(book, claim) for claim in claims}
    measures = list(next(iter(sets.values())))
    every = {book.independent(entry.stem) for entry in book.articles}
    together = {m: set().union(*(found[m] for found in sets.values())) for m in measures}

    def bears(count: int) -> bool:
        alone = any(len(found[m]) == count for found in sets.values() for m in measures)
        return alone or any(len(together[m]) == count for m in measures)

    def origins_bear(count: int) -> bool:
        alone = any(book.standing(c).support_count == count for c in claims)
        return alone or len(set().union(*(_origins(book, c) for c in claims))) == count

    for match in _ALL.finditer(text):
        if not _outside(quoted, match.start()):
            continue
        said = match.group("n")
        if said and number(said) != len(every):
            yield match.start(), match.group(), f"the book has {in_words(len(every))} sources"
            continue
        if not any(found[m] == every for found in sets.values() for m in measures) and not any(
            together[m] == every for m in measures
        ):
            reporting = together["report it"]
            yield (
                match.start(),
                match.group(),
                f"the claims it cites are reported by {in_words(len(reporting))} of the book's "
                f"{in_words(len(every))} sources ({_labels(book, reporting)}): {_standing_words(book, claims)}",
            )
    for match in [*_COUNT.finditer(text), *_CONFIRMED_BY.finditer(text)]:
        if not _outside(quoted, match.start()):
            continue
        count = number(match.group("n"))
        if _BOOK_WIDE.search(text[max(0, match.start() - 12) : match.start()]) or _BOOK_WIDE.match(
            text[match.end() : match.end() + 16]
        ):
            if count != len(every):
                yield match.start(), match.group(), f"the book has {in_words(len(every))} sources"
            continue
        independent = "independent" in match.groupdict() and match.group("independent")
        agree = match.re is _CONFIRMED_BY or ("agree" in match.groupdict() and match.group("agree"))
        if independent or agree:
            if not origins_bear(count):
                flags = dict.fromkeys(
                    f"{c}: {book.standing(c).one_origin}" for c in claims if book.standing(c).one_origin
                )
                rest = "; ".join(flags) or _standing_words(book, claims)
                yield (
                    match.start(),
                    match.group(),
                    f"sources that agree count as one when they rest on one origin, and no claim it "
                    f"cites has {in_words(count)} independent origins ({rest})",
                )
        elif not bears(count):
            yield (
                match.start(),
                match.group(),
                f"the claims it cites stand on: {_standing_words(book, claims)}",
            )
    for match in [*_ONLY.finditer(text), *_ALONE.finditer(text)]:
        if not _outside(quoted, match.start()):
            continue
        start, end = _beside(text, match)
        source = named_source(book, scope.prose, start, end)
        if source is None:
            continue
        if not any(found[m] == {source} for found in sets.values() for m in measures):
            label = source_label(book, book.article(source))
            words = text[min(start, match.start()) : max(end, match.end())]
            yield (
                min(start, match.start()),
                words,
                f"no claim it cites rests on {label} alone: {_standing_words(book, claims)}",
            )


def _beside(text: str, match: re.Match[str]) -> tuple[int, int]:
    """Where the source "only" or "alone" speaks of must stand: the three words after "only"
    ("only the newsletter (001)"), the three before "alone" ("the newsletter alone")."""
    if match.re is _ONLY:
        after = re.match(r"(?:\s+\S+){1,3}", text[match.end() :])
        return match.end(), match.end() + (after.end() if after else 0)
    before = re.search(r"(?:\S+\s+){1,3}$", text[: match.start()])
    return (before.start() if before else match.start()), match.start()


def count_problems(book: Book, scopes: Iterable[Scope]) -> list[Problem]:
    """Counts beside cited claims that the claims' standing does not bear out."""
    problems = []
    for scope in scopes:
        if not scope.claims:
            continue
        for offset, words, wrong in _count_findings(book, scope):
            message = f"“{' '.join(words.split())}” does not match what the book holds: {wrong}"
            hint = "give the count the claims' standing gives, or cite the claim that bears it out"
            problems.append(Problem(Code.PROSE_COUNT, message, scope.path, scope.line(offset), hint=hint))
    return problems


# --------------------------------------------------------------------- quotations


def _folded(text: str) -> str:
    text = fold_case(term_chars(text)).replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def article_words(book: Book) -> list[str]:
    """Each article's words as a quotation is looked for in them: text, caption, headline and the
    lines cleaning removed, case and quotation marks folded."""
    found = []
    for entry in book.articles:
        article = entry.article
        parts = [*article.paragraphs, article.caption or "", article.headline or "", entry.title]
        parts.append(" ".join(removed.text for removed in article.removed))  # a line may run on
        found.append("\n".join(_folded(part) for part in parts))
    return found


def quote_problems(book: Book, scopes: Iterable[Scope]) -> list[Problem]:
    """Quotations that stand in no article of the book, in a sentence that links to no source."""
    problems: list[Problem] = []
    texts: list[str] | None = None
    for scope in scopes:
        prose = scope.prose
        for start, end in prose.sentences():
            sentence_links = prose.citing("link", start, end)
            for match in _QUOTED.finditer(prose.text, start, end):
                words = match.group(1) or match.group(2)
                pieces = [p.strip(" ,.;:!?'\"") for p in _PIECE_BREAK.split(words)]
                pieces = [_folded(p) for p in pieces if re.search(r"\w", p)]
                if not pieces or sentence_links:
                    continue
                texts = article_words(book) if texts is None else texts
                missing = [p for p in pieces if not any(p in text for text in texts)]
                if missing:
                    message = f"“{' '.join(words.split())}” stands in no article of the book"
                    hint = (
                        "quote a source's own words, or link in the same sentence where the words come from"
                    )
                    problems.append(
                        Problem(Code.PROSE_QUOTE, message, scope.path, scope.line(match.start()), hint=hint)
                    )
    return problems

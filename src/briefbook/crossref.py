"""Cross-references between sources: claims, and passages one source shares with another.

Claims live in ``claims.yaml``; sidecar notes tag passages with a claim and a
stance.  Shared passages are found automatically by text reuse: word shingles
over normalised words, grown into maximal runs, kept only when long enough
and not made of common words alone, so ordinary phrases do not count.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, ProblemsFound
from .models import Article, Span
from .yamlload import LineDict, load_yaml

STANCES = ("supports", "contradicts", "qualifies")
CLAIM_KEYS = ("id", "statement", "date", "category", "note", "label")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    line: int
    date: str | None = None
    category: str | None = None
    note: str | None = None
    label: str | None = None  # a few words for the timeline figure; the statement is in the list below it


@dataclass(frozen=True)
class Claims:
    path: Path
    claims: tuple[Claim, ...]

    def get(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.claims]


def load_claims(path: Path) -> Claims:
    """Load and validate claims.yaml; a missing file means a book without claims."""
    path = Path(path)
    if not path.exists():
        return Claims(path, ())
    data = load_yaml(path) or LineDict()
    problems: list[Problem] = []
    entries = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ProblemsFound(
            [
                Problem(
                    str(path),
                    getattr(data, "line", 1),
                    "expected a top-level key 'claims' with a list of claims",
                )
            ]
        )
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for entry in entries:
        line = getattr(entry, "line", data.line_of("claims"))
        if not isinstance(entry, dict):
            problems.append(Problem(str(path), line, "each claim must be a mapping with id and statement"))
            continue
        for key in entry:
            if key not in CLAIM_KEYS:
                near = difflib.get_close_matches(str(key), CLAIM_KEYS, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                problems.append(
                    Problem(
                        str(path),
                        entry.line_of(key),
                        f"unknown key {key!r} in a claim{hint}; expected one of: {', '.join(CLAIM_KEYS)}",
                        "claims.key",
                    )
                )
        claim_id, statement = entry.get("id"), entry.get("statement")
        if not isinstance(claim_id, str) or not _ID.match(claim_id):
            problems.append(
                Problem(
                    str(path),
                    line,
                    f"claim id {claim_id!r} must be lowercase letters, digits and hyphens",
                    "claims.id",
                )
            )
            continue
        if claim_id in seen:
            problems.append(
                Problem(
                    str(path),
                    line,
                    f"duplicate claim id {claim_id!r} (first at line {seen[claim_id]})",
                    "claims.duplicate",
                )
            )
            continue
        seen[claim_id] = line
        if not isinstance(statement, str) or not statement.strip():
            problems.append(
                Problem(str(path), line, f"claim {claim_id!r} has no statement", "claims.statement")
            )
            continue
        date = entry.get("date")
        if date is not None and (not isinstance(date, str) or not _DATE.match(date)):
            problems.append(
                Problem(
                    str(path),
                    entry.line_of("date"),
                    f"claim {claim_id!r}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                    "claims.date",
                )
            )
            date = None
        label = entry.get("label")
        if label is not None and (not isinstance(label, str) or not label.strip()):
            problems.append(
                Problem(
                    str(path),
                    entry.line_of("label"),
                    f"claim {claim_id!r}: label must be text",
                    "claims.label",
                )
            )
            label = None
        claims.append(
            Claim(
                claim_id,
                " ".join(statement.split()),
                line,
                date,
                entry.get("category"),
                entry.get("note"),
                " ".join(label.split()) if label else None,
            )
        )
    if problems:
        raise ProblemsFound(problems)
    return Claims(path, tuple(claims))


def check_claim_refs(notes, claims: Claims, sidecar_path: Path) -> list[Problem]:
    """Every claim a sidecar note names must exist in claims.yaml."""
    problems = []
    for note in notes:
        if note.claim and claims.get(note.claim) is None:
            near = difflib.get_close_matches(note.claim, claims.ids, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            problems.append(
                Problem(
                    str(sidecar_path),
                    note.line,
                    f"unknown claim {note.claim!r}{hint}; claims are defined in {claims.path.name}",
                    "claims.unknown",
                )
            )
    return problems


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

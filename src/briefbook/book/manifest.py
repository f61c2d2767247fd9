"""An edition's manifest: what the book was at one moment, in a small text file kept with the book.

It records what a reader can see change: each article (its title and a digest of its text), each
editor's note by its stable key (:mod:`.identity`) with its kind, quote, text, basis, claim and
stance, each claim with the sources that report it and their stances, each glossary entry's term
and definition, and the front page.  Its key judgments are prose in ``docs/index.md`` today, so
only a digest of the page's text is recorded: a change shows as "the front page changed", not what
in it changed.  Where the book holds more as data, more is recorded: a claim's ``standing`` (grade
and independent origins) once the book grades claims (``Book.standing``), and ``judgments`` once
key judgments are data (``Book.judgments``); both are read through :func:`claim_standing` and
:func:`key_judgments`, so a book without them writes manifests without them.

The text is JSON, written the same way every time (one field a line, keys in a fixed order), so a
manifest diffs well, two equal books give equal files, and a large book's manifest reads fast (at a
thousand articles, 0.9 s with its check; YAML took 3.7 s).  Its shape is the published schema
``edition.schema.json``; a file that breaks it is reported at its lines.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..editorial.judgments import Judgment
from ..errors import BriefbookError, Code, Problem
from .model import Book

FORMAT = 1


def digest(text: str) -> str:
    """A short digest of a text, to tell whether it changed (not what changed)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class NoteRecord:
    key: str
    kind: str
    quote: str
    note: str
    basis: str | None = None
    claim: str | None = None
    stance: str | None = None
    caption: bool = False  # on the photo caption, not the text


@dataclass(frozen=True)
class ArticleRecord:
    stem: str
    title: str
    text: str  # digest of the cleaned text
    notes: tuple[NoteRecord, ...] = ()


@dataclass(frozen=True)
class Standing:
    """A claim's credibility as the book grades it (the provenance work's ``Book.standing``)."""

    grade: int | None
    origins_supporting: tuple[str, ...] = ()
    origins_contradicting: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimRecord:
    id: str
    statement: str
    sources: tuple[tuple[str, str], ...] = ()  # (article stem, stance), in the book's order
    standing: Standing | None = None  # None: the book does not grade claims (or did not then)

    def same_as(self, other: ClaimRecord) -> bool:
        """The same claim, reported the same way.  A standing is compared only where both have one:
        a book that starts grading its claims has not changed them."""
        if (self.id, self.statement, self.sources) != (other.id, other.statement, other.sources):
            return False
        return self.standing is None or other.standing is None or self.standing == other.standing


@dataclass(frozen=True)
class TermRecord:
    id: str
    term: str
    definition: str


@dataclass(frozen=True)
class JudgmentRecord:
    id: str
    title: str
    text: str
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class Manifest:
    """The book at one edition; ``name``, ``number`` and ``date`` are empty for the book as it is now."""

    articles: tuple[ArticleRecord, ...]
    claims: tuple[ClaimRecord, ...]
    glossary: tuple[TermRecord, ...]
    front_page: str  # digest of the front page's text
    judgments: tuple[JudgmentRecord, ...] = ()
    name: str = ""
    number: int = 0
    date: str = ""
    path: Path | None = field(default=None, compare=False)

    def same_book(self, other: Manifest) -> bool:
        """Whether two manifests record the same book, whatever edition each is."""
        claims = len(self.claims) == len(other.claims) and all(
            a.same_as(b) for a, b in zip(self.claims, other.claims, strict=True)
        )
        return claims and (self.articles, self.glossary, self.front_page, self.judgments) == (
            other.articles,
            other.glossary,
            other.front_page,
            other.judgments,
        )

    def article(self, stem: str) -> ArticleRecord | None:
        return next((a for a in self.articles if a.stem == stem), None)


# --------------------------------------------------------------------- the book as it is now


def claim_standing(book: Book, claim_id: str) -> Standing:
    """A claim's grade and its independent origins for and against (``Book.standing``)."""
    found = book.standing(claim_id)
    return Standing(
        found.grade, tuple(sorted(found.origins_supporting)), tuple(sorted(found.origins_contradicting))
    )


def key_judgments(book: Book) -> tuple[JudgmentRecord, ...]:
    """The front page's key judgments as ``judgments.yaml`` holds them (none without the file); a
    caveat is recorded after the text, as the front page shows it, so changing it alone is a change."""
    if book.judgments is None:
        return ()
    return tuple(
        JudgmentRecord(j.id, j.title.text, _shown_text(j), j.claims) for j in book.judgments.judgments
    )


def _shown_text(judgment: Judgment) -> str:
    text = judgment.text.text if judgment.text else ""
    return f"{text}\n\nCaveat: {judgment.caveat.text}".strip() if judgment.caveat else text


def record_book(book: Book, front_page: str) -> Manifest:
    """The manifest of the book as it is now (no name, number or date yet)."""
    articles = tuple(
        ArticleRecord(
            entry.stem,
            entry.title,
            digest(entry.article.text),
            tuple(
                NoteRecord(
                    n.key,
                    n.note.kind,
                    n.note.quote,
                    n.note.note,
                    n.note.basis,
                    n.note.claim,
                    n.note.stance,
                    n.note.where == "caption",
                )
                for n in entry.notes
            ),
        )
        for entry in book.articles
    )
    claims = tuple(
        ClaimRecord(
            claim.id,
            claim.statement,
            tuple(dict.fromkeys((e.stem, n.note.stance or "") for e, n in book.claim_passages(claim.id))),
            claim_standing(book, claim.id),
        )
        for claim in book.claims.claims
    )
    glossary = tuple(TermRecord(e.id, e.term, " ".join(e.definition.split())) for e in book.glossary.entries)
    return Manifest(articles, claims, glossary, digest(front_page), key_judgments(book))


# --------------------------------------------------------------------- as text

ABOUT = (
    "An edition of this book, written by `briefbook edition`: what the book was at this edition, "
    'compared by its "What\'s new" page. Commit it with the book; do not edit it by hand.'
)


def _note_data(note: NoteRecord) -> dict[str, Any]:
    data: dict[str, Any] = {"key": note.key, "kind": note.kind, "quote": note.quote}
    if note.caption:
        data["in"] = "caption"
    data |= {"note": note.note, "basis": note.basis, "claim": note.claim, "stance": note.stance}
    return data


def _claim_data(claim: ClaimRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": claim.id,
        "statement": claim.statement,
        "sources": [{"article": stem, "stance": stance} for stem, stance in claim.sources],
    }
    if claim.standing is not None:
        data["standing"] = {
            "grade": claim.standing.grade,
            "origins_supporting": list(claim.standing.origins_supporting),
            "origins_contradicting": list(claim.standing.origins_contradicting),
        }
    return data


def manifest_data(manifest: Manifest) -> dict[str, Any]:
    """The manifest as the file holds it; its first keys (``about``, ``format``, ``number``,
    ``date``) stand on the file's first lines, where :func:`read_head` finds them."""
    data: dict[str, Any] = {
        "about": ABOUT,
        "format": FORMAT,
        "number": manifest.number,
        "date": manifest.date,
        "front_page": {"digest": manifest.front_page},
        "articles": [
            {"stem": a.stem, "title": a.title, "text": a.text, "notes": [_note_data(n) for n in a.notes]}
            for a in manifest.articles
        ],
        "claims": [_claim_data(c) for c in manifest.claims],
        "glossary": [{"id": t.id, "term": t.term, "definition": t.definition} for t in manifest.glossary],
    }
    if manifest.judgments:
        data["judgments"] = [
            {"id": j.id, "title": j.title, "text": j.text, "claims": list(j.claims)}
            for j in manifest.judgments
        ]
    return data


def manifest_text(manifest: Manifest) -> str:
    """The manifest as the file holds it: JSON, one field a line (a changed note is a changed line in
    a diff), keys in a fixed order; the same book and edition give the same bytes."""
    return json.dumps(manifest_data(manifest), ensure_ascii=False, indent=1) + "\n"


_HEAD = re.compile(
    r'\A\{\s*"about": "(?:[^"\\]|\\.)*",\s*"format": 1,\s*"number": (\d+),\s*"date": "([0-9-]+)",'
)


def read_head(text: str) -> tuple[int, str] | None:
    """An edition's number and date, from its file's first lines alone (None: not as written)."""
    found = _HEAD.match(text[:1000])
    return (int(found.group(1)), found.group(2)) if found else None


def read_manifest(path: Path, text: str | None = None) -> Manifest:
    """An edition's manifest read and checked against its schema; problems at their lines."""
    from ..editorial.validation import validate
    from ..editorial.yamlload import load_yaml_text

    path = Path(path)
    if text is None:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BriefbookError(Problem(Code.FILE_UNREADABLE, f"cannot read: {exc}", str(path))) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"not the JSON `briefbook edition` writes: {exc.msg}"
        hint = "an edition's manifest is written by briefbook; take it back from the book's history"
        raise BriefbookError(
            Problem(Code.EDITION_FILE, message, str(path), exc.lineno, exc.colno, hint)
        ) from exc
    if validate(data, "edition", path):
        # read again with the lines each value stands on (JSON is YAML), so each problem names one
        raise BriefbookError(validate(load_yaml_text(text, path), "edition", path))
    return Manifest(
        articles=tuple(
            ArticleRecord(
                a["stem"],
                a["title"],
                a["text"],
                tuple(
                    NoteRecord(
                        n["key"],
                        n["kind"],
                        n["quote"],
                        n["note"],
                        n.get("basis"),
                        n.get("claim"),
                        n.get("stance"),
                        n.get("in") == "caption",
                    )
                    for n in a["notes"]
                ),
            )
            for a in data["articles"]
        ),
        claims=tuple(
            ClaimRecord(
                c["id"],
                c["statement"],
                tuple((s["article"], s["stance"]) for s in c["sources"]),
                _standing(c.get("standing")),
            )
            for c in data["claims"]
        ),
        glossary=tuple(TermRecord(t["id"], t["term"], t["definition"]) for t in data["glossary"]),
        front_page=data["front_page"]["digest"],
        judgments=tuple(
            JudgmentRecord(j["id"], j["title"], j["text"], tuple(j["claims"]))
            for j in data.get("judgments", ())
        ),
        name=path.stem,
        number=data["number"],
        date=str(data["date"]),
        path=path,
    )


def _standing(data: dict | None) -> Standing | None:
    if data is None:
        return None
    return Standing(data["grade"], tuple(data["origins_supporting"]), tuple(data["origins_contradicting"]))

"""The record of one run of the generator: what it wrote, and what Sphinx needs of the book.

``briefbook build`` reads and checks the book and writes its pages before it
starts Sphinx; the record it hands over (a JSON file named by an environment
variable) lets the extension skip doing all that a second time in Sphinx's
process.  A module of its own, light to import: with the record, the Sphinx
side never imports the reading pipeline.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem

if TYPE_CHECKING:
    from ..book import Book


# `briefbook build` writes the pages itself, then starts Sphinx with this variable naming the record
# of what it wrote, so the extension does not read and check the whole book a second time.
GENERATED_ENV = "BRIEFBOOK_GENERATED"


@dataclass(frozen=True)
class EditionFacts:
    """What the PDF needs of the book's editions (made by :meth:`.whatsnew.Comparison.facts`)."""

    title_line: str = ""  # the title page's line: "Edition 2 of 12 February 2026" ("": no edition)
    is_edition: bool = False  # the book is that edition (its line stands for the date), not a working copy
    title_note: str = ""  # under it: what the marks in the margin mean ("": nothing is marked)
    since: str = ""  # the name of the edition the book is compared with, when it was named
    update: tuple[str, ...] | None = None  # the update brief's articles (page names), when one is printed
    update_title: str = ""  # the update brief's heading: "What changed since edition 1 of …"

    def as_dict(self) -> dict:
        return {**self.__dict__, "update": list(self.update) if self.update is not None else None}

    @classmethod
    def from_dict(cls, fields: dict) -> EditionFacts:
        update = fields["update"]
        return cls(**{**fields, "update": tuple(update) if update is not None else None})


@dataclass(frozen=True)
class Generated:
    """What one run of the generator wrote, and all the Sphinx side needs of the book it read."""

    seeds: str  # the folders and setting it ran with (resolved paths)
    docs: str
    link_terms: str
    articles: int
    changed: tuple[str, ...]  # pages written or removed, relative to docs
    publishers: tuple[str | None, ...]  # per article, None where the sidecar does not say
    warnings: tuple[Problem, ...]  # problems that do not stop the build, to report there
    edition: EditionFacts = EditionFacts()
    since: str = ""  # the setting it ran with: the edition named to compare with ("": the default)

    @classmethod
    def of(
        cls,
        book: Book,
        docs: Path,
        link_terms: str,
        changed: list[str],
        edition: EditionFacts = EditionFacts(),
        since: str = "",
    ) -> Generated:
        return cls(
            str(Path(book.seeds).resolve()),
            str(Path(docs).resolve()),
            link_terms,
            len(book.articles),
            tuple(changed),
            tuple(entry.sidecar.publisher for entry in book.articles),
            tuple(book.warnings),
            edition,
            since,
        )

    def is_for(self, seeds: Path, docs: Path, link_terms: str, since: str = "") -> bool:
        """Whether it was generated from these seeds into these docs with these settings."""
        return (self.seeds, self.docs, self.link_terms, self.since) == (
            str(Path(seeds).resolve()),
            str(Path(docs).resolve()),
            link_terms,
            since,
        )

    def to_json(self) -> str:
        fields = {
            **self.__dict__,
            "warnings": [p.as_dict() for p in self.warnings],
            "edition": self.edition.as_dict(),
        }
        return json.dumps(fields, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Generated:
        fields = json.loads(text)
        return cls(
            fields["seeds"],
            fields["docs"],
            fields["link_terms"],
            fields["articles"],
            tuple(fields["changed"]),
            tuple(fields["publishers"]),
            tuple(Problem.from_dict(p) for p in fields["warnings"]),
            EditionFacts.from_dict(fields["edition"]),
            fields["since"],
        )


def handed_over(seeds: Path, docs: Path, link_terms: str, since: str = "") -> Generated | None:
    """The record ``briefbook build`` hands to the Sphinx process it starts, if it is for this book."""
    path = os.environ.get(GENERATED_ENV)
    if not path:
        return None
    try:
        record = Generated.from_json(Path(path).read_text("utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return record if record.is_for(seeds, docs, link_terms, since) else None

"""Problems briefbook finds in its user's input, carried as values from where they are found to the user.

Every loader (articles, sidecars, glossary, claims, clutter rules, markup in
notes) returns or raises :class:`Problem` values: the file, the line (and
column where known), a :class:`Code`, a message and a hint.  The command line
prints them, ``check --json`` gives each field, and the Sphinx extension logs
each at ``path:line`` with type ``briefbook`` and the code as subtype, so
``suppress_warnings = ["briefbook.<code>"]`` silences a kind of warning.
Every code is documented in the README ("Problems and their codes").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    """What kind of problem it is; the value is what users see, search for and suppress."""

    # files
    FILE_MISSING = "file.missing"
    FILE_UNREADABLE = "file.unreadable"
    FILE_EXISTS = "file.exists"
    FILE_UNWRITABLE = "file.unwritable"
    FILE_LINK = "file.link"
    FILE_TOO_LARGE = "file.too-large"
    YAML_ENCODING = "yaml.encoding"
    YAML_SYNTAX = "yaml.syntax"
    YAML_LIMIT = "yaml.limit"
    # the book and its articles
    BOOK_NOT_FOUND = "book.not-found"
    BOOK_NOT_EMPTY = "book.not-empty"
    ARTICLE_NOT_TEXT = "article.not-text"
    ARTICLE_EMPTY = "article.empty"
    ARTICLE_DUPLICATE = "article.duplicate"
    ARTICLE_NAME = "article.name"
    SIDECAR_MISSING = "sidecar.missing"
    SIDECAR_ORPHAN = "sidecar.orphan"
    # web pages and addresses given to add
    PAGE_NOT_HTML = "page.not-html"
    PAGE_NO_ARTICLE = "page.no-article"
    FETCH_FAILED = "fetch.failed"
    # what a schema says a file may hold
    SCHEMA_UNKNOWN_KEY = "schema.unknown-key"
    SCHEMA_MISSING_KEY = "schema.missing-key"
    SCHEMA_TYPE = "schema.type"
    SCHEMA_CHOICE = "schema.choice"
    SCHEMA_VALUE = "schema.value"
    DATE_INVALID = "date.invalid"
    RULE_REGEX = "rule.regex"
    # what the schemas cannot say: one entry against the others
    GLOSSARY_DUPLICATE_ID = "glossary.duplicate-id"
    GLOSSARY_DUPLICATE_ALIAS = "glossary.duplicate-alias"
    GLOSSARY_UNKNOWN_RELATED = "glossary.unknown-related"
    GLOSSARY_SELF_RELATED = "glossary.self-related"
    GLOSSARY_ROLE_DATES = "glossary.role-dates"
    CLAIMS_DUPLICATE_ID = "claims.duplicate-id"
    ORIGINS_DUPLICATE_ID = "origins.duplicate-id"
    JUDGMENTS_DUPLICATE_ID = "judgments.duplicate-id"
    # notes anchored to their passages
    ANCHOR_ORPHAN = "anchor.orphan"
    ANCHOR_AMBIGUOUS = "anchor.ambiguous"
    ANCHOR_OCCURRENCE = "anchor.occurrence"
    ANCHOR_CAPTION = "anchor.caption"
    ANCHOR_EMPTY = "anchor.empty"
    NOTE_DUPLICATE = "note.duplicate"
    NOTE_BASIS_PENDING = "note.basis-pending"
    NOTE_CROWDED = "note.crowded"
    ANCHOR_NAME = "anchor.name"
    ANNOTATIONS_INVALID = "annotations.invalid"
    EDIT_READ_BACK = "edit.read-back"
    # the editor's markup
    MARKUP_REFUSED = "markup.refused"
    MARKUP_LINK = "markup.link"
    REF_UNKNOWN_TERM = "ref.unknown-term"
    REF_UNKNOWN_DOC = "ref.unknown-doc"
    REF_UNKNOWN_CLAIM = "ref.unknown-claim"
    REF_UNKNOWN_ORIGIN = "ref.unknown-origin"
    # the key judgments held to ICD 203: estimative language, and evidence cited
    JUDGMENT_ESTIMATIVE = "judgment.estimative"
    JUDGMENT_NO_CLAIM = "judgment.no-claim"
    JUDGMENT_THIN = "judgment.thin-evidence"
    # the book agreeing with itself: counts, quotations and dates against what the book holds
    PROSE_COUNT = "prose.count"
    PROSE_QUOTE = "prose.quote"
    DATE_MISMATCH = "date.mismatch"
    # editions (briefbook edition; the "What's new" page)
    EDITION_NAME = "edition.name"
    EDITION_EXISTS = "edition.exists"
    EDITION_UNCHANGED = "edition.unchanged"
    EDITION_UNKNOWN = "edition.unknown"
    EDITION_NUMBER = "edition.number"
    EDITION_FILE = "edition.file"
    # settings
    CONFIG_VALUE = "config.value"
    OPTION_VALUE = "option.value"
    # a problem that has no code of its own yet
    OTHER = "other"


# Everything else stops the build; these only warn (and so can be silenced).
WARNING_CODES = frozenset(
    {
        Code.SIDECAR_ORPHAN,
        Code.NOTE_DUPLICATE,
        Code.NOTE_BASIS_PENDING,
        Code.JUDGMENT_ESTIMATIVE,
        Code.JUDGMENT_NO_CLAIM,
        Code.JUDGMENT_THIN,
        Code.PROSE_COUNT,
        Code.PROSE_QUOTE,
        Code.DATE_MISMATCH,
    }
)


@dataclass(frozen=True)
class Problem:
    """One problem in the book's inputs: where it is, what kind, what is wrong and how to fix it."""

    code: Code
    message: str
    path: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    hint: str | None = None  # what to do about it, e.g. "did you mean 'news'?"

    @property
    def severity(self) -> str:
        return "warning" if self.code in WARNING_CODES else "error"

    @property
    def location(self) -> str | None:
        """``path:line`` (or the path alone) as editors and Sphinx read it."""
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or None

    @property
    def text(self) -> str:
        """The message with its hint, without the location."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def __str__(self) -> str:
        return f"{self.location}: {self.text}" if self.location else self.text

    def as_dict(self) -> dict:
        """Every field, for ``check --json``."""
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "code": str(self.code),
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }

    @classmethod
    def from_dict(cls, fields: dict) -> Problem:
        """The problem :meth:`as_dict` describes."""
        return cls(
            Code(fields["code"]),
            fields["message"],
            fields["file"],
            fields["line"],
            fields["column"],
            fields["hint"],
        )


def by_place(problems: Iterable[Problem]) -> list[Problem]:
    """Problems of one file in reading order (stable: equal lines keep the order they were found in)."""
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


class BriefbookError(Exception):
    """The user's input is wrong; ``problems`` says everywhere it is, so all can be fixed in one go.

    A plain message is accepted too (it becomes one problem of code ``other``).
    """

    def __init__(self, problems: Problem | str | Iterable[Problem]):
        if isinstance(problems, str):
            problems = [Problem(Code.OTHER, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        # whole, problems and all, when it crosses from a child process (see build.bookpages)
        return (type(self), (self.problems,))


def nearest(word: object, choices: Iterable[object]) -> str | None:
    """The choice closest to a misspelt ``word`` (ignoring case), or None when none is close."""
    originals = {str(c).casefold(): str(c) for c in choices}
    close = difflib.get_close_matches(str(word).casefold(), list(originals), n=1, cutoff=0.6)
    return originals[close[0]] if close else None


def did_you_mean(word: object, choices: Iterable[object]) -> str | None:
    """A hint naming the nearest choice ("did you mean 'news'?"), or None."""
    near = nearest(word, choices)
    return f"did you mean {near!r}?" if near is not None else None

"""The book's editions: cut (``briefbook edition NAME``), listed, and which one the book is compared with.

Each edition is a manifest (:mod:`.manifest`) in ``seeds/editions/<name>.json``, committed with the
book, numbered in the order editions were cut.  The book as it is now is compared with one of them:

- the one named (``briefbook_since`` in conf.py, or ``briefbook build --since NAME``);
- otherwise, when the book is exactly as its latest edition recorded it (the edition has just been
  cut, or nothing changed since), the edition before that one: the book *is* the latest edition,
  and what is new in it is what changed since the one before;
- otherwise the latest edition: the book is a working copy, and what is new is what changed since.

So cutting an edition changes no mark and no page but the ones that name the edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as calendar_date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BriefbookError, Code, Problem, did_you_mean
from ..files import write_if_changed
from .manifest import Manifest, manifest_text, read_head, read_manifest, record_book
from .model import Book

if TYPE_CHECKING:
    from .readcache import ArticleCache

EDITIONS_DIR = "editions"  # in the seeds folder
SUFFIX = ".json"  # an edition's file: <name>.json
FRONT_PAGE = "index.md"  # in the docs folder: the front page, with the bottom line and key judgments
# An edition's name names its file, a PDF and places in the pages: lowercase, digits, '-' and '_'.
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def editions_folder(seeds: Path) -> Path:
    return Path(seeds) / EDITIONS_DIR


def front_page_text(docs: Path) -> str:
    """The front page's text, as the edition records it (empty when the book has none)."""
    try:
        return (Path(docs) / FRONT_PAGE).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


@dataclass(frozen=True)
class EditionFile:
    """An edition as its file's first lines name it; its manifest read only when it is needed."""

    name: str
    number: int
    date: str
    path: Path

    def load(self, cache: ArticleCache | None = None) -> Manifest:
        """The edition's manifest; with a ``cache``, as an earlier run read the same bytes."""
        text = self.path.read_text("utf-8")
        if cache is None:
            return read_manifest(self.path, text)
        return cache.remember(("edition", str(self.path), text), lambda: read_manifest(self.path, text))


def list_editions(seeds: Path) -> list[EditionFile]:
    """The book's editions, in the order they were cut; every problem found in them raised at once.

    Each file's number and date are read from its first lines; a file whose first lines are not as
    ``briefbook edition`` writes them is read whole, so its problems are told at their lines.
    """
    folder = editions_folder(seeds)
    if not folder.is_dir():
        return []
    editions, problems = [], []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            text = path.read_text("utf-8")
            head = read_head(text)
            if head is None:
                manifest = read_manifest(path, text)
                head = (manifest.number, manifest.date)
        except BriefbookError as exc:
            problems.extend(exc.problems)
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(Code.FILE_UNREADABLE, f"cannot read: {exc}", str(path)))
            continue
        editions.append(EditionFile(path.stem, head[0], head[1], path))
    seen: dict[int, EditionFile] = {}
    for edition in sorted(editions, key=lambda e: (e.number, e.name)):
        if edition.number in seen:
            message = (
                f"edition {edition.name!r} has number {edition.number}, as {seen[edition.number].name!r} has"
            )
            hint = "each edition has a number of its own, in the order they were cut"
            problems.append(Problem(Code.EDITION_NUMBER, message, str(edition.path), hint=hint))
        seen.setdefault(edition.number, edition)
    if problems:
        raise BriefbookError(problems)
    return sorted(editions, key=lambda e: e.number)


def read_editions(seeds: Path, cache: ArticleCache | None = None) -> list[Manifest]:
    """Every edition's manifest, in the order they were cut (for listing them all)."""
    return [edition.load(cache) for edition in list_editions(seeds)]


def find_edition(editions: list[EditionFile], name: str, where: str | None = None) -> EditionFile:
    """The edition called ``name``; a problem naming the nearest name when there is none."""
    for edition in editions:
        if edition.name == name:
            return edition
    names = [e.name for e in editions]
    if names:
        hint = did_you_mean(name, names) or f"the book's editions are: {', '.join(names)}"
    else:
        hint = "the book has no edition yet: `briefbook edition NAME` cuts the first"
    raise BriefbookError(Problem(Code.EDITION_UNKNOWN, f"no edition called {name!r}", where, hint=hint))


@dataclass(frozen=True)
class EditionState:
    """Where the book stands among its editions."""

    editions: tuple[EditionFile, ...]
    now: Manifest  # the book as it is now
    latest: Manifest | None  # the latest edition's manifest
    current: Manifest | None  # the edition the book is (None: it changed since its latest edition)
    since: Manifest | None  # the edition it is compared with (None: none to compare with)
    named: bool = False  # whether ``since`` was named (conf.py or the command line)


def edition_state(
    now: Manifest, editions: list[EditionFile], since: str | None = None, cache: ArticleCache | None = None
) -> EditionState:
    """Which edition the book is, and which it is compared with (see the module's docstring).

    Only the manifests that answer it are read: the latest, and the one before it or the one named.
    """
    latest = editions[-1].load(cache) if editions else None
    current = latest if latest is not None and latest.same_book(now) else None

    def load(edition: EditionFile) -> Manifest:
        return latest if latest is not None and edition.name == latest.name else edition.load(cache)

    if since:
        named = load(find_edition(editions, since))
        return EditionState(tuple(editions), now, latest, current, named, named=True)
    if current is not None:
        before = load(editions[-2]) if len(editions) > 1 else None
        return EditionState(tuple(editions), now, latest, current, before)
    return EditionState(tuple(editions), now, latest, None, latest)


def book_state(
    book: Book, docs: Path, since: str | None = None, cache: ArticleCache | None = None
) -> EditionState:
    """The book's editions read, and where the book stands among them."""
    now = record_book(book, front_page_text(docs))
    return edition_state(now, list_editions(book.seeds), since, cache)


# --------------------------------------------------------------------- cutting one


def check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        better = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")[:64] or "1"
        message = f"{name!r} cannot name an edition: use lowercase letters, digits, '-' and '_' (64 at most)"
        raise BriefbookError(Problem(Code.EDITION_NAME, message, hint=f"e.g. {better!r}"))


def check_day(day: str) -> str:
    """A full date (YYYY-MM-DD) that exists."""
    try:
        if not _DAY.fullmatch(day):
            raise ValueError
        calendar_date.fromisoformat(day)
    except ValueError:
        message = f"--date {day!r}: an edition's date is a day, written YYYY-MM-DD"
        raise BriefbookError(Problem(Code.OPTION_VALUE, message)) from None
    return day


def new_edition(state: EditionState, name: str, day: str, folder: Path) -> Manifest:
    """The manifest of a new edition of the book as it is now; refused when it would say nothing new."""
    check_name(name)
    check_day(day)
    path = folder / f"{name}{SUFFIX}"
    taken = {e.name.casefold(): e for e in state.editions}
    if path.exists() or name.casefold() in taken:
        raise BriefbookError(
            Problem(
                Code.EDITION_EXISTS,
                f"the book already has an edition called {name!r}",
                str(path),
                hint="an edition is never replaced; give the new one another name",
            )
        )
    latest = state.latest
    if latest is not None and latest.same_book(state.now):
        message = f"the book is exactly as edition {latest.name!r} ({latest.date}) recorded it"
        hint = "an edition records a change; edit the book first"
        raise BriefbookError(Problem(Code.EDITION_UNCHANGED, message, str(latest.path), hint=hint))
    if latest is not None and day < latest.date:
        message = f"--date {day} is before the latest edition, {latest.name!r} of {latest.date}"
        raise BriefbookError(
            Problem(Code.OPTION_VALUE, message, hint="editions are cut in the order of their dates")
        )
    number = latest.number + 1 if latest is not None else 1
    return Manifest(
        state.now.articles,
        state.now.claims,
        state.now.glossary,
        state.now.front_page,
        state.now.judgments,
        name=name,
        number=number,
        date=day,
        path=path,
    )


def cut_edition(book: Book, docs: Path, name: str, day: str) -> tuple[Manifest, EditionState]:
    """Record the book as it is now as edition ``name`` of ``day``; return it and where the book stood.

    The caller holds the book's lock and has read and checked the book (a book that does not
    check is never recorded).  The file is written whole or not at all.
    """
    state = book_state(book, docs)
    edition = new_edition(state, name, day, editions_folder(book.seeds))
    assert edition.path is not None
    write_if_changed(edition.path, manifest_text(edition))
    return edition, state

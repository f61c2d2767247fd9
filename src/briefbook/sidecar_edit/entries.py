"""Adding, changing and deleting an entry of the glossary, a claim, an origin or a key judgment,
each under the book's lock: the file re-read under it, the entry found by its id (and, for a change, its fingerprint: what the
caller saw), the new text made by :mod:`~briefbook.sidecar_edit.yamltext` (every byte outside the
entry kept), checked as the build checks the book with it, and written all or nothing.

The glossary (``seeds/glossary.yaml``), the claims (``seeds/claims.yaml``) and the origins
(``seeds/origins.yaml``) are the book's own files, named by what they are, never by a path a
caller gives.  The check is the book's
(:mod:`briefbook.book.bookcheck`): the file loads (schema, markup, ids used twice, related entries),
and every reference the book makes to it still finds what it names, so deleting a claim that a
note tags, an origin a note's passage rests on, or a glossary term a note's ``{term}`` names, is
refused, naming where.

The key judgments (``seeds/judgments.yaml``) are held to more: to everything ``briefbook check``
says of the book with the new text in place, its warnings too (ICD 203's estimative language, the
evidence each judgment cites, counts and quotations held to the claims and the articles).  Only
what the new text brings counts, so a judgment left as it was never stops an edit of another.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..book.bookcheck import book_errors, new_errors, review_findings
from ..book.onecheck import book_pages
from ..book.readcache import ArticleCache
from ..editorial.references import hand_written_pages
from ..editorial.yamlload import load_yaml
from ..errors import Code, Problem
from ..locking import BookLock, book_folder_of
from ..names import CLAIMS_FILE, FRONT_PAGE, GLOSSARY_FILE, JUDGMENTS_FILE, ORIGINS_FILE
from .filewrite import EditError, FileEdit, fingerprint, prepare_file, publish_file, relocated, retarget
from .yamltext import ListKind, text_with_item_added, text_with_item_changed, text_without_item


@cache
def schema_keys(schema: str, definition: str) -> tuple[str, ...]:
    """The keys of one kind of entry, in the order its published schema lists them (the order a new
    entry is written in)."""
    text = resources.files("briefbook.editorial").joinpath(f"schema/{schema}.schema.json").read_text("utf-8")
    return tuple(json.loads(text)["$defs"][definition]["properties"])


@dataclass(frozen=True)
class BookList:
    """A list file of the book: where it is in seeds/, how its entries are written, what one is."""

    name: str  # "glossary", "claims", "origins" or "judgments": how requests name it
    file: str
    kind: ListKind
    reviewed: bool = False  # held to what `briefbook check` says of it, warnings too (the judgments)

    def path(self, seeds: Path) -> Path:
        return Path(seeds) / self.file


DATES = ("date", "until", "from", "to")  # written quoted, so YAML never reads them as dates
GLOSSARY = BookList(
    "glossary",
    GLOSSARY_FILE,
    ListKind(
        "terms",
        schema_keys("glossary", "entry"),
        quoted=DATES,
        markup=("definition",),
        inline=("aliases", "related"),
        name="entry",
    ),
)
CLAIMS = BookList(
    "claims",
    CLAIMS_FILE,
    ListKind(
        "claims",
        schema_keys("claims", "claim"),
        quoted=("statement", "label", *DATES),
        markup=("note",),
        name="claim",
    ),
)
ORIGINS = BookList(
    "origins",
    ORIGINS_FILE,
    ListKind(
        "origins",
        schema_keys("origins", "origin"),
        quoted=DATES,
        markup=("note",),
        inline=("names",),
        name="origin",
    ),
)
JUDGMENTS = BookList(
    "judgments",
    JUDGMENTS_FILE,
    ListKind(
        "judgments",
        schema_keys("judgments", "judgment"),
        quoted=("title",),
        markup=("text", "caveat"),
        inline=("claims",),
        name="judgment",
    ),
    reviewed=True,
)
LISTS = {book_list.name: book_list for book_list in (GLOSSARY, CLAIMS, ORIGINS, JUDGMENTS)}


def current_entries(seeds: Path, book_list: BookList) -> list[dict[str, Any]]:
    """The file's entries as they stand in it (plain mappings, in order); none when there is no file."""
    path = book_list.path(seeds)
    if not path.exists():
        return []
    data = load_yaml(path) or {}
    if not isinstance(data, Mapping):
        raise EditError(f"{path}: cannot edit: the file is not a mapping of keys")
    return [_plain(entry) for entry in data.get(book_list.kind.key) or ()]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _find(entries: list[dict[str, Any]], entry_id: str, book_list: BookList, path: Path) -> int:
    found = [i for i, entry in enumerate(entries) if entry.get("id") == entry_id]
    if not found:
        raise EditError(f"{path}: there is no {book_list.kind.name} {entry_id!r}")
    return found[0]


def _checked(
    entries: list[dict[str, Any]], entry_id: str, book_list: BookList, path: Path, seen: str | None
) -> int:
    index = _find(entries, entry_id, book_list, path)
    if seen is not None and fingerprint(entries[index]) != seen:
        raise EditError(
            f"{path}: {book_list.kind.name} {entry_id!r} has changed since it was read; read it again and retry"
        )
    return index


def _read_back(
    temp: Path, book_list: BookList, index: int, fields: Mapping[str, Any], path: Path
) -> list[Problem]:
    """The entry as the new text holds it, if it is not what was meant (a safeguard)."""
    entries = (load_yaml(temp) or {}).get(book_list.kind.key) or []
    if index < len(entries) and _plain(entries[index]) == dict(fields):
        return []
    message = f"{book_list.kind.name} {fields.get('id')!r} would not read back as written; nothing written"
    return [Problem(Code.EDIT_READ_BACK, message, str(path))]


def _findings(
    seeds: Path, book_list: BookList, cache: ArticleCache | None
) -> Callable[[Path | None], list[Problem]]:
    """What the book says with a new text of ``book_list`` read in place of its file (None: as it is).
    The judgments are reviewed as ``briefbook check`` would, warnings too: a judgment the review would
    warn of (a likelihood outside ICD 203's terms, thin evidence with no caveat, a count the claims do
    not bear out, a quotation no article holds) is not written until it is fixed. The other lists are
    held to the errors the build would stop on."""
    if book_list.reviewed:
        docs = Path(seeds).resolve().parent / "docs"
        has_docs = (docs / "conf.py").is_file()
        pages = hand_written_pages(docs) if has_docs else None
        front_page = docs / FRONT_PAGE if has_docs else None
        return lambda temp: review_findings(
            seeds, judgments=temp, pages=pages, cache=cache, front_page=front_page
        )
    pages = book_pages(seeds)
    return lambda temp: book_errors(seeds, pages=pages, cache=cache, **{book_list.name: temp})


def _write(
    seeds: Path,
    book_list: BookList,
    text: str,
    index: int | None,
    fields: Mapping[str, Any],
    said: str,
    cache: ArticleCache | None,
) -> FileEdit:
    """Check the new text as the build would check the book with it; write it if nothing is new."""
    path = book_list.path(seeds)
    findings = _findings(seeds, book_list, cache)

    def check(temp: Path) -> list[Problem]:
        after = [retarget(p, temp, path) for p in findings(temp)]
        if not after and fields and index is not None:
            after = _read_back(temp, book_list, index, fields, path)
        return new_errors(findings(None), after) if after else []

    checked = prepare_file(path, text, check)
    if not checked.ok:
        problems = relocated(checked.problems, path, _text(path), text)
        return FileEdit(path, False, tuple(problems), dict(fields), said)
    publish_file(checked)
    return FileEdit(path, True, (), dict(fields), said)


def _text(path: Path) -> str:
    return path.read_text("utf-8") if path.exists() else ""


def add_entry(
    seeds: Path,
    name: str,
    fields: Mapping[str, Any],
    *,
    lock_timeout: float | None = None,
    cache: ArticleCache | None = None,
) -> FileEdit:
    """Add an entry to a list of the book (``name``: "glossary", "claims", "origins" or
    "judgments"), after the others."""
    book_list = LISTS[name]
    path = book_list.path(seeds)
    with BookLock(book_folder_of(seeds), timeout=lock_timeout):
        text, index = text_with_item_added(_text(path), fields, path, book_list.kind)
        said = f"{book_list.kind.name} {fields.get('id')!r} added"
        return _write(seeds, book_list, text, index, fields, said, cache)


def edit_entry(
    seeds: Path,
    name: str,
    entry_id: str,
    fields: Mapping[str, Any],
    *,
    fingerprint_seen: str | None = None,
    lock_timeout: float | None = None,
    cache: ArticleCache | None = None,
) -> FileEdit:
    """Change the entry ``entry_id``: it holds ``fields`` afterwards (a key left out is removed)."""
    book_list = LISTS[name]
    path = book_list.path(seeds)
    with BookLock(book_folder_of(seeds), timeout=lock_timeout):
        index = _checked(current_entries(seeds, book_list), entry_id, book_list, path, fingerprint_seen)
        text = text_with_item_changed(_text(path), index, fields, path, book_list.kind)
        said = f"{book_list.kind.name} {entry_id!r} changed"
        return _write(seeds, book_list, text, index, fields, said, cache)


def delete_entry(
    seeds: Path,
    name: str,
    entry_id: str,
    *,
    fingerprint_seen: str | None = None,
    lock_timeout: float | None = None,
    cache: ArticleCache | None = None,
) -> FileEdit:
    """Delete the entry ``entry_id``; refused while the book still names it."""
    book_list = LISTS[name]
    path = book_list.path(seeds)
    with BookLock(book_folder_of(seeds), timeout=lock_timeout):
        entries = current_entries(seeds, book_list)
        index = _checked(entries, entry_id, book_list, path, fingerprint_seen)
        text = text_without_item(_text(path), index, path, book_list.kind)
        said = f"{book_list.kind.name} {entry_id!r} deleted"
        edit = _write(seeds, book_list, text, None, {}, said, cache)
        return FileEdit(edit.path, edit.written, edit.problems, entries[index], said)

"""An article's details (its sidecar's title, publisher, author, date, kind, address and ``about``)
changed under the book's lock: the sidecar re-read under it, the details compared with what the
caller saw (their fingerprint), only the keys that change rewritten
(:mod:`~briefbook.sidecar_edit.yamlkeys`), and the new sidecar checked as the build checks it
before it is put in place, as for a note.

A detail left empty is written ``null`` where the sidecar's schema allows it (publisher, author,
date, address: "the text does not show it"); ``about``, which is text or nothing, goes. A detail
the sidecar lacks and the form leaves empty is not added.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..editorial.yamlload import load_yaml
from ..errors import Code, Problem
from .filewrite import EditError, FileEdit, fingerprint, prepare_file, publish_file, relocated
from .writing import ArticleFiles, check_sidecar_file, sidecar_locked
from .yamlkeys import REMOVE, text_with_keys_set
from .yamltext import ListKind

# what the preview's form edits, in the order the sidecar writes them
DETAIL_KEYS = ("title", "publisher", "author", "date", "kind", "url", "about")
NULLABLE = ("publisher", "author", "date", "url")  # "null where the text does not show it"
DETAILS = ListKind("", DETAIL_KEYS, quoted=("title", "publisher", "author", "date", "url"), markup=("about",))


@cache
def sidecar_order() -> tuple[str, ...]:
    """A sidecar's keys in the order its published schema lists them (a new key goes there)."""
    text = resources.files("briefbook.editorial").joinpath("schema/sidecar.schema.json").read_text("utf-8")
    return tuple(json.loads(text)["properties"])


def current_details(files: ArticleFiles) -> dict[str, Any]:
    """The article's details as its sidecar holds them now (a key it lacks is absent)."""
    data = load_yaml(files.sidecar) or {}
    if not isinstance(data, Mapping):
        raise EditError(f"{files.sidecar}: cannot edit: the sidecar is not a mapping of keys")
    return {key: data[key] for key in DETAIL_KEYS if key in data}


def _changes(now: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
    """What to write for each detail that changes: its value, null, or nothing (the key goes)."""
    changes: dict[str, Any] = {}
    for key in DETAIL_KEYS:
        if key not in wanted:
            continue
        value = wanted[key]
        if value in (None, "") and key not in now:
            continue  # a field the form showed empty, which the sidecar never had: nothing to say
        if value in (None, ""):
            value = None if key in NULLABLE else REMOVE
        if (value is REMOVE and key not in now) or (value is not REMOVE and key in now and now[key] == value):
            continue
        changes[key] = value
    return changes


def _read_back(temp: Path, changes: Mapping[str, Any], path: Path) -> list[Problem]:
    """Details that would not read back as meant (a safeguard: it should never happen)."""
    data = load_yaml(temp) or {}
    wrong = [
        key
        for key, value in changes.items()
        if (key in data if value is REMOVE else data.get(key, REMOVE) != value)
    ]
    return [
        Problem(Code.EDIT_READ_BACK, f"'{key}' would not read back as written; nothing written", str(path))
        for key in wrong
    ]


def set_details(
    seeds: Path,
    stem: str,
    wanted: Mapping[str, Any],
    *,
    fingerprint_seen: str | None = None,
    lock_timeout: float | None = None,
) -> FileEdit:
    """Set the details of the article ``stem`` given in ``wanted`` (others are left as they are)."""
    with sidecar_locked(seeds, stem, lock_timeout) as files:
        now = current_details(files)
        if fingerprint_seen is not None and fingerprint(now) != fingerprint_seen:
            raise EditError(f"{files.sidecar}: the article's details have changed since they were read")
        changes = _changes(now, wanted)
        named = ", ".join(changes) or "nothing"
        said = f"{named} {'changed' if changes else 'to change'}"
        fields = {k: (None if v is REMOVE else v) for k, v in changes.items()}
        if not changes:
            return FileEdit(files.sidecar, False, (), fields, said)
        return write_sidecar_keys(Path(seeds), files, changes, DETAILS, fields, said)


def write_sidecar_keys(
    seeds: Path,
    files: ArticleFiles,
    changes: Mapping[str, Any],
    kind: ListKind,
    fields: Mapping[str, Any],
    said: str,
) -> FileEdit:
    """Write ``changes`` (a value, or REMOVE, for each key) into the article's sidecar, key by key, if
    the new sidecar passes the build's checks and reads back as meant; the caller holds the lock."""
    old = files.sidecar.read_text("utf-8")
    text = text_with_keys_set(old, changes, files.sidecar, sidecar_order(), kind)

    def check(temp: Path) -> list[Problem]:
        sidecar, problems = check_sidecar_file(temp, files, seeds)
        return problems if sidecar is None or problems else _read_back(temp, changes, files.sidecar)

    checked = prepare_file(files.sidecar, text, check)
    if not checked.ok:
        problems = relocated(checked.problems, files.sidecar, old, text)
        return FileEdit(files.sidecar, False, tuple(problems), dict(fields), said)
    publish_file(checked)
    return FileEdit(files.sidecar, True, (), dict(fields), said)

"""An article's reliability grade (its sidecar's ``reliability:``, a grade A-F and a one-line
reason) set, changed or removed under the book's lock, as an article's details are
(:mod:`~briefbook.sidecar_edit.details`): the sidecar re-read under the lock, the grade compared
with what the caller saw (its fingerprint), the one key rewritten key by key
(:func:`~briefbook.sidecar_edit.yamlkeys.merged_value`, so comments inside it stay), and the new
sidecar checked as the build checks it before it is put in place.

A grade left wholly empty goes (the article is "not graded" again); a grade without its reason,
or a reason without a grade, is refused by the sidecar's schema, at the field that is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..editorial.yamlload import load_yaml
from .details import write_sidecar_keys
from .filewrite import EditError, FileEdit, fingerprint
from .writing import ArticleFiles, sidecar_locked
from .yamlkeys import REMOVE
from .yamltext import ListKind

KEY = "reliability"
GRADE_KEYS = ("grade", "reason")
# the reason is one line of plain text, folded like the editor's other long text
RELIABILITY = ListKind("", (KEY, *GRADE_KEYS), markup=("reason",))


def current_reliability(files: ArticleFiles) -> dict[str, Any] | None:
    """The article's grade as its sidecar holds it now (None: not graded)."""
    data = load_yaml(files.sidecar) or {}
    if not isinstance(data, Mapping):
        raise EditError(f"{files.sidecar}: cannot edit: the sidecar is not a mapping of keys")
    value = data.get(KEY)
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else value


def reliability_fingerprint(value: Mapping[str, Any] | None) -> str:
    """What a caller saw of the grade, to tell a stale edit."""
    return fingerprint({KEY: dict(value) if value is not None else None})


def wanted_grade(sent: Mapping[str, Any]) -> dict[str, Any] | None:
    """The grade to write from the fields a form sent (each trimmed; empty ones left out), or None
    when every field is empty (the grade goes)."""
    fields = {key: sent[key] for key in GRADE_KEYS if sent.get(key) not in (None, "")}
    return fields or None


def set_reliability(
    seeds: Path,
    stem: str,
    wanted: Mapping[str, Any] | None,
    *,
    fingerprint_seen: str | None = None,
    lock_timeout: float | None = None,
) -> FileEdit:
    """Give the article ``stem`` the grade ``wanted`` ({grade, reason}), or none when it is None."""
    with sidecar_locked(seeds, stem, lock_timeout) as files:
        now = current_reliability(files)
        if fingerprint_seen is not None and reliability_fingerprint(now) != fingerprint_seen:
            raise EditError(f"{files.sidecar}: the article's grade has changed since it was read")
        value: Any = dict(wanted) if wanted else REMOVE
        fields = {KEY: dict(wanted) if wanted else None}
        if (value is REMOVE and now is None) or (value is not REMOVE and now == value):
            return FileEdit(files.sidecar, False, (), fields, "the grade unchanged")
        said = "the grade removed" if value is REMOVE else f"the grade set to {value.get('grade')}"
        return write_sidecar_keys(Path(seeds), files, {KEY: value}, RELIABILITY, fields, said)

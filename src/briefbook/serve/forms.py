"""What a page may send to write a glossary entry, a claim or an article's details: each request's
JSON Schema (the type and length of every field; its value is checked as the build checks the
file, when it is written), and the fields read into what :mod:`briefbook.sidecar_edit` writes.

An edit names the entry by its id and sends only the fields its form shows: they replace the
entry's own, a field sent empty goes, and every field the form does not show (a glossary entry's
roles and sources, a claim's note) stays as the editor wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..limits import MAX_NOTE_CHARS as MAX_FIELD_CHARS  # a field holds as much as a note's text
from ..sidecar_edit.filewrite import fingerprint
from .payloads import PAGE_FIELD

TEXT_FIELD = {"type": ["string", "null"], "maxLength": MAX_FIELD_CHARS}
WORDS_FIELD = {"type": ["array", "null"], "items": {"type": "string", "maxLength": 200}, "maxItems": 200}
ID_FIELD = {"type": "string", "minLength": 1, "maxLength": 200}

# what each form shows, and the kind of value each field takes
GLOSSARY_FIELDS = {
    "id": TEXT_FIELD,
    "term": TEXT_FIELD,
    "kind": TEXT_FIELD,
    "expansion": TEXT_FIELD,
    "aliases": WORDS_FIELD,
    "definition": TEXT_FIELD,
    "related": WORDS_FIELD,
}
CLAIM_FIELDS = {
    "id": TEXT_FIELD,
    "statement": TEXT_FIELD,
    "date": TEXT_FIELD,
    "label": TEXT_FIELD,
    "category": TEXT_FIELD,
}
DETAIL_FIELDS = {
    "title": TEXT_FIELD,
    "publisher": TEXT_FIELD,
    "author": TEXT_FIELD,
    "date": TEXT_FIELD,
    "kind": TEXT_FIELD,
    "url": TEXT_FIELD,
    "about": TEXT_FIELD,
}


def json_object(properties: Mapping[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": dict(properties),
        "required": list(required),
        "additionalProperties": False,
    }


def entry_requests(fields: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The add, edit and delete requests of a list of the book (the glossary, the claims)."""
    entry = json_object(fields)
    return {
        "add": json_object({"entry": entry, "page": PAGE_FIELD}, ("entry",)),
        "edit": json_object(
            {"id": ID_FIELD, "fingerprint": {"type": "string"}, "entry": entry, "page": PAGE_FIELD},
            ("id", "fingerprint", "entry"),
        ),
        "delete": json_object(
            {"id": ID_FIELD, "fingerprint": {"type": "string"}, "page": PAGE_FIELD}, ("id", "fingerprint")
        ),
    }


GLOSSARY_REQUESTS = entry_requests(GLOSSARY_FIELDS)
CLAIM_REQUESTS = entry_requests(CLAIM_FIELDS)
DETAIL_REQUESTS = {
    "edit": json_object(
        {
            "article": ID_FIELD,
            "fingerprint": {"type": "string"},
            "details": json_object(DETAIL_FIELDS),
            "page": PAGE_FIELD,
        },
        ("article", "fingerprint", "details"),
    )
}


def _clean(value: Any) -> Any:
    """A field as a page sent it, as the file will hold it: text trimmed (line ends as in YAML),
    lists without empty items; None for nothing at all."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
        return value or None
    if isinstance(value, list):
        items = [item for item in (_clean(v) for v in value) if item is not None]
        return list(dict.fromkeys(items)) or None
    return value


def entry_rows(entries: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A list's entries as a form is given them: each with its id, its fields, and the fingerprint a
    later edit sends back (to tell a stale edit)."""
    return [{"id": e.get("id"), "fields": e, "fingerprint": fingerprint(e)} for e in entries]


def sent_fields(sent: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a form sent, cleaned; a field sent empty is None (it goes)."""
    return {key: _clean(value) for key, value in sent.items()}


def merged(current: Mapping[str, Any], sent: Mapping[str, Any]) -> dict[str, Any]:
    """An entry with the fields a form sent in place of its own (None: the field goes), in the
    entry's own order, new fields after."""
    fields = {**current, **sent_fields(sent)}
    return {key: value for key, value in fields.items() if value is not None}

"""What a page may send to write a note: each request's JSON Schema, and the request read into
the terms of :mod:`briefbook.sidecar_edit` (a note's body, a selection)."""

from __future__ import annotations

from typing import Any

import jsonschema

from ..editorial.notefields import BODY_FIELDS, NoteField
from ..sidecar_edit.edits import NoteBody
from ..sidecar_edit.placing import Selection

_TEXT_OR_NULL = {"type": ["string", "null"]}


def _body_property(field: NoteField) -> dict[str, Any]:
    """What a page may send for one field of a note's body: its type, or null where it may be unsaid.

    Only the type: the values (a kind of the list, a claim of the book) are checked as the build
    checks a sidecar, when the note is written.
    """
    json_type = "integer" if field.python_type is int else "string"
    return {"type": json_type if field.required else [json_type, "null"]}


NOTE_BODY = {
    "type": "object",
    "properties": {field.key: _body_property(field) for field in BODY_FIELDS},
    "required": [field.key for field in BODY_FIELDS if field.required],
    "additionalProperties": False,
}
SELECTION = {
    "type": "object",
    "properties": {
        "quote": {"type": "string", "minLength": 1},
        "prefix": _TEXT_OR_NULL,
        "suffix": _TEXT_OR_NULL,
        "start": {"type": ["integer", "null"], "minimum": 0},
        "end": {"type": ["integer", "null"], "minimum": 0},
        "where": {"enum": ["text", "caption"]},
    },
    "required": ["quote"],
    "additionalProperties": False,
}
_ARTICLE = {"type": "string", "minLength": 1}
_INDEX = {"type": "integer", "minimum": 0}
REQUESTS = {
    "add": {
        "type": "object",
        "properties": {"article": _ARTICLE, "selection": SELECTION, "note": NOTE_BODY},
        "required": ["article", "selection", "note"],
        "additionalProperties": False,
    },
    "edit": {
        "type": "object",
        "properties": {
            "article": _ARTICLE,
            "index": _INDEX,
            "fingerprint": {"type": "string"},
            "note": NOTE_BODY,
        },
        "required": ["article", "index", "fingerprint", "note"],
        "additionalProperties": False,
    },
    "delete": {
        "type": "object",
        "properties": {"article": _ARTICLE, "index": _INDEX, "fingerprint": {"type": "string"}},
        "required": ["article", "index", "fingerprint"],
        "additionalProperties": False,
    },
}


def request_problem(action: str, payload: Any) -> str | None:
    """What is wrong with a request's JSON, in a line; None when it is well formed."""
    validator = jsonschema.Draft202012Validator(REQUESTS[action])
    errors = sorted(validator.iter_errors(payload), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return None
    error = errors[0]
    where = error.json_path.replace("$", "request", 1)
    return f"{where}: {error.message}"


def _optional(text: str | None) -> str | None:
    text = (text or "").replace("\r\n", "\n").strip()
    return text or None


def note_body(fields: dict[str, Any]) -> NoteBody:
    return NoteBody(
        kind=fields["kind"].strip(),
        note=fields["note"].replace("\r\n", "\n").strip(),
        basis=_optional(fields.get("basis")),
        claim=_optional(fields.get("claim")),
        stance=_optional(fields.get("stance")),
        origin=_optional(fields.get("origin")),
    )


def selection_of(fields: dict[str, Any]) -> Selection:
    return Selection(
        quote=fields["quote"],
        prefix=fields.get("prefix") or None,
        suffix=fields.get("suffix") or None,
        start=fields.get("start"),
        end=fields.get("end"),
        where=fields.get("where") or "text",
    )

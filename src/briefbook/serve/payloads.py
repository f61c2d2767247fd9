"""What a page may send to write a note: each request's JSON Schema, and the request read into
the terms of :mod:`briefbook.sidecar_edit` (a note's body, a selection)."""

from __future__ import annotations

from typing import Any

from ..editorial.notefields import BODY_FIELDS, NoteField
from ..editorial.validation import StrictValidator
from ..limits import MAX_NOTE_CHARS
from ..sidecar_edit.edits import NoteBody
from ..sidecar_edit.placing import Selection

_TEXT_OR_NULL = {"type": ["string", "null"]}


def _body_property(field: NoteField) -> dict[str, Any]:
    """What a page may send for one field of a note's body: its type, or null where it may be unsaid.

    Only the type: the values (a kind of the list, a claim of the book) are checked as the build
    checks a sidecar, when the note is written.
    """
    json_type = "integer" if field.python_type is int else "string"
    wanted: dict[str, Any] = {"type": json_type if field.required else [json_type, "null"]}
    if json_type == "string":
        wanted["maxLength"] = MAX_NOTE_CHARS
    return wanted


NOTE_BODY = {
    "type": "object",
    "properties": {field.key: _body_property(field) for field in BODY_FIELDS},
    "required": [field.key for field in BODY_FIELDS if field.required],
    "additionalProperties": False,
}
SELECTION = {
    "type": "object",
    "properties": {
        "quote": {"type": "string", "minLength": 1, "pattern": "\\S", "maxLength": MAX_NOTE_CHARS},
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
PAGE_FIELD = {"type": ["string", "null"], "maxLength": 200}  # the page the write comes from, shown first
REQUESTS = {
    "add": {
        "type": "object",
        "properties": {"article": _ARTICLE, "selection": SELECTION, "note": NOTE_BODY, "page": PAGE_FIELD},
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
            "page": PAGE_FIELD,
        },
        "required": ["article", "index", "fingerprint", "note"],
        "additionalProperties": False,
    },
    "delete": {
        "type": "object",
        "properties": {
            "article": _ARTICLE,
            "index": _INDEX,
            "fingerprint": {"type": "string"},
            "page": PAGE_FIELD,
        },
        "required": ["article", "index", "fingerprint"],
        "additionalProperties": False,
    },
}


def request_problem(action: str, payload: Any) -> str | None:
    """What is wrong with a request's JSON, in a line; None when it is well formed."""
    return schema_problem(REQUESTS[action], payload)


def schema_problem(schema: dict[str, Any], payload: Any, name: str = "request") -> str | None:
    """What is wrong with a JSON value against ``schema``, in one line of at most a few hundred
    characters (the value at fault is named by its place and type, never repeated whole); None when
    it is well formed.  An integer is an int (not 1.0, not true).  Any endpoint can use it."""
    errors = sorted(
        StrictValidator(schema).iter_errors(payload), key=lambda e: list(map(str, e.absolute_path))
    )
    if not errors:
        return None
    error = errors[0]
    where = error.json_path.replace("$", name, 1)
    return f"{where}: {_said(error)}"


def _said(error: Any) -> str:
    """An error's message without the whole of a value a page sent (it may be 60 KB, or nested)."""
    if error.validator == "type":
        return f"{_type_name(error.instance)} is not of type {error.validator_value!r}"
    if error.validator == "pattern" and error.validator_value == "\\S":
        return "is blank: it holds no words"
    if error.validator == "maxLength":
        return f"is longer than {error.validator_value:,} characters"
    message = str(error.message)
    return message if len(message) <= 300 else message[:297] + "…"


def _type_name(value: Any) -> str:
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)


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

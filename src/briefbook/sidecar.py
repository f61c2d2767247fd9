"""Sidecars: the editor's YAML beside each article, loaded and validated.

The JSON Schema in ``schema/sidecar.schema.json`` is the single statement of
what a sidecar may hold: editors point their editor at it for completion, and
:func:`load_sidecar` validates against it, turning each schema error into
``file:line: message`` with the line of the offending key.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from .errors import Problem, ProblemsFound
from .models import Note, Sidecar
from .yamlload import LineDict, LineList, load_yaml

NOTE_KINDS = ("context", "fact-check", "discrepancy", "definition", "analysis", "sic")


@cache
def sidecar_schema() -> dict:
    text = resources.files("briefbook").joinpath("schema/sidecar.schema.json").read_text("utf-8")
    return json.loads(text)


def _line_for(data: Any, path: list) -> int:
    """The line of the deepest key or item in ``path`` that the YAML still knows."""
    line = getattr(data, "line", 1)
    node = data
    for part in path:
        if isinstance(node, LineDict) and part in node:
            line = node.line_of(part)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line = node.line_of(part)
            node = node[part]
        else:
            break
    return line


def _describe(error: jsonschema.ValidationError) -> str:
    """A schema error in words an editor understands, with a suggestion where one helps."""
    where = "/".join(str(p) for p in error.absolute_path) or "top level"
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = sorted(set(error.instance) - set(allowed))
        parts = []
        for extra in extras:
            near = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            parts.append(f"unknown key {extra!r} in {where}{hint}; expected one of: {', '.join(allowed)}")
        return "; ".join(parts)
    if error.validator == "enum":
        near = difflib.get_close_matches(str(error.instance), [str(v) for v in error.validator_value], n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        return (
            f"{where}: {error.instance!r} is not allowed{hint}; "
            f"expected one of: {', '.join(map(str, error.validator_value))}"
        )
    if error.validator == "required":
        return f"{where}: {error.message}"
    return f"{where}: {error.message}"


def validate_sidecar_data(data: Any, path: Path) -> list[Problem]:
    """Every way ``data`` breaks the sidecar schema, each with its line."""
    validator = jsonschema.Draft202012Validator(sidecar_schema())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path_in_doc = list(error.absolute_path)
        if error.validator == "additionalProperties":
            # point at the unknown key itself, not at the mapping that holds it
            extras = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            if extras:
                path_in_doc = [*path_in_doc, extras[0]]
        problems.append(Problem(str(path), _line_for(data, path_in_doc), _describe(error), "sidecar.schema"))
    return problems


def _text_start(entry: LineDict, key: str) -> int:
    """The line where a (possibly folded) text value begins: the key's line, or the next for ``>-``/``|``."""
    return entry.line_of(key) + (1 if entry.value_styles.get(key) in (">", "|") else 0)


def _note(entry: LineDict) -> Note:
    return Note(
        quote=entry["quote"],
        kind=entry["kind"],
        note=entry["note"],
        line=entry.line,
        note_line=_text_start(entry, "note"),
        prefix=entry.get("prefix"),
        suffix=entry.get("suffix"),
        occurrence=entry.get("occurrence"),
        basis=entry.get("basis"),
        basis_line=_text_start(entry, "basis") if "basis" in entry else 0,
        claim=entry.get("claim"),
        stance=entry.get("stance"),
        where=entry.get("in", "text"),
    )


def load_sidecar(path: Path) -> Sidecar:
    """Load and validate one sidecar; raise ProblemsFound listing every problem."""
    data = load_yaml(path)
    if data is None:
        data = LineDict()
        data.line, data.key_lines = 1, {}
    problems = validate_sidecar_data(data, path)
    if problems:
        raise ProblemsFound(problems)
    return Sidecar(
        path=Path(path),
        title=data["title"],
        publisher=data.get("publisher"),
        date=data.get("date"),
        kind=data["kind"],
        author=data.get("author"),
        url=data.get("url"),
        about=data.get("about"),
        notes=tuple(_note(n) for n in data.get("notes") or ()),
        clean_rules=tuple((data.get("clean") or {}).get("drop") or ()),
        raw=data,
    )

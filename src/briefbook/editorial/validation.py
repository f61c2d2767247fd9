"""One validation layer: the published JSON Schemas, and their errors as problems with lines.

What each YAML file may hold is stated once, in ``schema/*.schema.json``
(sidecar, glossary, claims, origins, judgments, clutter rules), so an editor's YAML tooling checks
the same things as briefbook.  :func:`validate` checks parsed YAML (from
:mod:`briefbook.editorial.yamlload`, which remembers lines) against one of them and turns
each error into a :class:`~briefbook.errors.Problem` at the line of the key or
item at fault, in words an editor reads, with the nearest valid choice where
one is close.  Checks that compare entries with each other (duplicate ids,
unknown references) are code, next to the loaders.

Two schema keywords beyond JSON Schema's own, both understood by the YAML
language server too: ``patternErrorMessage`` (what a value failing its
``pattern`` should be) and ``errorMessage`` (a message per failing keyword).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..dates import FORMAT_WORDS, parse_date
from ..dates import SHAPE as DATE_SHAPE
from ..errors import BriefbookError, Code, Problem, by_place, did_you_mean
from .yamlload import LineDict, LineList, empty_mapping, load_yaml_text, read_yaml_text

SCHEMAS = ("sidecar", "glossary", "claims", "origins", "judgments", "clutter-rules", "edition")

FORMATS = jsonschema.FormatChecker(formats=())


def _is_integer(checker: Any, value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# JSON Schema counts 1.0 as an integer; briefbook's code uses an integer as a count or an index,
# where 1.0 fails (a list index) or means something else: an integer is an int here, nothing else.
StrictValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


@FORMATS.checks("partial-date")
def _is_partial_date(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return True  # not a date at all: the schema's "type" says so
    return parse_date(value) is not None


@FORMATS.checks("regex", raises=re.error)
def _is_regex(value: object) -> bool:
    if isinstance(value, str):
        re.compile(value)
    return True


def schema_file(name: str) -> str:
    return f"{name}.schema.json"


@cache
def schema(name: str) -> dict:
    """One of the published schemas, by name (one of :data:`SCHEMAS`)."""
    text = resources.files("briefbook.editorial").joinpath("schema", schema_file(name)).read_text("utf-8")
    return json.loads(text)


@cache
def _registry() -> Registry:
    # Schemas refer to each other by file name, as an editor's tooling resolves them beside each other.
    resources_by_name = [
        (schema_file(name), Resource.from_contents(schema(name), default_specification=DRAFT202012))
        for name in SCHEMAS
    ]
    return Registry().with_resources(resources_by_name)


@cache
def _validator(name: str, pointer: str) -> jsonschema.protocols.Validator:
    root = {"$ref": f"{schema_file(name)}#{pointer}"} if pointer else schema(name)
    return StrictValidator(root, registry=_registry(), format_checker=FORMATS)


def validate(data: Any, name: str, path: object, pointer: str = "") -> list[Problem]:
    """Every way ``data`` breaks schema ``name`` (or its part at ``pointer``), each at its line."""
    errors = sorted(
        _validator(name, pointer).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
    )
    # a value of the wrong type is reported as that alone, not also for what it then lacks
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    problems: list[Problem] = []
    seen_values: set[tuple] = set()
    for error in errors:
        place = tuple(error.absolute_path)
        if place in mistyped and error.validator != "type":
            continue
        if error.validator in ("pattern", "format"):
            # a value that fails both its pattern and its format is reported once
            if place in seen_values:
                continue
            seen_values.add(place)
        problems.extend(_problems(error, data, str(path), _condition(name, pointer, error)))
    # jsonschema reports a missing key once per key, each error listing them all
    return by_place(dict.fromkeys(problems))


def read_entries(path: Path, name: str, key: str) -> tuple[str, list[Problem], list[LineDict]]:
    """A YAML file that holds a list of entries under ``key`` (the glossary's ``terms``, ``claims``).

    Returns its text, its problems against schema ``name``, and the entries
    that pass (see :func:`sound_items`); BriefbookError when none can be read.
    """
    text = read_yaml_text(path)
    data = load_yaml_text(text, path)
    data = empty_mapping() if data is None else data
    problems = validate(data, name, path)
    entries = sound_items(data, key, name, path, problems)
    if entries is None:
        raise BriefbookError(problems)
    return text, problems, entries


def duplicate_ids(entries: list[LineDict], path: Path, code: Code) -> list[Problem]:
    """An id given to a second entry, at the line of its second ``id:``."""
    problems = []
    first: dict[str, int] = {}
    for entry in entries:
        line = entry.line_of("id")
        if entry["id"] in first:
            message = f"duplicate id {entry['id']!r} (first at line {first[entry['id']]})"
            problems.append(Problem(code, message, str(path), line))
        else:
            first[entry["id"]] = line
    return problems


def sound_items(data: Any, key: str, name: str, path: object, problems: list[Problem]) -> list | None:
    """The items of the list ``data[key]`` that pass their part of schema ``name`` (``$defs/<item>``),
    so they can be checked against each other even when others do not; None when the file as a
    whole is unusable.  ``problems`` are the file's schema problems (none: every item passes)."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    if not problems:
        return list(items)
    pointer = schema(name)["properties"][key]["items"]["$ref"].removeprefix("#")
    return [item for item in items if isinstance(item, dict) and not validate(item, name, path, pointer)]


# ------------------------------------------------------------------------ lines


def _resolve(ref: str, document: str) -> tuple[dict, str]:
    """The schema node a ``$ref`` names, and the schema it is in."""
    file, _, pointer = ref.partition("#")
    document = file.removesuffix(".schema.json") if file else document
    node = schema(document)
    for part in filter(None, pointer.split("/")):
        node = node[part]
    return node, document


def _condition(name: str, pointer: str, error: jsonschema.ValidationError) -> dict | None:
    """For an error inside a ``then``, the ``if`` beside it (its keys are what asked for more)."""
    schema_path = list(error.absolute_schema_path)
    if "then" not in schema_path:
        return None
    node, document = _resolve(f"#{pointer}", name)
    for part in schema_path[: len(schema_path) - 1 - schema_path[::-1].index("then")]:
        while part not in node and "$ref" in node:
            node, document = _resolve(node["$ref"], document)
        node = node[part]
    while "if" not in node and "$ref" in node:
        node, document = _resolve(node["$ref"], document)
    return node.get("if")


def line_of(data: Any, place: list | tuple) -> int:
    """The line of the deepest key or item along ``place`` that the YAML still knows."""
    line = getattr(data, "line", 1) or 1
    node = data
    for part in place:
        if isinstance(node, LineDict) and part in node:
            line = node.line_of(part)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line = node.line_of(part)
            node = node[part]
        else:
            break
    return line


# ------------------------------------------------------------------------ words

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


def _type_name(value: Any) -> str:
    """What a YAML value is, in an editor's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _subject(error: jsonschema.ValidationError) -> str:
    """What the failing value is: "'title'", "item 2 of 'aliases'", or the schema's title."""
    place = list(error.absolute_path)
    if not place:
        return error.schema.get("title", "the file") if isinstance(error.schema, dict) else "the file"
    last = place[-1]
    if not isinstance(last, int):
        return repr(last)
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    owner = next((p for p in reversed(place) if isinstance(p, str)), None)
    return title or (f"item {last + 1} of {owner!r}" if owner else f"item {last + 1}")


def _where(error: jsonschema.ValidationError) -> str:
    """The mapping a key belongs to: its schema's title, else its path ("notes/0")."""
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    return title or "/".join(str(p) for p in error.absolute_path) or "the top level"


def _custom_message(error: jsonschema.ValidationError) -> str | None:
    if not isinstance(error.schema, dict):
        return None
    if error.validator == "pattern" and "patternErrorMessage" in error.schema:
        wanted = error.schema["patternErrorMessage"]
        found = f", not {error.instance!r}" if wanted.startswith("must") else ""
        return f"{_subject(error)} {wanted}{found}"
    custom = error.schema.get("errorMessage")
    if isinstance(custom, dict):
        custom = custom.get(str(error.validator))
    return custom if isinstance(custom, str) else None


def _choices(values: list) -> str:
    return ", ".join(str(v) for v in values)


def _problems(
    error: jsonschema.ValidationError, data: Any, path: str, condition: dict | None
) -> list[Problem]:
    """One schema error as problems (an unknown-keys error gives one per key).

    A key a condition asks for (``if``/``then``: a fact-check needs a basis) is
    missed at the key that made the condition true, not at its mapping's start.
    """
    place = list(error.absolute_path)
    line = line_of(data, place)
    if condition and error.validator == "required" and isinstance(error.instance, dict):
        asked_by = [key for key in condition.get("required", ()) if key in error.instance]
        line = line_of(data, [*place, asked_by[0]]) if asked_by else line

    def problem(code: Code, message: str, hint: str | None = None, at: int = line) -> Problem:
        return Problem(code, message, path, at, hint=hint)

    validator = error.validator
    if validator in ("pattern", "format") and error.schema.get("format") == "partial-date":
        if DATE_SHAPE.fullmatch(str(error.instance)):  # the shape of a date, but no such day
            message = f"{_subject(error)}: {error.instance!r} is not a date on the calendar"
        else:
            message = f"{_subject(error)} must be a date written {FORMAT_WORDS}, not {error.instance!r}"
        return [problem(Code.DATE_INVALID, message)]
    custom = _custom_message(error)
    if validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in allowed]
        return [
            problem(
                Code.SCHEMA_UNKNOWN_KEY,
                f"unknown key {key!r} in {_where(error)} (expected one of: {_choices(allowed)})",
                did_you_mean(key, allowed),
                at=line_of(data, [*place, key]),
            )
            for key in extras
        ]
    if custom:
        code = Code.SCHEMA_MISSING_KEY if validator == "required" else Code.SCHEMA_VALUE
        return [problem(code, custom)]
    if validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return [
            problem(Code.SCHEMA_MISSING_KEY, f"missing required field {key!r} in {_where(error)}")
            for key in missing
        ]
    if validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in wanted)
        return [
            problem(Code.SCHEMA_TYPE, f"{_subject(error)} must be {words}, not {_type_name(error.instance)}")
        ]
    if validator in ("enum", "const"):
        allowed = error.validator_value if validator == "enum" else [error.validator_value]
        return [
            problem(
                Code.SCHEMA_CHOICE,
                f"{_subject(error)}: {error.instance!r} is not allowed; expected one of: {_choices(allowed)}",
                did_you_mean(error.instance, allowed),
            )
        ]
    if validator == "format" and error.validator_value == "regex":
        return [
            problem(
                Code.RULE_REGEX,
                f"{_subject(error)} is not a valid regular expression ({error.cause}); "
                "expected a Python regular expression that matches a whole line",
            )
        ]
    if validator == "minLength":
        return [problem(Code.SCHEMA_VALUE, f"{_subject(error)} is empty")]
    if validator in ("minimum", "maximum"):
        low = error.schema.get("minimum")
        high = error.schema.get("maximum")
        if low is not None and high is not None:
            limit = f"from {low} to {high}"
        else:
            limit = f"of at least {low}" if low is not None else f"of at most {high}"
        message = f"{_subject(error)} must be a whole number {limit}, not {error.instance!r}"
        return [problem(Code.SCHEMA_VALUE, message)]
    return [problem(Code.SCHEMA_VALUE, f"{_subject(error)}: {error.message}")]

"""An editor's YAML text with some of its top-level keys set or removed, every other byte kept: a
sidecar's details (title, publisher, date, kind, ``about`` ...), found and rewritten the way
:mod:`~briefbook.sidecar_edit.yamltext` finds and rewrites one item of a list.

Each key's lines are found from the positions the YAML parser reports; a key that changes goes
through ruamel.yaml's round trip on its own lines, so the comment on its line stays; a key that
is new is written after the keys that come before it in the file's order; a key that goes takes
its own lines with it and nothing else.  A key set to None is written ``key: null``; to
:data:`REMOVE`, it goes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from yaml.nodes import MappingNode, ScalarNode

from .writing import EditError
from .yamltext import _POSITIONS, ListKind, _ensure_newline, _lines_of, _styled, _yaml, set_keys

REMOVE = object()  # a key's new "value" when the key is to go (None writes "null")


def _keys(text: str, path: Path) -> dict[str, tuple[int, int]]:
    """Each top-level key and the lines (0-based, first and last) it and its value stand on."""
    try:
        root = yaml.compose(text, Loader=_POSITIONS)
    except yaml.YAMLError as exc:
        raise EditError(f"{path}: cannot edit: the file is not valid YAML ({exc})") from exc
    if root is None:
        return {}
    if not isinstance(root, MappingNode):
        raise EditError(f"{path}: cannot edit: the file is not a mapping of keys")
    found = {}
    for key, value in root.value:
        if isinstance(key, ScalarNode):
            last = max(_lines_of(key)[1], _lines_of(value)[1])
            found[key.value] = (key.start_mark.line, last)
    return found


def _dump(mapping: CommentedMap) -> list[str]:
    out = io.StringIO()
    _yaml().dump(mapping, out)
    return out.getvalue().splitlines(keepends=True)


def _rewritten(lines: list[str], key: str, value: Any, kind: ListKind, path: Path) -> list[str]:
    """A key's own lines with its new value, read and written back by ruamel.yaml's round trip."""
    try:
        mapping = _yaml().load("".join(lines))
    except YAMLError as exc:
        raise EditError(f"{path}: cannot read '{key}' on its own ({exc})") from exc
    if not isinstance(mapping, CommentedMap) or list(mapping) != [key]:
        raise EditError(f"{path}: cannot edit '{key}' on its own")
    set_keys(mapping, {key: value}, kind, 0)
    return _dump(mapping)


def text_with_keys_set(
    text: str, changes: Mapping[str, Any], path: Path, order: Sequence[str], kind: ListKind
) -> str:
    """The file's text with each key of ``changes`` holding its value, or gone where the value is
    :data:`REMOVE`; ``order`` is the order the file's keys are written in (a new key goes after the keys
    before it, else first); ``kind`` says which values are quoted and which are markup."""
    for key, value in changes.items():
        lines = _ensure_newline(text.splitlines(keepends=True))
        places = _keys(text, path)
        if key in places:
            first, last = places[key]
            if value is REMOVE:
                new: list[str] = []
            elif _same(text, key, value, path):
                continue
            else:
                new = _rewritten(lines[first : last + 1], key, value, kind, path)
            text = "".join([*lines[:first], *new, *lines[last + 1 :]])
        elif value is not REMOVE:
            before = [k for k in order[: order.index(key)] if k in places] if key in order else list(places)
            at = places[before[-1]][1] + 1 if before else _first_key_line(places)
            new = _dump(CommentedMap([(key, _styled(key, value, 0, kind))]))
            text = "".join([*lines[:at], *new, *lines[at:]])
    return text


def _first_key_line(places: Mapping[str, tuple[int, int]]) -> int:
    return min((first for first, _ in places.values()), default=0)


def _same(text: str, key: str, value: Any, path: Path) -> bool:
    """Whether the key already holds this value (as YAML reads it)."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise EditError(f"{path}: cannot edit: the file is not valid YAML ({exc})") from exc
    return isinstance(data, dict) and data.get(key) == value

"""An editor's YAML text with some of its top-level keys set or removed, every other byte kept: a
sidecar's details (title, publisher, date, kind, ``about`` ...), found and rewritten the way
:mod:`~briefbook.sidecar_edit.yamltext` finds and rewrites one item of a list.

Each key's lines are found from the positions the YAML parser reports; a key that changes goes
through ruamel.yaml's round trip on its own lines, so the comment on its line stays; a key that
is new is written after the keys that come before it in the file's order; a key that goes takes
its own lines with it and nothing else.  A key set to None is written ``key: null``; to
:data:`REMOVE`, it goes.

A value that is a mapping or a list (a sidecar's ``reliability``) is changed in place, key by key
and item by item (:func:`merged_value`): what did not change keeps its form and its comments, a key
that is new stands where the file's order puts it, a key the new value lacks goes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from yaml.nodes import MappingNode, ScalarNode

from .writing import EditError
from .yamltext import _POSITIONS, ListKind, _ensure_newline, _lines_of, _styled, _yaml

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


DASH = re.compile(r"^( *)- ")


def _dump(mapping: CommentedMap, lines: Sequence[str] = ()) -> list[str]:
    """The mapping as YAML; a list in it indented as the key's own ``lines`` indent theirs (the
    book's files: "  - " under the key), so that a list's items keep their columns and comments."""
    dashes = [len(m.group(1)) for m in map(DASH.match, lines) if m]
    offset = min(dashes) if dashes else 2
    round_trip = _yaml()
    round_trip.indent(mapping=2, sequence=offset + 2, offset=offset)
    out = io.StringIO()
    round_trip.dump(mapping, out)
    return out.getvalue().splitlines(keepends=True)


def _rewritten(lines: list[str], key: str, value: Any, kind: ListKind, path: Path) -> list[str]:
    """A key's own lines with its new value, read and written back by ruamel.yaml's round trip."""
    try:
        mapping = _yaml().load("".join(lines))
    except YAMLError as exc:
        raise EditError(f"{path}: cannot read '{key}' on its own ({exc})") from exc
    if not isinstance(mapping, CommentedMap) or list(mapping) != [key]:
        raise EditError(f"{path}: cannot edit '{key}' on its own")
    mapping[key] = merged_value(mapping[key], value, key, kind, 0)
    return _dump(mapping, lines)


def _same_value(old: Any, new: Any) -> bool:
    """Whether a round-tripped value reads as ``new`` (styled strings are strings)."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return list(old) == list(new) and all(_same_value(old[k], new[k]) for k in new)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same_value(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def merged_value(old: Any, new: Any, key: str, kind: ListKind, indent: int) -> Any:
    """``old`` (as ruamel.yaml read it) changed to hold ``new``: a mapping key by key, a list item
    by item, so that the keys and items that stay keep their form and their comments; any other
    value written anew in the file's style."""
    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        for gone in [k for k in old if k not in new]:
            del old[gone]
        order = [*kind.order, *(k for k in new if k not in kind.order)]
        for name in (k for k in order if k in new):
            if name in old:
                if not _same_value(old[name], new[name]):
                    old[name] = merged_value(old[name], new[name], name, kind, indent + 2)
                continue
            before = [k for k in order[: order.index(name)] if k in old]
            position = list(old).index(before[-1]) + 1 if before else 0
            old.insert(position, name, _styled(name, new[name], indent + 2, kind))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        for index, item in enumerate(new):
            if index >= len(old):
                old.append(_styled(key, item, indent + 2, kind))
            elif not _same_value(old[index], item):
                old[index] = merged_value(old[index], item, key, kind, indent + 2)
        del old[len(new) :]
        return old
    return _styled(key, new, indent, kind)


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

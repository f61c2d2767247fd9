"""The sidecar's YAML text with one note added, changed or removed, every other byte kept.

The notes' lines are found from the positions the YAML parser reports
(libyaml's, through PyYAML: fast); the note itself goes through ruamel.yaml's
round trip, so an edited note keeps its comments and the form of the fields
that did not change, and a new note is written in the sidecars' own style.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..editorial.notefields import MARKUP_KEYS, NOTE_KEYS, PASSAGE_KEYS
from .writing import EditError

LINE_WIDTH = 100  # folded note text is wrapped to this width, like the book's sidecars
NEW_DASH_COLUMN = 2  # "  - quote: ..." under "notes:", when a sidecar has no notes yet


def _yaml() -> YAML:
    round_trip = YAML()  # comments, order and scalar styles kept
    round_trip.preserve_quotes = True
    round_trip.width = 4096  # never re-wrap a line the editor wrote
    return round_trip


# composing only (no objects built) gives every node's position; libyaml's parser when PyYAML has it
_POSITIONS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class _Notes:
    """Where a sidecar's notes stand in its text (0-based line numbers, inclusive ranges)."""

    lines: list[str]
    style: str  # "block", "empty" (notes: [] or notes: / null) or "absent"
    items: tuple[tuple[int, int], ...] = ()  # first and last line of each note
    dash_column: int = NEW_DASH_COLUMN
    key_line: int | None = None  # the line of "notes:" (style "empty")
    value: tuple[int, int] | None = None  # character offsets of an empty value ("[]", "null")


def _lines_of(node: Node) -> tuple[int, int]:
    """First and last line of a node's own text (a block scalar's trailing blank lines excluded)."""
    first = node.start_mark.line
    last = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
    if isinstance(node, MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, SequenceNode):
        children = list(node.value)
    else:
        children = []
    if children:
        last = max(_lines_of(child)[1] for child in children)
    return first, max(first, last)


def _layout(text: str, path: Path) -> _Notes:
    lines = text.splitlines(keepends=True)
    try:
        root = yaml.compose(text, Loader=_POSITIONS)
    except yaml.YAMLError as exc:
        raise EditError(f"{path}: cannot edit: the file is not valid YAML ({exc})") from exc
    if root is None:
        return _Notes(lines, "absent")
    if not isinstance(root, MappingNode):
        raise EditError(f"{path}: cannot edit: the sidecar is not a mapping of keys")
    value = next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == "notes"), None)
    key = next((k for k, v in root.value if v is value), None)
    if value is None or key is None:
        return _Notes(lines, "absent")
    empty_scalar = isinstance(value, ScalarNode) and value.tag.endswith(":null")
    empty_flow = isinstance(value, SequenceNode) and not value.value and value.flow_style
    if empty_scalar or empty_flow:
        span = (value.start_mark.index, value.end_mark.index)
        if span[0] == span[1]:
            span = None  # "notes:" with nothing after it
        elif value.start_mark.line != key.start_mark.line or value.end_mark.line != key.start_mark.line:
            raise EditError(f"{path}:{key.start_mark.line + 1}: cannot edit: write 'notes: []' on one line")
        return _Notes(lines, "empty", key_line=key.start_mark.line, value=span)
    if not isinstance(value, SequenceNode) or value.flow_style:
        raise EditError(f"{path}:{key.start_mark.line + 1}: cannot edit notes that are not a block list")
    dash = value.start_mark.column
    items = []
    previous_last = key.start_mark.line
    for item in value.value:
        first, last = _lines_of(item)
        # the item may start below its dash ("-" alone on a line): find the dash
        while first > previous_last + 1 and not _is_dash_line(lines[first], dash):
            first -= 1
        while last > first and not lines[last].strip():
            last -= 1
        items.append((first, last))
        previous_last = last
    return _Notes(lines, "block", tuple(items), dash)


def _is_dash_line(line: str, column: int) -> bool:
    return line[:column].strip() == "" and line[column : column + 1] == "-"


def _wrapped(text: str, width: int) -> FoldedScalarString | None:
    """Text as a folded block (``>-``) wrapped at ``width``, if folding can say it exactly."""
    if text != text.strip() or re.search(r"\s\s|[\t\n\r]", text) or not text:
        return None
    folded = FoldedScalarString(text)
    folds, line_start, last_space = [], 0, None
    for match in re.finditer(" ", text):
        if match.start() - line_start > width and last_space is not None:
            folds.append(last_space)
            line_start = last_space + 1
        last_space = match.start()
    if len(text) - line_start > width and last_space is not None and last_space >= line_start:
        folds.append(last_space)
    folded.fold_pos = folds
    return folded


def _styled(key: str, value: Any, indent: int) -> Any:
    """A value in the style of the book's sidecars: quoted passages, folded note text."""
    if not isinstance(value, str):
        return value
    if key in PASSAGE_KEYS:
        return DoubleQuotedScalarString(value)
    if key in MARKUP_KEYS:
        one_line = indent + len(key) + 4 + len(value)
        if "\n" not in value and one_line <= LINE_WIDTH:
            return DoubleQuotedScalarString(value)
        if "\n" in value and not re.search(r"[ \t]\n|^\s", value):
            return LiteralScalarString(value)
        return _wrapped(value, LINE_WIDTH - indent - 2) or DoubleQuotedScalarString(value)
    return value


def _dump_item(item: CommentedMap, key_offset: int) -> str:
    round_trip = _yaml()
    round_trip.indent(mapping=2, sequence=key_offset, offset=0)
    out = io.StringIO()
    round_trip.dump(CommentedSeq([item]), out)
    return out.getvalue()


def _indented(text: str, column: int) -> list[str]:
    pad = " " * column
    return [(pad + line if line.strip() else line) for line in text.splitlines(keepends=True)]


def _new_item(fields: Mapping[str, Any], dash: int) -> list[str]:
    item = CommentedMap()
    for key in NOTE_KEYS:
        if key in fields:
            item[key] = _styled(key, fields[key], dash + 2)
    return _indented(_dump_item(item, 2), dash)


def _ensure_newline(lines: list[str]) -> list[str]:
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def text_with_note_added(text: str, fields: Mapping[str, Any], path: Path) -> tuple[str, int]:
    """The sidecar's text with one note added after the others; and its index among the notes."""
    layout = _layout(text, path)
    lines = _ensure_newline(layout.lines)
    if layout.style == "absent":
        return "".join([*lines, "notes:\n", *_new_item(fields, NEW_DASH_COLUMN)]), 0
    if layout.style == "empty":
        assert layout.key_line is not None
        key_line = lines[layout.key_line]
        if layout.value is not None:  # cut "[]" or "null" out of the key's line
            line_start = sum(len(line) for line in lines[: layout.key_line])
            start, end = (offset - line_start for offset in layout.value)
            key_line = key_line[:start] + key_line[end:]
        key_line = key_line.rstrip() + "\n"
        key_line = re.sub(r":\s+#", ":  #", key_line)  # "notes: []  # none" -> "notes:  # none"
        new = _new_item(fields, NEW_DASH_COLUMN)
        return "".join([*lines[: layout.key_line], key_line, *new, *lines[layout.key_line + 1 :]]), 0
    last_first, last_end = layout.items[-1]
    separator: list[str] = []
    if len(layout.items) > 1:
        gap = lines[layout.items[-2][1] + 1 : last_first]
        if gap and all(not line.strip() for line in gap):
            separator = gap  # the blank lines the editor puts between notes
    new = _new_item(fields, layout.dash_column)
    result = [*lines[: last_end + 1], *separator, *new, *lines[last_end + 1 :]]
    return "".join(result), len(layout.items)


def text_with_notes_added(
    text: str, notes: list[Mapping[str, Any]], path: Path
) -> tuple[str, list[tuple[int, int, int]]]:
    """The sidecar's text with these notes added after the others, parsed twice at most however many
    they are (an import of thousands of notes); for each note, its index among the notes and the
    first and last line (1-based) it stands on in the new text."""
    if not notes:
        return text, []
    placed: list[tuple[int, int, int]] = []
    layout = _layout(text, path)
    if layout.style != "block":  # the first note makes the list; the others follow it
        text, index = text_with_note_added(text, notes[0], path)
        layout = _layout(text, path)
        first, last = layout.items[index]
        placed.append((index, first + 1, last + 1))
        notes = notes[1:]
        if not notes:
            return text, placed
    lines = _ensure_newline(layout.lines)
    last_first, last_end = layout.items[-1]
    separator: list[str] = []
    if len(layout.items) > 1:
        gap = lines[layout.items[-2][1] + 1 : last_first]
        if gap and all(not line.strip() for line in gap):
            separator = gap  # the blank lines the editor puts between notes
    added: list[str] = []
    at = last_end + 1  # 0-based line where the next new note's lines start
    for number, fields in enumerate(notes):
        new = _new_item(fields, layout.dash_column)
        added += [*separator, *new]
        at += len(separator)
        placed.append((len(layout.items) + number, at + 1, at + len(new)))
        at += len(new)
    return "".join([*lines[: last_end + 1], *added, *lines[last_end + 1 :]]), placed


def text_with_note_changed(text: str, index: int, fields: Mapping[str, Any], path: Path) -> str:
    """The sidecar's text with note ``index`` holding ``fields`` (keys absent from it are removed).

    The note is read back with ruamel.yaml's round trip and only its changed
    keys are set, so its comments and unchanged values keep their form.
    """
    layout = _layout(text, path)
    if layout.style != "block" or not 0 <= index < len(layout.items):
        raise EditError(f"{path}: there is no note {index + 1}")
    first, last = layout.items[index]
    dash = layout.dash_column
    own = layout.lines[first : last + 1]
    dedented = "".join(_dedented(line, dash) for line in own)
    try:
        item = _yaml().load(dedented)[0]
    except (YAMLError, IndexError, KeyError, TypeError) as exc:
        raise EditError(f"{path}:{first + 1}: cannot read note {index + 1} on its own ({exc})") from exc
    if not isinstance(item, CommentedMap):
        raise EditError(f"{path}:{first + 1}: note {index + 1} is not a mapping")
    key_offset = _key_offset(own[0], dash)
    for key in list(item):
        if key not in fields:
            del item[key]
    for key in NOTE_KEYS:
        if key not in fields:
            continue
        value = fields[key]
        if key in item and _plain(item[key]) == value:
            continue  # unchanged: keep it as the editor wrote it
        styled = _styled(key, value, dash + key_offset)
        if key in item:
            item[key] = styled
        else:
            before = [k for k in NOTE_KEYS[: NOTE_KEYS.index(key)] if k in item]
            position = list(item).index(before[-1]) + 1 if before else 0
            item.insert(position, key, styled)
    new = _indented(_dump_item(item, key_offset), dash)
    lines = _ensure_newline(layout.lines)
    return "".join([*lines[:first], *new, *lines[last + 1 :]])


def _dedented(line: str, column: int) -> str:
    if not line.strip():
        return "\n"
    return line[column:] if line[:column].strip() == "" else line.lstrip()


def _key_offset(dash_line: str, dash: int) -> int:
    """How far a note's keys stand right of its dash ("- quote": 2)."""
    rest = dash_line[dash + 1 :]
    return 1 + len(rest) - len(rest.lstrip(" ")) if rest.strip() else 2


def text_without_note(text: str, index: int, path: Path) -> str:
    """The sidecar's text without note ``index`` (and the blank lines that set it apart)."""
    layout = _layout(text, path)
    if layout.style != "block" or not 0 <= index < len(layout.items):
        raise EditError(f"{path}: there is no note {index + 1}")
    lines = _ensure_newline(layout.lines)
    first, last = layout.items[index]
    if len(layout.items) == 1:  # the list stays, empty: "notes: []", its comments kept
        key = next(i for i in range(first, -1, -1) if re.match(r"notes\s*:", lines[i]))
        key_line = re.sub(r"^notes\s*:", "notes: []", lines[key], count=1)
        return "".join([*lines[:key], key_line, *lines[key + 1 : first], *lines[last + 1 :]])
    if index + 1 < len(layout.items):
        last = layout.items[index + 1][0] - 1  # with the blank lines after it, so the gaps stay even
        while last > first and lines[last].strip().startswith("#"):
            last -= 1  # but a comment above the next note stays with it
    else:
        first = layout.items[index - 1][1] + 1  # the last note: with the blank lines before it
        while first < layout.items[index][0] and lines[first].strip().startswith("#"):
            first += 1
    return "".join([*lines[:first], *lines[last + 1 :]])


def _plain(value: Any) -> Any:
    """A ruamel.yaml value as plain Python (styled strings are str subclasses)."""
    if isinstance(value, str):
        return str(value)
    return value

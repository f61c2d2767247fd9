"""YAML loading that remembers line numbers, so every error can say file:line.

Mappings come back as :class:`LineDict` (a dict that knows the line it starts
on, the line of each key and the lines each value spans); sequences as
:class:`LineList` (a list that knows the line of each item).  Everything else is plain YAML 1.1 via PyYAML's safe loader,
except that dates stay strings (an editor's "2026-02-05" is text, not a date object).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import BriefbookError, Code, Problem


class LineDict(dict):
    line: int = 0
    key_lines: dict
    value_styles: dict  # key -> YAML scalar style of its value ('>', '|', '"', "'" or None)
    value_spans: dict  # key -> (first line, last line) of its value in the file

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def span_of(self, key: str) -> tuple[int, int]:
        """The lines a value stands on (a folded text spans several)."""
        line = self.line_of(key)
        return getattr(self, "value_spans", {}).get(key, (line, line))


def empty_mapping(line: int = 1) -> LineDict:
    """What an empty YAML file stands for: a mapping with no keys (so a schema names what is missing)."""
    mapping = LineDict()
    mapping.line, mapping.key_lines, mapping.value_styles, mapping.value_spans = line, {}, {}, {}
    return mapping


class LineList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(
    getattr(yaml, "CSafeLoader", yaml.SafeLoader)
):  # libyaml's parser when PyYAML has it: ~5x faster
    pass


# Keep timestamps as the strings the editor wrote.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    result.value_styles = {}
    result.value_spans = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
        result.value_styles[key] = getattr(value_node, "style", None)
        # a block scalar's end mark is the start of the line after it
        end = value_node.end_mark
        last = end.line + 1 if end.column else max(end.line, value_node.start_mark.line + 1)
        result.value_spans[key] = (value_node.start_mark.line + 1, last)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# Bounds on what a book's YAML may be: editors write small files, shallow and without aliases.
MAX_YAML_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40  # a sidecar note is four levels deep; a glossary role, five
MAX_EVENTS = 2_000_000


def _refuse(code: Code, message: str, path: Path | str, mark=None, hint: str | None = None) -> BriefbookError:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return BriefbookError(Problem(code, message, str(path), line, column, hint))


def check_shape(text: str, path: Path | str) -> None:
    """Refuse, before building anything, YAML whose cost has no bound: aliases (one line can
    stand for billions of values), nesting deeper than any briefbook file needs (the parser's
    recursion would overflow), too much of it.  The check streams the parser's events, which
    libyaml produces without recursion, so it costs one pass however hostile the text."""
    if len(text) > MAX_YAML_BYTES:
        raise _refuse(
            Code.YAML_LIMIT,
            f"{len(text) / 1024 / 1024:.1f} MB of YAML; a briefbook file holds at most "
            f"{MAX_YAML_BYTES // 1024 // 1024} MB",
            path,
        )
    depth = 0
    for count, event in enumerate(yaml.parse(text, Loader=_Loader)):
        if isinstance(event, yaml.AliasEvent):
            raise _refuse(
                Code.YAML_LIMIT,
                f"an alias (*{event.anchor}): briefbook files do not use YAML anchors and aliases",
                path,
                event.start_mark,
                "write the value out where it is needed",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _refuse(
                    Code.YAML_LIMIT,
                    f"nested more than {MAX_DEPTH} levels deep; no briefbook file needs that",
                    path,
                    event.start_mark,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if count > MAX_EVENTS:
            raise _refuse(Code.YAML_LIMIT, f"more than {MAX_EVENTS:,} YAML values", path, event.start_mark)


# Characters no value of a briefbook file may hold: C0 controls but tab and line ends, DEL, C1
# controls.  YAML lets a double-quoted value write them as escapes ("\e", "\a", "\x1b"); the HTML
# would carry them unseen, and xelatex stops on them ("Text line contains an invalid character").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_characters(data: Any, path: Path | str) -> list[Problem]:
    """A problem for each value that holds a control character, at the line of its key or item."""
    problems: list[Problem] = []
    pending: list[tuple[Any, int]] = [(data, getattr(data, "line", 1))]
    while pending:
        value, line = pending.pop()
        if isinstance(value, str):
            if found := _CONTROL.search(value):
                message = (
                    f"a control character (U+{ord(found.group()):04X}) in a value: nothing can print it "
                    "(the PDF stops on it)"
                )
                problems.append(Problem(Code.YAML_ENCODING, message, str(path), line, hint="delete it"))
        elif isinstance(value, dict):
            lines = value.key_lines if isinstance(value, LineDict) else {}
            pending += [(v, lines.get(k, line)) for k, v in value.items()]
            pending += [(k, lines.get(k, line)) for k in value]
        elif isinstance(value, list):
            lines = value.item_lines if isinstance(value, LineList) else []
            pending += [(v, lines[i] if i < len(lines) else line) for i, v in enumerate(value)]
    return sorted(problems, key=lambda p: p.line or 0)


def load_yaml_text(text: str, path: Path | str) -> Any:
    """Parse YAML text; a syntax error, an unbounded shape or a control character in a value becomes
    a BriefbookError with file:line:column."""
    try:
        check_shape(text, path)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or str(exc)
        raise BriefbookError(
            Problem(
                Code.YAML_SYNTAX,
                f"YAML error: {what}",
                str(path),
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
            )
        ) from exc
    if problems := control_characters(data, path):
        raise BriefbookError(problems)
    return data


def read_yaml_text(path: Path) -> str:
    """A YAML file's text (UTF-8); a file that cannot be read is a problem naming it."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_YAML_BYTES:  # refused before it is read
            raise _refuse(
                Code.YAML_LIMIT,
                f"{size / 1024 / 1024:.1f} MB of YAML; a briefbook file holds at most "
                f"{MAX_YAML_BYTES // 1024 // 1024} MB",
                path,
            )
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BriefbookError(
            Problem(Code.YAML_ENCODING, f"not valid UTF-8 at byte offset {exc.start}", str(path))
        ) from exc
    except OSError as exc:
        raise BriefbookError(
            Problem(Code.FILE_UNREADABLE, f"cannot read: {exc.strerror or exc}", str(path))
        ) from exc


def load_yaml(path: Path) -> Any:
    """Read and parse a YAML file (UTF-8)."""
    return load_yaml_text(read_yaml_text(path), path)

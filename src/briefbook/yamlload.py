"""YAML loading that remembers line numbers, so every error can say file:line.

Mappings come back as :class:`LineDict` (a dict that knows the line it starts
on, the line of each key and the lines each value spans); sequences as
:class:`LineList` (a list that knows the line of each item).  Everything else is plain YAML 1.1 via PyYAML's safe loader,
except that dates stay strings (an editor's "2026-02-05" is text, not a date object).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import BriefbookError, Code, Problem


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


def load_yaml_text(text: str, path: Path | str) -> Any:
    """Parse YAML text; a syntax error becomes a BriefbookError with file:line:column."""
    try:
        return yaml.load(text, Loader=_Loader)
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


def read_yaml_text(path: Path) -> str:
    """A YAML file's text (UTF-8); a file that cannot be read is a problem naming it."""
    try:
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

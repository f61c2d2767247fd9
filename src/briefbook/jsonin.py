"""JSON from outside (a preview's request, an annotations file), parsed so that it never raises
anything but :class:`BadJson`, with a message for the person who sent it.

Python's parser alone would raise ValueError for an integer of 5,000 digits, RecursionError for
arrays nested 100,000 deep (or later, in whatever walks a value nested 900 deep), and accept
``NaN`` and ``Infinity``, which JSON does not have, and a lone surrogate (``"\\ud800"``), which no
file can hold.  Here each is refused by name, and the depth
is bounded (:data:`briefbook.limits.MAX_JSON_DEPTH`) before anything walks the value.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .limits import MAX_JSON_DEPTH, MAX_JSON_DIGITS


class BadJson(ValueError):
    """Text that is not JSON briefbook will read; the message says why, in a line."""


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise BadJson(f"an integer of {len(text.lstrip('-')):,} digits (at most {MAX_JSON_DIGITS})")
    return int(text)


def _constant(name: str) -> Any:
    raise BadJson(f"{name} is not a JSON value")


_SURROGATE = re.compile("[\ud800-\udfff]")


def depth_of(value: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """How deep arrays and objects nest in ``value`` (walked without recursion), up to ``limit`` + 1;
    BadJson for a string that holds a lone surrogate (``"\\ud800"``: JSON can write one, and no
    file can hold it)."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if found := _SURROGATE.search(item):
                raise BadJson(
                    f"a lone surrogate (\\u{ord(found.group()):04x}) in a string: it is no character"
                )
        elif isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            if isinstance(item, dict):
                pending.extend((key, depth) for key in item)
                pending.extend((child, depth + 1) for child in item.values())
            else:
                pending.extend((child, depth + 1) for child in item)
    return deepest


def parse_json(data: bytes | str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The JSON value in ``data`` (UTF-8, a byte-order mark allowed); BadJson saying why not."""
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BadJson(f"not valid UTF-8 at byte offset {exc.start}") from None
    try:
        value = json.loads(data, parse_int=_integer, parse_constant=_constant)
    except BadJson:
        raise
    except json.JSONDecodeError as exc:
        raise BadJson(f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise BadJson(f"nested more than {max_depth} levels deep") from None
    except ValueError as exc:  # what else the parser may say of a number
        raise BadJson(f"not JSON: {str(exc)[:200]}") from None
    if depth_of(value, max_depth) > max_depth:
        raise BadJson(f"nested more than {max_depth} levels deep")
    return value

"""Clutter rules: lines a web page puts around an article, kept in data (``rules/clutter.yaml``).

The shared rules file and a sidecar's ``clean: drop:`` entries have the same
format; each entry is compiled once into a :class:`Rule` that
:func:`briefbook.clean.drop_clutter` applies.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import BriefbookError
from .yamlload import load_yaml

RULE_KEYS = ("rule", "line", "pattern", "where", "within", "wraps", "repeats", "why")
WHERE_VALUES = ("anywhere", "start", "end")
DEFAULT_WITHIN = 5
MAX_WRAPS = 5
_RULE_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Rule:
    """A compiled clutter rule (see ``rules/clutter.yaml`` for the format)."""

    name: str
    regex: re.Pattern[str]  # must match a whole (stripped) line, or wrapped lines joined
    where: str = "anywhere"
    within: int = DEFAULT_WITHIN
    wraps: int = 0
    repeats: int = 1
    origin: str = ""  # file:line of the rule, for messages

    def allows(self, rank: int, total: int) -> bool:
        """Whether a line that is the ``rank``-th (0-based) of ``total`` non-blank lines may match."""
        if self.where == "start":
            return rank < self.within
        if self.where == "end":
            return total - rank <= self.within
        return True


def _exact_line_regex(text: str) -> re.Pattern[str]:
    """An exact line as a regex: literal, but any run of spaces matches any run."""
    words = text.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def _whole_number(entry: dict, key: str, low: int, high: int | None, default: int, fail) -> int:
    if key not in entry:
        return default
    value = entry[key]
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        limit = f"from {low} to {high}" if high is not None else f"of at least {low}"
        fail(key, f"{key!r} must be a whole number {limit}, got {value!r}")
    return value


def compile_rule(entry: Any, origin: str, index: int, kind: str = "clutter rule") -> Rule:
    """Validate one rule entry and compile it; BriefbookError says which rule and what was expected.

    ``origin`` is the file the entry comes from; the entry's own line (when it
    was loaded with :mod:`briefbook.yamlload`) is added, giving ``file:line``.
    """
    entry_line = getattr(entry, "line", 0)
    label = f"{kind} #{index + 1}"

    def fail(key: str | None, problem: str) -> None:
        line = entry.line_of(key) if key and hasattr(entry, "line_of") else entry_line
        where = f"{origin}:{line}" if line else origin
        raise BriefbookError(f"{where}: {label}: {problem}")

    if not isinstance(entry, dict):
        fail(None, f"expected a mapping with 'rule' and 'line' or 'pattern', got {entry!r}")
    name = entry.get("rule")
    if isinstance(name, str) and _RULE_NAME_RE.fullmatch(name):
        label = f"{kind} {name!r}"
    unknown = [key for key in entry if key not in RULE_KEYS]
    if unknown:
        near = difflib.get_close_matches(str(unknown[0]), RULE_KEYS, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        fail(unknown[0], f"unknown key {unknown[0]!r}{hint}; expected only: {', '.join(RULE_KEYS)}")
    if not isinstance(name, str) or not _RULE_NAME_RE.fullmatch(name):
        fail("rule", f"'rule' must be a name of lowercase words joined by '-', got {name!r}")
    has_line, has_pattern = "line" in entry, "pattern" in entry
    if has_line == has_pattern:
        fail(None, "expected exactly one of 'line' (the exact text) or 'pattern' (a regular expression)")
    key = "line" if has_line else "pattern"
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        fail(key, f"{key!r} must be non-empty text, got {value!r}")
    if has_line:
        regex = _exact_line_regex(value)
    else:
        try:
            regex = re.compile(value)
        except re.error as exc:
            fail(
                key,
                f"'pattern' is not a valid regular expression ({exc}); "
                "expected a Python regular expression that matches a whole line",
            )
        if regex.fullmatch(""):
            fail(
                key,
                f"'pattern' {value!r} matches an empty line, so it would match anything; "
                "make it match only the clutter",
            )
    where = entry.get("where", "anywhere")
    if where not in WHERE_VALUES:
        fail("where", f"'where' must be one of {', '.join(WHERE_VALUES)}, got {where!r}")
    if "within" in entry and where == "anywhere":
        fail("within", "'within' needs 'where: start' or 'where: end'")
    within = _whole_number(entry, "within", 1, None, DEFAULT_WITHIN, fail)
    wraps = _whole_number(entry, "wraps", 0, MAX_WRAPS, 0, fail)
    repeats = _whole_number(entry, "repeats", 1, None, 1, fail)
    if "why" in entry and not isinstance(entry["why"], str):
        fail("why", f"'why' must be text, got {entry['why']!r}")
    return Rule(
        name=name,
        regex=regex,
        where=where,
        within=within,
        wraps=wraps,
        repeats=repeats,
        origin=f"{origin}:{entry_line}" if entry_line else origin,
    )


def compile_rules(entries: Iterable[Any], origin: str, kind: str = "clutter rule") -> tuple[Rule, ...]:
    """Compile a list of rule entries (the shared file's ``drop:`` or a sidecar's ``clean: drop:``)."""
    return tuple(compile_rule(entry, origin, index, kind) for index, entry in enumerate(entries))


def shared_rules_path() -> Path:
    """Where the shared clutter rules live (package data)."""
    return Path(str(resources.files("briefbook.rules").joinpath("clutter.yaml")))


def load_rules_file(path: Path) -> tuple[Rule, ...]:
    """Load a rules file: a mapping with one key, ``drop``, a list of rules."""
    data = load_yaml(path)
    if not isinstance(data, dict) or set(data) != {"drop"} or not isinstance(data["drop"], list):
        line = getattr(data, "line", 1)
        raise BriefbookError(
            f"{path}:{line}: expected a mapping with one key, 'drop', holding a list of rules"
        )
    return compile_rules(data["drop"], str(path))


@cache
def shared_rules() -> tuple[Rule, ...]:
    """The shared clutter rules, loaded once."""
    return load_rules_file(shared_rules_path())

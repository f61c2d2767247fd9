"""Clutter rules: lines a web page puts around an article, kept in data (``rules/clutter.yaml``).

The shared rules file and a sidecar's ``clean: drop:`` entries have the same
format, stated by ``schema/clutter-rules.schema.json``; each entry is checked
against it and compiled once into a :class:`Rule` that
:func:`briefbook.text.clean.drop_clutter` applies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import BriefbookError, Code, Problem
from ..models import DEFAULT_WITHIN, Rule
from .validation import validate
from .yamlload import load_yaml


def _exact_line_regex(text: str) -> re.Pattern[str]:
    """An exact line as a regex: literal, but any run of spaces matches any run."""
    words = text.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def _compile(entry: Any, path: str) -> Rule | Problem:
    """One entry the schema has passed, as a Rule; a pattern that matches nothing but air is a problem."""
    line = getattr(entry, "line", 0)
    if "line" in entry:
        regex = _exact_line_regex(entry["line"])
    else:
        regex = re.compile(entry["pattern"])
        if regex.fullmatch(""):
            return Problem(
                Code.RULE_REGEX,
                f"'pattern' {entry['pattern']!r} of rule {entry['rule']!r} matches an empty line, "
                "so it would match anything",
                path,
                entry.line_of("pattern") if hasattr(entry, "line_of") else line or None,
                hint="make it match only the clutter",
            )
    return Rule(
        name=entry["rule"],
        regex=regex,
        where=entry.get("where", "anywhere"),
        within=entry.get("within", DEFAULT_WITHIN),
        wraps=entry.get("wraps", 0),
        repeats=entry.get("repeats", 1),
        origin=f"{path}:{line}" if line else path,
    )


def compile_rules(entries: Sequence[Any], path: Path | str) -> tuple[Rule, ...]:
    """Check and compile a list of rules (the shared file's ``drop:`` or a sidecar's ``clean: drop:``).

    BriefbookError lists every problem, each at the line of the key at fault.
    """
    entries = entries if isinstance(entries, list) else list(entries)
    problems = validate(entries, "clutter-rules", path, "/$defs/rules")
    if problems:
        raise BriefbookError(problems)
    compiled = [_compile(entry, str(path)) for entry in entries]
    problems = [p for p in compiled if isinstance(p, Problem)]
    if problems:
        raise BriefbookError(problems)
    return tuple(r for r in compiled if isinstance(r, Rule))


def shared_rules_path() -> Path:
    """Where the shared clutter rules live (package data)."""
    return Path(str(resources.files("briefbook.editorial.rules").joinpath("clutter.yaml")))


def load_rules_file(path: Path) -> tuple[Rule, ...]:
    """Load a rules file: a mapping with one key, ``drop``, a list of rules."""
    data = load_yaml(path)
    problems = validate(data, "clutter-rules", path)
    if problems:
        raise BriefbookError(problems)
    return compile_rules(data["drop"], path)


@cache
def shared_rules() -> tuple[Rule, ...]:
    """The shared clutter rules, loaded once."""
    return load_rules_file(shared_rules_path())

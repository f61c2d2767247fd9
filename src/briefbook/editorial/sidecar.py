"""Sidecars: the editor's YAML beside each article, loaded and validated.

The JSON Schema in ``schema/sidecar.schema.json`` is the single statement of
what a sidecar may hold: editors point their editor at it for completion, and
:func:`load_sidecar` validates against it (:mod:`briefbook.editorial.validation`), then
checks the editor's markup (:mod:`briefbook.editorial.markup`) and compiles the
article's own clutter rules; every problem names the file and line.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BriefbookError, Problem, by_place
from ..models import Note, Reference, Reliability, Rule, Sidecar
from .cleanrules import compile_rules
from .markup import check_fields
from .notefields import NOTE_FIELDS
from .validation import validate
from .yamlload import LineDict, empty_mapping, load_yaml_text, read_yaml_text

# The page a sidecar's markup lands on is in this folder (relative {doc} targets start there).
PAGE_FOLDER = "articles"


def _text_start(entry: LineDict, key: str) -> int:
    """The line where a (possibly folded) text value begins: the key's line, or the next for ``>-``/``|``."""
    return entry.line_of(key) + (1 if entry.value_styles.get(key) in (">", "|") else 0)


def _note(entry: LineDict) -> Note:
    return Note(
        **{field.attribute: entry.get(field.key, field.default) for field in NOTE_FIELDS},
        line=entry.line,
        note_line=_text_start(entry, "note"),
        basis_line=_text_start(entry, "basis") if "basis" in entry else 0,
    )


def _markup(data: LineDict, text: str, path: str) -> tuple[list[Problem], list[Reference]]:
    """The markup of the ``about`` text and of every note and basis (those that are mappings and
    text: what the schema refuses, it reports)."""
    fields = [(data, "about", "a sidecar's 'about'")]
    notes = data.get("notes")
    for entry in notes if isinstance(notes, list) else ():
        if isinstance(entry, LineDict):
            fields += [(entry, "note", "a note"), (entry, "basis", "a note's basis")]
    return check_fields(fields, text, path, PAGE_FOLDER)


def _reliability(data: LineDict) -> Reliability | None:
    grade = data.get("reliability")
    if not grade:
        return None
    return Reliability(grade["grade"], " ".join(grade["reason"].split()), data.line_of("reliability"))


def _rules(data: LineDict, path: str) -> tuple[tuple[Rule, ...], list[Problem]]:
    try:
        return compile_rules((data.get("clean") or {}).get("drop") or (), path), []
    except BriefbookError as exc:
        return (), exc.problems


def load_sidecar(path: Path) -> Sidecar:
    """Load and validate one sidecar; BriefbookError lists every problem."""
    text = read_yaml_text(path)
    data = load_yaml_text(text, path)
    if data is None:
        data = empty_mapping()
    problems = validate(data, "sidecar", path)
    if problems and not isinstance(data, LineDict):
        raise BriefbookError(problems)
    # the markup is checked whatever the schema found, so every problem is told at once
    markup_problems, references = _markup(data, text, str(path))
    rules, rule_problems = _rules(data, str(path)) if not problems else ((), [])
    if problems or markup_problems or rule_problems:
        raise BriefbookError(by_place(problems + markup_problems + rule_problems))
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
        clean_rules=rules,
        references=tuple(references),
        reliability=_reliability(data),
    )

"""The sidecar ``briefbook add`` starts for the editor: the fields with where each comes from,
where the article came from, and commented examples of notes; checked to read back as meant."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..editorial.validation import validate
from ..editorial.yamlload import load_yaml_text
from ..errors import BriefbookError, Code, Problem
from ..kinds import NOTE_KINDS, STANCES
from ..printable import printable
from .metadata import Guess


def yaml_string(value: str | None) -> str:
    """A YAML scalar that reads back as exactly ``value`` (double-quoted, escaped), or null."""
    if value is None:
        return "null"
    return yaml.safe_dump(value, default_style='"', width=1 << 20, allow_unicode=True).rstrip("\n")


SIDECAR_FIELDS = ("title", "publisher", "author", "date", "kind", "url")


def sidecar_text(
    name: str, fields: dict[str, Guess], example_quote: str, source: dict[str, str] | None = None
) -> str:
    """The sidecar skeleton: the fields with where each comes from, where the article came from
    (``source``: provenance, written once by add), and commented examples of notes.

    Values are double-quoted YAML scalars; comments pass through :func:`printable`, so no
    character from an article (a line break YAML knows and Python does not, say) can end a
    comment early and become a key.
    """
    lines = [
        f"# Sidecar of {name}, started by `briefbook add`. Check every value: the comments say",
        "# where each comes from. The article's text file is never edited.",
    ]
    for key in SIDECAR_FIELDS:
        guess = fields[key]
        scalar = guess.value if key == "kind" else yaml_string(guess.value)
        lines.append(f"{key}: {scalar}  # {printable(guess.source)}")
    if source:
        lines.append("source:  # where the article came from, recorded by `briefbook add`")
        lines += [f"  {key}: {yaml_string(value)}" for key, value in source.items()]
    lines += [
        "# about: >-",
        "#   What the source is and how much weight it bears (MyST).",
        "#",
        "# Notes: remove the '# ' in front of the lines below and fill them in. A quote is copied",
        "# exactly from the text as the book shows it (briefbook check says where a quote is not found).",
        "# notes:",
        f"#   - quote: {yaml_string(example_quote)}",
        f"#     kind: context  # {' | '.join(NOTE_KINDS)}",
        '#     note: "What the reader should know about this passage. MyST: *emphasis*, links."',
        '#   - quote: "another passage"',
        "#     kind: fact-check",
        '#     note: "What the outside record says."',
        '#     basis: "Where that comes from."',
        "#     claim: a-claim-id  # an id from claims.yaml",
        f"#     stance: supports  # {' | '.join(STANCES)}",
    ]
    return "\n".join(lines) + "\n"


def check_skeleton(sidecar: str, path: Path, fields: dict[str, Guess]) -> None:
    """The skeleton loads as a valid sidecar, with exactly the values meant."""
    data = load_yaml_text(sidecar, path)
    problems = validate(data, "sidecar", path)
    if problems:
        raise BriefbookError(problems)
    for key, guess in fields.items():
        if data.get(key) != guess.value:
            message = f"the {key} would not read back as written; nothing was added"
            raise BriefbookError(Problem(Code.EDIT_READ_BACK, message, str(path)))

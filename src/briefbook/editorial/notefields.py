"""A note's fields, defined once: every list of them in briefbook is derived from :data:`NOTE_FIELDS`.

A note in a sidecar has two parts: where it stands (its anchor: the quote and what picks one
occurrence of it) and what it says (its body: kind, claim and stance, the origin its passage rests
on, text, basis).  Each field is
listed here with its YAML key, the attribute :class:`briefbook.models.Note` holds it in, the kind
of value it takes, its part, whether a note must have it, and the term a W3C Web Annotation
carries it by.  From this list come the keys the note editor writes and in which order
(:mod:`briefbook.sidecar_edit`), the ``bb:`` fields of exported and imported annotations
(:mod:`briefbook.interchange`) and the schema of what the preview's pages may send
(:mod:`briefbook.serve.payloads`).  The published JSON Schema
(``schema/sidecar.schema.json``, for editors' YAML tooling) stays a file of its own; a test holds
its note properties, and models.Note, to this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# The kinds of value a field takes, and what each means for the files that hold it.
PASSAGE = "passage"  # words of the article: written quoted in YAML, compared as quotes are
COUNT = "count"  # a whole number from 1
CHOICE = "choice"  # one word of a closed list (kinds.py, the schema's enum)
CLAIM_ID = "claim-id"  # the id of a claim in claims.yaml
ORIGIN_ID = "origin-id"  # the id of an origin in origins.yaml
MARKUP = "markup"  # the editor's MyST (the safe subset): written as folded text in YAML

ValueKind = Literal["passage", "count", "choice", "claim-id", "origin-id", "markup"]


@dataclass(frozen=True)
class NoteField:
    """One field of a sidecar's note."""

    key: str  # its YAML key in a sidecar
    attribute: str  # the attribute of models.Note (and of the note editor's Anchor and NoteBody)
    value: ValueKind
    part: Literal["anchor", "body"]  # where the note stands, or what it says
    required: bool = False  # a sidecar's note must have it
    default: Any = None  # the value a sidecar leaves unsaid
    # the annotation's own term for it ("bb:<key>"); None where the W3C model has its own word:
    # the note's text is the annotation's commenting body
    w3c: str | None = None
    # a sidecar may write it null while it is still to be given (an imported fact-check's basis,
    # which neither Hypothesis nor the W3C model can carry; `check` warns of it)
    nullable: bool = False

    @property
    def python_type(self) -> type:
        return int if self.value == COUNT else str


def _bb(key: str) -> str:
    return f"bb:{key}"


# In the order a sidecar's note is written: where it stands, then what it says.
NOTE_FIELDS: tuple[NoteField, ...] = (
    NoteField("quote", "quote", PASSAGE, "anchor", required=True, w3c=_bb("quote")),
    NoteField("prefix", "prefix", PASSAGE, "anchor", w3c=_bb("prefix")),
    NoteField("suffix", "suffix", PASSAGE, "anchor", w3c=_bb("suffix")),
    NoteField("occurrence", "occurrence", COUNT, "anchor", w3c=_bb("occurrence")),
    NoteField("in", "where", CHOICE, "anchor", default="text", w3c=_bb("in")),
    NoteField("kind", "kind", CHOICE, "body", required=True, w3c=_bb("kind")),
    NoteField("claim", "claim", CLAIM_ID, "body", w3c=_bb("claim")),
    NoteField("stance", "stance", CHOICE, "body", w3c=_bb("stance")),
    NoteField("origin", "origin", ORIGIN_ID, "body", w3c=_bb("origin")),
    NoteField("note", "note", MARKUP, "body", required=True),
    NoteField("basis", "basis", MARKUP, "body", w3c=_bb("basis"), nullable=True),
)

NOTE_KEYS = tuple(f.key for f in NOTE_FIELDS)  # the order a note's keys are written in
ANCHOR_FIELDS = tuple(f for f in NOTE_FIELDS if f.part == "anchor")
BODY_FIELDS = tuple(f for f in NOTE_FIELDS if f.part == "body")
ANCHOR_KEYS = tuple(f.key for f in ANCHOR_FIELDS)
BODY_KEYS = tuple(f.key for f in BODY_FIELDS)
PASSAGE_KEYS = tuple(f.key for f in NOTE_FIELDS if f.value == PASSAGE)
MARKUP_KEYS = tuple(f.key for f in NOTE_FIELDS if f.value == MARKUP)
W3C_FIELDS = tuple(f for f in NOTE_FIELDS if f.w3c)  # what an annotation carries as bb: terms


def sidecar_values(thing: Any, fields: tuple[NoteField, ...] = NOTE_FIELDS) -> dict[str, Any]:
    """The fields of a note (or of its anchor, or its body) as a sidecar writes them, from an
    object that holds them as attributes: in the sidecar's order, leaving out what it leaves unsaid
    (no value, or the default)."""
    values = {}
    for field in fields:
        value = getattr(thing, field.attribute)
        if value is not None and value != field.default:
            values[field.key] = value
    return values

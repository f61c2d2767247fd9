"""A note's fields are defined once (briefbook.editorial.notefields); the published sidecar schema,
the W3C mapping, the preview's payload schema and models.Note are held to that definition."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import jsonschema
from helpers import SEEDS

from briefbook.editorial.notefields import (
    ANCHOR_KEYS,
    BODY_KEYS,
    COUNT,
    NOTE_FIELDS,
    NOTE_KEYS,
    W3C_FIELDS,
)
from briefbook.editorial.sidecar import load_sidecar
from briefbook.interchange.export import book_annotations
from briefbook.interchange.reading import from_w3c
from briefbook.interchange.terms import CONTEXT
from briefbook.models import Note
from briefbook.serve.payloads import NOTE_BODY, note_body
from briefbook.sidecar_edit.yamltext import text_with_note_added


def published_note_schema() -> dict:
    text = resources.files("briefbook.editorial").joinpath("schema/sidecar.schema.json").read_text("utf-8")
    return json.loads(text)["properties"]["notes"]["items"]


def test_the_published_schema_has_the_notes_fields_and_their_kinds():
    note = published_note_schema()
    # the same fields (its order is the one its messages list them in: "expected one of ...")
    assert sorted(note["properties"]) == sorted(NOTE_KEYS)
    assert sorted(note["required"]) == sorted(f.key for f in NOTE_FIELDS if f.required)
    for field in NOTE_FIELDS:
        published = note["properties"][field.key]
        if field.value == "choice":
            assert "enum" in published, field.key
            assert published.get("default") == field.default, field.key
        else:
            kind = "integer" if field.value == COUNT else "string"
            assert published["type"] == ([kind, "null"] if field.nullable else kind), field.key


def test_a_note_is_its_anchor_then_its_body():
    assert ANCHOR_KEYS + BODY_KEYS == NOTE_KEYS
    assert ANCHOR_KEYS == ("quote", "prefix", "suffix", "occurrence", "in")


def test_models_note_holds_every_field_and_the_lines_it_was_read_from():
    attributes = {f.name for f in dataclasses.fields(Note)}
    assert attributes == {f.attribute for f in NOTE_FIELDS} | {"line", "note_line", "basis_line"}


def test_a_sidecar_note_with_every_field_is_read_into_each_attribute(tmp_path):
    values = {
        "quote": "the talks",
        "prefix": "before",
        "suffix": "after",
        "occurrence": 2,
        "in": "caption",
        "kind": "fact-check",
        "claim": "talks-resumed",
        "stance": "supports",
        "origin": "eucom-statement",
        "note": "A note.",
        "basis": "A basis.",
    }
    assert list(values) == list(NOTE_KEYS)
    path = tmp_path / "a.yaml"
    path.write_text('title: "A"\nkind: news\n', "utf-8")
    text, _ = text_with_note_added(path.read_text("utf-8"), values, path)
    path.write_text(text, "utf-8")
    (note,) = load_sidecar(path).notes
    assert {f.key: getattr(note, f.attribute) for f in NOTE_FIELDS} == values
    # written in the definition's order
    keys = [line.strip(" -").split(":")[0] for line in text.splitlines()[3:]]
    assert keys == list(NOTE_KEYS)


def test_every_field_but_the_text_travels_as_a_bb_term_and_comes_back():
    assert {"bb": CONTEXT[1]["bb"]} == CONTEXT[1]  # the prefix the terms are written with
    assert [f.key for f in NOTE_FIELDS if f.w3c is None] == ["note"]  # the annotation's body
    assert all(f.w3c == f"bb:{f.key}" for f in W3C_FIELDS)
    # the seeds' notes, exported and read back: every bb: term an annotation carries is read back
    annotations = book_annotations(SEEDS)
    written = {key for a in annotations for key in a if key.startswith("bb:")}
    assert written <= {f.w3c for f in W3C_FIELDS}
    annotation = {
        "type": "Annotation",
        "target": {"source": "s", "selector": {"type": "TextQuoteSelector", "exact": "x"}},
        **{f.w3c: (3 if f.value == COUNT else f"value of {f.key}") for f in W3C_FIELDS},
    }
    own = from_w3c(annotation, 1).own
    assert own == {f.key: (3 if f.value == COUNT else f"value of {f.key}") for f in W3C_FIELDS}


def test_the_payload_schema_is_the_body_and_every_body_field_reaches_the_note():
    assert list(NOTE_BODY["properties"]) == list(BODY_KEYS)
    assert NOTE_BODY["required"] == [f.key for f in NOTE_FIELDS if f.part == "body" and f.required]
    sent = {key: f"  {key} text  " for key in BODY_KEYS}
    jsonschema.Draft202012Validator(NOTE_BODY).validate(sent)
    assert note_body(sent).fields() == {key: f"{key} text" for key in BODY_KEYS}
    for field in NOTE_FIELDS:
        if field.part == "body" and not field.required:
            jsonschema.Draft202012Validator(NOTE_BODY).validate(
                {"kind": "context", "note": "n", field.key: None}
            )

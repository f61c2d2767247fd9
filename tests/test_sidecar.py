"""Sidecar loading and validation: errors name the file and line, and suggest the fix."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from briefbook.errors import ProblemsFound
from briefbook.sidecar import load_sidecar, sidecar_schema


def write(tmp_path, text: str):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_sidecar(path)
    return [str(p) for p in caught.value.problems]


def test_a_valid_sidecar_loads_with_note_lines(tmp_path):
    path = write(
        tmp_path,
        'title: T\nkind: news\ndate: "2026-02-05"\nnotes:\n  - quote: q\n    kind: sic\n    note: >-\n      folded\n      text\n',
    )
    sidecar = load_sidecar(path)
    assert (sidecar.title, sidecar.date, sidecar.publisher) == ("T", "2026-02-05", None)
    assert sidecar.notes[0].line == 5 and sidecar.notes[0].note_line == 8
    assert sidecar.notes[0].note == "folded text"


def test_unknown_key_suggests_the_nearest(tmp_path):
    path = write(
        tmp_path,
        "title: T\nkind: news\nnotes:\n  - quote: q\n    kind: context\n    note: n\n    bassis: b\n",
    )
    [message] = problems(path)
    assert message.startswith(f"{path}:7: unknown key 'bassis' in notes/0 (did you mean 'basis'?)")


def test_fact_check_needs_a_basis_and_bad_kind_is_named(tmp_path):
    path = write(tmp_path, "title: T\nkind: newz\nnotes:\n  - quote: q\n    kind: fact-check\n    note: n\n")
    found = problems(path)
    assert (
        f"{path}:2: kind: 'newz' is not allowed (did you mean 'news'?); expected one of: news, analysis, opinion, newsletter"
        in found
    )
    assert f"{path}:4: notes/0: 'basis' is a required property" in found


def test_yaml_syntax_error_has_file_and_line(tmp_path):
    path = write(tmp_path, "title: T\nkind: news\nnotes: [\n")
    with pytest.raises(Exception, match=rf"{path}:4: YAML error"):
        load_sidecar(path)


def test_published_schema_is_valid_json_schema():
    schema = json.loads(
        resources.files("briefbook").joinpath("schema/sidecar.schema.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == sidecar_schema()

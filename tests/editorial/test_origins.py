"""Origins, a source's grade and a claim's grade: loaded and validated with file:line and the
nearest choice, and the origins notes and claims name checked against the declared ones."""

from __future__ import annotations

import pytest
from helpers import SEEDS

from briefbook.book import load_book
from briefbook.editorial.claims import load_claims
from briefbook.editorial.origins import load_origins
from briefbook.editorial.references import check_claim_origins, check_origin_tags
from briefbook.editorial.sidecar import load_sidecar
from briefbook.errors import BriefbookError, Code
from briefbook.models import Note

ORIGINS = """origins:
  - id: eucom-statement
    kind: statement
    who: U.S. European Command
    names: [Eucom, the U.S. military]
    date: "2026-02-05"
    label: EUCOM's statement of 5 February 2026
    note: >-
      Quoted in fragments; see {term}`EUCOM`.
  - id: ukrainian-official
    kind: anonymous
    who: an unnamed Ukrainian official
    label: the unnamed Ukrainian official
"""


def test_origins_load_with_their_lines(tmp_path):
    path = tmp_path / "origins.yaml"
    path.write_text(ORIGINS, "utf-8")
    origins = load_origins(path)
    first = origins.get("eucom-statement")
    assert (first.kind, first.who, first.label, first.date, first.line) == (
        "statement",
        "U.S. European Command",
        "EUCOM's statement of 5 February 2026",
        "2026-02-05",
        2,
    )
    assert first.names == ("Eucom", "the U.S. military") and first.note_line == 9
    assert [r.target for r in origins.references] == ["EUCOM"]
    assert origins.ids == ["eucom-statement", "ukrainian-official"] and origins.get("x") is None
    assert load_origins(tmp_path / "none.yaml").origins == ()  # no file: no origins declared


def test_bad_origins_are_reported_with_lines_and_the_nearest_choice(tmp_path):
    path = tmp_path / "origins.yaml"
    path.write_text(
        "origins:\n  - id: one\n    kind: wire\n    who: W\n    label: L\n"
        "  - id: one\n    kind: statment\n    who: W\n    label: L\n"
        "  - id: two\n    kind: wire\n    who: W\n    lable: L\n"
        "  - id: three\n    kind: wire\n    who: W\n    label: L\n    url: ftp://x\n"
        "  - id: four\n    kind: wire\n    who: W\n    label: L\n    note: '<b>raw</b>'\n"
        "  - id: four\n    kind: wire\n    who: W\n    label: L\n",
        "utf-8",
    )
    with pytest.raises(BriefbookError) as caught:
        load_origins(path)
    markup = [p for p in caught.value.problems if p.code == Code.MARKUP_REFUSED]
    found = [p for p in caught.value.problems if p.code != Code.MARKUP_REFUSED]
    assert [(p.line, p.code, p.text) for p in found] == [
        (
            7,
            Code.SCHEMA_CHOICE,
            "'kind': 'statment' is not allowed; expected one of: statement, wire, anonymous, reporting, "
            "interview, document, social; did you mean 'statement'?",
        ),
        (10, Code.SCHEMA_MISSING_KEY, "missing required field 'label' in origin"),
        (
            13,
            Code.SCHEMA_UNKNOWN_KEY,
            "unknown key 'lable' in origin (expected one of: id, kind, who, names, date, label, url, note); "
            "did you mean 'label'?",
        ),
        (18, Code.SCHEMA_VALUE, "'url' must be an http:// or https:// address, not 'ftp://x'"),
        (24, Code.ORIGINS_DUPLICATE_ID, "duplicate id 'four' (first at line 19)"),
    ]
    assert {p.line for p in markup} == {23} and "raw HTML is not allowed in an origin's note" in markup[
        0
    ].text


def test_a_note_or_a_claim_naming_an_unknown_origin_gets_the_nearest(tmp_path):
    path = tmp_path / "origins.yaml"
    path.write_text(ORIGINS, "utf-8")
    origins = load_origins(path)
    note = Note("q", "context", "n", line=12, origin="eucom-statment")
    (problem,) = check_origin_tags([note, Note("q", "context", "n", line=3)], origins, tmp_path / "005.yaml")
    assert (problem.code, problem.line) == (Code.REF_UNKNOWN_ORIGIN, 12)
    assert problem.text == (
        "unknown origin 'eucom-statment' (origins are declared in origins.yaml); did you mean 'eucom-statement'?"
    )
    claims_path = tmp_path / "claims.yaml"
    claims_path.write_text(
        "claims:\n  - id: a\n    statement: A.\n    origins: [ukrainian-oficial]\n", "utf-8"
    )
    (problem,) = check_claim_origins(load_claims(claims_path), origins)
    assert (problem.path, problem.line) == (str(claims_path), 4)
    assert problem.hint == "did you mean 'ukrainian-official'?"


def test_a_source_s_grade_needs_a_reason_and_a_letter_of_the_scale(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text('title: "A"\nkind: news\nreliability:\n  grade: G\n', "utf-8")
    with pytest.raises(BriefbookError) as caught:
        load_sidecar(path)
    assert [(p.line, p.code) for p in caught.value.problems] == [
        (3, Code.SCHEMA_MISSING_KEY),
        (4, Code.SCHEMA_CHOICE),
    ]
    assert "expected one of: A, B, C, D, E, F" in caught.value.problems[1].text
    path.write_text(
        'title: "A"\nkind: news\nreliability:\n  grade: B\n  reason: " Usually  right. "\n', "utf-8"
    )
    graded = load_sidecar(path).reliability
    assert (graded.grade, graded.reason, graded.line) == ("B", "Usually right.", 3)
    path.write_text('title: "A"\nkind: news\n', "utf-8")
    assert load_sidecar(path).reliability is None  # not graded, never taken for F


def test_an_editor_s_credibility_is_a_grade_from_1_to_6_with_a_reason(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n  - id: a\n    statement: A.\n    credibility:\n      grade: 7\n      reason: r\n"
        "  - id: b\n    statement: B.\n    credibility:\n      grade: 2\n",
        "utf-8",
    )
    with pytest.raises(BriefbookError) as caught:
        load_claims(path)
    assert [(p.line, p.text) for p in caught.value.problems] == [
        (5, "'grade' must be a whole number from 1 to 6, not 7"),
        (9, "missing required field 'reason' in credibility"),
    ]


def test_the_book_reports_an_unknown_origin_where_it_is_named(tmp_path):
    import shutil

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    sidecar = seeds / "003_aacb11e1eea10760.yaml"
    text = sidecar.read_text("utf-8").replace("origin: lavrov-rt-interview", "origin: lavrov-interview")
    sidecar.write_text(text, "utf-8")
    with pytest.raises(BriefbookError) as caught:
        load_book(seeds)
    (problem,) = caught.value.problems
    assert problem.code == Code.REF_UNKNOWN_ORIGIN and problem.path == str(sidecar)
    assert problem.hint == "did you mean 'lavrov-rt-interview'?"
    assert text.splitlines()[problem.line - 1].lstrip().startswith("- quote:")

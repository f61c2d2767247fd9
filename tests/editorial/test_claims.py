"""Claims: loading and validation (file:line), and the claim a note tags checked against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbook.editorial.claims import load_claims
from briefbook.editorial.references import check_claim_tags
from briefbook.errors import BriefbookError, Code
from briefbook.models import Note


def test_claims_load_with_their_lines_and_dates(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n  - id: one\n    statement: >-\n      First\n      claim.\n    date: '2026-02'\n"
        "  - id: two\n    statement: Second.\n",
        encoding="utf-8",
    )
    claims = load_claims(path)
    assert [(c.id, c.statement, c.line, c.date) for c in claims.claims] == [
        ("one", "First claim.", 2, "2026-02"),
        ("two", "Second.", 7, None),
    ]
    assert claims.get("two").statement == "Second." and claims.get("three") is None
    assert load_claims(tmp_path / "none.yaml").claims == ()  # no file: a book without claims


def test_bad_claims_are_reported_with_lines(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n  - id: one\n    statement: First.\n    date: '2026-02-05'\n"
        "  - id: one\n    statement: Again.\n  - id: Bad Id\n    statement: x\n"
        "  - id: two\n    statment: typo\n  - id: three\n    statement: s\n    date: Feb 2026\n"
        "  - id: four\n    statement: ' '\n    date: '2026-02-30'\n",
        encoding="utf-8",
    )
    with pytest.raises(BriefbookError) as caught:
        load_claims(path)
    assert [(p.line, p.code, p.text) for p in caught.value.problems] == [
        # a duplicate is found among the claims that are sound, whatever the others hold
        (5, Code.CLAIMS_DUPLICATE_ID, "duplicate id 'one' (first at line 2)"),
        (
            7,
            Code.SCHEMA_VALUE,
            "'id' must be lowercase letters and digits joined by single hyphens, not 'Bad Id'",
        ),
        (9, Code.SCHEMA_MISSING_KEY, "missing required field 'statement' in claim"),
        (
            10,
            Code.SCHEMA_UNKNOWN_KEY,
            "unknown key 'statment' in claim (expected one of: id, statement, date, about, category, note, label, "
            "origins, credibility); "
            "did you mean 'statement'?",
        ),
        (13, Code.DATE_INVALID, "'date' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not 'Feb 2026'"),
        (15, Code.SCHEMA_VALUE, "'statement' is empty"),
        (16, Code.DATE_INVALID, "'date': '2026-02-30' is not a date on the calendar"),
    ]


def test_a_file_without_a_claims_list_says_so(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("claim:\n  - id: one\n", encoding="utf-8")
    with pytest.raises(BriefbookError) as caught:
        load_claims(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1: missing required field 'claims' in claims file",
        f"{path}:1: unknown key 'claim' in claims file (expected one of: claims); did you mean 'claims'?",
    ]


def test_a_note_naming_an_unknown_claim_is_an_error_with_a_suggestion(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - id: suspension-2021\n    statement: s\n", encoding="utf-8")
    claims = load_claims(path)
    note = Note(quote="q", kind="context", note="n", line=12, claim="suspension-2012", stance="supports")
    [problem] = check_claim_tags([note], claims, Path("seeds/a.yaml"))
    assert problem.code == Code.REF_UNKNOWN_CLAIM
    assert str(problem) == (
        "seeds/a.yaml:12: unknown claim 'suspension-2012' (claims are defined in claims.yaml); "
        "did you mean 'suspension-2021'?"
    )

"""Claims and shared passages: loading, validation, and text reuse between articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbook.crossref import check_claim_refs, find_shared_passages, load_claims
from briefbook.errors import ProblemsFound
from briefbook.models import Article, Note

STATEMENT = "Maintaining dialogue between militaries is an important factor in global stability and peace."


def article(stem: str, *paragraphs: str) -> Article:
    return Article(stem=stem, path=Path(f"{stem}.txt"), paragraphs=paragraphs)


def test_a_quoted_statement_is_found_in_both_articles_with_its_places():
    a = article("a", "The U.S. military said on Thursday: “" + STATEMENT + "” Officials agreed.")
    b = article(
        "b",
        "Weather report.",
        "In a statement, it said maintaining dialogue between militaries is an important factor in global stability and peace, and more.",
    )
    [shared] = find_shared_passages([a, b])
    assert (shared.a, shared.b) == ("a", "b")
    assert (
        shared.text
        == "Maintaining dialogue between militaries is an important factor in global stability and peace"
    )
    assert b.paragraphs[shared.b_span.paragraph][shared.b_span.start : shared.b_span.end].startswith(
        "maintaining dialogue"
    )
    assert shared.b_span.paragraph == 1


def test_ordinary_phrases_and_unrelated_articles_do_not_count():
    a = article("a", "The United States and Russia have agreed to talk, officials said on Thursday.")
    b = article("b", "The United States and Russia have agreed to a prisoner exchange, it was reported.")
    c = article("c", "Entirely different words about the harvest in the northern provinces this year.")
    assert find_shared_passages([a, b, c]) == []


def test_claims_load_and_bad_ones_are_reported_with_lines(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n  - id: one\n    statement: First.\n    date: '2026-02-05'\n"
        "  - id: one\n    statement: Again.\n  - id: Bad Id\n    statement: x\n"
        "  - id: two\n    statment: typo\n  - id: three\n    statement: s\n    date: Feb 2026\n",
        encoding="utf-8",
    )
    with pytest.raises(ProblemsFound) as caught:
        load_claims(path)
    messages = [str(p) for p in caught.value.problems]
    assert f"{path}:5: duplicate claim id 'one' (first at line 2)" in messages
    assert f"{path}:7: claim id 'Bad Id' must be lowercase letters, digits and hyphens" in messages
    assert any(
        m.startswith(f"{path}:10: unknown key 'statment' in a claim (did you mean 'statement'?)")
        for m in messages
    )
    assert f"{path}:9: claim 'two' has no statement" in messages
    assert f"{path}:13: claim 'three': date 'Feb 2026' is not YYYY, YYYY-MM or YYYY-MM-DD" in messages


def test_a_note_naming_an_unknown_claim_is_an_error_with_a_suggestion(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - id: suspension-2021\n    statement: s\n", encoding="utf-8")
    claims = load_claims(path)
    note = Note(quote="q", kind="context", note="n", line=12, claim="suspension-2012", stance="supports")
    [problem] = check_claim_refs([note], claims, Path("seeds/a.yaml"))
    assert (
        str(problem)
        == "seeds/a.yaml:12: unknown claim 'suspension-2012' (did you mean 'suspension-2021'?); claims are defined in claims.yaml"
    )


def test_text_repeated_within_articles_counts_once():
    sentence = "The delegations agreed to restore the channel between the two general staffs at once. "
    a = article("a", (sentence * 300).strip())
    b = article("b", "Before that, nothing. " + (sentence * 300).strip())
    [shared] = find_shared_passages([a, b])  # the first place on each side, not 300 x 300 pairs
    assert (shared.a_span.start, shared.b_span.start) == (0, len("Before that, nothing. "))


def test_a_passage_in_more_articles_than_the_limit_is_boilerplate():
    line = "Maintaining dialogue between militaries is an important factor in global stability and peace."
    from briefbook.crossref import MAX_SHARERS

    few = [article(f"a{i}", f"Story {i} says: {line}") for i in range(MAX_SHARERS)]
    assert len(find_shared_passages(few)) == MAX_SHARERS * (MAX_SHARERS - 1) // 2
    many = [article(f"a{i}", f"Story {i} says: {line}") for i in range(MAX_SHARERS + 1)]
    assert find_shared_passages(many) == []


def test_a_shared_run_ends_where_a_paragraph_ends():
    first = "The agreement restores high level military dialogue between Washington and Moscow."
    second = "Officials in both capitals welcomed the decision without giving further details today."
    a = article("a", first, second)
    b = article("b", f"{first} {second}")
    texts = sorted(p.text for p in find_shared_passages([a, b]))
    assert texts == sorted([first.rstrip("."), second.rstrip(".")])

"""Shared passages: text reuse between articles."""

from __future__ import annotations

from pathlib import Path

from briefbook.crossref import find_shared_passages
from briefbook.models import Article

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

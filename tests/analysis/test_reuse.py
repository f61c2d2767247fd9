"""Shared passages: text reuse between articles."""

from __future__ import annotations

from pathlib import Path

from briefbook.analysis.reuse import find_shared_passages
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


def test_text_repeated_within_articles_counts_once():
    sentence = "The delegations agreed to restore the channel between the two general staffs at once. "
    a = article("a", (sentence * 300).strip())
    b = article("b", "Before that, nothing. " + (sentence * 300).strip())
    [shared] = find_shared_passages([a, b])  # the first place on each side, not 300 x 300 pairs
    assert (shared.a_span.start, shared.b_span.start) == (0, len("Before that, nothing. "))


def test_a_passage_in_more_articles_than_the_limit_is_boilerplate():
    line = "Maintaining dialogue between militaries is an important factor in global stability and peace."
    from briefbook.analysis.reuse import MAX_SHARERS

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

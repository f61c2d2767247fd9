"""Anchoring notes by quote: exact, normalised, ambiguous, orphaned, near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbook.analysis.anchors import AnchorError, anchor_notes, locate
from briefbook.errors import Code
from briefbook.models import Article, Note, Sidecar

ARTICLE = Article(
    stem="a",
    path=Path("seeds/a.txt"),
    paragraphs=(
        "The U.S. and Russia agreed to “reestablish high-level military-to-military dialogue.”",
        "The dialogue was suspended in 2021. The dialogue resumed in 2026.",
    ),
    paragraph_lines=(1, 4),
)


def note(quote: str, **extra) -> Note:
    return Note(quote=quote, kind="context", note="n", line=7, **extra)


def test_exact_match_gives_offsets_in_the_original_text():
    span = locate(ARTICLE, note("suspended in 2021"), "a.yaml")
    para = ARTICLE.paragraphs[span.paragraph]
    assert (span.paragraph, para[span.start : span.end]) == (1, "suspended in 2021")


def test_straight_quotes_and_extra_spaces_match_typographic_text():
    span = locate(ARTICLE, note('"reestablish   high-level'), "a.yaml")
    assert ARTICLE.paragraphs[0][span.start : span.end] == "“reestablish high-level"


def test_ambiguous_quote_lists_every_place():
    with pytest.raises(AnchorError) as caught:
        locate(ARTICLE, note("The dialogue"), "a.yaml")
    problem = caught.value.problem
    assert str(problem).startswith(
        "a.yaml:7: quote 'The dialogue' occurs 2 times in a.txt: paragraph 2 (line 4)"
    )
    assert problem.message.count("paragraph 2 (line 4)") == 2
    assert problem.hint == "add prefix, suffix or occurrence to choose one"
    assert problem.code == Code.ANCHOR_AMBIGUOUS


@pytest.mark.parametrize(
    ("extra", "expected_start"),
    [({"occurrence": 2}, 36), ({"prefix": "2021."}, 36), ({"suffix": "was suspended"}, 0)],
)
def test_disambiguators_pick_one_match(extra, expected_start):
    span = locate(ARTICLE, note("The dialogue", **extra), "a.yaml")
    assert (span.paragraph, span.start) == (1, expected_start)


def test_occurrence_beyond_the_matches_is_an_error():
    with pytest.raises(AnchorError, match="has occurrence: 3, but it occurs only 2 time"):
        locate(ARTICLE, note("The dialogue", occurrence=3), "a.yaml")


def test_near_miss_shows_the_closest_passage_and_never_attaches_to_it():
    with pytest.raises(AnchorError) as caught:
        locate(ARTICLE, note("suspended in 2022"), "a.yaml")
    message = str(caught.value)
    assert "quote 'suspended in 2022' not found in a.txt" in message
    assert message.endswith("closest passage (94% similar) in paragraph 2 (line 4): 'suspended in 2021.'")
    assert caught.value.problem.code == "anchor.orphan"


def test_notes_are_numbered_in_reading_order_and_problems_collected():
    sidecar = Sidecar(
        path=Path("a.yaml"),
        title="t",
        publisher=None,
        date=None,
        kind="news",
        notes=(note("resumed in 2026"), note("Russia agreed"), note("no such words at all")),
    )
    located, problems = anchor_notes(ARTICLE, sidecar)
    assert [(n.number, n.note.quote) for n in located] == [(1, "Russia agreed"), (2, "resumed in 2026")]
    assert [p.code for p in problems] == ["anchor.orphan"]

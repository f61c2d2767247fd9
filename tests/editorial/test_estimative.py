"""ICD 203's estimative language: the seven bands in two rows, hedges, and confidence kept apart."""

from __future__ import annotations

from itertools import pairwise

import pytest

from briefbook.editorial.estimative import SCALE, band_of, estimative_findings


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.words) for f in estimative_findings(text)]


def test_the_scale_has_seven_bands_that_cover_one_to_ninety_nine_per_cent_in_order():
    assert len(SCALE) == 7
    assert SCALE[0].low == 1 and SCALE[-1].high == 99
    for lower, upper in pairwise(SCALE):
        assert lower.high == upper.low


@pytest.mark.parametrize(
    ("term", "band"),
    [
        ("almost no chance", (1, 5)),
        ("Remote", (1, 5)),
        ("very  unlikely", (5, 20)),
        ("improbably", (20, 45)),
        ("roughly even odds", (45, 55)),
        ("probably", (55, 80)),  # ICD 203's second row spells "likely" this way
        ("highly probable", (80, 95)),
        ("almost certainly", (95, 99)),
    ],
)
def test_each_term_stands_for_its_band(term, band):
    found = band_of(term)
    assert found is not None and (found.low, found.high) == band


def test_standard_terms_alone_give_no_finding():
    text = (
        "Russia is unlikely to confirm the channel before the next round. The dialogue will very likely "
        "continue at the level of commanders; a meeting of ministers is almost certainly months away."
    )
    assert estimative_findings(text) == []


def test_hedges_outside_the_table_are_found_where_they_stand():
    text = "The channel might well survive. Perhaps Moscow will confirm it; in all likelihood it will not."
    found = estimative_findings(text)
    assert [(f.kind, f.words) for f in found] == [
        ("unstandard", "might well"),
        ("unstandard", "Perhaps"),
        ("unstandard", "in all likelihood"),
    ]
    assert text[found[1].offset :].startswith("Perhaps")
    assert "which band" in found[0].message


def test_a_hedge_that_holds_a_term_is_one_hedge_and_a_term_that_holds_a_hedge_is_a_term():
    assert kinds("It is most likely a formality.") == [("unstandard", "most likely")]
    assert kinds("It is highly likely to hold.") == [("unstandard", "highly likely")]
    assert kinds("It is almost certainly a formality.") == []
    assert kinds("It is certainly a formality.") == [("unstandard", "certainly")]


def test_words_that_only_contain_a_term_are_not_terms():
    # "likelihood", "unlikeliness", "remotely", "probabilities" are not ICD 203's terms
    assert estimative_findings("Its likelihood was debated remotely, with probabilities.") == []


def test_a_second_row_term_is_flagged_with_the_first_row_term_for_its_band():
    # the book keeps to the first row, which its reading guide explains: "probably" asks the
    # reader to know that ICD 203 means "likely" by it
    found = estimative_findings("The talks will probably resume; a ceasefire is highly improbable.")
    assert [(f.kind, f.words) for f in found] == [
        ("second-row", "probably"),
        ("second-row", "highly improbable"),
    ]
    assert found[0].message == (
        "“probably” is ICD 203's second-row word for “likely” (55–80 %); the book keeps to the first "
        "row, which its reading guide explains: write “likely”"
    )
    assert "word for “very unlikely” (5–20 %)" in found[1].message


def test_remote_is_a_likelihood_only_before_chance_possibility_or_prospect():
    assert kinds("There is a remote chance of a meeting.") == [("second-row", "remote")]
    assert kinds("A deal is a remote prospect.") == [("second-row", "remote")]
    assert kinds("The officers met at a remote outpost.") == []


def test_a_claim_s_credibility_named_in_words_is_not_a_likelihood():
    text = "It rests on a claim of credibility 4 (doubtful) and one of credibility 5, improbable."
    assert estimative_findings(text) == []
    assert kinds("The report is doubtful.") == [("unstandard", "doubtful")]


def test_a_confidence_level_and_a_likelihood_in_one_sentence_are_flagged():
    text = "We judge with high confidence that the channel is likely to last. We have moderate confidence in 003."
    found = estimative_findings(text)
    assert [(f.kind, f.words) for f in found] == [("confidence", "likely")]
    assert "separate sentences" in found[0].message


def test_a_confidence_level_in_its_own_sentence_is_fine():
    assert (
        estimative_findings("The channel is likely to last. We have high confidence in that judgment.") == []
    )

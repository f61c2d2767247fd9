"""The two forms text is compared in (quotes, glossary terms), and the way back to the original."""

from __future__ import annotations

import pytest

from briefbook.normalise import fold_case, quote_key, quote_text, spelling_key, term_chars, term_text

MIXED = "  Officials\u00a0 said\t\tthe “talks”\n\n resumed in\u20092026 –  after   NATO’s İstanbul  meeting. "


def test_a_quote_keeps_an_offset_map():
    folded = quote_text("  a\u00a0 “b”\n c ")
    assert folded.text == 'a "b" c'
    assert folded.original_span(2, 5) == (5, 8)


@pytest.mark.parametrize("form", [quote_text, lambda text: term_text(text).squeezed])
def test_every_character_maps_back_to_itself(form):
    squeezed = form(MIXED)
    for offset, char in enumerate(squeezed.text):
        if char != " ":
            original = MIXED[squeezed.original(offset)]
            assert original == char or original in "“”’–", (offset, char, original)


def test_a_term_text_squeezes_spaces_and_folds_case_without_moving_offsets():
    text = term_text("NATO  and\u00a0 İstanbul")
    assert text.exact == "NATO and İstanbul"
    assert len(text.folded) == len(text.exact) and text.folded.startswith("nato and ")
    start = text.exact.index("İstanbul")
    assert "NATO  and\u00a0 İstanbul"[text.original(start) :] == "İstanbul"
    assert fold_case("İSTANBUL") == "İstanbul"  # the one letter that grows stays as it is


def test_quotes_and_terms_are_compared_in_different_forms():
    # a quote names one passage exactly: its dashes stay, its quotation marks are straightened
    assert quote_key(" “talks”  in 2021–22 ") == '"talks" in 2021–22'
    # a term is the same name however its dash or apostrophe was typed, character for character
    assert term_chars("Russia–Ukraine war, NATO’s") == "Russia-Ukraine war, NATO's"
    assert term_chars("“talks”") == "“talks”"
    assert spelling_key(" Russia\u2013Ukraine  war ") == "Russia-Ukraine war"

"""Attribution in the text: the cue and the words that say who, and the declared origin they name."""

from __future__ import annotations

import pytest

from briefbook.analysis.attribution import attribution_in, name_pattern, named_in, sentence_around, sentences


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        (
            "“This channel will provide a consistent contact,” Eucom said in a statement.",
            "Eucom said in a statement",
        ),
        (
            "In a statement on Thursday (5 February), the U.S. military said maintaining dialogue is important.",
            "In a statement on Thursday (5 February), the U.S. military said",
        ),
        ("According to EUCOM, the renewed dialogue is aimed at transparency.", "According to EUCOM"),
        (
            "One senior NATO diplomat, speaking anonymously to Politico, warned: “This risks sidelining allies.”",
            "One senior NATO diplomat, speaking anonymously to Politico, warned",
        ),
        ("Lavrov told state news channel RT that Russia was prepared.", "Lavrov told state news channel RT"),
        (
            "“The two sides agreed today,” US European Command, which oversees American operations in Europe, announced.",
            "US European Command, which oversees American operations in Europe, announced",
        ),
        (
            "Steve Witkoff, Donald Trump’s special envoy, said only that significant work remains.",
            "Steve Witkoff, Donald Trump’s special envoy, said",
        ),
        (
            "A spokesperson for the ministry said the talks were useful.",
            "A spokesperson for the ministry said",
        ),
        (
            "Trump, however, has criticised New START, writing on social media that it should be replaced.",
            "Trump, however, has criticised New START, writing on social media",
        ),
        ("The talks ended, and negotiators said the parties remained far apart.", "negotiators said"),
    ],
)
def test_the_attribution_is_the_cue_with_the_words_that_say_who(sentence, attribution):
    found = attribution_in(sentence)
    assert found is not None and found.text == attribution


def test_a_sentence_that_attributes_nothing_has_no_attribution():
    assert attribution_in("The United States and Russia have agreed to reestablish the dialogue.") is None


def test_sentences_do_not_end_at_an_abbreviation():
    text = "The U.S. military met Gen. Grynkewich on Feb. 5 in Abu Dhabi. “It went well,” he said. Then more."
    assert [text[a:b] for a, b in sentences(text)] == [
        "The U.S. military met Gen. Grynkewich on Feb. 5 in Abu Dhabi.",
        "“It went well,” he said.",
        "Then more.",
    ]
    assert sentence_around(text, text.index("went"), text.index("well")) == "“It went well,” he said."


def test_the_origin_named_first_in_the_attribution_is_the_one_suggested():
    patterns = {
        "trump": name_pattern(["Donald Trump", "Trump"]),
        "witkoff": name_pattern(["Steve Witkoff", "Witkoff"]),
        "eucom": name_pattern(["U.S. European Command", "EUCOM", "the U.S. military"]),
    }
    witkoff = attribution_in("Steve Witkoff, Donald Trump’s special envoy, said only that work remains.")
    assert named_in(witkoff, patterns) == "witkoff"  # who speaks opens the clause
    military = attribution_in("In a statement, the U.S. military said the talks were productive.")
    assert named_in(military, patterns) == "eucom"
    nobody = attribution_in("The talks ended, and negotiators said the parties remained far apart.")
    assert named_in(nobody, patterns) is None
    assert name_pattern(["", "  "]) is None

"""judgments.yaml read and checked: the key judgments in order with the claims each rests on, every
word of a folded paragraph at its own line, and what is wrong said at its line."""

from __future__ import annotations

import pytest

from briefbook.editorial.judgments import load_judgments
from briefbook.errors import BriefbookError, Code

GOOD = """judgments:
  - id: talks-resumed
    title: The talks resumed.
    text: >-
      Three sources report the
      announcement, from one
      statement.
    claims: [announcement, agreed]
    caveat: One origin.
  - id: second
    title: >-
      A second judgment
      on two lines.
    claims: []
"""


def test_judgments_are_read_in_order_with_their_claims_and_lines(tmp_path):
    path = tmp_path / "judgments.yaml"
    path.write_text(GOOD, "utf-8")
    first, second = load_judgments(path).judgments
    assert (first.id, first.title.text, first.claims, first.line) == (
        "talks-resumed",
        "The talks resumed.",
        ("announcement", "agreed"),
        2,
    )
    assert (
        first.text is not None
        and first.text.text == "Three sources report the announcement, from one statement."
    )
    assert (first.claims_line, first.claim_lines, first.caveat.line) == (8, (8, 8), 9)
    assert (second.title.text, second.claims, second.text, second.caveat) == (
        "A second judgment on two lines.",
        (),
        None,
        None,
    )


def test_each_word_of_a_folded_paragraph_keeps_its_line(tmp_path):
    path = tmp_path / "judgments.yaml"
    path.write_text(GOOD, "utf-8")
    first, second = load_judgments(path).judgments
    text = first.text.text
    assert [first.text.line_at(text.index(word)) for word in ("Three", "announcement", "statement")] == [
        5,
        6,
        7,
    ]
    assert first.text.line_at(text.index("nouncement")) == 6  # inside a word: that word's line
    assert second.title.line_at(second.title.text.index("two")) == 13


def test_a_book_without_judgments_yaml_has_no_key_judgments(tmp_path):
    assert load_judgments(tmp_path / "judgments.yaml").judgments == ()


def test_what_is_wrong_is_said_at_its_line(tmp_path):
    path = tmp_path / "judgments.yaml"
    path.write_text(
        "judgments:\n"
        "  - id: one\n    title: First.\n    claims: [announcement]\n"
        "  - id: one\n    title: Again.\n    claims: [announcement]\n    caveat: a <b>raw</b> tag\n"
        "  - id: two\n    titel: Typo.\n    claims: [announcement]\n"
        "  - id: Three\n    title: x\n    claims: announcement\n",
        "utf-8",
    )
    with pytest.raises(BriefbookError) as caught:
        load_judgments(path)
    found = [(p.line, p.code, p.text) for p in caught.value.problems]
    assert (5, Code.JUDGMENTS_DUPLICATE_ID, "duplicate id 'one' (first at line 2)") in found
    assert (9, Code.SCHEMA_MISSING_KEY, "missing required field 'title' in judgment") in found
    assert (
        10,
        Code.SCHEMA_UNKNOWN_KEY,
        "unknown key 'titel' in judgment (expected one of: id, title, text, claims, caveat); "
        "did you mean 'title'?",
    ) in found
    assert (8, Code.MARKUP_REFUSED) in [(line, code) for line, code, _ in found]
    assert {line for line, _, _ in found} >= {12, 14}  # a bad id, claims not a list

"""A note's stable identity: its key stays while other notes come and go and while its own words are
edited; it changes with what names the note (its kind, its anchor); exact duplicates are numbered."""

from __future__ import annotations

from pathlib import Path

from briefbook.book import load_book
from briefbook.book.identity import anchor_key, unique_keys
from briefbook.models import Note

TEXT = (
    "Alpha Report\n\n"
    "Officials confirmed that the envoys met on Monday, and agreed to meet again soon.\n\n"
    "A final sentence about the fishing fleet and the envoys.\n"
)
NOTES = """title: "Alpha"
publisher: "Gazette"
date: "2026-02-05"
kind: news
notes:
  - quote: "agreed to meet again"
    kind: context
    note: "First."
  - quote: "the fishing fleet"
    kind: analysis
    note: "Second."
"""


def book_with(tmp_path: Path, sidecar: str):
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "alpha.txt").write_text(TEXT, "utf-8")
    (seeds / "alpha.yaml").write_text(sidecar, "utf-8")
    return load_book(seeds)


def keys_by_text(book) -> dict[str, tuple[int, str]]:
    return {n.note.note: (n.number, n.key) for n in book.article("alpha").notes}


def test_adding_a_note_before_others_renumbers_them_but_keeps_their_keys(tmp_path):
    before = keys_by_text(book_with(tmp_path, NOTES))
    added = (
        NOTES + '  - quote: "Officials confirmed"\n    kind: context\n    note: "New, first in the text."\n'
    )
    after = keys_by_text(book_with(tmp_path, added))
    assert before["First."][0] == 1 and after["First."][0] == 2  # the display number moved
    assert after["First."][1] == before["First."][1]  # the key did not
    assert after["Second."][1] == before["Second."][1]
    assert len({key for _, key in after.values()}) == 3


def test_editing_a_notes_words_keeps_its_key_and_changing_its_anchor_or_kind_does_not(tmp_path):
    key = keys_by_text(book_with(tmp_path, NOTES))["First."][1]
    edited = NOTES.replace('note: "First."', 'note: "First, reworded."')
    assert keys_by_text(book_with(tmp_path, edited))["First, reworded."][1] == key
    # typographic quotes and spacing in the quote are the same anchor, as anchoring reads it
    spaced = NOTES.replace('"agreed to meet again"', '"agreed  to meet again"')
    assert keys_by_text(book_with(tmp_path, spaced))["First."][1] == key
    other_kind = NOTES.replace("kind: context", "kind: analysis", 1)
    assert keys_by_text(book_with(tmp_path, other_kind))["First."][1] != key
    other_quote = NOTES.replace('"agreed to meet again"', '"agreed to meet again soon"')
    assert keys_by_text(book_with(tmp_path, other_quote))["First."][1] != key


def test_exact_duplicates_are_numbered_in_the_sidecars_order(tmp_path):
    twice = NOTES + '  - quote: "agreed to meet again"\n    kind: context\n    note: "Another view."\n'
    found = keys_by_text(book_with(tmp_path, twice))
    assert found["Another view."][1] == found["First."][1] + "-2"


def test_keys_are_short_and_made_of_what_names_the_note():
    note = Note("the envoys", "context", "A note.", 7, prefix="that ")
    key = anchor_key("alpha", note)
    assert len(key) == 8 and int(key, 16) >= 0
    assert anchor_key("alpha", Note("the envoys", "context", "Other words.", 30, prefix="that ")) == key
    assert anchor_key("beta", note) != key  # the article is part of it
    assert (
        anchor_key("alpha", Note("the envoys", "context", "A note.", 7, prefix="that ", occurrence=1)) != key
    )
    assert unique_keys(["a", "b", "a", "a"]) == ["a", "b", "a-2", "a-3"]

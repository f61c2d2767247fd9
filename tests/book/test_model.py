"""The book's model: the editor's notes and the book's shared-passage marks, numbered in one reading
order, each kind held apart; a source's number and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbook.book import SharedMark, load_book, passage_words, source_facts, source_number
from briefbook.models import LocatedNote

SHARED = "the envoys met in the old customs house beside the harbour for six hours"
ALPHA = (
    "Alpha Report\n\n"
    f"Officials confirmed that {SHARED} on Monday, and agreed to meet again soon.\n\n"
    "A final sentence about the fishing fleet.\n"
)
ALPHA_SIDECAR = """title: "Alpha"
publisher: "Gazette"
date: "2026-02-05"
kind: news
notes:
  - quote: "agreed to meet again"
    kind: context
    note: "After the shared passage, in the same paragraph."
  - quote: "Officials confirmed"
    kind: context
    note: "Before the shared passage."
  - quote: "the fishing fleet"
    kind: analysis
    note: "In the next paragraph."
  - quote: "the envoys met in the old customs house beside the harbour for six hours"
    kind: context
    note: "On the shared words themselves."
  - quote: "old customs house beside the harbour for six hours"
    kind: context
    note: "Ends where the shared passage ends, starts later."
"""
BETA = f"Beta Wire\n\nWitnesses said {SHARED} and left without a statement.\n"
BETA_SIDECAR = 'title: "Beta"\npublisher: null\ndate: null\nkind: news\n'


@pytest.fixture
def book(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in {
        "alpha.txt": ALPHA,
        "alpha.yaml": ALPHA_SIDECAR,
        "beta.txt": BETA,
        "beta.yaml": BETA_SIDECAR,
    }.items():
        (seeds / name).write_text(text, "utf-8")
    return load_book(seeds)


def test_notes_and_shared_marks_are_numbered_in_one_reading_order(book):
    alpha = book.article("alpha")
    margin = [
        (mark.number, "shared" if isinstance(mark, SharedMark) else mark.note.note) for mark in alpha.marks
    ]
    # by where each passage ends, then where it starts; on one passage, the editor's note first
    assert margin == [
        (1, "Before the shared passage."),
        (2, "On the shared words themselves."),
        (3, "shared"),
        (4, "Ends where the shared passage ends, starts later."),
        (5, "After the shared passage, in the same paragraph."),
        (6, "In the next paragraph."),
    ]
    assert all(isinstance(n, LocatedNote) for n in alpha.notes)
    assert [n.number for n in alpha.notes] == [1, 2, 4, 5, 6]
    assert passage_words(alpha, alpha.shared_marks[0]) == SHARED


def test_a_shared_mark_links_to_where_the_same_words_stand(book):
    (mark,) = book.article("alpha").shared_marks
    (other,) = book.article("beta").shared_marks
    (line,) = mark.lines
    assert line.lead == "The same words stand in:"
    # passages are named by their marks' stable keys, not by their numbers
    assert [(link.docname, link.target) for link in line.links] == [
        ("articles/beta", f"bb-passage-beta-{other.key}")
    ]
    assert other.number == 1 and book.article("beta").notes == ()
    assert [link.target for link in other.lines[0].links] == [f"bb-passage-alpha-{mark.key}"]


def test_the_editors_notes_alone_count_as_notes(book):
    assert source_facts(book.article("alpha"))[5] == "5"
    assert source_facts(book.article("beta"))[5] == "0"


def test_a_source_without_a_number_in_its_name_goes_by_its_place(book):
    assert [book.position(e.stem) for e in book.articles] == [0, 1]
    assert [source_number(book, e) for e in book.articles] == ["1", "2"]

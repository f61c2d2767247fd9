"""The checks of one article before its sidecar is written: the book-wide files they look names up
in are taken as the files are at each check, even when a load is kept from an earlier check."""

from __future__ import annotations

from pathlib import Path

from helpers.tinybook import make_book

from briefbook.book.onecheck import check_article

NOTE = (
    'title: "Beta weather"\npublisher: null\ndate: null\nkind: opinion\n'
    "notes:\n"
    '  - quote: "mild for the season"\n'
    "    kind: context\n"
    '    note: "As {term}`Geneva` records it."\n'
)

GENEVA = """  - id: geneva
    term: Geneva
    kind: place
    definition: A city in Switzerland.
"""


def problems(seeds: Path) -> list[str]:
    sidecar = seeds / "001_beta.yaml"
    _, found = check_article(seeds, seeds / "001_beta.txt", sidecar)
    return [f"{p.code}: {p.message}" for p in found]


def test_a_glossary_changed_between_checks_is_read_again(tmp_path: Path) -> None:
    seeds = make_book(tmp_path / "book") / "seeds"
    (seeds / "001_beta.yaml").write_text(NOTE, "utf-8")
    glossary = seeds / "glossary.yaml"
    without = glossary.read_text("utf-8")

    (unknown,) = problems(seeds)
    assert "Geneva" in unknown and unknown.startswith("ref.unknown-term")
    assert problems(seeds) == [unknown]  # the same file again: the same answer

    glossary.write_text(without + GENEVA, "utf-8")
    assert problems(seeds) == []

    glossary.write_text(without, "utf-8")
    assert problems(seeds) == [unknown]


def test_a_glossary_with_a_problem_is_reported_at_every_check(tmp_path: Path) -> None:
    seeds = make_book(tmp_path / "book") / "seeds"
    glossary = seeds / "glossary.yaml"
    glossary.write_text(glossary.read_text("utf-8") + GENEVA + GENEVA, "utf-8")
    for _ in range(2):
        found = problems(seeds)
        assert any(p.startswith("glossary.duplicate-id") for p in found), found

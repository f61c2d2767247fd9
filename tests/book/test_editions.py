"""Editions: the manifest (what it records, written the same way every time, read back), cutting one
and what is refused, which edition the book is compared with, and what changed between two."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers.editions import ALPHA_NOTE, cut, run, to_second, to_third
from helpers.tinybook import edit, make_book

from briefbook.book import load_book
from briefbook.book.changes import CHANGED, NEW, REMOVED, compare, summary_words
from briefbook.book.editions import book_state, read_editions
from briefbook.book.manifest import Standing, claim_standing, manifest_text, read_manifest, record_book
from briefbook.editorial.markup import plain_text
from briefbook.errors import BriefbookError, Code
from briefbook.pages.whatsnew import Comparison


@pytest.fixture
def root(tmp_path) -> Path:
    return make_book(tmp_path / "book")


def test_a_manifest_records_the_book_and_reads_back_as_written(root):
    status, out = run("edition", "first", "--date", "2026-02-07", "--root", str(root))
    assert status == 0, out
    path = root / "seeds/editions/first.json"
    assert out.splitlines()[0] == f"recorded edition 1 (first) of 7 February 2026 in {path}:"
    assert "  4 articles, 2 notes, 1 claim, 1 glossary entry" in out
    text = path.read_text("utf-8")
    assert text.startswith('{\n "about": "An edition of this book, written by `briefbook edition`')
    assert '\n "format": 1,\n "number": 1,\n "date": "2026-02-07",\n' in text
    # one field a line: a changed note is a changed line in a diff
    assert '\n     "note": "The suspension came in late 2021.",\n' in text
    assert '\n     "article": "002_gamma",\n     "stance": "contradicts"\n' in text
    edition = read_manifest(path)
    book = load_book(root / "seeds")
    now = record_book(book, (root / "docs/index.md").read_text("utf-8"))
    assert edition.same_book(now) and (edition.name, edition.number, edition.date) == (
        "first",
        1,
        "2026-02-07",
    )
    assert manifest_text(edition) == text  # the same book and edition, the same bytes
    assert [n.key for a in edition.articles for n in a.notes] == [
        n.key for e in book.articles for n in e.notes
    ]


def test_what_is_refused_and_why(root, tmp_path):
    def refused(*argv: str) -> str:
        status, out = run("edition", *argv, "--root", str(root))
        assert status == 1
        return out

    assert "'Week 7' cannot name an edition: use lowercase letters, digits, '-' and '_'" in refused("Week 7")
    assert "e.g. 'week-7'" in refused("Week 7")
    assert "an edition's date is a day, written YYYY-MM-DD" in refused("first", "--date", "2026-02-30")
    assert "name the edition to record" in refused()
    cut(root, "first", "2026-02-07")
    assert "the book already has an edition called 'first'" in refused("first")
    assert "the book is exactly as edition 'first' (2026-02-07) recorded it" in refused("second")
    edit(root / "seeds/000_alpha.yaml", *ALPHA_NOTE)
    assert "--date 2026-02-01 is before the latest edition, 'first' of 2026-02-07" in refused(
        "second", "--date", "2026-02-01"
    )
    edit(root / "seeds/000_alpha.yaml", 'quote: "suspended in 2021"', 'quote: "suspended in 2031"')
    out = refused("second")
    assert "quote 'suspended in 2031' not found" in out
    assert "the book does not check (1 problem), so no edition was recorded" in out
    assert sorted(p.name for p in (root / "seeds/editions").iterdir()) == ["first.json"]


def test_a_manifest_edited_by_hand_is_a_problem_at_its_line(root):
    cut(root, "first", "2026-02-07")
    path = root / "seeds/editions/first.json"
    text = path.read_text("utf-8")
    path.write_text(text.replace('"number": 1', '"number": "one"'), "utf-8")
    with pytest.raises(BriefbookError) as raised:
        read_editions(root / "seeds")
    (problem,) = raised.value.problems
    assert (problem.code, problem.path, problem.line) == (Code.SCHEMA_TYPE, str(path), 4)
    path.write_text(text.replace('"kind": "context",', '"kind": "context"'), "utf-8")  # a merge gone wrong
    with pytest.raises(BriefbookError) as raised:
        read_editions(root / "seeds")
    (problem,) = raised.value.problems
    assert (problem.code, problem.path, problem.line) == (Code.EDITION_FILE, str(path), 18)
    assert problem.message == "not the JSON `briefbook edition` writes: Expecting ',' delimiter"


def test_which_edition_the_book_is_compared_with(root):
    docs = root / "docs"
    state = book_state(load_book(root / "seeds"), docs)
    assert (state.current, state.since) == (None, None)  # no edition yet
    cut(root, "first", "2026-02-07")
    state = book_state(load_book(root / "seeds"), docs)
    assert (state.current.name, state.since) == ("first", None)  # the first edition: nothing before it
    to_second(root)
    state = book_state(load_book(root / "seeds"), docs)
    assert (state.current, state.since.name) == (None, "first")  # a working copy since "first"
    cut(root, "second", "2026-02-14")
    state = book_state(load_book(root / "seeds"), docs)
    assert (state.current.name, state.since.name) == ("second", "first")  # what is new in "second"
    named = book_state(load_book(root / "seeds"), docs, "second")
    assert (named.current.name, named.since.name, named.named) == ("second", "second", True)
    with pytest.raises(BriefbookError) as raised:
        book_state(load_book(root / "seeds"), docs, "secnod")
    assert str(raised.value) == "no edition called 'secnod'; did you mean 'second'?"
    assert raised.value.problems[0].code == Code.EDITION_UNKNOWN


def test_what_changed_between_two_editions(root):
    cut(root, "first", "2026-02-07")
    to_second(root)
    to_third(root)
    first = read_editions(root / "seeds")[0]
    now = record_book(load_book(root / "seeds"), (root / "docs/index.md").read_text("utf-8"))
    changes = compare(first, now)
    assert [(a.stem, a.change) for a in changes.articles] == [
        ("000_alpha", CHANGED),
        ("002_gamma", CHANGED),
        ("004_epsilon", NEW),
        ("005_zeta", NEW),
        ("003_delta", REMOVED),
    ]
    alpha = changes.article("000_alpha")
    (note,) = alpha.notes
    assert (note.change, note.fields, note.old.note, note.new.note) == (CHANGED, ("note",), *ALPHA_NOTE)
    (gamma,) = changes.article("002_gamma").notes
    assert gamma.fields == ("stance",)
    (claim,) = changes.claims
    assert claim.lost("contradicts") and not claim.gained("supports")
    assert claim.added_sources == (("002_gamma", "qualifies"),)
    assert claim.removed_sources == (("002_gamma", "contradicts"),)
    (term,) = changes.glossary
    assert (term.id, term.change) == ("eucom", CHANGED)
    assert not changes.front_page
    assert summary_words(changes) == [
        "2 articles new",
        "2 articles changed",
        "1 article removed",
        "2 notes changed",
        "1 claim changed",
        "1 glossary entry changed",
    ]
    assert compare(now, now).empty


def test_a_claims_grade_and_origins_are_recorded(root):
    book = load_book(root / "seeds")
    graded = book.standing("suspension-2021")
    standing = claim_standing(book, "suspension-2021")
    assert standing == Standing(
        graded.grade, tuple(sorted(graded.origins_supporting)), tuple(sorted(graded.origins_contradicting))
    )
    manifest = record_book(book, "")
    assert f'"standing": {{\n    "grade": {graded.grade},\n' in manifest_text(manifest)
    # a grade that moves and an origin that comes show as the claim's change
    before = replace(
        manifest,
        claims=tuple(
            replace(c, standing=Standing(3, ("wire",), ())) if c.id == "suspension-2021" else c
            for c in manifest.claims
        ),
    )
    (claim,) = compare(before, manifest).claims
    assert claim.grade_moved == (3, graded.grade)
    assert claim.origins("supporting") == (standing.origins_supporting, ("wire",))
    # an edition recorded before the book graded its claims: grading them changes none of them
    ungraded = replace(manifest, claims=tuple(replace(c, standing=None) for c in manifest.claims))
    assert compare(ungraded, manifest).empty and ungraded.same_book(manifest)


def test_a_comparison_marks_what_changed_and_says_what_the_pdf_says(root):
    cut(root, "first", "2026-02-07")
    to_second(root)
    book = load_book(root / "seeds")
    comparison = Comparison.of(book_state(book, root / "docs"))
    marks = comparison.marks()
    assert sorted(marks) == ["000_alpha", "002_gamma", "004_epsilon", "005_zeta"]
    assert marks["000_alpha"].article.summary == "1 note changed"
    (alpha_mark,) = marks["000_alpha"].notes.values()
    assert (alpha_mark.change, alpha_mark.old) == ("changed", ALPHA_NOTE[0])
    assert marks["004_epsilon"].notes == {}  # a new article is marked, not each of its notes
    facts = comparison.facts(book)
    assert facts.title_line == "Working copy, changed since edition 1 (first) of 7 February 2026"
    assert not facts.is_edition and facts.update is None
    named = Comparison.of(book_state(book, root / "docs", "first")).facts(book)
    assert named.update == (
        "articles/000_alpha",
        "articles/002_gamma",
        "articles/004_epsilon",
        "articles/005_zeta",
    )


def test_the_list_of_editions(root):
    cut(root, "first", "2026-02-07")
    to_second(root)
    status, out = run("edition", "--list", "--root", str(root))
    assert status == 0
    assert out.splitlines() == [
        f"editions of this book, in {root / 'seeds/editions'}/:",
        "    1  first  7 February 2026    4 articles, 2 notes, 1 claim, 1 glossary entry",
        "the book has changed since edition 1 (first): 2 articles new, 2 articles changed, "
        "2 notes changed, 1 claim changed, 1 glossary entry changed",
    ]


def test_a_note_as_plain_words():
    myst = (
        "The *line* is {term}`the alliance <NATO>`, [a link](https://x.org) and {claim}`x`.\n\n- one\n- `two`"
    )
    assert plain_text(myst) == "The line is the alliance, a link and x. one two"
    assert plain_text("<b>not markup</b> \\$5") == "<b>not markup</b> $5"


def test_check_reads_the_editions_as_the_build_does(root):
    cut(root, "first", "2026-02-07")
    assert run("check", "--root", str(root))[0] == 0
    conf = root / "docs/conf.py"
    conf.write_text(conf.read_text("utf-8") + 'briefbook_since = "frist"\n', "utf-8")
    status, out = run("check", "--root", str(root))
    assert status == 1
    assert "no edition called 'frist'; did you mean 'first'?" in out


def test_the_key_judgments_are_recorded_and_a_changed_caveat_is_a_change(root):
    judgments = root / "seeds/judgments.yaml"
    judgments.write_text(
        "judgments:\n  - id: suspended\n    title: The dialogue was suspended.\n"
        "    text: One source says so.\n    claims: [suspension-2021]\n    caveat: One source.\n",
        "utf-8",
    )
    before = record_book(load_book(root / "seeds"), "")
    (judgment,) = before.judgments
    assert (judgment.id, judgment.title, judgment.text, judgment.claims) == (
        "suspended",
        "The dialogue was suspended.",
        "One source says so.\n\nCaveat: One source.",
        ("suspension-2021",),
    )
    edit(judgments, "caveat: One source.", "caveat: One source, contradicted by another.")
    (change,) = compare(before, record_book(load_book(root / "seeds"), "")).judgments
    assert (change.id, change.change) == ("suspended", CHANGED)
    judgments.unlink()
    assert record_book(load_book(root / "seeds"), "").judgments == ()

"""Editing the glossary, the claims and an article's details: the editor's file kept byte for byte
outside what changes, the book's checks before anything is written, stale edits refused, two
writers at once losing nothing; and the note editor's problems, each told once, at no line the
sidecar does not have."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from helpers import SEEDS
from helpers.tinybook import make_book

from briefbook.book import load_book
from briefbook.errors import Code
from briefbook.sidecar_edit.details import current_details, set_details
from briefbook.sidecar_edit.edits import NoteBody, add_note
from briefbook.sidecar_edit.entries import (
    CLAIMS,
    GLOSSARY,
    add_entry,
    current_entries,
    delete_entry,
    edit_entry,
)
from briefbook.sidecar_edit.filewrite import EditError, fingerprint
from briefbook.sidecar_edit.placing import Selection
from briefbook.sidecar_edit.writing import article_files


@pytest.fixture
def seeds(tmp_path) -> Path:
    """The seeds book's own files (its glossary and claims are full of the editor's comments)."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "seeds"


@pytest.fixture
def tiny(tmp_path) -> Path:
    return make_book(tmp_path / "book") / "seeds"


def entry(seeds: Path, book_list, entry_id: str) -> dict:
    return next(e for e in current_entries(seeds, book_list) if e["id"] == entry_id)


def lines_outside(text: str, start: str, end: str | None) -> str:
    """The text without the lines from the one starting ``start`` up to the one starting ``end``."""
    before, _, rest = text.partition(start)
    return before + (rest[rest.index(end) :] if end else "")


# ---------------------------------------------------------------- the glossary


def test_a_new_glossary_entry_is_added_in_the_glossarys_style_and_nothing_else_moves(seeds) -> None:
    path = seeds / "glossary.yaml"
    before = path.read_text("utf-8")
    definition = (
        "The Polish army's chief of the general staff. He is named in no source of the book; "
        "this entry is only a test of how a long definition is written."
    )
    fields = {
        "id": "a-test-general",
        "term": "Wiesław Kukuła",
        "kind": "person",
        "aliases": ["Gen. Kukuła", "Kukuła"],
        "definition": definition,
        "related": ["nato"],
    }
    done = add_entry(seeds, "glossary", fields)
    assert done.written, done.problems
    after = path.read_text("utf-8")
    assert after.startswith(before.rstrip("\n"))  # every byte of the file as it was, comments and all
    added = after[len(before.rstrip("\n")) :]
    assert "  - id: a-test-general\n" in added
    assert "    aliases: [Gen. Kukuła, Kukuła]\n" in added
    assert "    definition: >-\n" in added and "    related: [nato]\n" in added
    assert entry(seeds, GLOSSARY, "a-test-general") == fields
    assert any(e.id == "a-test-general" for e in load_book(seeds).glossary.entries)


def test_a_glossary_entry_is_changed_in_its_own_lines_and_its_comments_stay(seeds) -> None:
    path = seeds / "glossary.yaml"
    before = path.read_text("utf-8")
    old = entry(seeds, GLOSSARY, "saceur")
    changed = {**old, "expansion": "Supreme Allied Commander, Europe"}
    done = edit_entry(seeds, "glossary", "saceur", changed, fingerprint_seen=fingerprint(old))
    assert done.written, done.problems
    after = path.read_text("utf-8")
    assert lines_outside(after, "  - id: saceur", "  - id: nato") == lines_outside(
        before, "  - id: saceur", "  - id: nato"
    )
    assert "    expansion: Supreme Allied Commander, Europe\n" in after
    # the folded definition, as the editor wrapped it, is untouched
    assert before[before.index("      Supreme Allied Commander Europe: NATO") :][:300] in after
    assert entry(seeds, GLOSSARY, "saceur") == changed


def test_an_edit_of_an_entry_that_changed_meanwhile_is_refused(seeds) -> None:
    old = entry(seeds, GLOSSARY, "saceur")
    edit_entry(seeds, "glossary", "saceur", {**old, "expansion": "First"}, fingerprint_seen=fingerprint(old))
    before = (seeds / "glossary.yaml").read_bytes()
    with pytest.raises(EditError, match="'saceur' has changed since it was read"):
        edit_entry(
            seeds, "glossary", "saceur", {**old, "expansion": "Second"}, fingerprint_seen=fingerprint(old)
        )
    assert (seeds / "glossary.yaml").read_bytes() == before


def test_a_term_the_book_names_cannot_be_deleted_and_the_refusal_says_where(seeds) -> None:
    before = (seeds / "glossary.yaml").read_bytes()
    sidecar = seeds / "003_aacb11e1eea10760.yaml"
    text = sidecar.read_text("utf-8").splitlines()
    lines = [n for n, words in enumerate(text, 1) if "Jim Townsend`" in words]
    old = entry(seeds, GLOSSARY, "jim-townsend")
    done = delete_entry(seeds, "glossary", "jim-townsend", fingerprint_seen=fingerprint(old))
    assert not done.written
    said = "unknown glossary term 'Jim Townsend' (a {term} reference names an entry's term)"
    assert [str(p) for p in done.problems] == [f"{sidecar}:{line}: {said}" for line in lines]
    assert (seeds / "glossary.yaml").read_bytes() == before
    # an entry other entries list as related: those are named, at their lines in the file as it is
    done = delete_entry(
        seeds, "glossary", "eucom", fingerprint_seen=fingerprint(entry(seeds, GLOSSARY, "eucom"))
    )
    assert not done.written and {p.code for p in done.problems} == {Code.GLOSSARY_UNKNOWN_RELATED}
    lines = (seeds / "glossary.yaml").read_text("utf-8").splitlines()
    assert all("eucom" in lines[p.line - 1] for p in done.problems)


def test_an_entry_no_one_names_is_deleted_with_its_lines(tiny) -> None:
    add_entry(tiny, "glossary", {"id": "geneva", "term": "Geneva", "kind": "place", "definition": "A city."})
    text = (tiny / "glossary.yaml").read_text("utf-8")
    done = delete_entry(
        tiny, "glossary", "geneva", fingerprint_seen=fingerprint(entry(tiny, GLOSSARY, "geneva"))
    )
    assert done.written and done.fields["term"] == "Geneva"
    assert (tiny / "glossary.yaml").read_text("utf-8") == text[: text.index("  - id: geneva")]


def test_a_refused_new_entry_is_told_without_a_line_the_file_does_not_have(tiny) -> None:
    done = add_entry(
        tiny, "glossary", {"id": "Bad Id", "term": "X", "kind": "thing", "definition": "Has <b>HTML</b>."}
    )
    assert not done.written
    assert [p.code for p in done.problems] == [Code.SCHEMA_VALUE]  # the id; its markup, once the id is one
    assert all(p.line is None for p in done.problems)
    assert "Bad Id" not in (tiny / "glossary.yaml").read_text("utf-8")


def test_two_writers_at_once_lose_no_entry(tiny) -> None:
    def add(number: int) -> None:
        fields = {
            "id": f"place-{number}",
            "term": f"Place {number}",
            "kind": "place",
            "definition": "A place.",
        }
        assert add_entry(tiny, "glossary", fields, lock_timeout=60).written

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = {e["id"] for e in current_entries(tiny, GLOSSARY)}
    assert ids == {"eucom", "place-0", "place-1", "place-2", "place-3"}


# ---------------------------------------------------------------- the claims


def test_a_claim_is_added_and_its_statement_changed(tiny) -> None:
    fields = {
        "id": "talks-in-geneva",
        "statement": "Talks were held in Geneva.",
        "date": "2026-02",
        "label": "Geneva",
    }
    assert add_entry(tiny, "claims", fields).written
    text = (tiny / "claims.yaml").read_text("utf-8")
    assert '    statement: "Talks were held in Geneva."\n    date: "2026-02"\n    label: "Geneva"\n' in text
    old = entry(tiny, CLAIMS, "talks-in-geneva")
    new = {**old, "statement": "Talks were held in Geneva in February."}
    assert edit_entry(tiny, "claims", "talks-in-geneva", new, fingerprint_seen=fingerprint(old)).written
    assert load_book(tiny).claims.get("talks-in-geneva").statement == "Talks were held in Geneva in February."


def test_a_claim_a_note_tags_cannot_be_deleted(tiny) -> None:
    old = entry(tiny, CLAIMS, "suspension-2021")
    done = delete_entry(tiny, "claims", "suspension-2021", fingerprint_seen=fingerprint(old))
    assert not done.written
    texts = sorted(str(p) for p in done.problems)
    assert texts[0].endswith(
        "000_alpha.yaml:6: unknown claim 'suspension-2021' (claims are defined in claims.yaml)"
    )
    assert "002_gamma.yaml" in texts[1]


# ---------------------------------------------------------------- an article's details


def test_an_articles_details_are_set_and_the_rest_of_its_sidecar_stays(tiny) -> None:
    path = tiny / "000_alpha.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            'title: "Alpha talks resume"', 'title: "Alpha talks resume"  # as printed'
        ),
        "utf-8",
    )
    before = path.read_text("utf-8")
    files = article_files(tiny, "000_alpha")
    seen = fingerprint(current_details(files))
    done = set_details(
        tiny,
        "000_alpha",
        {
            "title": "Alpha talks resume in Abu Dhabi",
            "publisher": "",
            "author": "A. Reporter",
            "about": "A wire report.",
        },
        fingerprint_seen=seen,
    )
    assert done.written, done.problems
    after = path.read_text("utf-8")
    assert 'title: "Alpha talks resume in Abu Dhabi" # as printed\n' in after
    assert (
        'publisher: null\nauthor: "A. Reporter"\ndate: "2026-02-05"\nkind: news\nabout: "A wire report."\nnotes:\n'
        in after
    )
    assert after[after.index("notes:") :] == before[before.index("notes:") :]
    assert current_details(files)["author"] == "A. Reporter"
    done = set_details(tiny, "000_alpha", {"about": ""})
    assert done.written and "about:" not in path.read_text("utf-8")
    # a field the form shows empty that the sidecar never had is not added (no "url: null")
    kept = path.read_bytes()
    done = set_details(tiny, "000_alpha", {"url": "", "about": None})
    assert not done.written and done.said == "nothing to change"
    assert path.read_bytes() == kept


def test_details_the_build_would_refuse_are_not_written(tiny) -> None:
    path = tiny / "000_alpha.yaml"
    before = path.read_bytes()
    done = set_details(tiny, "000_alpha", {"date": "2026-02-30", "kind": "gossip", "title": ""})
    assert not done.written
    assert {p.code for p in done.problems} == {Code.DATE_INVALID, Code.SCHEMA_CHOICE, Code.SCHEMA_MISSING_KEY}
    assert path.read_bytes() == before


def test_details_that_changed_meanwhile_are_not_overwritten(tiny) -> None:
    files = article_files(tiny, "000_alpha")
    seen = fingerprint(current_details(files))
    set_details(tiny, "000_alpha", {"author": "Someone"})
    with pytest.raises(EditError, match="details have changed"):
        set_details(tiny, "000_alpha", {"author": "Someone else"}, fingerprint_seen=seen)


# ---------------------------------------------------------------- the note editor's problems


def test_a_note_with_several_problems_is_told_each_once_at_no_line_not_written(tiny) -> None:
    done = add_note(
        tiny, "003_delta", Selection("no statements"), NoteBody("fact-check", "Is <b>it</b> $x$ or $y$?")
    )
    assert not done.written
    assert sorted(p.message for p in done.problems) == [
        "a fact-check needs a 'basis': where the outside fact comes from",
        "math is not allowed in a note",
        "raw HTML is not allowed in a note",
    ]
    assert all(p.line is None for p in done.problems), [str(p) for p in done.problems]

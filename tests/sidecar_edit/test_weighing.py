"""Writing the editor's weighing: nested values of a YAML file changed key by key with comments
kept, an article's reliability grade set, changed and removed as the build checks a sidecar, and
the key judgments added, changed and deleted only when `briefbook check` would say nothing new of
them (ICD 203's words, thin evidence, counts and quotations), the rest of each file kept byte for
byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import SEEDS
from helpers.tinybook import make_book

from briefbook.errors import Code
from briefbook.sidecar_edit.entries import JUDGMENTS, add_entry, current_entries, delete_entry, edit_entry
from briefbook.sidecar_edit.filewrite import EditError, fingerprint
from briefbook.sidecar_edit.grading import (
    RELIABILITY,
    current_reliability,
    reliability_fingerprint,
    set_reliability,
    wanted_grade,
)
from briefbook.sidecar_edit.writing import article_files
from briefbook.sidecar_edit.yamlkeys import REMOVE, text_with_keys_set
from briefbook.sidecar_edit.yamltext import ListKind

PATH = Path("x.yaml")
ORDER = ("title", "reliability", "places", "notes")
KIND = ListKind("", (*ORDER, "grade", "reason", "name"), markup=("reason",), inline=("tags",))
NESTED = """\
title: "X"  # the headline
# how far to trust it
reliability:
  grade: C  # first look
  # why, in one line
  reason: >-
    A long reason that the editor folded
    over two lines.
places:
  - name: Abu Dhabi  # where the talks were
  - name: Geneva
notes: []
# the end
"""


# ---------------------------------------------------------------- nested values, key by key


def test_a_nested_key_changed_keeps_every_comment_and_the_other_keys_form() -> None:
    reason = "A long reason that the editor folded over two lines."
    text = text_with_keys_set(NESTED, {"reliability": {"grade": "B", "reason": reason}}, PATH, ORDER, KIND)
    assert text == NESTED.replace("grade: C  # first look", "grade: B  # first look")


def test_a_nested_key_removed_takes_its_own_lines_and_a_new_one_stands_in_order() -> None:
    text = text_with_keys_set(NESTED, {"reliability": {"grade": "C"}}, PATH, ORDER, KIND)
    assert "reason" not in text and "over two lines" not in text
    assert "reliability:\n  grade: C  # first look\n" in text
    assert text.startswith('title: "X"  # the headline\n# how far to trust it\n')
    assert text.endswith(
        "places:\n  - name: Abu Dhabi  # where the talks were\n  - name: Geneva\nnotes: []\n# the end\n"
    )
    back = text_with_keys_set(text, {"reliability": {"grade": "C", "reason": "Short."}}, PATH, ORDER, KIND)
    assert 'reliability:\n  grade: C  # first look\n  reason: "Short."\n' in back
    assert back.count("#") == NESTED.count("#")  # (the comment above the reason that went stays)


def test_an_item_of_a_nested_list_changed_keeps_the_others_comments() -> None:
    wanted = [{"name": "Abu Dhabi"}, {"name": "Geneva, Switzerland"}, {"name": "Riyadh"}]
    text = text_with_keys_set(NESTED, {"places": wanted}, PATH, ORDER, KIND)
    assert (
        "places:\n  - name: Abu Dhabi  # where the talks were\n  - name: Geneva, Switzerland\n"
        "  - name: Riyadh\nnotes: []\n# the end\n"
    ) in text
    shorter = text_with_keys_set(text, {"places": wanted[:1]}, PATH, ORDER, KIND)
    assert "places:\n  - name: Abu Dhabi  # where the talks were\nnotes: []\n" in shorter


def test_a_nested_mapping_removed_goes_with_its_lines_and_a_new_one_is_written_in_order() -> None:
    text = text_with_keys_set(NESTED, {"reliability": REMOVE}, PATH, ORDER, KIND)
    assert "grade" not in text and "reason" not in text
    assert "places:\n  - name: Abu Dhabi  # where the talks were\n" in text
    reason = "A reason long enough to be folded the way the editor's long text is folded in the book's files."
    added = text_with_keys_set(
        'title: "X"\nnotes: []\n', {"reliability": {"grade": "D", "reason": reason}}, PATH, ORDER, RELIABILITY
    )
    assert added.startswith('title: "X"\nreliability:\n  grade: D\n  reason: >-\n    A reason long enough')
    assert added.endswith("notes: []\n")


# ---------------------------------------------------------------- an article's grade


@pytest.fixture
def seeds(tmp_path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "seeds"


@pytest.fixture
def tiny(tmp_path) -> Path:
    return make_book(tmp_path / "book") / "seeds"


def test_a_grade_is_changed_in_its_own_lines_and_the_rest_of_the_sidecar_stays(seeds) -> None:
    stem = "003_aacb11e1eea10760"
    path = seeds / f"{stem}.yaml"
    before = path.read_text("utf-8")
    now = current_reliability(article_files(seeds, stem))
    assert now is not None and now["grade"] == "B"
    done = set_reliability(seeds, stem, {**now, "grade": "C"}, fingerprint_seen=reliability_fingerprint(now))
    assert done.written, done.problems
    after = path.read_text("utf-8")
    assert after == before.replace("reliability:\n  grade: B\n", "reliability:\n  grade: C\n", 1)


def test_a_grade_is_added_after_about_then_removed_leaving_the_sidecar_as_it_was(tiny) -> None:
    path = tiny / "001_beta.yaml"
    before = path.read_text("utf-8")
    done = set_reliability(tiny, "001_beta", wanted_grade({"grade": "E", "reason": "No byline, no source."}))
    assert done.written and done.said == "the grade set to E"
    assert path.read_text("utf-8") == before + 'reliability:\n  grade: E\n  reason: "No byline, no source."\n'
    done = set_reliability(tiny, "001_beta", wanted_grade({"grade": None, "reason": None}))
    assert done.written and done.said == "the grade removed"
    assert path.read_text("utf-8") == before


def test_a_grade_without_its_reason_or_of_no_such_letter_is_not_written(tiny) -> None:
    path = tiny / "001_beta.yaml"
    before = path.read_text("utf-8")
    missing = set_reliability(tiny, "001_beta", {"grade": "B"})
    assert not missing.written
    assert [p.code for p in missing.problems] == [Code.SCHEMA_MISSING_KEY]
    assert "missing required field 'reason' in reliability" in str(missing.problems[0])
    wrong = set_reliability(tiny, "001_beta", {"grade": "Q", "reason": "x"})
    assert not wrong.written and "expected one of: A, B, C, D, E, F" in str(wrong.problems[0])
    assert path.read_text("utf-8") == before


def test_a_grade_that_changed_meanwhile_is_not_overwritten(tiny) -> None:
    seen = reliability_fingerprint(None)
    set_reliability(tiny, "001_beta", {"grade": "C", "reason": "First."})
    with pytest.raises(EditError, match="the article's grade has changed since it was read"):
        set_reliability(tiny, "001_beta", {"grade": "A", "reason": "Second."}, fingerprint_seen=seen)
    assert 'reason: "First."' in (tiny / "001_beta.yaml").read_text("utf-8")


# ---------------------------------------------------------------- the key judgments

GOOD = {
    "id": "contact-restored",
    "title": "Contact between the militaries is likely to go on.",
    "claims": ["witkoff-kushner", "comms-not-fully-cut"],
}


def judgment(seeds: Path, judgment_id: str) -> dict:
    return next(j for j in current_entries(seeds, JUDGMENTS) if j["id"] == judgment_id)


def test_a_judgment_is_added_in_the_files_style_and_deleted_leaving_it_as_it_was(seeds) -> None:
    path = seeds / "judgments.yaml"
    before = path.read_text("utf-8")
    done = add_entry(seeds, "judgments", GOOD)
    assert done.written, done.problems
    after = path.read_text("utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert after.endswith(
        "\n  - id: contact-restored\n"
        '    title: "Contact between the militaries is likely to go on."\n'
        "    claims: [witkoff-kushner, comms-not-fully-cut]\n"
    ), after[-300:]
    gone = delete_entry(seeds, "judgments", "contact-restored", fingerprint_seen=fingerprint(GOOD))
    assert gone.written
    assert path.read_text("utf-8") == before


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"title": "Contact will probably go on."}, "“probably” is ICD 203's second-row word"),
        ({"text": "Seven sources report the calls."}, "“Seven sources” does not match what the book holds"),
        (
            {"text": "EUCOM called it “a resounding triumph for everyone”."},
            "“a resounding triumph for everyone” stands in no article of the book",
        ),
        ({"claims": ["eucom-lead"]}, "rests on thin evidence"),
        ({"claims": ["no-such-claim"]}, "unknown claim 'no-such-claim'"),
        ({"text": "Says <b>so</b>."}, "raw HTML is not allowed in a judgment's text"),
    ],
)
def test_a_judgment_check_would_warn_of_is_not_written(seeds, change, said) -> None:
    path = seeds / "judgments.yaml"
    before = path.read_text("utf-8")
    done = add_entry(seeds, "judgments", {**GOOD, **change})
    assert not done.written
    assert any(said in str(p) for p in done.problems), [str(p) for p in done.problems]
    assert all(p.line is None for p in done.problems)  # a judgment not written has no line yet
    assert path.read_text("utf-8") == before


def test_a_judgments_caveat_answers_thin_evidence(seeds) -> None:
    thin = {**GOOD, "claims": ["eucom-lead"], "caveat": "Only the newsletter says so, naming no source."}
    assert add_entry(seeds, "judgments", thin).written


def test_a_judgment_edited_keeps_the_files_comments_and_a_stale_edit_is_refused(seeds) -> None:
    path = seeds / "judgments.yaml"
    before = path.read_text("utf-8")
    now = judgment(seeds, "senior-channel-restored")
    done = edit_entry(
        seeds,
        "judgments",
        "senior-channel-restored",
        {**now, "title": "It restores a senior channel; contact never stopped entirely."},
        fingerprint_seen=fingerprint(now),
    )
    assert done.written, done.problems
    after = path.read_text("utf-8")
    assert after.startswith(before[: before.index("judgments:\n")])  # the header comment
    assert after.count("\n") == before.count("\n")
    with pytest.raises(EditError, match="has changed since it was read"):
        edit_entry(seeds, "judgments", "senior-channel-restored", now, fingerprint_seen=fingerprint(now))


def test_a_book_without_judgments_gets_its_first(tiny) -> None:
    first = {"id": "suspended", "title": "The dialogue was suspended in 2021.", "claims": ["suspension-2021"]}
    first["caveat"] = "One report for it, one against."
    done = add_entry(tiny, "judgments", first)
    assert done.written, done.problems
    assert judgment(tiny, "suspended") == first


# ---------------------------------------------------------------- the origins

ORIGIN = {
    "id": "osce-report",
    "kind": "document",
    "who": "the OSCE mission",
    "names": ["the OSCE", "OSCE mission"],
    "date": "2026-02",
    "label": "the OSCE mission's report",
}


def test_an_origin_is_added_in_the_files_style_and_deleted_leaving_it_as_it_was(seeds) -> None:
    path = seeds / "origins.yaml"
    before = path.read_text("utf-8")
    done = add_entry(seeds, "origins", ORIGIN)
    assert done.written, done.problems
    assert path.read_text("utf-8") == before + (
        "\n  - id: osce-report\n    kind: document\n    who: the OSCE mission\n"
        '    names: [the OSCE, OSCE mission]\n    date: "2026-02"\n    label: the OSCE mission\'s report\n'
    )
    assert delete_entry(seeds, "origins", "osce-report").written
    assert path.read_text("utf-8") == before


def test_an_origin_a_passage_or_a_claim_names_is_not_deleted(seeds) -> None:
    before = (seeds / "origins.yaml").read_text("utf-8")
    done = delete_entry(seeds, "origins", "eucom-statement")
    assert not done.written
    said = [str(p) for p in done.problems]
    assert any("claims.yaml" in s and "unknown origin 'eucom-statement'" in s for s in said), said
    assert any("003_aacb11e1eea10760.yaml" in s for s in said), said
    assert (seeds / "origins.yaml").read_text("utf-8") == before


def test_an_origin_of_no_such_kind_or_without_who_is_not_written(seeds) -> None:
    done = add_entry(seeds, "origins", {**ORIGIN, "kind": "rumour", "who": ""})
    said = [str(p) for p in done.problems]
    assert not done.written
    assert any("'rumour' is not allowed" in s for s in said) and any("'who' is empty" in s for s in said)

"""Editing sidecars: the editor's file kept byte for byte, passages named as the build finds them,
nothing written that the build would refuse, and concurrent writers that lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefbook.analysis.anchors import anchor_notes
from briefbook.book.load import read_article
from briefbook.editorial.sidecar import load_sidecar
from briefbook.sidecar_edit.edits import (
    NoteBody,
    add_note,
    current_notes,
    delete_note,
    edit_note,
    note_fingerprint,
)
from briefbook.sidecar_edit.placing import Selection
from briefbook.sidecar_edit.writing import EditError, article_files

ARTICLE = """Talks Resume in Geneva

The talks began in Geneva on Monday, and officials said the talks would go on all week.

Reporters were told on Wednesday that the talks had stalled over the order of the agenda.

On Thursday the delegations met again, and the talks ended late on Thursday without a statement.

No statement was issued, and no date was set for another round.

No statement was issued, and no date was set for another round.
"""

# Written by hand, with everything an editor does that a YAML dumper would not.
SIDECAR = """\
# Sidecar for the talks article: comments must survive.
title: 'Talks resume'   # single-quoted on purpose
publisher: ~
date: "2026-02-05"
kind: news
notes:
  # the first note
  - quote: "The talks began in Geneva"
    kind: context   # a comment on the kind
    note: >-
      Geneva hosted earlier rounds too; this folded text is wrapped
      by hand and must stay exactly as it is.

  - quote: officials said
    kind: analysis
    note: 'Who the officials are is not said.'


  - quote: "ended late on Thursday"
    kind: context
    note: |-
      Two lines
      kept literally.
# a comment at the end of the file
"""

STEM = "000_talks"
CLAIMS = 'claims:\n  - id: talks-stalled\n    statement: "The talks stalled."\n'


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "book" / "seeds"
    folder.mkdir(parents=True)
    (folder / f"{STEM}.txt").write_text(ARTICLE, "utf-8")
    (folder / f"{STEM}.yaml").write_text(SIDECAR, "utf-8")
    (folder / "claims.yaml").write_text(CLAIMS, "utf-8")
    return folder


def sidecar_text(seeds: Path) -> str:
    return (seeds / f"{STEM}.yaml").read_text("utf-8")


def placed(seeds: Path) -> list[tuple[str, str]]:
    """Each note's passage as the build places it (the words of the text), and its note."""
    article, sidecar, problems = read_article(seeds / f"{STEM}.txt")
    assert not problems and article and sidecar
    located, problems = anchor_notes(article, sidecar)
    assert not problems
    by_line = {n.note.line: n for n in located}
    return [
        (
            article.paragraphs[by_line[n.line].span.paragraph][
                by_line[n.line].span.start : by_line[n.line].span.end
            ],
            n.note,
        )
        for n in sidecar.notes
    ]


def paragraph_of(seeds: Path, index: int) -> int:
    article, sidecar, _ = read_article(seeds / f"{STEM}.txt")
    located, _ = anchor_notes(article, sidecar)
    note = sidecar.notes[index]
    return next(n.span.paragraph for n in located if n.note is note)


# ---------------------------------------------------------------- the file is kept


def test_adding_a_note_keeps_every_byte_and_writes_in_the_sidecars_style(seeds):
    long_note = (
        "The agenda dispute was about sequencing: whether a ceasefire or the exchange of prisoners "
        "comes first. Both delegations had said so before the talks, in statements a week apart."
    )
    result = add_note(
        seeds,
        STEM,
        Selection("the order of the agenda"),
        NoteBody(
            "fact-check",
            long_note,
            basis="The delegations' statements.",
            claim="talks-stalled",
            stance="supports",
        ),
    )
    assert result.written, result.problems
    # after the last note, set apart as the editor set the last two apart; the file's last comment stays last
    end = "# a comment at the end of the file\n"
    assert (
        sidecar_text(seeds)
        == SIDECAR.removesuffix(end)
        + (
            "\n"
            "\n"
            '  - quote: "the order of the agenda"\n'
            "    kind: fact-check\n"
            "    claim: talks-stalled\n"
            "    stance: supports\n"
            "    note: >-\n"
            "      The agenda dispute was about sequencing: whether a ceasefire or the exchange of prisoners\n"
            "      comes first. Both delegations had said so before the talks, in statements a week apart.\n"
            '    basis: "The delegations\' statements."\n'
        )
        + end
    )
    assert load_sidecar(seeds / f"{STEM}.yaml").notes[-1].note == long_note
    assert placed(seeds)[-1][0] == "the order of the agenda"


def test_editing_a_note_changes_only_its_own_lines(seeds):
    same_words = load_sidecar(seeds / f"{STEM}.yaml").notes[0].note
    result = edit_note(seeds, STEM, 0, NoteBody("analysis", same_words))
    assert result.written, result.problems
    # only the kind changed: its comment stays in its column, the hand-wrapped note stays as written
    assert sidecar_text(seeds) == SIDECAR.replace(
        "    kind: context   # a comment on the kind\n", "    kind: analysis  # a comment on the kind\n", 1
    )


def test_editing_the_words_of_a_note_keeps_the_lines_around_it(seeds):
    result = edit_note(seeds, STEM, 1, NoteBody("analysis", "The article names none of them."))
    assert result.written, result.problems
    old_lines, new_lines = SIDECAR.splitlines(), sidecar_text(seeds).splitlines()
    note_line = old_lines.index("    note: 'Who the officials are is not said.'")
    assert new_lines[:note_line] == old_lines[:note_line]
    assert new_lines[note_line] == '    note: "The article names none of them."'
    assert new_lines[note_line + 1 :] == old_lines[note_line + 1 :]


def test_deleting_a_note_keeps_the_others_and_their_spacing(seeds):
    assert delete_note(seeds, STEM, 1).written
    text = sidecar_text(seeds)
    assert text == SIDECAR.replace(
        "  - quote: officials said\n    kind: analysis\n    note: 'Who the officials are is not said.'\n\n\n",
        "",
        1,
    )
    assert delete_note(seeds, STEM, 1).written  # now the last one: with the blank line before it
    assert sidecar_text(seeds).endswith("must stay exactly as it is.\n# a comment at the end of the file\n")
    assert delete_note(seeds, STEM, 0).written  # the only one: the list stays, empty
    assert "notes: []\n  # the first note\n# a comment at the end of the file\n" in sidecar_text(seeds)
    assert add_note(seeds, STEM, Selection("stalled"), NoteBody("context", "Over procedure.")).written
    assert sidecar_text(seeds).endswith(
        'notes:\n  - quote: "stalled"\n    kind: context\n    note: "Over procedure."\n'
        "  # the first note\n# a comment at the end of the file\n"
    )


def test_a_sidecar_without_notes_gets_a_notes_list(seeds):
    (seeds / f"{STEM}.yaml").write_text("title: Talks\nkind: news  # no notes yet\n", "utf-8")
    assert add_note(seeds, STEM, Selection("stalled"), NoteBody("context", "Over procedure.")).written
    assert sidecar_text(seeds) == (
        'title: Talks\nkind: news  # no notes yet\nnotes:\n  - quote: "stalled"\n    kind: context\n'
        '    note: "Over procedure."\n'
    )


# ---------------------------------------------------------------- naming the passage


def test_a_unique_quote_is_stored_as_the_cleaned_text_has_it_without_context(seeds):
    result = add_note(
        seeds,
        STEM,
        Selection("  Reporters were\ntold  ", prefix="whatever", suffix="on Wednesday"),
        NoteBody("context", "x"),
    )
    assert result.written
    assert result.note == {"quote": "Reporters were told", "kind": "context", "note": "x"}


def test_an_ambiguous_selection_gets_the_shortest_context_that_picks_it(seeds):
    # "the talks" stands three times; the page's context says which one was selected
    result = add_note(
        seeds,
        STEM,
        Selection("the talks", prefix="Reporters were told on Wednesday that ", suffix=" had stalled"),
        NoteBody("context", "second"),
    )
    assert result.written, result.problems
    assert result.note["quote"] == "the talks"
    assert set(result.note) & {"prefix", "suffix", "occurrence"} == {"prefix"}
    assert result.note["prefix"] == "Wednesday that"  # whole words, at least eight characters
    assert paragraph_of(seeds, -1) == 1


def test_context_that_shares_only_a_few_characters_with_a_passage_chooses_nothing(seeds):
    # "...on Wednesday that the talks" and "...on Tuesday that the talks" share "day that": not enough
    selection = Selection("the talks", prefix="it emerged on Tuesday that ", suffix=" were over")
    result = add_note(seeds, STEM, selection, NoteBody("context", "x"))
    assert not result.written
    assert result.problems[0].message.endswith(
        "(the text around the quote fits none of them, or several equally)"
    )
    # half of it is enough: the page may show a photo or a heading the cleaned text does not have
    selection = Selection("the talks", prefix="[Photo] told on Wednesday that ", suffix=" were over")
    assert add_note(seeds, STEM, selection, NoteBody("context", "x")).written
    assert paragraph_of(seeds, -1) == 1


def test_a_position_picks_the_occurrence_when_the_text_there_is_the_quote(seeds):
    article = read_article(seeds / f"{STEM}.txt")[0]
    start = article.text.index("the talks ended")
    result = add_note(
        seeds, STEM, Selection("the talks", start=start, end=start + 9), NoteBody("context", "third")
    )
    assert result.written, result.problems
    assert result.note["prefix"] == "again, and"
    assert paragraph_of(seeds, -1) == 2


def test_a_position_that_disagrees_with_the_quote_is_ignored(seeds):
    article = read_article(seeds / f"{STEM}.txt")[0]
    wrong = article.text.index("Reporters")  # the text there is not "the talks"
    result = add_note(
        seeds, STEM, Selection("the talks", start=wrong, end=wrong + 9), NoteBody("context", "x")
    )
    assert not result.written
    assert "occurs 3 times" in result.problems[0].message
    assert sidecar_text(seeds) == SIDECAR


def test_identical_paragraphs_are_told_apart_by_occurrence(seeds):
    article = read_article(seeds / f"{STEM}.txt")[0]
    start = article.text.rindex("No statement was issued")
    result = add_note(
        seeds, STEM, Selection("No statement was issued", start=start), NoteBody("context", "the repeat")
    )
    assert result.written, result.problems
    assert result.note["occurrence"] == 2 and "prefix" not in result.note and "suffix" not in result.note
    assert paragraph_of(seeds, -1) == 4


def test_an_ambiguous_selection_without_context_is_refused_listing_the_places(seeds):
    result = add_note(seeds, STEM, Selection("the talks"), NoteBody("context", "x"))
    assert not result.written
    message = result.problems[0].text
    assert message.startswith("quote 'the talks' occurs 3 times in 000_talks.txt: paragraph 1 (line 3)")
    assert message.endswith("; add prefix, suffix or occurrence to choose one")
    assert "paragraph 2 (line 5)" in message and "no text around it" in message
    assert sidecar_text(seeds) == SIDECAR


# ---------------------------------------------------------------- nothing written that the build refuses


def no_temp_files(seeds: Path) -> bool:
    return sorted(p.name for p in seeds.iterdir()) == ["000_talks.txt", "000_talks.yaml", "claims.yaml"]


@pytest.mark.parametrize(
    ("selection", "body", "expected"),
    [
        (
            Selection("stalled"),
            NoteBody("fact-check", "No source."),
            "a fact-check needs a 'basis'",
        ),
        (
            Selection("stalled"),
            NoteBody("context", "x", claim="talks-stoped", stance="supports"),
            "unknown claim 'talks-stoped' (claims are defined in claims.yaml); did you mean 'talks-stalled'?",
        ),
        (Selection("stalled"), NoteBody("Context!", "x"), "'kind': 'Context!' is not allowed"),
        (
            Selection("the talks were stalled"),
            NoteBody("context", "x"),
            "quote 'the talks were stalled' not found in 000_talks.txt; closest passage (82% similar)",
        ),
    ],
)
def test_a_note_the_build_would_refuse_is_not_written(seeds, selection, body, expected):
    result = add_note(seeds, STEM, selection, body)
    assert not result.written
    assert any(expected in p.text for p in result.problems), result.problems
    assert all(p.path == str(seeds / f"{STEM}.yaml") for p in result.problems if p.path)
    assert sidecar_text(seeds) == SIDECAR
    assert no_temp_files(seeds)


def test_only_an_article_of_the_book_can_be_edited(seeds):
    for stem in ("../seeds/000_talks", "/etc/passwd", "claims", "000_talks.yaml", "001_missing"):
        with pytest.raises(EditError, match="no article"):
            add_note(seeds, stem, Selection("stalled"), NoteBody("context", "x"))
    assert article_files(seeds, STEM).sidecar == seeds / "000_talks.yaml"


def test_an_edit_of_a_note_that_changed_meanwhile_is_refused(seeds):
    files = article_files(seeds, STEM)
    seen = note_fingerprint(current_notes(files)[1])
    assert edit_note(seeds, STEM, 1, NoteBody("analysis", "First edit."), fingerprint=seen).written
    with pytest.raises(EditError, match="note 2 has changed since it was read"):
        edit_note(seeds, STEM, 1, NoteBody("analysis", "Second edit."), fingerprint=seen)
    assert current_notes(files)[1]["note"] == "First edit."


def test_the_sidecar_keeps_its_permissions(seeds):
    path = seeds / f"{STEM}.yaml"
    path.chmod(0o640)
    assert add_note(seeds, STEM, Selection("stalled"), NoteBody("context", "x")).written
    assert path.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------- two writers at once

WRITER = """
import sys
from pathlib import Path
from briefbook.sidecar_edit.edits import NoteBody, add_note
from briefbook.sidecar_edit.placing import Selection

seeds, who = Path(sys.argv[1]), sys.argv[2]
for quote in sys.argv[3:]:
    result = add_note(seeds, "000_talks", Selection(quote), NoteBody("context", f"{who}: {quote}"))
    assert result.written, result.problems
"""


def test_concurrent_writers_lose_nothing(seeds):
    words = ["Monday", "all week", "Wednesday", "agenda", "delegations", "met again", "without", "stalled"]
    words += ["Geneva on", "Reporters", "statement.", "order of"]
    quotes = {f"writer {i}": words[i * 3 : i * 3 + 3] for i in range(4)}  # without the lock, some get lost
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(seeds), who, *qs], env=env, stderr=subprocess.PIPE, text=True
        )
        for who, qs in quotes.items()
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    notes = load_sidecar(seeds / f"{STEM}.yaml").notes
    written = sorted(n.note for n in notes[3:])
    assert written == sorted(f"{who}: {q}" for who, qs in quotes.items() for q in qs)
    assert [p for p, _ in placed(seeds)][3:] == [n.quote for n in notes[3:]]
    assert sidecar_text(seeds).startswith(SIDECAR.removesuffix("# a comment at the end of the file\n"))
    assert no_temp_files(seeds)

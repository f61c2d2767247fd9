"""``briefbook check`` on the key judgments and on the book held to itself: the seeds as they
stand (nothing to warn of), then judgments written to fail each check, warned at their file:line
with the exact words an editor reads; and the same in --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.book import copy_project

from briefbook.cli import main

# Each judgment fails one check; the line numbers below are this file's.
JUDGMENTS = """judgments:
  - id: no-evidence
    title: Russia will confirm the channel.
    claims: []

  - id: thin
    title: The channel's stated aim is stability.
    text: >-
      EUCOM said so, and five sources report
      its words: "a new era of trust".
    claims: [purpose-stability, new-start-expiry]

  - id: thin-but-said
    title: The channel's stated aim is stability.
    claims: [purpose-stability]
    caveat: One origin, EUCOM's statement, however many sources repeat it.

  - id: hedged
    title: The talks will probably resume.
    text: >-
      We judge with high confidence that a
      meeting is likely soon; it might well
      come in March.
    claims: [terms-not-published]
"""

BANDS = "almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain"
WARNINGS = [
    "warning: seeds/judgments.yaml:4: judgment 'no-evidence' cites no claim, so the reader cannot see "
    "what it rests on; list the claims it rests on under claims:",
    "warning: seeds/judgments.yaml:11: judgment 'thin' rests on thin evidence, both its claims having one "
    "independent origin or a credibility of 4 to 6 (purpose-stability: four reports, one origin: EUCOM's "
    "statement of 5 February 2026; new-start-expiry: one independent origin (1 source · 1 independent "
    "origin)); cite a claim with two or more independent origins, graded 1 to 3, or say in caveat: what "
    "the evidence lacks, for the reader",
    "warning: seeds/judgments.yaml:19: judgment 'hedged': “probably” is ICD 203's second-row word for "
    "“likely” (55–80 %); the book keeps to the first row, which its reading guide explains: write “likely”",
    "warning: seeds/judgments.yaml:22: judgment 'hedged': “high confidence” and “likely” in one sentence: "
    "ICD 203 keeps a confidence level (about the evidence) and a likelihood (about the event) in separate "
    "sentences",
    "warning: seeds/judgments.yaml:22: judgment 'hedged': “might well” states a likelihood outside ICD "
    f"203's terms; say which band ({BANDS}), or state the fact without a likelihood",
    "warning: seeds/judgments.yaml:9: “five sources” does not match what the book holds: the claims it "
    "cites stand on: purpose-stability: 4 sources · 1 independent origin; new-start-expiry: 1 source · 1 "
    "independent origin; give the count the claims' standing gives, or cite the claim that bears it out",
    "warning: seeds/judgments.yaml:10: “a new era of trust” stands in no article of the book; quote a "
    "source's own words, or link in the same sentence where the words come from",
]

SEEDS_JUDGMENTS = [
    "key judgments and the claims they rest on: 8",
    "  announced-not-published: announcement (2), agreed-in-abu-dhabi (2), terms-not-published (2)",
    "  senior-channel-restored: comms-not-fully-cut (2), austin-calls (2), deconfliction-line (3), "
    "suspension-2021 (2)",
    "  tied-to-peace-talks: trilateral-talks (2), grynkewich-meetings (2), purpose-lasting-peace (2), "
    "far-from-settlement (2); thin evidence (one origin or credibility 4-6 each), which its caveat tells "
    "the reader",
    "  stated-aim-stability: purpose-stability (2), new-start-expiry (3); thin evidence (one origin or "
    "credibility 4-6 each), which its caveat tells the reader",
    "  lead-not-announced: terms-not-published (2), eucom-lead (4), grynkewich-authority (2); with a caveat",
    "  russia-not-on-record: kremlin-no-comment (4), russia-new-start-reaction (3); thin evidence (one "
    "origin or credibility 4-6 each), which its caveat tells the reader",
    "  allied-reaction-unknown: nato-eu-reaction (4); thin evidence (one origin or credibility 4-6 each), "
    "which its caveat tells the reader",
    "  history-modest-expectations: history-liaison-missions (3), history-post-cold-war (3), "
    "history-torgau (3); thin evidence (one origin or credibility 4-6 each), which its caveat tells the "
    "reader",
]


@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    root = copy_project(tmp_path / "book")
    monkeypatch.chdir(root)
    return root


def check(capsys) -> list[str]:
    assert main(["check"]) == 0  # warnings never stop a build
    return capsys.readouterr().out.splitlines()


def test_the_seeds_judgments_are_listed_with_their_claims_grades_and_nothing_is_warned(book, capsys):
    lines = check(capsys)
    assert [line for line in lines if line.startswith(("warning", "error"))] == []
    start = lines.index(SEEDS_JUDGMENTS[0])
    assert lines[start : start + len(SEEDS_JUDGMENTS)] == SEEDS_JUDGMENTS
    assert lines[-1] == "ok: 5 articles, 98 notes, 85 glossary entries, 30 claims; no problems"


def test_each_failed_check_is_warned_at_its_line(book, capsys):
    (book / "seeds" / "judgments.yaml").write_text(JUDGMENTS, "utf-8")
    lines = check(capsys)
    assert [line for line in lines if line.startswith("warning")] == WARNINGS
    assert lines[-1] == "ok: 5 articles, 98 notes, 85 glossary entries, 30 claims; 7 warnings (above)"
    # the caveat ends the thin-evidence warning, and the report says what it admits
    assert (
        "  thin-but-said: purpose-stability (2); thin evidence (one origin or credibility 4-6 each), "
        "which its caveat tells the reader"
    ) in lines


def test_the_front_page_s_counts_are_held_to_the_claims_it_cites(book, capsys):
    index = book / "docs" / "index.md"
    text = index.read_text("utf-8")
    added = (
        "Three sources agree that the agreement was reached in Abu Dhabi ({claim}`agreed-in-abu-dhabi`).\n"
    )
    index.write_text(text + "\n" + added, "utf-8")
    line = len(text.splitlines()) + 2
    assert [line for line in check(capsys) if line.startswith("warning")] == [
        f"warning: docs/index.md:{line}: “Three sources agree” does not match what the book holds: sources "
        "that agree count as one when they rest on one origin, and no claim it cites has three independent "
        "origins (agreed-in-abu-dhabi: four reports, one origin: EUCOM's statement of 5 February 2026); give "
        "the count the claims' standing gives, or cite the claim that bears it out"
    ]


def test_a_claim_dated_off_its_event_is_warned_at_its_date(book, capsys):
    claims = book / "seeds" / "claims.yaml"
    lines = claims.read_text("utf-8").split("\n")
    start = lines.index("  - id: trilateral-talks")
    at = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("date:"))
    lines[at] = '    date: "2026-03-05"'
    claims.write_text("\n".join(lines), "utf-8")
    assert [line for line in check(capsys) if line.startswith("warning")] == [
        f"warning: seeds/claims.yaml:{at + 1}: claim 'trilateral-talks' is dated 5 March 2026, but the "
        "glossary entry it is about, 'Abu Dhabi talks', is dated 5 February 2026; correct the claim's date or "
        "the entry's, or point about: at the entry the claim dates",
        f"warning: seeds/claims.yaml:{at + 1}: claim 'trilateral-talks' is dated 5 March 2026, but sources "
        "that report it are dated before it: 003 News report, dated 5 February 2026; 004 News report, dated "
        "5 February 2026; one of the dates is wrong, or the sources report something else",
    ]


def test_json_gives_the_warnings_codes_and_each_judgment_s_claims(book, capsys):
    (book / "seeds" / "judgments.yaml").write_text(JUDGMENTS, "utf-8")
    assert main(["check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["line"], p["severity"]) for p in report["problems"]] == [
        ("judgment.no-claim", 4, "warning"),
        ("judgment.thin-evidence", 11, "warning"),
        ("judgment.estimative", 19, "warning"),
        ("judgment.estimative", 22, "warning"),
        ("judgment.estimative", 22, "warning"),
        ("prose.count", 9, "warning"),
        ("prose.quote", 10, "warning"),
    ]
    assert report["judgments"][1] == {
        "judgment": "thin",
        "line": 6,
        "claims": [{"claim": "purpose-stability", "grade": 2}, {"claim": "new-start-expiry", "grade": 3}],
        "caveat": False,
        "thin": True,
    }


def test_an_unknown_claim_is_an_error_with_the_nearest_id(book, capsys):
    (book / "seeds" / "judgments.yaml").write_text(
        "judgments:\n  - id: one\n    title: First.\n    claims: [anouncement]\n"
        "    text: See {claim}`the talks <trilateral-talk>`.\n",
        "utf-8",
    )
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "error: seeds/judgments.yaml:4: unknown claim 'anouncement' in judgment 'one' (claims are defined in "
        "claims.yaml); did you mean 'announcement'?",
        "error: seeds/judgments.yaml:5: unknown claim 'trilateral-talk' (claims are defined in claims.yaml); "
        "did you mean 'trilateral-talks'?",
        "2 problems found in seeds; nothing was built",
    ]

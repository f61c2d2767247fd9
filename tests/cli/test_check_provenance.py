"""``briefbook check`` on the seeds with a republished copy of 003 added: the copy found and
counted as its original, sources not graded, each claim's credibility, and the origins suggested
from attributions in the text, in the plain report and in --json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS
from helpers.book import copy_project

from briefbook.cli import main

COPY = "005_republished"
# The copy tags the announcement, as an editor would: the same sentence 003 quotes from EUCOM.
SIDECAR = """title: "U.S., Russian militaries agree to restart high-level dialogue"
publisher: "The Test Gazette"
date: "2026-02-06"
kind: news
notes:
  - quote: "\\"The U.S. and Russian Federation agreed today in Abu Dhabi to reestablish high-level military-to-military dialogue,\\""
    kind: context
    claim: announcement
    stance: supports
    note: "The statement's words, as 003 quotes them."
"""


@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    root = copy_project(tmp_path / "book")
    shutil.copy(CORPUS / "copies" / "republished.txt", root / "seeds" / f"{COPY}.txt")
    (root / "seeds" / f"{COPY}.yaml").write_text(SIDECAR, "utf-8")
    monkeypatch.chdir(root)
    return root


def test_check_finds_the_copy_and_counts_it_as_its_original(book, capsys):
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "copies (counted as their original, never as another source): 1" in lines
    assert (
        "  005_republished is a copy of 003_aacb11e1eea10760: 97% of its text stands there "
        "(74% of the original's stands in it)"
    ) in lines
    assert lines[lines.index("sources not graded yet (reliability: A–F in the sidecar): 1") + 1] == (
        "  005_republished"
    )
    # the copy's passage is one more report, not one more source
    assert (
        "  announcement: credibility 2; 3 sources · 1 independent origin; qualified by 1 source; "
        "four reports, one origin: EUCOM's statement of 5 February 2026"
    ) in lines


def test_check_suggests_the_origin_an_attribution_names(book, capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    head = (
        "passages attributed in the text but tied to no origin (each counts as its source's own reporting): 4"
    )
    assert head in out
    assert (
        "  seeds/003_aacb11e1eea10760.yaml:33: trilateral-talks: 'at the conclusion of the second round of "
        "Ukraine peace talks between Washington, Kyiv and Moscow in Abu Dhabi'\n"
        "    attribution: 'The US military announced' -> origin: eucom-statement "
        "(EUCOM's statement of 5 February 2026)\n"
    ) in out
    assert "    attribution: 'negotiators said' -> no origin declared yet\n" in out


def test_check_json_gives_copies_grades_standings_and_suggestions(book, capsys):
    assert main(["check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (copy,) = report["copies"]
    assert (copy["copy"], copy["original"]) == (COPY, "003_aacb11e1eea10760") and copy["share"] > 0.95
    assert {g["article"]: g["grade"] for g in report["reliability"]} == {
        "000_184ae20b1db45110": "C",
        "001_dfb5807d84888d85": "D",
        "002_72b9c12019795750": "C",
        "003_aacb11e1eea10760": "B",
        "004_287241ff0056ba7d": "C",
        COPY: None,
    }
    standing = {s["claim"]: s for s in report["standings"]}["grynkewich-authority"]
    assert (standing["grade"], standing["computed_grade"], standing["overridden"]) == (2, 3, True)
    assert standing["contradicted_by"] == ["001_dfb5807d84888d85"]
    suggestion = next(s for s in report["origin_suggestions"] if s["claim"] == "witkoff-kushner")
    assert suggestion["origin"] == "witkoff-remarks" and suggestion["line"] == 162
    assert suggestion["attribution"].startswith("Steve Witkoff, Donald Trump’s special envoy")

"""The command line on a tiny book in a temporary folder: ``check``, ``build``, the help, the options
every command takes, and counts in the singular and the plural."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers.tinybook import make_book, snapshot

from briefbook.cli import build_parser, main
from briefbook.printable import counted

COMMANDS = ("init", "add", "check", "build", "edition", "serve", "export-annotations", "import-annotations")


@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    root = make_book(tmp_path / "book")
    monkeypatch.chdir(root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_check_sound_book_reports_removed_lines_shared_passages_and_candidate_terms(book, capsys):
    status, out, _ = run(capsys, "check")
    assert status == 0
    lines = out.splitlines()
    assert lines[:2] == [
        "seeds/000_alpha.txt: 2 paragraphs, 1 note, 1 line removed",
        "  removed line 1 (headline): Alpha Talks Resume",
    ]
    assert "shared passages: 1" in lines
    assert (
        "  000_alpha paragraph 2 = 002_gamma paragraph 2 (13 words): "
        "'the meeting between the two delegations in Abu Dhabi ended late on Thursday'"
    ) in lines
    assert "  Abu Dhabi (2)" in lines  # twice in the book, not in the glossary
    assert lines[-1] == "ok: 4 articles, 2 notes, 1 glossary entry, 1 claim; no problems"


def test_check_finds_the_book_from_a_subfolder(book, capsys, monkeypatch):
    monkeypatch.chdir(book / "docs")
    status, out, _ = run(capsys, "check")
    assert status == 0
    assert f"{book}/seeds/000_alpha.txt: 2 paragraphs" in out  # not below the current folder: shown in full


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "003_delta.yaml",
            "kind: news",
            "kind: newz",
            "error: seeds/003_delta.yaml:4: 'kind': 'newz' is not allowed; "
            "expected one of: news, analysis, opinion, newsletter; did you mean 'news'?",
        ),
        (
            "001_beta.yaml",
            'title: "Beta weather"',
            'title: "Beta weather',
            "error: seeds/001_beta.yaml:5: YAML error: found unexpected end of stream",
        ),
        (
            "000_alpha.yaml",
            'quote: "suspended in 2021"',
            'quote: "suspended in 2020"',
            "error: seeds/000_alpha.yaml:6: quote 'suspended in 2020' not found in 000_alpha.txt; closest passage "
            "(94% similar) in paragraph 1 (line 3): 'suspended in 2021'",
        ),
        (
            "002_gamma.yaml",
            "claim: suspension-2021",
            "claim: suspension-2012",
            "error: seeds/002_gamma.yaml:6: unknown claim 'suspension-2012' (claims are defined in "
            "claims.yaml); did you mean 'suspension-2021'?",
        ),
        (
            "glossary.yaml",
            "    kind: acronym\n",
            "    kind: acronym\n    expanson: x\n",
            "error: seeds/glossary.yaml:5: unknown key 'expanson' in glossary entry (expected one of: id, "
            "term, kind, expansion, aliases, case, definition, roles, date, until, related, sources); "
            "did you mean 'expansion'?",
        ),
        (
            "claims.yaml",
            'date: "2021"',
            'date: "21"',
            "error: seeds/claims.yaml:4: 'date' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '21'",
        ),
    ],
    ids=["sidecar-schema", "sidecar-yaml", "anchor", "claim-ref", "glossary", "claims"],
)
def test_check_reports_each_kind_of_error_at_file_and_line(book, capsys, file, old, new, expected):
    edit(book / "seeds" / file, old, new)
    before = snapshot(book / "docs")
    status, out, _ = run(capsys, "check")
    assert status == 1
    assert out.splitlines() == [expected, "1 problem found in seeds; nothing was built"]
    assert snapshot(book / "docs") == before  # check writes nothing


def test_check_reports_every_problem_at_once(book, capsys):
    edit(book / "seeds" / "003_delta.yaml", "kind: news", "kind: newz")
    (book / "seeds" / "001_beta.yaml").unlink()
    status, out, _ = run(capsys, "check")
    assert status == 1
    assert out.splitlines() == [
        "error: seeds/001_beta.yaml: missing sidecar for 001_beta.txt (expected title and kind at least)",
        "error: seeds/003_delta.yaml:4: 'kind': 'newz' is not allowed; "
        "expected one of: news, analysis, opinion, newsletter; did you mean 'news'?",
        "2 problems found in seeds; nothing was built",
    ]


def test_check_json_problems(book, capsys):
    edit(book / "seeds" / "003_delta.yaml", "kind: news", "kind: newz")
    edit(book / "seeds" / "001_beta.yaml", 'title: "Beta weather"', 'title: "Beta weather')
    (book / "seeds" / "002_gamma.yaml").unlink()
    status, out, _ = run(capsys, "check", "--json")
    assert status == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert [(p["file"], p["line"], p["code"], p["severity"]) for p in report["problems"]] == [
        ("seeds/001_beta.yaml", 5, "yaml.syntax", "error"),
        ("seeds/002_gamma.yaml", None, "sidecar.missing", "error"),
        ("seeds/003_delta.yaml", 4, "schema.choice", "error"),
    ]
    assert report["problems"][0] == {
        "file": "seeds/001_beta.yaml",
        "line": 5,
        "column": 1,
        "code": "yaml.syntax",
        "severity": "error",
        "message": "YAML error: found unexpected end of stream",
        "hint": None,
    }
    assert report["problems"][2]["message"] == (
        "'kind': 'newz' is not allowed; expected one of: news, analysis, opinion, newsletter"
    )
    assert report["problems"][2]["hint"] == "did you mean 'news'?"


def test_check_json_report_of_a_sound_book(book, capsys):
    status, out, _ = run(capsys, "check", "--json")
    assert status == 0
    report = json.loads(out)
    assert report["ok"] is True and report["problems"] == []
    assert [a["file"] for a in report["articles"]] == [
        f"seeds/{s}.txt" for s in ("000_alpha", "001_beta", "002_gamma", "003_delta")
    ]
    assert report["articles"][0]["removed"] == [{"line": 1, "rule": "headline", "text": "Alpha Talks Resume"}]
    assert report["shared_passages"] == [
        {
            "a": "000_alpha",
            "b": "002_gamma",
            "a_paragraph": 2,
            "b_paragraph": 2,
            "words": 13,
            "text": "the meeting between the two delegations in Abu Dhabi ended late on Thursday",
        }
    ]
    assert report["candidate_terms"] == [{"term": "Abu Dhabi", "count": 2}]


def test_outside_a_book_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _out, err = run(capsys, "check")
    assert status == 1
    assert err == f"error: {tmp_path}: not inside a briefbook book (expected seeds/ and docs/conf.py)\n"


def test_build_html_summary_and_outputs(book, capsys, monkeypatch):
    monkeypatch.chdir(book.parent)  # outside the book, which --root names after the command
    status, out, _ = run(capsys, "build", "--html", "-j", "1", "--root", "book")
    assert status == 0, out
    lines = out.splitlines()
    assert lines[0] == "reading and checking 4 articles in book/seeds ..."
    assert "  html: reading sources 100%" in lines and "  html: writing output 100%" in lines
    # regenerated: the 4 articles, the 5 overview pages (What's new too), the summary, contents and
    # key judgments the front page includes, and the articles by date and by source (2 views, a week
    # and "undated", 3 publishers and "not stated")
    assert lines[-5:] == [
        "  pages: 4 articles + 5 overview pages (20 regenerated)",
        "  notes: 2 editor's notes, 1 shared passage, 1 claim",
        "  glossary: 1 term, 1 mention linked",
        "  warnings: 0",
        "  HTML: book/docs/_build/html/index.html",
    ]
    assert (book / "docs/_build/html/articles/000_alpha.html").is_file()
    # a second build regenerates nothing
    monkeypatch.chdir(book)
    status, out, _ = run(capsys, "build", "--html")
    assert status == 0
    assert "  pages: 4 articles + 5 overview pages (0 regenerated)" in out.splitlines()


def test_build_stops_before_sphinx_on_bad_input(book, capsys):
    edit(book / "seeds" / "003_delta.yaml", "kind: news", "kind: newz")
    status, _out, err = run(capsys, "build", "--html")
    assert status == 1
    assert err.splitlines()[0].startswith("error: seeds/003_delta.yaml:4: 'kind': 'newz' is not allowed")
    assert not (book / "docs" / "_build").exists()
    assert not (book / "docs" / "articles").exists()  # nothing generated either


def test_help_lists_every_command_in_plain_words(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert tuple(re.findall(r"^    ([a-z-]+)", out, re.MULTILINE)) == COMMANDS
    assert "start a new book in a folder (new or empty)" in out
    assert "write every note as a W3C Web Annotation" in out
    assert "``" not in out and ":func:" not in out  # no reStructuredText printed raw
    assert "or from the folder given with --root (before or after the command)" in " ".join(out.split())


@pytest.mark.parametrize("argv", [["--root", "book", "check"], ["check", "--root", "book"]])
def test_root_is_taken_before_or_after_the_command(book, capsys, monkeypatch, argv):
    monkeypatch.chdir(book.parent)
    status, out, err = run(capsys, *argv)
    assert status == 0, err
    assert out.splitlines()[0] == "book/seeds/000_alpha.txt: 2 paragraphs, 1 note, 1 line removed"


def test_a_command_keeps_the_root_given_before_it():
    parser = build_parser()
    assert parser.parse_args(["build", "--html", "--root", "there"]).root == "there"
    assert parser.parse_args(["--root", "there", "build", "--html"]).root == "there"
    assert parser.parse_args(["--root", "there", "build", "--root", "here"]).root == "here"
    assert parser.parse_args(["build"]).root == "."


def test_counts_of_one_are_in_the_singular(book, capsys):
    for stem in ("001_beta", "002_gamma", "003_delta"):  # a book of one article with one note
        (book / "seeds" / f"{stem}.txt").unlink()
        (book / "seeds" / f"{stem}.yaml").unlink()
    status, out, _ = run(capsys, "check")
    assert status == 0
    assert out.splitlines()[-1] == "ok: 1 article, 1 note, 1 glossary entry, 1 claim; no problems"
    assert [counted(n, "glossary entry", "glossary entries") for n in (0, 1, 2)] == [
        "0 glossary entries",
        "1 glossary entry",
        "2 glossary entries",
    ]
    assert counted(1024, "byte") == "1,024 bytes"

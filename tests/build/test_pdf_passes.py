"""The PDF from scratch in two xelatex passes: the first writes every reference and the index's line in
the contents, the second prints them, and a third would change nothing."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import UTC, datetime

from helpers import require_tool
from helpers.tinybook import make_book

from briefbook.cli import main

# the build's fixed date: the newest article's (the tiny book's 2026-02-07, at noon UTC)
NEWEST_ARTICLE = str(int(datetime(2026, 2, 7, 12, tzinfo=UTC).timestamp()))


def test_two_passes_from_scratch_and_a_third_changes_nothing(tmp_path, monkeypatch, capsys):
    require_tool("xelatex", "latexmk", "xindy", "pdftotext")
    root = make_book(tmp_path / "book", pdf=True)
    monkeypatch.chdir(root)
    assert main(["build", "--pdf", "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"latexpdf: (\w+) run", out) == ["xelatex", "xindy", "xelatex"], out
    pdf = root / "docs/_build/latex/tiny.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    contents = next(page for page in text.split("\f") if re.search(r"^Contents$", page, re.MULTILINE))
    assert re.search(r"^\s*Index\s+\d+\s*$", contents, re.MULTILINE), contents  # the index, in the contents
    # a third pass, as latexmk would have run it, makes the very same PDF
    work = root / "docs/_build/.work/latex"
    made = (work / "tiny.pdf").read_bytes()
    env = {**os.environ, "SOURCE_DATE_EPOCH": NEWEST_ARTICLE, "FORCE_SOURCE_DATE": "1"}
    third = subprocess.run(
        ["xelatex", "-interaction=batchmode", "tiny.tex"], cwd=work, env=env, capture_output=True, text=True
    )
    assert third.returncode == 0, third.stdout[-2000:]
    assert (work / "tiny.pdf").read_bytes() == made

"""A tiny book (seeds/ and docs/) written into a temporary folder, for the command-line tests.

Four numbered articles: 000 and 002 report the same claim (002 contradicts it)
and share a passage word for word; 001 and 003 are related to nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ARTICLES = {
    "000_alpha": (
        "Alpha Talks Resume\n\n"
        "The dialogue was suspended in 2021 and restored in February 2026, officials said.\n\n"
        "The announcement was made by EUCOM after the meeting between the two delegations in Abu Dhabi ended late on Thursday.\n",
        'title: "Alpha talks resume"\n'
        'publisher: "The Test Gazette"\n'
        'date: "2026-02-05"\n'
        "kind: news\n"
        "notes:\n"
        '  - quote: "suspended in 2021"\n'
        "    kind: context\n"
        '    note: "The suspension came in late 2021."\n'
        "    claim: suspension-2021\n"
        "    stance: supports\n",
    ),
    "001_beta": (
        "The weather in the capital was mild for the season.\n\nNothing else happened.\n",
        'title: "Beta weather"\npublisher: null\ndate: null\nkind: opinion\n',
    ),
    "002_gamma": (
        "Officials disputed the account; they said the dialogue never stopped.\n\n"
        "Reporters heard that the meeting between the two delegations in Abu Dhabi ended late on Thursday.\n",
        'title: "Gamma wire report"\n'
        'publisher: "Wire"\n'
        'date: "2026-02-06"\n'
        "kind: news\n"
        "notes:\n"
        '  - quote: "the dialogue never stopped"\n'
        "    kind: discrepancy\n"
        '    note: "Contradicts 000."\n'
        "    claim: suspension-2021\n"
        "    stance: contradicts\n",
    ),
    "003_delta": (
        "A quiet day at the ministry, with no statements.\n",
        'title: "Delta quiet day"\npublisher: "Daily"\ndate: "2026-02-07"\nkind: news\n',
    ),
}

GLOSSARY = """terms:
  - id: eucom
    term: EUCOM
    kind: acronym
    expansion: United States European Command
    definition: The U.S. military's command for Europe.
"""

CLAIMS = """claims:
  - id: suspension-2021
    statement: "The dialogue was suspended in 2021."
    date: "2021"
"""

CONF = """extensions = ["briefbook.sphinxext"]
briefbook_seeds = "../seeds"
root_doc = "index"
exclude_patterns = ["_build", "_generated"]
"""

INDEX = """# Tiny book

```{toctree}
:glob:

articles/*
sources
claims
timeline
glossary
```
"""


PRINT = """latex_engine = "xelatex"
latex_documents = [("index", "tiny.tex", "Tiny book", "test", "manual")]
latex_elements = {"fontpkg": "\\\\setmainfont{FreeSerif}\\n\\\\setsansfont{FreeSans}\\n\\\\setmonofont{FreeMono}\\n"}
"""


def make_book(root: Path, pdf: bool = False) -> Path:
    """Write the tiny book into ``root`` (able to print with ``pdf``); return ``root``."""
    seeds, docs = root / "seeds", root / "docs"
    seeds.mkdir(parents=True)
    docs.mkdir()
    for stem, (text, sidecar) in ARTICLES.items():
        (seeds / f"{stem}.txt").write_text(text, "utf-8")
        (seeds / f"{stem}.yaml").write_text(sidecar, "utf-8")
    (seeds / "glossary.yaml").write_text(GLOSSARY, "utf-8")
    (seeds / "claims.yaml").write_text(CLAIMS, "utf-8")
    (docs / "conf.py").write_text(CONF + (PRINT if pdf else ""), "utf-8")
    (docs / "index.md").write_text(INDEX, "utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder, by name, with its bytes (to show that nothing changed)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def sphinx_html(root: Path, *extra: str) -> subprocess.CompletedProcess:
    """Build the book's HTML with sphinx-build, as a user would; return the finished process."""
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
        "-d",
        "docs/_build/doctrees",
        "-W",
        "--keep-going",
        "-n",
        *extra,
    ]
    # plain output: with CI set, Sphinx would colour it and redraw progress on one line
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)


OVERVIEW = ["claims", "glossary", "sources", "timeline", "whatsnew"]
_READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)$", re.MULTILINE)


def pages_read(root: Path, *extra: str) -> list[str]:
    """Build the HTML; return the documents Sphinx read, in its order (for the rebuild tests)."""
    result = sphinx_html(root, *extra)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return _READING.findall(result.stdout)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    later = time.time() + 2  # newer than the last read, whatever the file system's time resolution
    os.utime(path, (later, later))

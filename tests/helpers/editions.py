"""A tiny book taken through three editions, for the tests of editions.

Edition "first" is the tiny book (helpers.tinybook).  Edition "second": two articles added (004
epsilon, with two notes; 005 zeta), a note edited (alpha's), a stance changed (gamma's, from
contradicts to qualifies) and a glossary definition changed (EUCOM).  Edition "third": a note
deleted (one of epsilon's) and an article removed (003 delta).
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from pathlib import Path

from briefbook.cli import main

from .tinybook import edit

EPSILON = (
    "Epsilon Report\n\nOfficials said the channel will reopen next week in Vienna, after a pause.\n",
    'title: "Epsilon reopening"\npublisher: "Post"\ndate: "2026-02-09"\nkind: news\nnotes:\n'
    '  - quote: "next week"\n    kind: context\n    note: "No date was given."\n'
    '  - quote: "in Vienna"\n    kind: analysis\n    note: "Vienna hosts the OSCE."\n',
)
ZETA = (
    "Zeta Column\n\nA columnist doubted that the generals would talk at all.\n",
    'title: "Zeta column"\npublisher: "Weekly"\ndate: "2026-02-10"\nkind: opinion\n',
)
ALPHA_NOTE = ("The suspension came in late 2021.", "The suspension came in the autumn of 2021.")
EUCOM = ("The U.S. military's command for Europe.", "The U.S. unified combatant command for Europe.")


def run(*argv: str) -> tuple[int, str]:
    """A briefbook command, as a user runs it; its status and what it printed (both streams)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(list(argv))
    return status, out.getvalue()


def write(path: Path, text: str) -> None:
    path.write_text(text, "utf-8")
    later = time.time() + 2  # newer than the last build, whatever the file system's time resolution
    os.utime(path, (later, later))


def to_second(root: Path) -> None:
    seeds = root / "seeds"
    for stem, (text, sidecar) in (("004_epsilon", EPSILON), ("005_zeta", ZETA)):
        write(seeds / f"{stem}.txt", text)
        write(seeds / f"{stem}.yaml", sidecar)
    edit(seeds / "000_alpha.yaml", *ALPHA_NOTE)
    edit(seeds / "002_gamma.yaml", "stance: contradicts", "stance: qualifies")
    edit(seeds / "glossary.yaml", *EUCOM)


def to_third(root: Path) -> None:
    seeds = root / "seeds"
    edit(
        seeds / "004_epsilon.yaml",
        '  - quote: "in Vienna"\n    kind: analysis\n    note: "Vienna hosts the OSCE."\n',
        "",
    )
    for suffix in (".txt", ".yaml"):
        (seeds / f"003_delta{suffix}").unlink()


def cut(root: Path, name: str, day: str) -> str:
    status, out = run("edition", name, "--date", day, "--root", str(root))
    assert status == 0, out
    return out


# The seeds book after its first edition, as an editor might change it (for the pages' looks and
# their accessibility): a note reworded, a note added, a glossary definition sharpened.
SEEDS_NOTE = (
    "Consistent with a suspension in 2021.",
    "Consistent with a suspension in the fall of 2021, the date EUCOM's statement gives.",
)
SEEDS_ADDED = (
    '  - quote: "The move could signal a step toward normalising some ties"\n'
    "    kind: analysis\n"
    "    note: >-\n"
    "      The report's own reading: it is not attributed to the statement or to an official.\n\n"
)
SEEDS_KREMLIN = ("The fortified complex in central Moscow", "The walled complex in central Moscow")


def edit_seeds(root: Path) -> None:
    seeds = root / "seeds"
    edit(seeds / "003_aacb11e1eea10760.yaml", *SEEDS_NOTE)
    edit(seeds / "002_72b9c12019795750.yaml", "notes:\n", "notes:\n" + SEEDS_ADDED)
    edit(seeds / "glossary.yaml", *SEEDS_KREMLIN)

"""``briefbook add`` under faults: concurrent adds, kills at every step, Ctrl-C, links, copies, odd names."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.tinybook import make_book, snapshot

from briefbook.book import load_book
from briefbook.cli import main
from briefbook.intake.seedwrite import KILL_AT_VARIABLE, STAGING_PREFIX
from briefbook.names import article_paths
from briefbook.printable import printable

ARTICLE = (
    "Harbour Talks Resume\n\nBy Jane Doe\n\n"
    "Delegations met in the harbour city on Thursday and agreed to meet again in March.\n\n"
    "The talks covered fishing rights, the shared lighthouse and the ferry timetable.\n"
)


@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    root = make_book(tmp_path / "book")
    monkeypatch.chdir(root)
    return root


def run_add(book: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefbook", "add", *args],
        cwd=book,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def article_text(n: int) -> str:
    return ARTICLE.replace("Thursday", f"day {n}").replace("Harbour Talks", f"Harbour Talks {n}")


def test_six_adds_at_once_take_distinct_numbers_and_add_a_text_once(book, tmp_path):
    sources = []
    for n in range(6):
        path = tmp_path / f"story {n}.txt"
        path.write_text(article_text(n), "utf-8")
        sources.append(path)
    twin = tmp_path / "story 0 again.txt"
    twin.write_bytes(sources[0].read_bytes().replace(b"\n", b"\r\n"))  # the same article, CRLF
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "briefbook", "add", str(path)],
            cwd=book,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in [*sources, twin]
    ]
    results = [(p.wait(timeout=180), *p.communicate()) for p in processes]
    statuses = [status for status, _, _ in results]
    assert sorted(statuses) == [0] * 6 + [1]
    refused = next(err for status, _, err in results if status)
    assert "already in the book as seeds/" in refused and ("same text" in refused or "same bytes" in refused)
    stems = [p.stem for p in article_paths(book / "seeds")]
    numbers = [stem[:3] for stem in stems]
    assert numbers == ["000", "001", "002", "003", "004", "005", "006", "007", "008", "009"]
    assert all((book / "seeds" / f"{stem}.yaml").exists() for stem in stems)
    assert not list((book / "seeds").glob(f"{STAGING_PREFIX}*"))
    assert len(load_book(book / "seeds").articles) == 10


MOMENTS = ["staged", "placed.yaml", "placed.txt", "committed"]


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_kill_at_any_step_leaves_both_files_or_neither(book, tmp_path, moment):
    source = tmp_path / "story.txt"
    source.write_text(ARTICLE, "utf-8")
    before = snapshot(book / "seeds")
    killed = run_add(book, str(source), env={KILL_AT_VARIABLE: moment})
    assert killed.returncode == -signal.SIGKILL
    committed = moment in ("placed.txt", "committed")
    # whatever the moment, the book reads: no article without its sidecar
    load_book(book / "seeds")
    texts = [p for p in article_paths(book / "seeds") if p.name not in before]
    assert len(texts) == (1 if committed else 0)
    assert all(p.with_suffix(".yaml").exists() for p in texts)
    # the next add settles what was left, and then behaves as if the kill had come before or after
    again = run_add(book, str(source))
    leftovers = list((book / "seeds").glob(f"{STAGING_PREFIX}*"))
    assert not leftovers
    if committed:
        assert again.returncode == 1
        assert "already in the book as seeds/004_story_" in again.stderr
    else:
        assert again.returncode == 0, again.stderr
        assert "taking it in: undid an interrupted add of 004_story_" in again.stdout
        new = sorted(p.name for p in (book / "seeds").iterdir() if p.name not in before)
        stem = article_paths(book / "seeds")[-1].stem
        assert new == [f"{stem}.txt", f"{stem}.yaml"]


def test_check_settles_an_interrupted_add_too(book, tmp_path):
    source = tmp_path / "story.txt"
    source.write_text(ARTICLE, "utf-8")
    before = snapshot(book / "seeds")
    run_add(book, str(source), env={KILL_AT_VARIABLE: "placed.yaml"})
    assert any(p.name.startswith(STAGING_PREFIX) for p in (book / "seeds").iterdir())
    checked = subprocess.run(
        [sys.executable, "-m", "briefbook", "check"], cwd=book, capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "undid an interrupted add of 004_story_" in checked.stderr
    assert snapshot(book / "seeds") == before


@pytest.mark.parametrize("signal_name", ["INT", "TERM"])
@pytest.mark.parametrize("moment", ["staged", "placed.yaml", "placed.txt"])
def test_ctrl_c_or_sigterm_leaves_nothing(book, tmp_path, moment, signal_name):
    source = tmp_path / "story.txt"
    source.write_text(ARTICLE, "utf-8")
    before = snapshot(book / "seeds")
    interrupted = run_add(book, str(source), env={KILL_AT_VARIABLE: f"{moment}:{signal_name}"})
    assert interrupted.returncode == 130
    assert interrupted.stderr == "interrupted; nothing was added\n"
    assert snapshot(book / "seeds") == before


def test_a_symbolic_link_is_reported_and_not_followed(book, tmp_path, capsys):
    link = tmp_path / "article.txt"
    link.symlink_to("/etc/passwd")
    before = snapshot(book / "seeds")
    assert main(["add", str(link)]) == 1
    assert capsys.readouterr().err == (
        f"error: {link}: a symbolic link (to /etc/passwd); briefbook add does not follow links, "
        "so nothing was added; add the file itself if it is the article\n"
    )
    assert snapshot(book / "seeds") == before


def test_line_end_and_encoding_variants_are_the_same_article(book, tmp_path, capsys):
    original = tmp_path / "a.txt"
    original.write_text(ARTICLE.replace("Delegations", "“Delegations”"), "utf-8")
    assert main(["add", str(original)]) == 0
    added = next((book / "seeds").glob("004_a_*.txt"))
    before = snapshot(book / "seeds")
    variants = {
        "crlf.txt": original.read_bytes().replace(b"\n", b"\r\n"),
        "cp1252.txt": original.read_text("utf-8").encode("cp1252"),
        "trailing.txt": original.read_bytes().replace(b".\n", b".  \n") + b"\n\n",
    }
    capsys.readouterr()
    for name, data in variants.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["add", str(path)]) == 1
        assert capsys.readouterr().err == (
            f"error: {path}: already in the book as seeds/{added.name} (the same text); nothing was added\n"
        )
    assert snapshot(book / "seeds") == before


def test_control_characters_in_names_are_shown_escaped(book, tmp_path, capsys):
    name = "evil\x1b[2J\x1b[31mred\u202etxt.txt"
    source = tmp_path / name
    source.write_text(ARTICLE, "utf-8")
    assert main(["add", str(source)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert next((book / "seeds").glob("004_evil-2j-31mredtxt_*.txt"))
    empty = tmp_path / "empty\x1b[31m.txt"
    empty.write_bytes(b"")
    assert main(["add", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path}/empty\\x1b[31m.txt: the file is empty (expected the article's text)\n"
    assert printable("a\x1b[0m\u202eb\tc") == "a\\x1b[0m\\u202eb\\x09c"
    latin1 = tmp_path / os.fsdecode(b"caf\xe9.txt")  # a name that is not UTF-8
    latin1.write_text(ARTICLE.replace("Harbour", "Harbor"), "utf-8")
    assert main(["add", str(latin1)]) == 0
    capsys.readouterr()
    assert main(["add", str(latin1)]) == 1  # again: the error names the file, its bad byte escaped
    assert capsys.readouterr().err.startswith(f"error: {tmp_path}/caf\\udce9.txt: already in the book")
    sidecar = next((book / "seeds").glob("005_caf_*.yaml")).read_text("utf-8")
    assert 'file: "caf\ufffd.txt"' in sidecar

"""init with names that are not text, links, and a failure half way: refused before anything is
made, or undone; a second init always works."""

from __future__ import annotations

import builtins
import os

import pytest

from briefbook.cli import main
from briefbook.intake import newbook


def init(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["init", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_a_folder_name_that_is_not_utf8_needs_a_title(tmp_path, capsys):
    folder = tmp_path / os.fsdecode(b"caf\xe9-book")  # the name's byte kept as a surrogate
    status, _, err = init(capsys, str(folder))
    assert status == 1 and "not valid UTF-8 text" in err and "give one with --title" in err
    assert not folder.exists()  # nothing half-made
    status, _out, err = init(capsys, str(folder), "--title", "Cafe talks")
    assert status == 0 and (folder / "docs" / "conf.py").is_file()


def test_a_title_or_editor_that_is_not_text_is_refused_before_anything_is_made(tmp_path, capsys):
    folder = tmp_path / "book"
    for option, value in (
        ("--title", os.fsdecode(b"Talks \xff")),
        ("--editor", os.fsdecode(b"J. \xe9")),
        ("--title", "Talks \x1b[31m red"),
        ("--editor", "A \x07 bell"),
    ):
        status, _out, err = init(capsys, str(folder), option, value)
        assert status == 1 and option in err, err
        assert not folder.exists()
    assert init(capsys, str(folder), "--title", "Talks")[0] == 0


def test_a_failure_half_way_leaves_nothing_and_a_second_init_works(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "book"
    real_open, opened = builtins.open, []

    def failing_open(path, mode="r", *args, **kwargs):
        if mode == "x":
            opened.append(path)
            if len(opened) == 4:
                raise OSError(28, "No space left on device", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(newbook, "open", failing_open, raising=False)
    status, _out, err = init(capsys, str(folder))
    assert status == 1 and "No space left on device; nothing was left behind" in err
    assert not folder.exists()
    folder.mkdir()  # an empty folder the user made stays, empty
    opened.clear()
    assert init(capsys, str(folder))[0] == 1 and list(folder.iterdir()) == []
    monkeypatch.undo()
    assert init(capsys, str(folder))[0] == 0


def test_a_link_to_a_folder_is_followed(tmp_path, capsys):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    status, _, _ = init(capsys, str(link), "--title", "Talks")
    assert status == 0 and (real / "docs" / "conf.py").is_file() and link.is_symlink()
    to_file = tmp_path / "to-file"
    (tmp_path / "file").write_text("x", "utf-8")
    to_file.symlink_to(tmp_path / "file")
    status, _, err = init(capsys, str(to_file))
    assert status == 1 and "a link to something that is not a folder" in err
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nothing")
    status, _out, err = init(capsys, str(dangling))
    assert status == 1 and "a link to nothing" in err


@pytest.mark.parametrize("name", ["plain", "with space"])
def test_plain_names_still_make_a_book(tmp_path, capsys, name):
    assert init(capsys, str(tmp_path / name))[0] == 0
    assert (tmp_path / name / "seeds" / "glossary.yaml").is_file()

"""Where briefbook writes a file a user names: export-annotations -o TARGET.  Never read first;
'-' and streams (pipes, FIFOs, devices) written through; folders, sockets, disks refused;
symbolic links written through (the link stays, what it points to gets the text)."""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from helpers.tinybook import make_book

from briefbook.cli import main


@pytest.fixture
def book(tmp_path: Path, monkeypatch) -> Path:
    root = make_book(tmp_path / "book")
    monkeypatch.chdir(root)
    return root


def export(capsys, target: str) -> tuple[int, str, str]:
    status = main(["export-annotations", "-o", target])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_a_regular_file_is_replaced_without_being_read(book, tmp_path, capsys):
    target = tmp_path / "notes.jsonld"
    with target.open("wb") as handle:  # sparse, 8 GB: reading it first would take minutes and memory
        handle.truncate(8 * 1024**3)
    target.chmod(0o640)
    status, out, _err = export(capsys, str(target))
    assert status == 0 and out.startswith("wrote 2 annotations to ")
    assert json.loads(target.read_text("utf-8"))["total"] == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # its mode kept


def device(folder: Path, name: str, minor: int) -> Path:
    """A device node of the test's own, like /dev/null (minor 3) or /dev/full (7): a briefbook that
    replaced its target by a file must not replace the system's."""
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def test_devices_are_written_through_and_stay_devices(book, tmp_path, capsys):
    null, full = device(tmp_path, "null", 3), device(tmp_path, "full", 7)
    status, _, _ = export(capsys, str(null))
    assert status == 0 and stat.S_ISCHR(null.stat().st_mode)
    status, _out, err = export(capsys, str(full))
    assert status == 1 and err.strip() == f"error: {full}: cannot write: No space left on device"
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_fifo_is_written_through_to_its_reader(book, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    status, out, err = export(capsys, str(fifo))
    reader.join(10)
    assert status == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(got[0])["total"] == 2
    assert "wrote 2 annotations" in err and out == ""  # the summary keeps out of a stream's way


def test_a_symlink_is_written_through(book, tmp_path, capsys):
    real = tmp_path / "real.jsonld"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.jsonld"
    link.symlink_to(real)
    status, _out, _err = export(capsys, str(link))
    assert status == 0 and link.is_symlink() and json.loads(real.read_text("utf-8"))["total"] == 2
    dangling = tmp_path / "dangling.jsonld"
    dangling.symlink_to(tmp_path / "made.jsonld")
    assert export(capsys, str(dangling))[0] == 0
    assert dangling.is_symlink() and json.loads((tmp_path / "made.jsonld").read_text("utf-8"))["total"] == 2


def test_folders_sockets_and_missing_folders_are_refused(book, tmp_path, capsys):
    status, _, err = export(capsys, str(tmp_path))
    assert status == 1 and "is a folder; nothing was written" in err
    with socket.socket(socket.AF_UNIX) as sock:
        path = tmp_path / "sock"
        sock.bind(str(path))
        status, _, err = export(capsys, str(path))
        assert status == 1 and "is a socket; nothing was written" in err
    status, _out, err = export(capsys, str(tmp_path / "no" / "such" / "folder.jsonld"))
    assert status == 1 and "cannot write: No such file or directory" in err


def test_dash_is_standard_output(book, capsys):
    status, out, _err = export(capsys, "-")
    assert status == 0 and json.loads(out)["total"] == 2

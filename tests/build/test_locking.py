"""The book's lock: a second run waits (and says for whom), gives up after a timeout with one line,
excludes threads too, and never outlives its holder."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefbook.locking import LOCK_FILE, BookLock, LockTimeout

HOLDER = """
import sys, time
from briefbook.locking import BookLock
with BookLock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold(folder: Path, seconds: float) -> subprocess.Popen:
    """Another process that takes the book's lock and keeps it for ``seconds``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), str(seconds)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def test_a_second_run_waits_and_says_once_which_process_holds_the_lock(tmp_path):
    holder = hold(tmp_path, 1.0)
    said = io.StringIO()
    started = time.monotonic()
    with BookLock(tmp_path, messages=said):
        waited = time.monotonic() - started
    holder.wait(timeout=10)
    assert said.getvalue().splitlines() == [
        f"briefbook: another briefbook run (pid {holder.pid}) holds the lock on {tmp_path.resolve()}; "
        "waiting for it"
    ]
    assert waited > 0.5  # it waited for the holder to finish
    assert (tmp_path / LOCK_FILE).read_text().strip() == str(os.getpid())  # the last holder's pid


def test_with_a_timeout_a_second_run_gives_up_with_one_line(tmp_path):
    holder = hold(tmp_path, 30)
    try:
        with pytest.raises(LockTimeout) as caught, BookLock(tmp_path, timeout=0.3, messages=io.StringIO()):
            pass
        message = str(caught.value)
        assert "\n" not in message
        assert message == (
            f"{tmp_path.resolve()}: another briefbook run (pid {holder.pid}) has held the book's lock "
            "for more than 0.3 s; try again when it has finished"
        )
    finally:
        os.kill(holder.pid, signal.SIGTERM)
        holder.wait(timeout=10)


def test_a_killed_holder_leaves_the_book_unlocked(tmp_path):
    holder = hold(tmp_path, 30)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    said = io.StringIO()
    with BookLock(tmp_path, timeout=2, messages=said):
        pass
    assert said.getvalue() == ""  # nothing to wait for: the kernel released the lock with its holder


def test_threads_of_one_process_exclude_each_other(tmp_path):
    inside: list[str] = []
    overlaps: list[str] = []

    def work(name: str) -> None:
        for _ in range(3):
            with BookLock(tmp_path, messages=io.StringIO()):
                if inside:
                    overlaps.append(f"{name} entered while {inside[0]} was inside")
                inside.append(name)
                time.sleep(0.02)
                inside.remove(name)

    threads = [threading.Thread(target=work, args=(f"thread {i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert overlaps == []


def test_a_holder_may_take_its_lock_again(tmp_path):
    lock = BookLock(tmp_path, timeout=1)
    with lock, BookLock(tmp_path, timeout=1) as inner:
        assert inner.held
    assert not lock.held
    holder = hold(tmp_path, 0)  # released for good: another process takes it at once
    holder.wait(timeout=10)

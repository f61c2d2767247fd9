"""Fault injection: builds killed at many moments, builds run at once, full disks.

What a reader meets afterwards is asserted each time: the published site and PDF are exactly the
previous ones or exactly the new ones, never a mix, and the next build, with no cleanup, publishes
exactly what an uninterrupted build of the same inputs publishes.

The number of kills is seeded and bounded for ``make test``; set ``BRIEFBOOK_FAULT_KILLS`` to try
more (the figures in the project's notes come from larger runs).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import require_tool
from helpers.tinybook import make_book

KILLS = int(os.environ.get("BRIEFBOOK_FAULT_KILLS", "8"))
SEED = 20260205


def briefbook(root: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "briefbook", "--root", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: a kill reaches Sphinx and latexmk too
    )


def build(root: Path, *args: str) -> str:
    process = briefbook(root, "build", *args)
    out, _ = process.communicate(timeout=600)
    assert process.returncode == 0, out[-3000:]
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def site(root: Path) -> dict[str, bytes]:
    return snapshot(root / "docs/_build/html")


def edit_note(root: Path) -> None:
    sidecar = root / "seeds" / "002_gamma.yaml"
    sidecar.write_text(
        sidecar.read_text("utf-8").replace("Contradicts 000.", "Contradicts 000, flatly."), "utf-8"
    )


def unedit_note(root: Path) -> None:
    sidecar = root / "seeds" / "002_gamma.yaml"
    sidecar.write_text(
        sidecar.read_text("utf-8").replace("Contradicts 000, flatly.", "Contradicts 000."), "utf-8"
    )


def kill_after(process: subprocess.Popen, delay: float, how: int) -> bool:
    """Kill the build's whole process group after ``delay`` s; False if it had finished by then."""
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, how)
        process.communicate()
        return True


def test_killed_html_builds_leave_the_site_whole_and_the_next_build_is_right(tmp_path):
    # the new site, as an uninterrupted build makes it
    reference = make_book(tmp_path / "reference")
    build(reference, "--html")
    edit_note(reference)
    shutil.rmtree(reference / "docs/_build/.work")  # a build after a kill starts afresh: time one
    started = time.monotonic()
    build(reference, "--html")
    duration = time.monotonic() - started
    new_site = site(reference)

    root = make_book(tmp_path / "book")
    build(root, "--html")
    old_site = site(root)
    assert old_site != new_site
    edit_note(root)
    rng = random.Random(SEED)
    seen = {"old": 0, "new": 0}  # what the reader finds after each kill
    for attempt in range(3 * KILLS):
        if sum(seen.values()) == KILLS:
            break
        # anywhere in the build: from its start to near its end (after a kill it starts afresh)
        delay = rng.uniform(0.02, 0.95 * duration)
        how = signal.SIGKILL if attempt % 3 else signal.SIGINT
        if not kill_after(briefbook(root, "build", "--html"), delay, how):
            # it finished first (a machine whose load falls builds faster than when the build was
            # timed): the next delays fall within the time this one took; go back to the old site
            # and edit again, so the next kill still falls in a build that changes what is seen
            duration = delay
            unedit_note(root)
            build(root, "--html")
            assert site(root) == old_site
            edit_note(root)
            continue
        now = site(root)
        assert now in (old_site, new_site), (
            f"after a kill at {delay:.2f} s the site is neither the old nor the new"
        )
        seen["old" if now == old_site else "new"] += 1
    out = build(root, "--html")
    assert site(root) == new_site, "the build after the kills did not publish what an uninterrupted one does"
    killed = sum(seen.values())
    print(
        f"HTML: {killed} builds killed; then the previous site {seen['old']} times, the new one {seen['new']}"
    )
    assert killed >= min(KILLS, 3), f"only {killed} builds were killed; the delays are too long"
    html = (root / "docs/_build/html/articles/002_gamma.html").read_text("utf-8")
    assert "Contradicts 000, flatly." in html
    assert "built in" in out


def test_a_failed_build_publishes_nothing_and_the_next_one_reports_again(tmp_path):
    root = make_book(tmp_path / "book")
    build(root, "--html")
    old_site = site(root)
    # a hand-written page linking to a page that does not exist: Sphinx fails with -n -W
    index = root / "docs" / "index.md"
    original = index.read_text("utf-8")
    index.write_text(original + "\nSee {doc}`nowhere`.\n", "utf-8")
    edit_note(root)
    for _ in range(2):  # the second run must fail again, not find "nothing to do"
        process = briefbook(root, "build", "--html")
        out, _ = process.communicate(timeout=600)
        assert process.returncode != 0, out
        assert "unknown document: 'nowhere'" in out
        assert "the published site and PDF are unchanged" in out
        assert site(root) == old_site
    index.write_text(original, "utf-8")
    build(root, "--html")
    assert "Contradicts 000, flatly." in (root / "docs/_build/html/articles/002_gamma.html").read_text(
        "utf-8"
    )


def test_publishing_shares_unchanged_files_with_the_old_site_and_none_with_the_work_folder(tmp_path):
    root = make_book(tmp_path / "book")
    build(root, "--html")
    published, work = root / "docs/_build/html", root / "docs/_build/.work/html"
    before = {rel: (published / rel).stat().st_ino for rel in site(root)}
    edit_note(root)
    build(root, "--html")
    after = {rel: (published / rel).stat().st_ino for rel in site(root)}
    kept = {rel for rel in after if before.get(rel) == after[rel]}
    # the edited article's page is new; unchanged files (the theme's, a page Sphinx did not write)
    # are the previous site's own, linked, not copied again
    assert "articles/002_gamma.html" not in kept
    assert "Contradicts 000, flatly." in (published / "articles/002_gamma.html").read_text("utf-8")
    assert "_static/briefbook.css" in kept and "articles/001_beta.html" in kept
    # Sphinx rewrites files in its work folder in place: none of them may be a published file
    shared = [rel for rel in after if (work / rel).exists() and (work / rel).stat().st_ino == after[rel]]
    assert shared == []
    assert site(root) == snapshot(work)


def test_two_builds_at_once_take_turns(tmp_path):
    root = make_book(tmp_path / "book")
    build(root, "--html")
    edit_note(root)
    first, second = briefbook(root, "build", "--html"), briefbook(root, "build", "--html")
    outputs = [p.communicate(timeout=600)[0] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert any("holds the lock" in out for out in outputs), "the second build did not wait for the first"
    assert "Contradicts 000, flatly." in (root / "docs/_build/html/articles/002_gamma.html").read_text(
        "utf-8"
    )


@pytest.mark.slow
def test_killed_pdf_builds_leave_the_pdf_whole_and_the_next_build_is_right(tmp_path):
    require_tool("xelatex", "latexmk")
    reference = make_book(tmp_path / "reference", pdf=True)
    build(reference, "--pdf")
    edit_note(reference)
    shutil.rmtree(reference / "docs/_build/.work")  # a build after a kill starts afresh: time one
    started = time.monotonic()
    build(reference, "--pdf")
    duration = time.monotonic() - started
    new_pdf = (reference / "docs/_build/latex/tiny.pdf").read_bytes()

    root = make_book(tmp_path / "book", pdf=True)
    build(root, "--pdf")
    pdf = root / "docs/_build/latex/tiny.pdf"
    old_pdf = pdf.read_bytes()
    assert old_pdf != new_pdf
    edit_note(root)
    rng = random.Random(SEED)
    seen = {"old": 0, "new": 0}
    for _ in range(max(2, KILLS // 2)):  # PDF builds are slower: half as many kills
        delay = rng.uniform(0.02, 0.95 * duration)
        if not kill_after(briefbook(root, "build", "--pdf"), delay, signal.SIGKILL):
            break
        now = pdf.read_bytes()
        assert now in (old_pdf, new_pdf), (
            f"after a kill at {delay:.1f} s the PDF is neither the old nor the new"
        )
        seen["old" if now == old_pdf else "new"] += 1
    build(root, "--pdf")
    assert pdf.read_bytes() == new_pdf, "the PDF after the kills differs from an uninterrupted build's"
    print(
        f"PDF: {sum(seen.values())} builds killed; then the previous PDF {seen['old']} times, the new one {seen['new']}"
    )


@contextmanager
def tmpfs(folder: Path, options: str):
    """A small file system mounted on ``folder`` (made first) for the block; skipped where mounting
    is not allowed."""
    folder.mkdir(parents=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_full_disk_is_one_clear_line_and_the_site_stays(tmp_path):
    root = make_book(tmp_path / "book")
    build_dir = root / "docs/_build"
    with tmpfs(build_dir, "size=3m"):
        build(root, "--html")
        old_site = site(root)
        filler = build_dir / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True)  # fill it up
        edit_note(root)
        shutil.rmtree(build_dir / ".work")  # a build from scratch needs room
        process = briefbook(root, "build", "--html")
        out, _ = process.communicate(timeout=600)
        assert process.returncode == 1, out
        assert "No space left on device" in out
        assert "Traceback" not in out
        error = [line for line in out.splitlines() if line.startswith("error:")]
        assert len(error) == 1 and "docs/_build" in error[0], out
        assert site(root) == old_site
        filler.unlink()
        build(root, "--html")
        assert "Contradicts 000, flatly." in (root / "docs/_build/html/articles/002_gamma.html").read_text(
            "utf-8"
        )


def test_a_read_only_build_folder_is_one_clear_line(tmp_path):
    root = make_book(tmp_path / "book")
    with tmpfs(root / "docs/_build", "ro,size=1m"):
        process = briefbook(root, "build", "--html")
        out, _ = process.communicate(timeout=600)
        assert process.returncode == 1, out
        assert "Traceback" not in out
        [error] = [line for line in out.splitlines() if line.startswith("error:")]
        assert "docs/_build" in error and error.endswith("Read-only file system"), out
